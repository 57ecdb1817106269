//! Data protection (docs/produit.md item 8): right of access (one person's data as files), right
//! to erasure (one transaction, journalled), retention (anonymization of closed files that
//! keeps every figure the statistics read), and consistent encrypted backups.
//!
//! Every write goes through `Store::ecrire`. Deleted text must not linger on disk: the store
//! runs with `secure_delete`, and after a purge or an erasure the WAL is checkpointed and
//! truncated (a purge also rebuilds the file with `VACUUM`).

pub mod restauration;

use crate::csvio::Ecrivain;
use crate::csvio::lignes::{
    COLONNES_EVENEMENTS, COLONNES_PERSONNES, ecrire_evenement, ecrire_personne, noms,
};
use crate::domain::{Personne, date_iso};
use crate::fichiers::{Provisoire, SiExiste};
use crate::store::{ErreurStore, REFERENCE_EFFACEE, ResultatStore, Store, journaliser};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::store::{NOM_ANONYME, PREFIXE_ANONYME};

/// An error while writing a file (with its path) or reading the database.
#[derive(Debug)]
pub enum ErreurProtection {
    Store(ErreurStore),
    Fichier {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
    /// The backup target already exists.
    FichierExistant(PathBuf),
}

impl From<ErreurStore> for ErreurProtection {
    fn from(e: ErreurStore) -> Self {
        ErreurProtection::Store(e)
    }
}

/// Starts writing a file readable by its owner only (Unix), replacing any file there (a
/// symlink is replaced, never followed); it appears only when `valider_ensemble` says so.
fn creer_prive(chemin: &Path) -> Result<Provisoire, ErreurProtection> {
    Provisoire::creer(chemin, SiExiste::Remplacer).map_err(|erreur| ErreurProtection::Fichier {
        chemin: chemin.to_path_buf(),
        erreur,
    })
}

// ---------------------------------------------------------------- right of access

/// What `exporter_personne` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilanAcces {
    pub evenements: usize,
    pub fichiers: Vec<PathBuf>,
}

/// Writes `dossier/personnes.csv` (one row) and `dossier/evenements.csv` (that person's
/// events) in the import format of docs/fichiers.md, and `dossier/chronologie.txt`. The folder is
/// created if needed; the files are readable by their owner only. The access is journalled.
pub fn exporter_personne(
    store: &mut Store,
    personne: &Personne,
    chronologie: &str,
    dossier: &Path,
) -> Result<BilanAcces, ErreurProtection> {
    let id = personne.id.ok_or(ErreurStore::Introuvable)?;
    let evenements = store.evenements(id)?;
    crate::fichiers::dossier_de_sortie(dossier).map_err(|erreur| ErreurProtection::Fichier {
        chemin: dossier.to_path_buf(),
        erreur,
    })?;
    let f_personnes = dossier.join("personnes.csv");
    let f_evenements = dossier.join("evenements.csv");
    let f_chronologie = dossier.join("chronologie.txt");
    let io = |chemin: &Path| {
        let chemin = chemin.to_path_buf();
        move |erreur| ErreurProtection::Fichier { chemin, erreur }
    };

    // The three files appear together, complete, or not at all (the previous ones stay).
    let mut w = Ecrivain::new(creer_prive(&f_personnes)?);
    w.entete(&noms(COLONNES_PERSONNES))
        .and_then(|_| ecrire_personne(&mut w, personne))
        .map_err(io(&f_personnes))?;
    let p_personnes = w.terminer().map_err(io(&f_personnes))?;

    let mut w = Ecrivain::new(creer_prive(&f_evenements)?);
    w.entete(&noms(COLONNES_EVENEMENTS))
        .map_err(io(&f_evenements))?;
    for e in &evenements {
        ecrire_evenement(&mut w, &personne.reference, e).map_err(io(&f_evenements))?;
    }
    let p_evenements = w.terminer().map_err(io(&f_evenements))?;

    let mut p_chronologie = creer_prive(&f_chronologie)?;
    p_chronologie
        .write_all(chronologie.as_bytes())
        .map_err(io(&f_chronologie))?;
    crate::fichiers::valider_ensemble(vec![p_personnes, p_evenements, p_chronologie])
        .map_err(io(dossier))?;

    let reference = personne.reference.clone();
    store.ecrire(|tx, b| journaliser(tx, b, "export_personne", Some(&reference), ""))?;
    Ok(BilanAcces {
        evenements: evenements.len(),
        fichiers: vec![f_personnes, f_evenements, f_chronologie],
    })
}

