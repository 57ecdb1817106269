//! Local corrections of the préfecture directory between two databases (two desks), and the
//! `vigie prefecture` command run as the real binary.

mod banc;

use std::path::Path;
use std::process::Output;
use vigie::domain::moteur::PanConnu;
use vigie::domain::{Departement, parse_date};
use vigie::prefectures::corrections::{self, NouvelleCorrection};
use vigie::prefectures::{Fiche, connaissance_avec};
use vigie::store::Store;
use vigie::textes::prefecture::fiche_texte;

fn store(chemin: &Path, benevole: &str) -> Store {
    banc::ouvrir(chemin, None, benevole)
}

fn dep(c: &str) -> Departement {
    Departement::depuis_code(c).unwrap()
}

fn corriger(s: &mut Store, d: &str, champ: &str, valeur: &str, verifie: &str) {
    let n = NouvelleCorrection::depuis_saisie(
        dep(d),
        champ,
        valeur,
        verifie,
        "appel au standard",
        parse_date("2026-11-23").unwrap(),
    )
    .unwrap();
    corrections::ajouter(s, &n).unwrap();
}

#[test]
fn corrections_round_trip_between_two_databases() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = store(&dir.path().join("a.db"), "Awa");
    let mut b = store(&dir.path().join("b.db"), "Jean");
    let auj = parse_date("2026-11-23").unwrap();

    corriger(&mut a, "33", "pan", "dedie", "2026-11-12");
    corriger(
        &mut a,
        "33",
        "pan_reservation",
        "rendez-vous par téléphone le mardi",
        "12/11/2026",
    );
    corriger(
        &mut a,
        "973",
        "note",
        "=SOMME(A1) ne doit pas s'exécuter",
        "2026-11-01",
    );
    // Desk B verified the PAN of 33 earlier: A's fact wins; B verified the guichet later.
    corriger(&mut b, "33", "pan", "aucun", "2026-10-01");
    corriger(&mut b, "33", "guichet", "oui", "2026-11-20");
    assert_eq!(
        connaissance_avec(&b, dep("33")).unwrap().pan,
        PanConnu::Aucun
    );

    let fa = dir.path().join("a.csv");
    let fb = dir.path().join("b.csv");
    assert_eq!(corrections::exporter(&a, &fa).unwrap(), 3);
    assert_eq!(corrections::exporter(&b, &fb).unwrap(), 2);
    let bilan = corrections::importer(&mut b, &fa, auj).unwrap();
    assert_eq!((bilan.ajoutees, bilan.deja_presentes), (3, 0));
    let bilan = corrections::importer(&mut a, &fb, auj).unwrap();
    assert_eq!((bilan.ajoutees, bilan.deja_presentes), (2, 0));

    // Importing the same file twice adds nothing.
    let bilan = corrections::importer(&mut b, &fa, auj).unwrap();
    assert_eq!((bilan.ajoutees, bilan.deja_presentes), (0, 3));
    assert_eq!(corrections::toutes(&b).unwrap().len(), 5);

    // Both desks now show the same cards and give the engine the same knowledge.
    for d in ["33", "973", "01"] {
        let ca = Fiche::chargee(&a, dep(d)).unwrap();
        let cb = Fiche::chargee(&b, dep(d)).unwrap();
        assert_eq!(fiche_texte(&ca), fiche_texte(&cb), "{d}");
        assert_eq!(
            connaissance_avec(&a, dep(d)).unwrap(),
            connaissance_avec(&b, dep(d)).unwrap()
        );
    }
    let k = connaissance_avec(&b, dep("33")).unwrap();
    assert_eq!(k.pan, PanConnu::Dedie, "the most recently verified wins");
    assert_eq!(k.guichet, Some(true));
    // The losing fact is kept as history, with who and when.
    let f = Fiche::chargee(&b, dep("33")).unwrap();
    assert_eq!(f.historique.len(), 1);
    assert_eq!(f.historique[0].valeur, "aucun");
    assert_eq!(f.historique[0].auteur, "Jean");
    let texte = fiche_texte(&f);
    assert!(texte.contains("Historique"));
    assert!(texte.contains("PAN : aucun PAN"));
    assert!(texte.contains("par Awa"));
    // Re-exports of the two desks are byte-identical.
    corrections::exporter(&a, &fa).unwrap();
    corrections::exporter(&b, &fb).unwrap();
    assert_eq!(std::fs::read(&fa).unwrap(), std::fs::read(&fb).unwrap());
    let csv = std::fs::read_to_string(&fa).unwrap();
    assert!(
        csv.contains(",'=SOMME(A1) ne doit pas s'exécuter,"),
        "{csv}"
    );
}

#[test]
fn a_refused_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = store(&dir.path().join("a.db"), "Awa");
    let f = dir.path().join("c.csv");
    std::fs::write(
        &f,
        "departement,champ,valeur,verifie_le,source,auteur,saisi_le\n\
         33,pan,dedie,2026-11-12,,Awa,2026-11-12 10:00:00\n\
         33,pan,dedie,2026-11-12,,Awa,pas une date\n",
    )
    .unwrap();
    let e = corrections::importer(&mut a, &f, parse_date("2026-11-23").unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("c.csv:3: saisi_le: pas une date:"), "{e}");
    assert!(corrections::toutes(&a).unwrap().is_empty());
}

// ---------------------------------------------------------------- the real binary

fn vigie(db: &Path, args: &[&str]) -> Output {
    banc::commande(db, None)
        .args(args)
        .env("VIGIE_BENEVOLE", "Awa")
        .output()
        .unwrap()
}

