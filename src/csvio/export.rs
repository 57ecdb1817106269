//! `vigie export donnees`: the whole database as `personnes.csv` and `evenements.csv`, in
//! exactly the import format (docs/fichiers.md §3): people by reference; events by reference, date,
//! then insertion order; dates `AAAA-MM-JJ`; LF line ends; no BOM; formula escaping.

use super::Ecrivain;
use super::lignes::{
    COLONNES_EVENEMENTS, COLONNES_PERSONNES, ecrire_evenement, ecrire_personne, noms,
};
use crate::store::{ErreurStore, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilanExport {
    pub personnes: usize,
    pub evenements: usize,
    pub fichier_personnes: PathBuf,
    pub fichier_evenements: PathBuf,
}

#[derive(Debug)]
pub enum ErreurExport {
    Store(ErreurStore),
    Fichier {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
}

impl From<ErreurStore> for ErreurExport {
    fn from(e: ErreurStore) -> Self {
        ErreurExport::Store(e)
    }
}

/// Writes `personnes.csv` (every person, by reference); returns how many.
pub fn ecrire_personnes<W: Write>(store: &Store, sortie: W) -> Result<usize, ErreurExport> {
    let mut w = Ecrivain::new(sortie);
    let en_io = |erreur| ErreurExport::Fichier {
        chemin: PathBuf::from("personnes.csv"),
        erreur,
    };
    w.entete(&noms(COLONNES_PERSONNES)).map_err(en_io)?;
    let personnes = store.personnes()?;
    for p in &personnes {
        ecrire_personne(&mut w, p).map_err(en_io)?;
    }
    w.terminer().and_then(|mut s| s.flush()).map_err(en_io)?;
    Ok(personnes.len())
}

/// Writes `evenements.csv` (by reference, date, insertion order), streaming from the
/// database; returns how many.
pub fn ecrire_evenements<W: Write>(store: &Store, sortie: W) -> Result<usize, ErreurExport> {
    let mut w = Ecrivain::new(sortie);
    let en_io = |erreur| ErreurExport::Fichier {
        chemin: PathBuf::from("evenements.csv"),
        erreur,
    };
    w.entete(&noms(COLONNES_EVENEMENTS)).map_err(en_io)?;
    let mut n = 0;
    store.pour_chaque_evenement_par_reference(|reference, e| {
        ecrire_evenement(&mut w, reference, &e).map_err(en_io)?;
        n += 1;
        Ok::<_, ErreurExport>(())
    })?;
    w.terminer().and_then(|mut s| s.flush()).map_err(en_io)?;
    Ok(n)
}

/// Writes `dossier/personnes.csv` and `dossier/evenements.csv` (the folder is created if
/// needed; existing files are replaced). Both are read in one snapshot.
pub fn exporter_donnees(store: &Store, dossier: &Path) -> Result<BilanExport, ErreurExport> {
    crate::fichiers::dossier_de_sortie(dossier).map_err(|erreur| ErreurExport::Fichier {
        chemin: dossier.to_path_buf(),
        erreur,
    })?;
    let fichier_personnes = dossier.join("personnes.csv");
    let fichier_evenements = dossier.join("evenements.csv");
    // Nothing half-written: both files are written under temporary names, and put in place
    // only when both are complete (a full disk leaves the previous export as it was).
    let provisoire = |chemin: &Path| {
        let mut p = chemin.as_os_str().to_owned();
        p.push(".partiel");
        PathBuf::from(p)
    };
    let (tmp_personnes, tmp_evenements) = (
        provisoire(&fichier_personnes),
        provisoire(&fichier_evenements),
    );
    for cible in [&fichier_personnes, &fichier_evenements] {
        if cible.is_dir() {
            return Err(ErreurExport::Fichier {
                chemin: cible.clone(),
                erreur: std::io::Error::from(std::io::ErrorKind::IsADirectory),
            });
        }
    }
    // Personal data: readable by the owner only (Unix).
    let ouvrir = |chemin: &Path| {
        let _ = std::fs::remove_file(chemin);
        crate::fichiers::creer_prive(chemin, crate::fichiers::SiExiste::Refuser)
            .map(std::io::BufWriter::new)
            .map_err(|erreur| ErreurExport::Fichier {
                chemin: chemin.to_path_buf(),
                erreur,
            })
    };
    let avec_chemin = |e: ErreurExport, chemin: &Path| match e {
        ErreurExport::Fichier { erreur, .. } => ErreurExport::Fichier {
            chemin: chemin.to_path_buf(),
            erreur,
        },
        autre => autre,
    };
    // One read transaction: the two files describe the same moment.
    let resultat = store.lire(|| -> Result<(usize, usize), ErreurExport> {
        let personnes = ecrire_personnes(store, ouvrir(&tmp_personnes)?)
            .map_err(|e| avec_chemin(e, &fichier_personnes))?;
        let evenements = ecrire_evenements(store, ouvrir(&tmp_evenements)?)
            .map_err(|e| avec_chemin(e, &fichier_evenements))?;
        Ok((personnes, evenements))
    });
    let resultat = resultat.and_then(|n| {
        for (tmp, cible) in [
            (&tmp_personnes, &fichier_personnes),
            (&tmp_evenements, &fichier_evenements),
        ] {
            std::fs::rename(tmp, cible).map_err(|erreur| ErreurExport::Fichier {
                chemin: cible.clone(),
                erreur,
            })?;
        }
        Ok(n)
    });
    let _ = std::fs::remove_file(&tmp_personnes);
    let _ = std::fs::remove_file(&tmp_evenements);
    let (personnes, evenements) = resultat?;
    Ok(BilanExport {
        personnes,
        evenements,
        fichier_personnes,
        fichier_evenements,
    })
}
