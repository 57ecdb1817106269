//! Files and folders that hold personal data are created readable by their owner only
//! (Unix modes 0600 and 0700, set at creation so there is no window where others could read).
//!
//! Every output goes through one writer, `Provisoire`: the bytes go into a new temporary file
//! `.NOM.partiel-PID-…` in the target's folder (created 0600, `create_new`, `O_NOFOLLOW`),
//! which is flushed to disk and then put in place: renamed over the target (a symlink there
//! is replaced, never written through; an existing file's mode is not kept), or, when an
//! existing file must never be replaced, linked in place only if nothing is at the target
//! (not even a symlink). The folder is then synced. On any failure the temporary file is
//! removed and the previous target is left as it was; the temporary files a killed earlier
//! run left behind are removed by the next run that writes in that folder.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What to do when something is already at the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiExiste {
    /// Fail with `AlreadyExists` (a document may have been completed by hand); a symlink
    /// there counts as existing.
    Refuser,
    /// Replace it (a symlink is replaced itself, its target is untouched).
    Remplacer,
}

/// The marker of the temporary files' names (`.NOM.partiel-PID-…`).
const MARQUE: &str = ".partiel-";

/// Creates a new file readable by its owner only; fails if anything (a symlink included) is
/// already at `chemin`.
pub fn creer_nouveau(chemin: &Path) -> io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    o.open(chemin)
}

/// Writes `octets` to `chemin` through `Provisoire` (all or nothing, owner-only).
pub fn ecrire_prive(chemin: &Path, octets: &[u8], si_existe: SiExiste) -> io::Result<()> {
    let mut p = Provisoire::creer(chemin, si_existe)?;
    p.write_all(octets)?;
    p.valider()
}

/// A private file being written: `Write` into it, then `valider` (or `valider_ensemble` for
/// several files that go together). Dropped without that, it leaves nothing behind.
#[derive(Debug)]
pub struct Provisoire {
    cible: PathBuf,
    provisoire: PathBuf,
    si_existe: SiExiste,
    fichier: Option<BufWriter<File>>,
    en_place: bool,
}

/// A hidden name next to `cible` for a file being made: `.NOM{marque}PID-NANOS-N` (the
/// process, the instant and a counter make it unique; `nettoyer` recognises the `.partiel-`
/// ones of a killed run). The one naming of every temporary sibling (outputs, a new base, a
/// restore).
pub fn a_cote(cible: &Path, marque: &str) -> PathBuf {
    static COMPTEUR: AtomicU64 = AtomicU64::new(0);
    let instant = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut nom = std::ffi::OsString::from(".");
    nom.push(cible.file_name().unwrap_or_default());
    nom.push(format!(
        "{marque}{}-{instant}-{}",
        std::process::id(),
        COMPTEUR.fetch_add(1, Ordering::Relaxed)
    ));
    dossier_de(cible).join(nom)
}

impl Provisoire {
    /// Starts writing `cible`. With `Refuser`, something already at `cible` is refused at
    /// once (`AlreadyExists`), and checked again when the file is put in place.
    pub fn creer(cible: &Path, si_existe: SiExiste) -> io::Result<Provisoire> {
        if si_existe == SiExiste::Refuser && cible.symlink_metadata().is_ok() {
            return Err(io::Error::from(io::ErrorKind::AlreadyExists));
        }
        let nom = cible
            .file_name()
            .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        let dossier = dossier_de(cible);
        nettoyer(&dossier, &nom.to_string_lossy());
        let provisoire = a_cote(cible, MARQUE);
        let fichier = creer_nouveau(&provisoire)?;
        Ok(Provisoire {
            cible: cible.to_path_buf(),
            provisoire,
            si_existe,
            fichier: Some(BufWriter::new(fichier)),
            en_place: false,
        })
    }

    /// The temporary file's path (for a writer that opens it itself, like `VACUUM INTO`; it
    /// exists, empty, until something is written).
    pub fn chemin_provisoire(&self) -> &Path {
        &self.provisoire
    }

    /// Flushes, syncs, puts the file in place and syncs its folder.
    pub fn valider(self) -> io::Result<()> {
        valider_ensemble(vec![self])
    }

    fn ouvert(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.fichier
            .as_mut()
            .ok_or_else(|| io::Error::from(io::ErrorKind::BrokenPipe))
    }

