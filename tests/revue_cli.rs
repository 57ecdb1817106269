//! Defects found by using the command line as a desk would (review of the CLI): each test runs
//! the real binary.

mod banc;

use std::path::Path;
use std::process::Output;

fn vigie(db: &Path, phrase: Option<&str>, args: &[&str]) -> Output {
    banc::commande(db, phrase).args(args).output().unwrap()
}

fn erreur(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn reading_commands_never_create_a_database() {
    // A mistyped --db must not show an empty list (and leave an empty file behind).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("faute-de-frappe.db");
    for args in [
        &["aujourdhui"][..],
        &["export", "donnees", "--dossier"],
        &["lettre", "P1"],
        &["chronologie", "P1"],
        &["sauvegarde", "--sortie"],
        &["prefecture", "exporter-corrections"],
    ] {
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        if args
            .last()
            .is_some_and(|a| a.starts_with("--") || a.ends_with("corrections"))
        {
            args.push(dir.path().join("sortie").display().to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = vigie(&db, None, &args);
        assert!(!o.status.success(), "{args:?}");
        let m = erreur(&o);
        assert!(m.contains("aucune base"), "{args:?}: {m}");
        assert!(!db.exists(), "{args:?} created the database");
    }
}

#[test]
fn a_new_encrypted_base_needs_a_long_enough_passphrase_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let p = dir.path().join("p.csv");
    std::fs::write(
        &p,
        "reference,nom,departement,demarche,blocage,ouvert_le\nP1,Diallo,93,autre,autre,2026-10-01\n",
    )
    .unwrap();
    let o = vigie(
        &db,
        Some("court"),
        &["import", "--personnes", &p.display().to_string()],
    );
    assert!(!o.status.success());
    assert!(erreur(&o).contains("10 caractères"), "{}", erreur(&o));
    assert!(!db.exists());
    // An existing base keeps opening with whatever passphrase it was made with.
    let o = vigie(
        &db,
        Some("assez longue"),
        &["import", "--personnes", &p.display().to_string()],
    );
    assert!(o.status.success(), "{}", erreur(&o));
}

fn base_avec_une_personne(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("v.db");
    let p = dir.join("p.csv");
    std::fs::write(
        &p,
        "reference,nom,departement,demarche,blocage,ouvert_le\nP1,Diallo,93,autre,autre,2026-10-01\n",
    )
    .unwrap();
    let o = vigie(
        &db,
        None,
        &["import", "--personnes", &p.display().to_string()],
    );
    assert!(o.status.success(), "{}", erreur(&o));
    db
}

#[test]
fn a_letter_already_written_is_never_overwritten() {
    // The letter is completed and signed by hand: writing it again must not wipe that work.
    let dir = tempfile::tempdir().unwrap();
    let db = base_avec_une_personne(dir.path());
    for commande in ["lettre", "chronologie"] {
        let f = dir.path().join(format!("{commande}.txt"));
        std::fs::write(&f, "complétée à la main").unwrap();
        let o = vigie(
            &db,
            None,
            &[commande, "P1", "--sortie", &f.display().to_string()],
        );
        assert!(!o.status.success(), "{commande}");
        assert!(erreur(&o).contains("existe déjà"), "{}", erreur(&o));
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "complétée à la main");
    }
}

#[test]
fn file_errors_are_said_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_avec_une_personne(dir.path());
    let absent = dir.path().join("absent").join("f.txt");
    let absent = absent.display().to_string();
    for args in [
        &["lettre", "P1", "--sortie", &absent][..],
        &["chronologie", "P1", "--sortie", &absent],
        &["export", "stats", "--annee", "2026", "--sortie", &absent],
        &["sauvegarde", "--sortie", &absent],
        &["prefecture", "exporter-corrections", &absent],
        &["prefecture", "importer-corrections", &absent],
    ] {
        let o = vigie(&db, None, args);
        assert!(!o.status.success(), "{args:?}");
        let m = erreur(&o);
        assert!(m.contains("introuvable"), "{args:?}: {m}");
        assert!(
            !m.contains("os error") && !m.contains("not found"),
            "{args:?}: {m}"
        );
    }
    // A database folder that cannot be created.
    let fichier = dir.path().join("un-fichier");
    std::fs::write(&fichier, "x").unwrap();
    let o = vigie(
        &fichier.join("v.db"),
        None,
        &[
            "import",
            "--personnes",
            &dir.path().join("p.csv").display().to_string(),
        ],
    );
    assert!(!o.status.success());
    assert!(!erreur(&o).contains("os error"), "{}", erreur(&o));
}

