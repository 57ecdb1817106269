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
    let en_io = |chemin: &Path| {
        let chemin = chemin.to_path_buf();
        move |erreur| ErreurExport::Fichier { chemin, erreur }
    };
    // Nothing half-written, nothing followed: both files are written under private
    // temporary names and put in place only when both are complete and on disk (a full disk
    // leaves the previous export as it was; a symlink at a target is replaced, not followed).
    let ouvrir = |chemin: &Path| {
        crate::fichiers::Provisoire::creer(chemin, crate::fichiers::SiExiste::Remplacer)
            .map_err(en_io(chemin))
    };
    let avec_chemin = |e: ErreurExport, chemin: &Path| match e {
        ErreurExport::Fichier { erreur, .. } => ErreurExport::Fichier {
            chemin: chemin.to_path_buf(),
            erreur,
        },
        autre => autre,
    };
    for cible in [&fichier_personnes, &fichier_evenements] {
        if cible.is_dir() {
            return Err(en_io(cible)(std::io::ErrorKind::IsADirectory.into()));
        }
    }
    let mut tmp_personnes = ouvrir(&fichier_personnes)?;
    let mut tmp_evenements = ouvrir(&fichier_evenements)?;
    // One read transaction: the two files describe the same moment.
    let (personnes, evenements) = store.lire(|| -> Result<(usize, usize), ErreurExport> {
        let personnes = ecrire_personnes(store, &mut tmp_personnes)
            .map_err(|e| avec_chemin(e, &fichier_personnes))?;
        let evenements = ecrire_evenements(store, &mut tmp_evenements)
            .map_err(|e| avec_chemin(e, &fichier_evenements))?;
        Ok((personnes, evenements))
    })?;
    crate::fichiers::valider_ensemble(vec![tmp_personnes, tmp_evenements])
        .map_err(en_io(dossier))?;
    Ok(BilanExport {
        personnes,
        evenements,
        fichier_personnes,
        fichier_evenements,
    })
}
