//! Restoring a backup made by `vigie sauvegarde` (or a base put aside by an earlier
//! restore) in place of the base.
//!
//! Copying a backup over the base by hand is unsafe: a `-wal` left beside the base (by a
//! desk that was killed, or simply by the last session) is replayed over the copied file —
//! SQLCipher decrypts it with the same key — and gives either « database disk image is
//! malformed » for good, or the changes made after the backup, silently kept. So:
//!
//! 1. `preparer`: the backup is copied into a private temporary file in the base's folder
//!    (with its own `-wal` if it has one, so that restoring a base put aside gives what it
//!    held) and flushed to disk; that copy — exactly what will be put in place — is checked
//!    by the store (key, integrity, HMACs, application id, schema version). The backup file
//!    itself is only read. Nothing of the base has been touched yet.
//! 2. the caller asks for confirmation;
//! 3. `Restauration::remplacer`: the base is taken for ourselves (refused while any other
//!    process has it open, see `store::restauration::tenir_base`), put aside under a name
//!    never used before (`<base>.avant-restauration-AAAA-MM-JJ[-n]`, owner-only) with its
//!    `-wal` (nothing of the current state is lost), its `-shm` removed, and the checked
//!    copy renamed into place in one step; the folder is flushed.
//!
//! A restore that fails at any step before the last rename leaves the base as it was.

use crate::domain::date_iso;
use crate::store::restauration::{self as r, ControleSauvegarde, DefautSauvegarde};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Why a restore did not happen. Nothing was changed in any of these cases.
#[derive(Debug)]
pub enum ErreurRestauration {
    /// The backup is not a sound vigie base readable with this key.
    Sauvegarde {
        chemin: PathBuf,
        defaut: DefautSauvegarde,
    },
    /// The backup's own `-wal` could not be merged into the copy.
    JournalNonIntegre(PathBuf),
    /// Another process (a desk, a command) has the base open.
    BaseOuverte(PathBuf),
    /// The backup given is the base itself.
    MemeFichier(PathBuf),
    /// A file could not be read or written while preparing (nothing changed).
    Fichier {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
    /// A file could not be renamed while replacing the base (the base stays in place).
    Remplacement {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
}

fn io(chemin: &Path) -> impl FnOnce(std::io::Error) -> ErreurRestauration + '_ {
    move |erreur| ErreurRestauration::Fichier {
        chemin: chemin.to_path_buf(),
        erreur,
    }
}

fn io_remplacement(chemin: &Path) -> impl FnOnce(std::io::Error) -> ErreurRestauration + '_ {
    move |erreur| ErreurRestauration::Remplacement {
        chemin: chemin.to_path_buf(),
        erreur,
    }
}

/// `chemin` with `suffixe` appended to its name (`x.db` → `x.db-wal`).
fn avec_suffixe(chemin: &Path, suffixe: &str) -> PathBuf {
    let mut s = chemin.as_os_str().to_owned();
    s.push(suffixe);
    PathBuf::from(s)
}

/// A checked copy of the backup, ready to replace the base. Dropped without `remplacer`,
/// its temporary file is removed.
#[derive(Debug)]
pub struct Restauration {
    base: PathBuf,
    sauvegarde: PathBuf,
    provisoire: PathBuf,
    cle: Option<String>,
    controle: ControleSauvegarde,
}

