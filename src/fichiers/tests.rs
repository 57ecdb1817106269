use super::*;
use std::os::unix::fs::PermissionsExt;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The names in `dossier`, sorted.
fn noms(dossier: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dossier)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn private_modes_and_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("a").join("b");
    creer_dossier_prive(&dossier).unwrap();
    let f = dossier.join("x.txt");
    ecrire_prive(&f, b"un", SiExiste::Refuser).unwrap();
    assert_eq!(mode(&dossier), 0o700);
    assert_eq!(mode(&f), 0o600);
    let e = ecrire_prive(&f, b"deux", SiExiste::Refuser).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read(&f).unwrap(), b"un");
    ecrire_prive(&f, b"trois", SiExiste::Remplacer).unwrap();
    assert_eq!(std::fs::read(&f).unwrap(), b"trois");
    assert_eq!(noms(&dossier), ["x.txt"]);
    let e = dossier_de_sortie(&f).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::NotADirectory);
    assert!(dossier_de_sortie(&dossier).is_ok());
    let e = creer_nouveau(&f).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
}

#[test]
fn an_existing_world_readable_file_becomes_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("export.csv");
    std::fs::write(&f, "ancien").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
    ecrire_prive(&f, b"nouveau", SiExiste::Remplacer).unwrap();
    assert_eq!(mode(&f), 0o600);
    assert_eq!(std::fs::read(&f).unwrap(), b"nouveau");
}

#[test]
fn a_symlink_at_the_target_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victime = dir.path().join("victime");
    std::fs::write(&victime, "intact").unwrap();
    let lien = dir.path().join("lien.csv");
    std::os::unix::fs::symlink(&victime, &lien).unwrap();
    // Refused where files are never replaced…
    let e = ecrire_prive(&lien, b"x", SiExiste::Refuser).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
    assert!(lien.symlink_metadata().unwrap().file_type().is_symlink());
    // …a dangling one too…
    let pendant = dir.path().join("pendant.txt");
    std::os::unix::fs::symlink(dir.path().join("absent"), &pendant).unwrap();
    let e = ecrire_prive(&pendant, b"x", SiExiste::Refuser).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
    assert!(!dir.path().join("absent").exists());
    // …and replaced itself where exports replace.
    ecrire_prive(&lien, b"export", SiExiste::Remplacer).unwrap();
    assert!(lien.symlink_metadata().unwrap().file_type().is_file());
    assert_eq!(std::fs::read(&lien).unwrap(), b"export");
    assert_eq!(std::fs::read(&victime).unwrap(), b"intact");
    assert_eq!(mode(&lien), 0o600);
}

#[test]
fn a_failed_or_abandoned_write_leaves_the_previous_file_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("personnes.csv");
    std::fs::write(&f, "ancien").unwrap();
    {
        let mut p = Provisoire::creer(&f, SiExiste::Remplacer).unwrap();
        p.write_all(b"moitie").unwrap();
        assert!(p.chemin_provisoire().exists());
        // dropped without valider: an error on the way
    }
    assert_eq!(std::fs::read(&f).unwrap(), b"ancien");
    assert_eq!(noms(dir.path()), ["personnes.csv"]);
    // A folder at the target: refused, nothing left.
    let d = dir.path().join("dossier");
    std::fs::create_dir(&d).unwrap();
    assert!(ecrire_prive(&d, b"x", SiExiste::Remplacer).is_err());
    assert!(ecrire_prive(&d, b"x", SiExiste::Refuser).is_err());
    assert_eq!(noms(dir.path()), ["dossier", "personnes.csv"]);
}

#[test]
fn several_files_go_in_together() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    let mut pa = Provisoire::creer(&a, SiExiste::Remplacer).unwrap();
    let mut pb = Provisoire::creer(&b, SiExiste::Remplacer).unwrap();
    pa.write_all(b"A").unwrap();
    pb.write_all(b"B").unwrap();
    assert!(!a.exists() && !b.exists());
    valider_ensemble(vec![pa, pb]).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), b"A");
    assert_eq!(std::fs::read(&b).unwrap(), b"B");
    assert_eq!(noms(dir.path()), ["a.csv", "b.csv"]);
}

#[test]
fn stale_temporary_files_of_a_killed_run_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    // A process that no longer runs (pid above any Linux pid_max), an earlier version's
    // name, and a file of this very process still being written.
    let mort = dir.path().join(".evenements.csv.partiel-4294967295-1-0");
    let ancien = dir.path().join("x.csv.partiel");
    let vivant = dir
        .path()
        .join(format!(".y.csv.partiel-{}-1-0", std::process::id()));
    let autre = dir.path().join(".note.partiel-texte");
    for f in [&mort, &ancien, &vivant, &autre] {
        std::fs::write(f, "données").unwrap();
    }
    ecrire_prive(&dir.path().join("x.csv"), b"x", SiExiste::Remplacer).unwrap();
    assert!(!mort.exists());
    assert!(!ancien.exists());
    if Path::new("/proc/self").exists() {
        assert!(vivant.exists());
    }
    assert!(autre.exists());
}