// ---------------------------------------------------------------- right to erasure

/// Deletes a person and their events in one transaction, and journals who erased which
/// reference (no other data). Returns how many events were deleted, `None` when the
/// reference does not exist (nothing written).
pub fn effacer(store: &mut Store, reference: &str) -> ResultatStore<Option<usize>> {
    let n = store.ecrire(|tx, b| {
        let Some(n) = tx.effacer_personne(reference)? else {
            return Ok(None);
        };
        journaliser(
            tx,
            b,
            "effacement_personne",
            Some(REFERENCE_EFFACEE),
            &format!("{n} événements"),
        )?;
        Ok(Some(n))
    })?;
    if n.is_some() {
        store.vider_journal_wal();
    }
    Ok(n)
}

// ---------------------------------------------------------------- retention

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BilanPurge {
    pub personnes: usize,
    pub evenements: usize,
}

/// How many people `purger(avant)` would anonymize now (for the confirmation question).
pub fn compter_a_purger(store: &Store, avant: NaiveDate) -> ResultatStore<usize> {
    store.nombre_clos_a_anonymiser(avant)
}

/// Anonymizes, in one transaction, every closed file whose last event is before `avant`:
/// name → « anonyme », first name, phone and notes cleared, reference → `ANON-<id>` (also
/// in the journal's earlier lines), event notes and tickets cleared. Kept: département,
/// procedure, blocking, every date, event types, channels, outcomes, echeances and waiting
/// times, so the statistics do not change. Then the file is rebuilt (`VACUUM`) so that the
/// old text does not linger in free pages, and the WAL is truncated.
pub fn purger(store: &mut Store, avant: NaiveDate) -> ResultatStore<BilanPurge> {
    let bilan = store.ecrire(|tx, b| {
        let fait = tx.anonymiser_clos_avant(avant, b)?;
        let bilan = BilanPurge {
            personnes: fait.personnes,
            evenements: fait.evenements,
        };
        journaliser(
            tx,
            b,
            "purge",
            None,
            &format!(
                "{} personnes anonymisées (dossiers clos, dernier événement avant le {})",
                bilan.personnes,
                date_iso(avant)
            ),
        )?;
        Ok(bilan)
    })?;
    if bilan.personnes > 0 {
        store.reconstruire()?;
    }
    store.vider_journal_wal();
    Ok(bilan)
}

// ---------------------------------------------------------------- backup

