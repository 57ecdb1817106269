//! The passphrase, end to end: `vigie changer-phrase` re-keys the base (the data intact, the
//! old phrase refused, the new one accepted, another open desk refused), and the rules of a
//! new phrase (new base, changer-phrase), while a base keyed with an older short phrase
//! still opens.

mod banc;

use banc::{Banc, PHRASE, erreur, ok};
use std::path::Path;
use std::process::Output;

const NOUVELLE: &str = "quatre mots bien choisis";

/// `vigie changer-phrase` on `db`, current phrase `actuelle`, new one from the environment.
fn changer(db: &Path, actuelle: Option<&str>, nouvelle: Option<&str>) -> Output {
    let mut c = banc::commande(db, actuelle);
    c.arg("changer-phrase");
    match nouvelle {
        Some(n) => c.env("VIGIE_NOUVELLE_PHRASE", n),
        None => c.env_remove("VIGIE_NOUVELLE_PHRASE"),
    };
    c.output().unwrap()
}

/// The full export (personnes.csv, evenements.csv) of `db` opened with `phrase`.
fn export(db: &Path, phrase: Option<&str>, dossier: &Path) -> (String, String) {
    ok(&banc::commande(db, phrase)
        .args(["export", "donnees", "--dossier"])
        .arg(dossier)
        .output()
        .unwrap());
    let lire = |nom| std::fs::read_to_string(dossier.join(nom)).unwrap();
    (lire("personnes.csv"), lire("evenements.csv"))
}

/// A raw connection keyed with `phrase`: the number of people, or the error.
fn compter_avec(db: &Path, phrase: &str) -> rusqlite::Result<i64> {
    let c = rusqlite::Connection::open(db).unwrap();
    c.pragma_update(None, "key", phrase).unwrap();
    c.query_row("SELECT count(*) FROM personnes", [], |r| r.get(0))
}

fn base_demo(b: &Banc) {
    ok(&b.vigie(&["demo", "--personnes", "40"]));
}

