//! Defects found by using the command line as a desk would (review of the CLI): each test runs
//! the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn vigie(db: &Path, phrase: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    match phrase {
        Some(p) => {
            c.env("VIGIE_PASSPHRASE", p);
        }
        None => {
            c.arg("--sans-chiffrement").env_remove("VIGIE_PASSPHRASE");
        }
    }
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("VIGIE_BENEVOLE", "Camille Testeuse")
        .env("VIGIE_DATE", "2026-11-23")
        .env_remove("VIGIE_DB")
        .output()
        .unwrap()
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
    assert!(erreur(&o).contains("8 caractères"), "{}", erreur(&o));
    assert!(!db.exists());
    // An existing base keeps opening with whatever passphrase it was made with.
    let o = vigie(
        &db,
        Some("assez longue"),
        &["import", "--personnes", &p.display().to_string()],
    );
    assert!(o.status.success(), "{}", erreur(&o));
}