impl Drop for Restauration {
    fn drop(&mut self) {
        for suffixe in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(avec_suffixe(&self.provisoire, suffixe));
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilanRestauration {
    pub base: PathBuf,
    pub sauvegarde: PathBuf,
    /// Where the previous base was put (none when there was no base).
    pub mise_de_cote: Option<PathBuf>,
    /// Its `-wal`, put beside it (when it had one).
    pub journal_mis_de_cote: Option<PathBuf>,
    /// Number of people in the restored base.
    pub personnes: i64,
}

/// Copies `sauvegarde` into a private temporary file next to `base` and checks that copy
/// with the key `cle` (`None`: a plain base). Only reads the backup; the base is untouched.
pub fn preparer(
    base: &Path,
    sauvegarde: &Path,
    cle: Option<&str>,
) -> Result<Restauration, ErreurRestauration> {
    if let (Ok(a), Ok(b)) = (base.canonicalize(), sauvegarde.canonicalize())
        && a == b
    {
        return Err(ErreurRestauration::MemeFichier(sauvegarde.to_path_buf()));
    }
    let mut source = std::fs::File::open(sauvegarde).map_err(io(sauvegarde))?;
    if !source.metadata().map_err(io(sauvegarde))?.is_file() {
        return Err(io(sauvegarde)(std::io::Error::from(
            std::io::ErrorKind::InvalidInput,
        )));
    }
    // A desk rebuilt after a loss may not have the data folder yet.
    if let Some(dossier) = base.parent()
        && !dossier.as_os_str().is_empty()
        && !dossier.exists()
    {
        crate::fichiers::creer_dossier_prive(dossier).map_err(io(dossier))?;
    }
    let provisoire = crate::fichiers::a_cote(base, ".restauration-");
    let mut prete = Restauration {
        base: base.to_path_buf(),
        sauvegarde: sauvegarde.to_path_buf(),
        provisoire,
        cle: cle.map(str::to_string),
        controle: ControleSauvegarde {
            personnes: 0,
            version: 0,
        },
    };
    copier_prive(&mut source, sauvegarde, &prete.provisoire)?;
    // A base put aside by an earlier restore may have its `-wal` beside it: it is part of
    // that base. A backup made by `vigie sauvegarde` has none.
    let journal = avec_suffixe(sauvegarde, "-wal");
    if let Ok(mut j) = std::fs::File::open(&journal) {
        copier_prive(&mut j, &journal, &avec_suffixe(&prete.provisoire, "-wal"))?;
    }
    let controle = r::verifier_sauvegarde(&prete.provisoire, cle).map_err(|defaut| {
        ErreurRestauration::Sauvegarde {
            chemin: sauvegarde.to_path_buf(),
            defaut,
        }
    })?;
    // The check's connection, the only one, merged that `-wal` into the copy when it closed.
    let journal_copie = avec_suffixe(&prete.provisoire, "-wal");
    if std::fs::metadata(&journal_copie).is_ok_and(|m| m.len() > 0) {
        return Err(ErreurRestauration::JournalNonIntegre(journal));
    }
    let _ = std::fs::remove_file(journal_copie);
    let _ = std::fs::remove_file(avec_suffixe(&prete.provisoire, "-shm"));
    std::fs::File::open(&prete.provisoire)
        .and_then(|f| f.sync_all())
        .map_err(io(&prete.provisoire))?;
    // Nothing is taken yet: this only says early that the restore would be refused.
    if base.exists() {
        r::tenir_base(base, cle).map_err(|_| ErreurRestauration::BaseOuverte(base.into()))?;
    }
    prete.controle = controle;
    Ok(prete)
}

/// Copies `source` into a new owner-only file `cible`, flushed to disk.
fn copier_prive(
    source: &mut std::fs::File,
    nom_source: &Path,
    cible: &Path,
) -> Result<(), ErreurRestauration> {
    let mut f = crate::fichiers::creer_nouveau(cible).map_err(io(cible))?;
    std::io::copy(source, &mut f).map_err(io(nom_source))?;
    f.sync_all().map_err(io(cible))
}

/// Gives `chemin` owner-only permissions (Unix).
fn rendre_prive(chemin: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(chemin, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = chemin;
    Ok(())
}

impl Restauration {
    /// Number of people in the checked backup.
    pub fn personnes(&self) -> i64 {
        self.controle.personnes
    }

    pub fn sauvegarde(&self) -> &Path {
        &self.sauvegarde
    }

    /// Puts the current base aside (named after `jour`) and the checked copy in its place.
    pub fn remplacer(self, jour: NaiveDate) -> Result<BilanRestauration, ErreurRestauration> {
        let base = self.base.clone();
        // Held until the copy is in place: no other process can open the base meanwhile
        // (they wait on their busy timeout, then see the restored base).
        let tenue = if base.exists() {
            Some(
                r::tenir_base(&base, self.cle.as_deref())
                    .map_err(|_| ErreurRestauration::BaseOuverte(base.clone()))?,
            )
        } else {
            None
        };
        let mut bilan = BilanRestauration {
            base: base.clone(),
            sauvegarde: self.sauvegarde.clone(),
            mise_de_cote: None,
            journal_mis_de_cote: None,
            personnes: self.controle.personnes,
        };
        if tenue.is_some() {
            let cote = mettre_de_cote(&base, jour)?;
            let wal = avec_suffixe(&base, "-wal");
            let wal_cote = avec_suffixe(&cote, "-wal");
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                std::fs::rename(&wal, &wal_cote).map_err(io_remplacement(&wal))?;
                let _ = rendre_prive(&wal_cote);
                bilan.journal_mis_de_cote = Some(wal_cote);
            } else {
                let _ = std::fs::remove_file(&wal);
            }
            let _ = std::fs::remove_file(avec_suffixe(&base, "-shm"));
            bilan.mise_de_cote = Some(cote);
        }
        if let Err(e) = std::fs::rename(&self.provisoire, &base) {
            // Put the journal back, so the base is as it was.
            if let Some(w) = &bilan.journal_mis_de_cote {
                let _ = std::fs::rename(w, avec_suffixe(&base, "-wal"));
            }
            if let Some(c) = &bilan.mise_de_cote
                && !base.exists()
            {
                let _ = std::fs::rename(c, &base);
            }
            return Err(io_remplacement(&base)(e));
        }
        if let Some(dossier) = base.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::File::open(dossier).and_then(|d| d.sync_all());
        }
        drop(tenue);
        Ok(bilan)
    }
}

/// Gives the base a second name `<base>.avant-restauration-AAAA-MM-JJ[-n]` that no file (nor
/// its `-wal`) has yet — a hard link, so that the base's own name never disappears; a rename
/// where the file system has no hard links — and makes it owner-only.
fn mettre_de_cote(base: &Path, jour: NaiveDate) -> Result<PathBuf, ErreurRestauration> {
    let racine = format!(
        "{}.avant-restauration-{}",
        base.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        date_iso(jour)
    );
    for n in 1u32.. {
        let nom = if n == 1 {
            racine.clone()
        } else {
            format!("{racine}-{n}")
        };
        let cote = base.with_file_name(nom);
        if cote.exists() || avec_suffixe(&cote, "-wal").exists() {
            continue;
        }
        match std::fs::hard_link(base, &cote) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => std::fs::rename(base, &cote).map_err(io_remplacement(base))?,
        }
        rendre_prive(&cote).map_err(io_remplacement(&cote))?;
        return Ok(cote);
    }
    Err(io_remplacement(base)(std::io::Error::from(
        std::io::ErrorKind::AlreadyExists,
    )))
}