#[test]
fn a_negative_threshold_is_an_invalid_value_not_an_unknown_option() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_avec_une_personne(dir.path());
    let o = vigie(
        &db,
        None,
        &["export", "stats", "--mois", "2026-11", "--seuil", "-1"],
    );
    assert_eq!(o.status.code(), Some(2));
    let m = erreur(&o);
    assert!(
        m.contains("valeur invalide") && m.contains("--seuil"),
        "{m}"
    );
}

#[test]
fn a_mistyped_flag_gets_the_near_one_suggested_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let o = vigie(&db, None, &["import", "--personne", "p.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let m = erreur(&o);
    assert!(m.contains("vouliez-vous dire --personnes ?"), "{m}");
    let o = vigie(&db, None, &["export", "stat"]);
    assert!(
        erreur(&o).contains("vouliez-vous dire stats ?"),
        "{}",
        erreur(&o)
    );
}

#[test]
fn a_closed_pipe_is_not_an_error_nor_a_crash() {
    // `vigie regles | head -1`, `vigie export stats ... | head`: the reader went away.
    let dir = tempfile::tempdir().unwrap();
    let db = base_avec_une_personne(dir.path());
    for args in [
        &["regles"][..],
        &["export", "stats", "--annee", "2026", "--par-departement"],
        &["prefecture", "33"],
        &["prefecture", "haute"],
    ] {
        let mut c = banc::commande(&db, None);
        c.args(args)
            .env("XDG_CONFIG_HOME", dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut enfant = c.spawn().unwrap();
        drop(enfant.stdout.take());
        let o = enfant.wait_with_output().unwrap();
        let m = erreur(&o);
        assert!(o.status.success(), "{args:?}: {m}");
        assert!(
            !m.contains("panicked") && !m.contains("Broken pipe"),
            "{args:?}: {m}"
        );
    }
}

#[test]
fn a_failed_full_export_leaves_the_previous_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_avec_une_personne(dir.path());
    let d = dir.path().join("export");
    std::fs::create_dir_all(d.join("evenements.csv")).unwrap();
    std::fs::write(d.join("personnes.csv"), "ancien export").unwrap();
    let o = vigie(
        &db,
        None,
        &["export", "donnees", "--dossier", &d.display().to_string()],
    );
    assert!(!o.status.success());
    assert!(erreur(&o).contains("evenements.csv"), "{}", erreur(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("personnes.csv")).unwrap(),
        "ancien export"
    );
    let mut noms: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    noms.sort();
    assert_eq!(noms, vec!["evenements.csv", "personnes.csv"]);
    // Once the folder is fixed, the export replaces the old file, owner-only.
    std::fs::remove_dir(d.join("evenements.csv")).unwrap();
    let o = vigie(
        &db,
        None,
        &["export", "donnees", "--dossier", &d.display().to_string()],
    );
    assert!(o.status.success(), "{}", erreur(&o));
    let p = std::fs::read_to_string(d.join("personnes.csv")).unwrap();
    assert!(p.starts_with("reference,nom,"), "{p}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("personnes.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn a_file_where_a_folder_is_expected_and_the_reverse_are_named_right() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_avec_une_personne(dir.path());
    let fichier = dir.path().join("un-fichier.txt");
    std::fs::write(&fichier, "x").unwrap();
    let fichier = fichier.display().to_string();
    for args in [
        &["personne", "exporter", "P1", "--dossier", &fichier][..],
        &["export", "donnees", "--dossier", &fichier],
    ] {
        let o = vigie(&db, None, args);
        assert!(!o.status.success(), "{args:?}");
        assert!(
            erreur(&o).contains("pas un dossier"),
            "{args:?}: {}",
            erreur(&o)
        );
    }
    let dossier = dir.path().display().to_string();
    let o = vigie(&db, None, &["lettre", "P1", "--sortie", &dossier]);
    assert!(!o.status.success());
    assert!(erreur(&o).contains("c'est un dossier"), "{}", erreur(&o));
}
