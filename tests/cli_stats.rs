//! `vigie export stats` end to end, with the real binary on the hand-computed fixture.

mod banc;
mod commun;

use std::path::Path;
use std::process::Output;

fn vigie(db: &Path, args: &[&str]) -> Output {
    banc::commande(db, None)
        .args(args)
        .env("VIGIE_BENEVOLE", "Test")
        .env("VIGIE_DATE", "2026-12-02")
        .output()
        .unwrap()
}

fn base() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    drop(commun::fixture(&db));
    (dir, db)
}

#[test]
fn month_to_stdout_and_dates_in_both_forms_agree() {
    let (_dir, db) = base();
    let mois = vigie(
        &db,
        &["export", "stats", "--mois", "2026-11", "--seuil", "3"],
    );
    assert!(
        mois.status.success(),
        "{}",
        String::from_utf8_lossy(&mois.stderr)
    );
    let texte = String::from_utf8(mois.stdout.clone()).unwrap();
    assert!(
        texte.starts_with("du,au,departement,indicateur,modalite,valeur,base,pourcentage,statut\n")
    );
    assert!(texte.contains("\n2026-11-01,2026-11-30,ensemble,rupture_droits,,3,8,37.5,ok\n"));
    assert_eq!(texte.lines().count(), 33);
    let dates = vigie(
        &db,
        &[
            "export",
            "stats",
            "--du",
            "1/11/2026",
            "--au",
            "2026-11-30",
            "--seuil",
            "3",
        ],
    );
    assert!(dates.status.success());
    assert_eq!(dates.stdout, mois.stdout);
    // The quarter shorthand is the three whole months.
    let q = vigie(
        &db,
        &["export", "stats", "--trimestre", "2026-T4", "--seuil", "3"],
    );
    assert!(q.status.success(), "{}", String::from_utf8_lossy(&q.stderr));
    assert!(
        String::from_utf8(q.stdout)
            .unwrap()
            .contains("\n2026-10-01,2026-12-31,ensemble,")
    );
}

#[test]
fn file_output_per_departement_excel_and_message() {
    let (dir, db) = base();
    let f = dir.path().join("stats.csv");
    let o = vigie(
        &db,
        &[
            "export",
            "stats",
            "--mois",
            "2026-11",
            "--par-departement",
            "--format",
            "excel-fr",
            "--sortie",
            f.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("écrites dans") && err.contains("stats.csv"),
        "{err}"
    );
    let texte = String::from_utf8(std::fs::read(&f).unwrap()).unwrap();
    assert!(
        texte.starts_with(
            "\u{feff}Du;Au;Département;Nom du département;Indicateur;Libellé de l'indicateur;\
             Modalité;Libellé de la modalité;Valeur;Base;Pourcentage;Statut;Libellé du statut\r\n"
        ),
        "{texte}"
    );
    // Default threshold 5: the 3-person blocks are masked, 33 (5 people) is published.
    assert!(
        texte.contains(
            "\r\n2026-11-01;2026-11-30;2A;Corse-du-Sud;personnes_suivies;\
             Personnes suivies dans la période;;;;;;masque;\
             masqué (moins de personnes que le seuil)\r\n"
        ),
        "{texte}"
    );
    assert!(
        texte.contains(
            "\r\n2026-11-01;2026-11-30;33;Gironde;personnes_suivies;\
             Personnes suivies dans la période;;;5;;;ok;publié\r\n"
        ),
        "{texte}"
    );
    assert!(
        texte.contains(
            "\r\n2026-11-01;2026-11-30;ensemble;Ensemble des personnes;\
             attente_ccc_mediane_minutes;Attente médiane au téléphone du CCC (minutes);;;17,5;6;;ok;publié\r\n"
        ),
        "{texte}"
    );
    assert!(
        texte.contains(";demarche;Personnes suivies, par démarche;renouvellement;Renouvellement;")
    );
    assert_eq!(texte.lines().count(), 1 + 4 * 32);
    // Nothing personal leaves: no reference, name, phone or note of the fixture.
    let corps = texte.split_once('\n').unwrap().1;
    for secret in ["P1", "Nom", "+33", "note"] {
        assert!(!corps.contains(secret), "{secret}");
    }
}

#[test]
fn year_shortcut() {
    let (_dir, db) = base();
    let o = vigie(&db, &["export", "stats", "--annee", "2026", "--seuil", "3"]);
    assert!(o.status.success());
    let texte = String::from_utf8(o.stdout).unwrap();
    // Over 2026 all twelve people are followed (P9 has its October visit).
    assert!(texte.contains("\n2026-01-01,2026-12-31,ensemble,personnes_suivies,,12,,,ok\n"));
}

#[test]
fn errors_are_french_and_nothing_is_written() {
    let (dir, db) = base();
    let f = dir.path().join("non.csv");
    let cas: &[(&[&str], &str)] = &[
        (&["export", "stats"], "période manquante"),
        (&["export", "stats", "--du", "2026-11-01"], "sans --au"),
        (
            &[
                "export",
                "stats",
                "--du",
                "2026-11-30",
                "--au",
                "2026-11-01",
            ],
            "période à l'envers",
        ),
        (
            &[
                "export",
                "stats",
                "--du",
                "31/11/2026",
                "--au",
                "2026-12-01",
            ],
            "--du : « 31/11/2026 » n'est pas une date valide",
        ),
        (&["export", "stats", "--mois", "2026-13"], "--mois"),
        (&["export", "stats", "--annee", "26"], "--annee"),
        (
            &["export", "stats", "--mois", "2026-11", "--seuil", "0"],
            "--seuil 0 refusé",
        ),
        (
            &["export", "stats", "--mois", "2026-11", "--seuil", "1"],
            "au moins 3",
        ),
        (
            &["export", "stats", "--mois", "2026-11", "--seuil", "2"],
            "au moins 3",
        ),
        // The overlapping-periods attack: June against June + 1 July.
        (
            &[
                "export",
                "stats",
                "--du",
                "2026-06-01",
                "--au",
                "2026-07-01",
            ],
            "seuls des mois entiers",
        ),
        (
            &[
                "export",
                "stats",
                "--du",
                "2026-06-02",
                "--au",
                "2026-06-30",
            ],
            "seuls des mois entiers",
        ),
        (
            &["export", "stats", "--trimestre", "2026-T5"],
            "--trimestre",
        ),
        (
            &["export", "stats", "--mois", "2026-11", "--format", "xlsx"],
            "excel-fr",
        ),
    ];
    for (args, attendu) in cas {
        let mut a = args.to_vec();
        let s = f.to_str().unwrap();
        a.extend_from_slice(&["--sortie", s]);
        let o = vigie(&db, &a);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            err.contains("vigie : erreur :") && err.contains(attendu),
            "{args:?}: {err}"
        );
        assert!(!f.exists());
    }
    let absente = dir.path().join("absente.db");
    let o = vigie(&absente, &["export", "stats", "--mois", "2026-11"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("aucune base"));
    assert!(!absente.exists());
    // Mixing the period forms is refused by the argument parser.
    let o = vigie(
        &db,
        &["export", "stats", "--mois", "2026-11", "--annee", "2026"],
    );
    assert_eq!(o.status.code(), Some(2));
}