fn sortie(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn erreur(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn cli_card_matches_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");

    let o = vigie(&db, &["prefecture", "2a"]);
    assert!(o.status.success(), "{}", erreur(&o));
    let t = sortie(&o);
    assert!(
        t.starts_with("Préfecture de la Corse-du-Sud (2A Corse-du-Sud)\n"),
        "{t}"
    );
    assert!(t.contains("  Préfecture de la Corse-du-Sud\n  Palais Lantivy, Cours Napoléon\n  20188 Ajaccio Cedex 9\n"), "{t}");
    assert!(t.contains("Téléphone : 0806 001 620"));
    assert!(!db.exists(), "a lookup does not create a database");

    let o = vigie(&db, &["prefecture", "la", "réunion"]);
    assert!(o.status.success());
    assert!(sortie(&o).starts_with("Préfecture de La Réunion (974 La Réunion)"));

    let o = vigie(&db, &["prefecture", "haute"]);
    assert!(o.status.success());
    let t = sortie(&o);
    assert!(
        t.starts_with("10 départements correspondent à « haute » :\n"),
        "{t}"
    );
    assert!(t.contains("  2B  Haute-Corse\n"), "{t}");

    let o = vigie(&db, &["prefecture", "atlantide"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(sortie(&o).is_empty());
    assert!(
        erreur(&o).contains("aucun département ne correspond à « atlantide »"),
        "{}",
        erreur(&o)
    );

    let o = vigie(&db, &["prefecture"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(erreur(&o).contains("indiquez un numéro"));
}

#[test]
fn cli_corrections_shared_between_desks() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let f = dir.path().join("corrections.csv");

    let o = vigie(
        &a,
        &[
            "prefecture",
            "corriger",
            "gironde",
            "--champ",
            "pan",
            "--valeur",
            "dedie",
            "--verifie-le",
            "12/11/2026",
            "--source",
            "appel au standard",
        ],
    );
    assert!(o.status.success(), "{}", erreur(&o));
    assert!(sortie(&o).contains("Correction enregistrée pour la préfecture de la Gironde"));
    let o = vigie(
        &a,
        &[
            "prefecture",
            "corriger",
            "33",
            "--champ",
            "pan_reservation",
            "--valeur",
            "rendez-vous par téléphone le mardi",
        ],
    );
    assert!(o.status.success(), "{}", erreur(&o));

    // Refused: ambiguous département, bad value, future date; nothing written.
    for args in [
        vec![
            "prefecture",
            "corriger",
            "haute",
            "--champ",
            "pan",
            "--valeur",
            "dedie",
        ],
        vec![
            "prefecture",
            "corriger",
            "33",
            "--champ",
            "pan",
            "--valeur",
            "peut-être",
        ],
        vec![
            "prefecture",
            "corriger",
            "33",
            "--champ",
            "note",
            "--valeur",
            "x",
            "--verifie-le",
            "2027-01-01",
        ],
    ] {
        let o = vigie(&a, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(erreur(&o).starts_with("vigie : erreur :"), "{}", erreur(&o));
    }

    let t = sortie(&vigie(&a, &["prefecture", "33"]));
    assert!(t.contains("CORRECTIONS LOCALES"));
    assert!(t.contains("Rendez-vous au PAN : rendez-vous par téléphone le mardi"));
    assert!(t.contains("vérifié le 12/11/2026 par Awa, saisi le "));
    assert!(
        t.contains("vérifié le 23/11/2026 par Awa"),
        "default date is today: {t}"
    );

    let o = vigie(
        &a,
        &["prefecture", "exporter-corrections", f.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", erreur(&o));
    assert!(sortie(&o).starts_with("2 corrections écrites"));
    let o = vigie(
        &b,
        &["prefecture", "importer-corrections", f.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", erreur(&o));
    assert_eq!(
        sortie(&o).trim(),
        "2 correction(s) ajoutée(s), 0 déjà présente(s)"
    );
    let o = vigie(
        &b,
        &["prefecture", "importer-corrections", f.to_str().unwrap()],
    );
    assert_eq!(
        sortie(&o).trim(),
        "0 correction(s) ajoutée(s), 2 déjà présente(s)"
    );
    assert_eq!(
        sortie(&vigie(&a, &["prefecture", "33"])),
        sortie(&vigie(&b, &["prefecture", "33"]))
    );

    std::fs::write(&f, "departement;champ;valeur\n33;pan;dedie\n").unwrap();
    let o = vigie(
        &b,
        &["prefecture", "importer-corrections", f.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(erreur(&o).contains("points-virgules"));
}

#[test]
fn cli_lookup_still_answers_when_the_database_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("chiffree.db");
    let base = || {
        let mut c = banc::binaire(dir.path());
        c.arg("--db").arg(&db).env("VIGIE_BENEVOLE", "Awa");
        c
    };
    let o = base()
        .args([
            "prefecture",
            "corriger",
            "59",
            "--champ",
            "guichet",
            "--valeur",
            "oui",
        ])
        .env("VIGIE_PASSPHRASE", "une phrase assez longue")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", erreur(&o));
    let o = base()
        .args(["prefecture", "nord"])
        .env("VIGIE_PASSPHRASE", "une phrase assez longue")
        .output()
        .unwrap();
    assert!(sortie(&o).contains("Substitution au guichet : oui"));
    // Without the passphrase (and no terminal): the shipped card, and a warning.
    let o = base()
        .args(["prefecture", "nord"])
        .env_remove("VIGIE_PASSPHRASE")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(sortie(&o).starts_with("Préfecture du Nord (59 Nord)"));
    assert!(!sortie(&o).contains("CORRECTIONS LOCALES"));
    assert!(
        erreur(&o).contains("corrections locales non lues"),
        "{}",
        erreur(&o)
    );
}
