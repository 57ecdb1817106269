//! End to end: the desk day without the full-screen interface — `vigie chercher`,
//! `vigie noter` (every type; bad input refused with nothing written) and `vigie fiche`,
//! through the real binary on an encrypted base.

mod banc;

use banc::{BENEVOLE, Banc, erreur, ok};

const GENS: &str = "\
D-000143,Benaïssa,Aïcha,06 33 92 49 49,93,renouvellement,depot_impossible,2026-09-01,2026-12-20,,,
2026-0001,N'Diaye,Moussa,+33 6 64 05 91 73,75,premiere_demande,connexion,2026-10-02,,,,
2026-0002,Nguyễn,Thị Lan,06.71.15.00.00,33,renouvellement,sans_nouvelles,2026-08-15,,,,
2026-0003,Şahin,Ömer,,69,duplicata,numero_etranger,2026-11-02,,,,";

fn banc() -> Banc {
    let b = Banc::chiffre();
    b.importer(GENS, "");
    b
}

/// The references `vigie chercher` prints, in order.
fn trouvees(b: &Banc, texte: &[&str]) -> Vec<String> {
    let mut args = vec!["chercher"];
    args.extend_from_slice(texte);
    ok(&b.vigie(&args))
        .lines()
        .filter_map(|l| l.split_once(" : ").map(|(r, _)| r.to_string()))
        .collect()
}

#[test]
fn chercher_finds_what_volunteers_type() {
    let b = banc();
    for (q, attendu) in [
        ("Aïcha Benaïssa", "D-000143"),
        ("Benaïssa Aïcha", "D-000143"),
        ("aicha benaissa", "D-000143"),
        ("0633924949", "D-000143"),
        ("06 33 92", "D-000143"),
        ("+33 6 33 92 49 49", "D-000143"),
        ("d000143", "D-000143"),
        ("ndiaye", "2026-0001"),
        ("06 64 05 91 73", "2026-0001"),
        ("06.64.05", "2026-0001"),
        ("nguyen", "2026-0002"),
        ("06.71.15", "2026-0002"),
        ("thi lan", "2026-0002"),
        ("sahin", "2026-0003"),
        ("OMER", "2026-0003"),
    ] {
        assert_eq!(trouvees(&b, &[q]), vec![attendu.to_string()], "{q}");
    }
    // Several words without quotes are one query.
    assert_eq!(trouvees(&b, &["Moussa", "N'Diaye"]), vec!["2026-0001"]);
    let sortie = ok(&b.vigie(&["chercher", "aicha"]));
    assert_eq!(
        sortie.trim(),
        "D-000143 : Aïcha Benaïssa, 93 Seine-Saint-Denis, tél. 06 33 92 49 49."
    );
    let rien = ok(&b.vigie(&["chercher", "zebulon"]));
    assert_eq!(rien.trim(), "Aucune personne ne correspond à « zebulon ».");
}

fn evenements(b: &Banc) -> i64 {
    b.compter("SELECT count(*) FROM evenements")
}