    /// Everything written is on disk (the data and the size).
    fn synchroniser(&mut self) -> io::Result<()> {
        let f = self.ouvert()?;
        f.flush()?;
        f.get_ref().sync_all()
    }

    fn placer(&mut self) -> io::Result<()> {
        match self.si_existe {
            SiExiste::Remplacer => std::fs::rename(&self.provisoire, &self.cible)?,
            SiExiste::Refuser => match std::fs::hard_link(&self.provisoire, &self.cible) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.provisoire);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
                // A file system without hard links (a USB key, say): a plain rename, unless
                // something appeared at the target meanwhile.
                Err(_) if self.cible.symlink_metadata().is_ok() => {
                    return Err(io::Error::from(io::ErrorKind::AlreadyExists));
                }
                Err(_) => std::fs::rename(&self.provisoire, &self.cible)?,
            },
        }
        self.en_place = true;
        Ok(())
    }
}

impl Write for Provisoire {
    fn write(&mut self, octets: &[u8]) -> io::Result<usize> {
        self.ouvert()?.write(octets)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.ouvert()?.flush()
    }
}

impl Drop for Provisoire {
    fn drop(&mut self) {
        if !self.en_place {
            // Unlinked first: a last flush of the buffer cannot reach a visible file.
            let _ = std::fs::remove_file(&self.provisoire);
        }
    }
}

/// Puts several files in place together: each is written and synced completely first, so a
/// full disk or any write error leaves every previous target as it was.
pub fn valider_ensemble(mut lot: Vec<Provisoire>) -> io::Result<()> {
    for p in &mut lot {
        p.synchroniser()?;
    }
    for p in &mut lot {
        p.fichier = None;
    }
    for p in &mut lot {
        p.placer()?;
    }
    let mut dossiers: Vec<PathBuf> = lot.iter().map(|p| dossier_de(&p.cible)).collect();
    dossiers.dedup();
    for d in dossiers {
        synchroniser_dossier(&d)?;
    }
    Ok(())
}

/// The folder a file is written in (`.` for a bare name).
fn dossier_de(chemin: &Path) -> PathBuf {
    match chemin.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes a rename in `dossier` durable.
fn synchroniser_dossier(dossier: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(dossier)?.sync_all() {
            // Some file systems cannot sync a folder: the rename is done all the same.
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
            r => r,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dossier;
        Ok(())
    }
}

/// Removes from `dossier` the temporary files a killed earlier run left: `.X.partiel-PID-…`
/// of a process no longer running (or, where that cannot be known, older than a day), and
/// the `NOM.partiel` of earlier versions. Never another running process's file.
fn nettoyer(dossier: &Path, nom: &str) {
    let _ = std::fs::remove_file(dossier.join(format!("{nom}.partiel")));
    let Ok(entrees) = std::fs::read_dir(dossier) else {
        return;
    };
    for entree in entrees.flatten() {
        let nom_entree = entree.file_name();
        let nom_entree = nom_entree.to_string_lossy();
        let Some(reste) = nom_entree
            .strip_prefix('.')
            .and_then(|n| n.rsplit_once(MARQUE))
            .map(|(_, reste)| reste)
        else {
            continue;
        };
        let Some(pid) = reste.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let chemin = entree.path();
        let Ok(meta) = chemin.symlink_metadata() else {
            continue;
        };
        if meta.is_file() && pid != std::process::id() && abandonne(pid, &meta) {
            let _ = std::fs::remove_file(&chemin);
        }
    }
}

/// Whether the process `pid` that wrote a temporary file is gone.
fn abandonne(pid: u32, meta: &std::fs::Metadata) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    meta.modified()
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600))
}

/// Creates a folder (and its parents) that only its owner may enter.
pub fn creer_dossier_prive(dossier: &Path) -> io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dossier)
}

/// Makes sure `dossier` is a folder to write personal data in: created private if missing; a
/// file in its place is reported as "not a folder" rather than "already exists".
pub fn dossier_de_sortie(dossier: &Path) -> io::Result<()> {
    if dossier.is_dir() {
        return Ok(());
    }
    if dossier.exists() {
        return Err(io::Error::from(io::ErrorKind::NotADirectory));
    }
    creer_dossier_prive(dossier)
}

#[cfg(all(test, unix))]
mod tests;