#[test]
fn rekeying_keeps_every_person_and_event_and_only_the_new_phrase_opens() {
    let b = Banc::chiffre();
    base_demo(&b);
    let avant = export(&b.db, Some(PHRASE), &b.racine.join("avant"));
    assert!(avant.0.lines().count() > 40 && avant.1.lines().count() > 40);
    let sauvegarde = b.racine.join("avant.db");
    ok(&b.vigie(&["sauvegarde", "--sortie", sauvegarde.to_str().unwrap()]));

    let sortie = ok(&changer(&b.db, Some(PHRASE), Some(NOUVELLE)));
    assert!(sortie.contains("Phrase secrète changée"), "{sortie}");
    assert!(
        sortie.contains("sauvegardes faites avant ce changement restent chiffrées avec l'ANCIENNE"),
        "{sortie}"
    );

    // The old phrase is refused, by the binary and by SQLCipher itself.
    let e = erreur(&b.vigie(&["aujourdhui", "--tous"]));
    assert!(e.contains("phrase secrète incorrecte"), "{e}");
    assert!(compter_avec(&b.db, PHRASE).is_err());
    // The new one opens the same data, byte for byte in the export.
    assert_eq!(compter_avec(&b.db, NOUVELLE).unwrap(), 40);
    let apres = export(&b.db, Some(NOUVELLE), &b.racine.join("apres"));
    assert_eq!(avant, apres);
    // Still in WAL mode, and the change is in the journal, signed.
    let c = rusqlite::Connection::open(&b.db).unwrap();
    c.pragma_update(None, "key", NOUVELLE).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let benevole: String = c
        .query_row(
            "SELECT benevole FROM journal WHERE action = 'changement_phrase'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(benevole, banc::BENEVOLE);
    drop(c);
    // The backup made before keeps the old phrase, as the command said.
    assert_eq!(compter_avec(&sauvegarde, PHRASE).unwrap(), 40);
    assert!(compter_avec(&sauvegarde, NOUVELLE).is_err());
    // And the new phrase can be changed again.
    ok(&changer(
        &b.db,
        Some(NOUVELLE),
        Some("encore une autre phrase"),
    ));
    assert_eq!(compter_avec(&b.db, "encore une autre phrase").unwrap(), 40);
}

#[test]
fn changing_needs_the_right_current_phrase_and_a_new_one_given() {
    let b = Banc::chiffre();
    base_demo(&b);
    let e = erreur(&changer(&b.db, Some("pas la bonne phrase"), Some(NOUVELLE)));
    assert!(e.contains("phrase secrète incorrecte"), "{e}");
    // No terminal and no VIGIE_NOUVELLE_PHRASE: told what to do.
    let e = erreur(&changer(&b.db, Some(PHRASE), None));
    assert!(e.contains("VIGIE_NOUVELLE_PHRASE"), "{e}");
    // The same phrase again changes nothing.
    let e = erreur(&changer(&b.db, Some(PHRASE), Some(PHRASE)));
    assert!(e.contains("la même que l'actuelle"), "{e}");
    assert_eq!(compter_avec(&b.db, PHRASE).unwrap(), 40);
    // A base that does not exist is not created.
    let absente = b.racine.join("absente.db");
    let e = erreur(&changer(&absente, Some(PHRASE), Some(NOUVELLE)));
    assert!(e.contains("ne crée pas de base"), "{e}");
    assert!(!absente.exists());
}

#[test]
fn another_open_desk_is_refused_and_nothing_changes() {
    let b = Banc::chiffre();
    base_demo(&b);
    // Another desk: a store opened and read, left open (as an idle TUI is).
    let autre = b.store();
    assert_eq!(autre.personnes().unwrap().len(), 40);
    let e = erreur(&changer(&b.db, Some(PHRASE), Some(NOUVELLE)));
    assert!(e.contains("ouverte par un autre vigie"), "{e}");
    assert!(e.contains("rien n'a été changé"), "{e}");
    // Untouched: the old phrase opens it, the other desk still reads, in WAL mode.
    assert_eq!(compter_avec(&b.db, PHRASE).unwrap(), 40);
    assert!(compter_avec(&b.db, NOUVELLE).is_err());
    assert_eq!(autre.personnes().unwrap().len(), 40);
    let mode: String = b
        .sql()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Once it has closed, the change goes through.
    drop(autre);
    ok(&changer(&b.db, Some(PHRASE), Some(NOUVELLE)));
    assert_eq!(compter_avec(&b.db, NOUVELLE).unwrap(), 40);
}

#[test]
fn a_plain_base_has_no_phrase_to_change() {
    let b = Banc::new();
    base_demo(&b);
    let e = erreur(&changer(&b.db, None, Some(NOUVELLE)));
    assert!(e.contains("n'est pas chiffrée"), "{e}");
    assert_eq!(b.compter("SELECT count(*) FROM personnes"), 40);
    // An encrypted base given --sans-chiffrement by mistake is called encrypted.
    let c = Banc::chiffre();
    base_demo(&c);
    let e = erreur(&changer(&c.db, None, Some(NOUVELLE)));
    assert!(e.contains("cette base est chiffrée"), "{e}");
}

const FAIBLES: [&str; 3] = ["          ", "aaaaaaaaaaaa", "neuf car."];

#[test]
fn weak_phrases_are_refused_for_a_new_base() {
    let b = Banc::new();
    for (i, faible) in FAIBLES.into_iter().enumerate() {
        let db = b.racine.join(format!("nouvelle-{i}.db"));
        let e = erreur(
            &banc::commande(&db, Some(faible))
                .args(["demo", "--personnes", "1"])
                .output()
                .unwrap(),
        );
        assert!(e.contains("phrase secrète"), "{faible:?} : {e}");
        assert!(e.contains("quatre mots ou plus"), "{faible:?} : {e}");
        assert!(!db.exists(), "{faible:?} : la base a été créée");
    }
    assert!(
        erreur(
            &banc::commande(&b.racine.join("n.db"), Some("neuf car."))
                .args(["demo"])
                .output()
                .unwrap()
        )
        .contains("10 caractères au moins")
    );
    // Ten characters are enough.
    let db = b.racine.join("dix.db");
    ok(&banc::commande(&db, Some("dix lettre"))
        .args(["demo", "--personnes", "1"])
        .output()
        .unwrap());
}

#[test]
fn weak_phrases_are_refused_by_changer_phrase() {
    let b = Banc::chiffre();
    base_demo(&b);
    for faible in FAIBLES {
        let e = erreur(&changer(&b.db, Some(PHRASE), Some(faible)));
        assert!(e.contains("quatre mots ou plus"), "{faible:?} : {e}");
        assert_eq!(compter_avec(&b.db, PHRASE).unwrap(), 40);
    }
}

#[test]
fn a_base_keyed_with_an_older_eight_character_phrase_still_opens() {
    let b = Banc::new();
    let ancienne = "huit car";
    // Keyed before the rules changed (the store itself never judges a phrase).
    drop(banc::ouvrir(&b.db, Some(ancienne), banc::BENEVOLE));
    ok(&banc::commande(&b.db, Some(ancienne))
        .args(["demo", "--personnes", "3"])
        .output()
        .unwrap());
    let liste = ok(&banc::commande(&b.db, Some(ancienne))
        .args(["aujourdhui", "--tous"])
        .output()
        .unwrap());
    assert!(!liste.trim().is_empty());
    // And it can be moved to a phrase that follows the rules.
    ok(&changer(&b.db, Some(ancienne), Some(NOUVELLE)));
    assert_eq!(compter_avec(&b.db, NOUVELLE).unwrap(), 3);
}

#[test]
#[cfg_attr(
    not(vigie_script),
    ignore = "script (util-linux) absent : installez-le pour ce test"
)]
fn on_a_terminal_the_new_phrase_is_typed_twice() {
    let b = Banc::chiffre();
    base_demo(&b);
    let o = banc::sur_terminal(
        &b,
        "changer-phrase",
        &format!("{PHRASE}\n{NOUVELLE}\nautre chose tapée\n"),
    );
    let tout = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "{tout}");
    assert!(tout.contains("diffèrent"), "{tout}");
    assert_eq!(compter_avec(&b.db, PHRASE).unwrap(), 40);

    let o = banc::sur_terminal(
        &b,
        "changer-phrase",
        &format!("{PHRASE}\n{NOUVELLE}\n{NOUVELLE}\n"),
    );
    let tout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{tout}");
    assert!(
        tout.contains("Nouvelle phrase secrète") && tout.contains("Confirmez"),
        "{tout}"
    );
    // Typed ahead all at once, the lines are echoed by the terminal before the first prompt
    // turns echo off; nothing typed shows after the prompts.
    let apres = &tout[tout.find("Phrase secrète de la base").unwrap_or(0)..];
    assert!(
        !apres.contains(NOUVELLE),
        "la phrase a été affichée : {tout}"
    );
    assert_eq!(compter_avec(&b.db, NOUVELLE).unwrap(), 40);
}

#[test]
fn phrases_with_quotes_key_the_base_as_sqlcipher_reads_them() {
    // The key statement is written by vigie itself (in a buffer wiped afterwards): a phrase
    // with quotes must give the very key that SQLCipher's own `PRAGMA key` quoting gives.
    let b = Banc::new();
    let avec = "l'hiver « dur » n'arrive pas";
    ok(&banc::commande(&b.db, Some(avec))
        .args(["demo", "--personnes", "2"])
        .output()
        .unwrap());
    assert_eq!(compter_avec(&b.db, avec).unwrap(), 2);
    let autre = "c''est ' encore '' l'été";
    ok(&changer(&b.db, Some(avec), Some(autre)));
    assert_eq!(compter_avec(&b.db, autre).unwrap(), 2);
    assert!(compter_avec(&b.db, avec).is_err());
}