#[test]
fn noter_records_every_type_signed_and_prints_the_next_step() {
    let b = banc();
    let cas: &[&[&str]] = &[
        &["visite"],
        &[
            "ccc",
            "--resultat",
            "sans_aide",
            "--ticket",
            "T-12345",
            "--date",
            "20/11",
        ],
        &[
            "ccc",
            "--canal",
            "telephone",
            "--resultat",
            "en_attente",
            "--attente",
            "45",
        ],
        &[
            "pan",
            "--resultat",
            "rdv_obtenu",
            "--echeance",
            "05/12/2026",
        ],
        &[
            "substitution",
            "--canal",
            "postal",
            "--resultat",
            "demandee",
        ],
        &[
            "prefecture",
            "--canal",
            "courriel",
            "--resultat",
            "envoye",
            "--ticket",
            "42",
        ],
        &[
            "recommande",
            "--resultat",
            "envoye",
            "--ticket",
            "1A23456789",
        ],
        &["avocat", "--resultat", "oriente"],
        &["defenseur_droits", "--resultat", "saisi"],
        &["api_delivree", "--echeance", "2027-02-23"],
        &[
            "suivi",
            "--echeance",
            "2026-12-07",
            "--notes",
            "rappeler après le RDV",
        ],
        &["cloture", "--resultat", "resolu"],
    ];
    for (i, options) in cas.iter().enumerate() {
        let mut args = vec!["noter", "D-000143"];
        args.extend_from_slice(options);
        let sortie = ok(&b.vigie(&args));
        assert_eq!(evenements(&b), i as i64 + 1, "{options:?}");
        let lignes: Vec<&str> = sortie.lines().collect();
        assert_eq!(lignes.len(), 2, "{sortie}");
        assert!(
            lignes[0].contains("enregistré pour Aïcha Benaïssa (D-000143)"),
            "{sortie}"
        );
        assert!(
            lignes[0].ends_with(&format!("signé {BENEVOLE}.")),
            "{sortie}"
        );
        assert!(lignes[1].starts_with("Prochaine étape : "), "{sortie}");
    }
    // Every type is stored as given, signed by the volunteer.
    let types: Vec<String> = {
        let c = b.sql();
        let mut st = c
            .prepare("SELECT type || '/' || coalesce(canal, '') || '/' || saisi_par FROM evenements ORDER BY id")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(types[1], format!("ccc/formulaire/{BENEVOLE}"));
    assert_eq!(types[2], format!("ccc/telephone/{BENEVOLE}"));
    assert_eq!(types[11], format!("cloture//{BENEVOLE}"));
    // `20/11` is this year's.
    assert_eq!(
        b.compter("SELECT count(*) FROM evenements WHERE id = 2 AND date = '2026-11-20'"),
        1
    );
    assert_eq!(
        b.compter("SELECT attente_minutes FROM evenements WHERE id = 3"),
        45
    );
    assert_eq!(
        b.compter("SELECT count(*) FROM evenements WHERE type = 'pan' AND echeance = '2026-12-05'"),
        1
    );
}

#[test]
fn noter_refuses_bad_input_and_writes_nothing() {
    let b = banc();
    let avant = evenements(&b);
    let journal = b.compter("SELECT count(*) FROM journal");
    for (options, attendus) in [
        (&["rendezvous"][..], &["--type : valeur inconnue"][..]),
        (&["ccc"], &["--resultat : obligatoire"]),
        (
            &["ccc", "--resultat", "sans_aide", "--canal", "guichet"],
            &["--canal : valeur inconnue"],
        ),
        (
            &["ccc", "--resultat", "sans_aide", "--attente", "30"],
            &["--attente :"],
        ),
        (
            &[
                "ccc",
                "--canal",
                "telephone",
                "--resultat",
                "sans_aide",
                "--attente",
                "2000",
            ],
            &["--attente :"],
        ),
        (&["visite", "--date", "2026-11-24"], &["--date :"]),
        (&["visite", "--date", "31/02/2026"], &["--date :"]),
        (&["visite", "--resultat", "resolu"], &["--resultat :"]),
        (&["suivi"], &["--echeance : obligatoire"]),
        (
            &["pan", "--resultat", "envoye", "--echeance", "demain"],
            &["--resultat :", "--echeance :"],
        ),
        (&["visite", "--notes", "bip\u{7}"], &["--notes :"]),
        (&["visite", "--ticket", "a\nb"], &["--ticket :"]),
    ] {
        let mut args = vec!["noter", "D-000143"];
        args.extend_from_slice(options);
        let message = erreur(&b.vigie(&args));
        assert!(
            message.contains("rien n'a été enregistré"),
            "{options:?}: {message}"
        );
        for a in attendus {
            assert!(message.contains(a), "{options:?}: {message}");
        }
    }
    // An unknown reference.
    let message = erreur(&b.vigie(&["noter", "2026-9999", "visite"]));
    assert!(message.contains("2026-9999"), "{message}");
    assert_eq!(evenements(&b), avant);
    assert_eq!(b.compter("SELECT count(*) FROM journal"), journal);
}

#[test]
fn fiche_prints_the_file_line_by_line() {
    let b = banc();
    ok(&b.vigie(&[
        "noter",
        "2026-0001",
        "ccc",
        "--resultat",
        "sans_aide",
        "--ticket",
        "T-777",
        "--date",
        "2026-11-10",
    ]));
    let sortie = ok(&b.vigie(&["fiche", "2026-0001"]));
    let lignes: Vec<&str> = sortie.lines().collect();
    assert_eq!(
        lignes[0],
        "Identité : Moussa N'Diaye · réf. 2026-0001 · tél. +33 6 64 05 91 73"
    );
    assert!(
        lignes
            .iter()
            .any(|l| l.starts_with("Démarche : Première demande, dossier ouvert le 02/10/2026")),
        "{sortie}"
    );
    assert!(
        lignes.iter().any(|l| l.starts_with("Prochaine étape : ")),
        "{sortie}"
    );
    let historique = lignes
        .iter()
        .position(|l| l.starts_with("Historique"))
        .expect("history");
    assert!(
        lignes[historique + 1].starts_with("  10/11/2026 CCC, formulaire, ")
            && lignes[historique + 1].contains("ticket n° T-777")
            && lignes[historique + 1].contains(&format!("saisi par {BENEVOLE}")),
        "{sortie}"
    );
    // No box drawing or colour, for screen readers.
    assert!(
        !sortie.contains('\u{1b}') && !sortie.contains('│'),
        "{sortie}"
    );
    let message = erreur(&b.vigie(&["fiche", "ZZZ"]));
    assert!(message.contains("« ZZZ »"), "{message}");
}
