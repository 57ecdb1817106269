//! Files and folders that hold personal data are created readable by their owner only
//! (Unix modes 0600 and 0700, set at creation so there is no window where others could read).

use std::fs::File;
use std::io;
use std::path::Path;

/// What to do when a file is already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiExiste {
    /// Fail with `AlreadyExists` (a document may have been completed by hand).
    Refuser,
    /// Truncate and rewrite it.
    Remplacer,
}

/// Opens `chemin` for writing, creating it readable by its owner only.
pub fn creer_prive(chemin: &Path, si_existe: SiExiste) -> io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true);
    match si_existe {
        SiExiste::Refuser => o.create_new(true),
        SiExiste::Remplacer => o.create(true).truncate(true),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(chemin)
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
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn private_modes_and_refusal() {
        let dir = tempfile::tempdir().unwrap();
        let dossier = dir.path().join("a").join("b");
        creer_dossier_prive(&dossier).unwrap();
        let f = dossier.join("x.txt");
        creer_prive(&f, SiExiste::Refuser).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dossier), 0o700);
        assert_eq!(mode(&f), 0o600);
        let e = creer_prive(&f, SiExiste::Refuser).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert!(creer_prive(&f, SiExiste::Remplacer).is_ok());
        let e = dossier_de_sortie(&f).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotADirectory);
        assert!(dossier_de_sortie(&dossier).is_ok());
    }
}