/// Writes a consistent copy of the whole database to `chemin` (`VACUUM INTO`: one read
/// snapshot, other desks keep working). An encrypted base gives a copy encrypted with the
/// same passphrase; a plain base a plain copy. An existing file is never overwritten.
/// The copy is readable by its owner only (Unix).
pub fn sauvegarder(store: &Store, chemin: &Path) -> Result<u64, ErreurProtection> {
    // Nothing at the target, not even a symlink (followed, it would send the copy elsewhere).
    if chemin.symlink_metadata().is_ok() {
        return Err(ErreurProtection::FichierExistant(chemin.to_path_buf()));
    }
    if let Some(dossier) = chemin.parent()
        && !dossier.as_os_str().is_empty()
        && !dossier.is_dir()
    {
        return Err(ErreurProtection::Fichier {
            chemin: dossier.to_path_buf(),
            erreur: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    // An empty private temporary file created first: VACUUM INTO fills an empty target, so
    // the copy is never readable by others, not even for an instant. It is linked in place
    // only when complete and on disk, and only if nothing appeared at the target meanwhile.
    let fichier = |erreur: std::io::Error| match erreur.kind() {
        std::io::ErrorKind::AlreadyExists => {
            ErreurProtection::FichierExistant(chemin.to_path_buf())
        }
        _ => ErreurProtection::Fichier {
            chemin: chemin.to_path_buf(),
            erreur,
        },
    };
    let provisoire = Provisoire::creer(chemin, SiExiste::Refuser).map_err(fichier)?;
    store.copier_dans(provisoire.chemin_provisoire())?;
    provisoire.valider().map_err(fichier)?;
    let taille = std::fs::metadata(chemin)
        .map(|m| m.len())
        .map_err(|erreur| ErreurProtection::Fichier {
            chemin: chemin.to_path_buf(),
            erreur,
        })?;
    Ok(taille)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        Blocage, Demarche, Departement, Evenement, Resultat, TypeEvenement, parse_date,
    };
    use crate::store::Ouverture;

    fn personne(reference: &str, nom: &str) -> Personne {
        Personne {
            id: None,
            reference: reference.into(),
            nom: nom.into(),
            prenom: Some("Prénom".into()),
            telephone: None,
            departement: Departement::depuis_code("33").unwrap(),
            demarche: Demarche::Renouvellement,
            blocage: Blocage::Connexion,
            ouvert_le: parse_date("2025-01-01").unwrap(),
            titre_expire_le: None,
            api_expire_le: None,
            pan_connu: None,
            notes: None,
            captures: None,
            identite: Default::default(),
            version: 1,
        }
    }

    #[test]
    fn deleted_content_is_zeroed_in_plain_and_encrypted_bases() {
        let dir = tempfile::tempdir().unwrap();
        for (nom, phrase) in [("clair.db", None), ("chiffre.db", Some("phrase de test"))] {
            let s = Store::ouvrir(&Ouverture {
                chemin: dir.path().join(nom),
                phrase: phrase.map(String::from),
                sans_chiffrement: phrase.is_none(),
                benevole: "T".into(),
            })
            .unwrap();
            assert!(s.suppression_securisee().unwrap(), "{nom}");
        }
    }

    #[test]
    fn opaque_reference_never_collides_and_purge_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::ouvrir(&Ouverture {
            chemin: dir.path().join("p.db"),
            phrase: None,
            sans_chiffrement: true,
            benevole: "T".into(),
        })
        .unwrap();
        let a = s.creer_personne(&personne("VRAI", "Nomaoublier")).unwrap();
        // Another person already uses the reference the purge would give.
        s.creer_personne(&personne(&format!("ANON-{a}"), "Autre"))
            .unwrap();
        let mut c = Evenement::nouveau(TypeEvenement::Cloture, parse_date("2025-02-01").unwrap());
        c.resultat = Some(Resultat::Resolu);
        s.ajouter_evenement(a, &c).unwrap();
        assert_eq!(
            compter_a_purger(&s, parse_date("2025-02-01").unwrap()).unwrap(),
            0,
            "the last event must be strictly before the date"
        );
        assert_eq!(
            compter_a_purger(&s, parse_date("2025-02-02").unwrap()).unwrap(),
            1
        );
        let b = purger(&mut s, parse_date("2025-02-02").unwrap()).unwrap();
        assert_eq!(
            b,
            BilanPurge {
                personnes: 1,
                evenements: 1
            }
        );
        let p = s.personne(a).unwrap().unwrap();
        assert_eq!(p.reference, format!("ANON-{a}-2"));
        assert_eq!(p.nom, NOM_ANONYME);
        assert_eq!(p.prenom, None);
        assert!(s.chercher("Nomaoublier", 10).unwrap().is_empty());
        assert_eq!(
            purger(&mut s, parse_date("2025-02-02").unwrap()).unwrap(),
            BilanPurge::default()
        );
    }
}
