//! End-to-end tests of `vigie import`, `vigie export donnees` and `vigie demo`, through the
//! real binary (docs/fichiers.md §1–§3).

mod banc;

use banc::{Banc, ENTETE_E, ENTETE_P, ENTETE_P_SORTIE, sortie_personnes};
use std::path::Path;
use std::process::Output;

const BON_P1: &str =
    "P1,Diallo,Awa,06 12 34 56 78,93,renouvellement,depot_impossible,2026-10-01,2026-12-31,,non,";
const BON_P2: &str = "P2,Nguyen,Minh,,75,premiere_demande,connexion,02/11/2026,,,oui,";
const BON_E1: &str = "P1,2026-10-01,visite,,,,,,";
const BON_E2: &str = "P1,2026-10-02,ccc,telephone,sans_aide,,T-1,35,";

impl Banc {
    /// Exports `db` into `sous_dossier` and returns (personnes.csv, evenements.csv).
    fn exporter_db(&self, db: &Path, sous_dossier: &str) -> (String, String) {
        let d = self.racine.join(sous_dossier);
        let o = self.vigie_db(db, &["export", "donnees", "--dossier", d.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        (
            std::fs::read_to_string(d.join("personnes.csv")).unwrap(),
            std::fs::read_to_string(d.join("evenements.csv")).unwrap(),
        )
    }

    fn exporter(&self, sous_dossier: &str) -> (String, String) {
        self.exporter_db(&self.db, sous_dossier)
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn lignes(v: &[&str]) -> String {
    let mut s = v.join("\n");
    s.push('\n');
    s
}

#[test]
fn csv_edge_cases_import_and_export_exactly() {
    let b = Banc::new();
    // BOM, CRLF, quotes, commas and newlines in notes, accents, escaped and unescaped cells
    // starting with a formula character, both date forms, a one-digit département.
    let personnes = "\u{feff}".to_string()
        + "reference,nom,prenom,telephone,departement,demarche,blocage,ouvert_le,titre_expire_le,api_expire_le,pan_connu,notes\r\n"
        + "B2,Ndiaye,Aïcha,'+33 6 12 34 56 78,1,renouvellement,api_non_renouvelee,3/9/2026,2026-12-01,15/01/2027,oui,\"Adresse : 12, rue des Lilas\r\nBât. \"\"B\"\"\"\r\n"
        + "A1,=SOMME(A1),Élodie,+33 7 00 00 00 00,2a,naturalisation,autre,2026-10-05,,,,'- rappeler lundi\r\n"
        + "C3,'@moi,,,976,duplicata,connexion,2026-11-01,,,non,'abc\r\n";
    // Column order is free on input.
    let evenements = lignes(&[
        "type,reference,date,canal,resultat,echeance,ticket,attente_minutes,notes",
        "ccc,B2,2026-09-04,telephone,sans_aide,,'-12,0,\"dit \"\"rappeler\"\", sans suite\"",
        "visite,A1,5/10/2026,,,,,,",
        "api_delivree,B2,2026-09-10,,,10/12/2026,,,",
        "pan,A1,2026-10-06,,rdv_obtenu,2026-11-24,,,\t tab",
    ]);
    let o = b.importer_csv(Some(&personnes), Some(&evenements));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("3 personne(s) ajoutée(s), 4 événement(s) ajouté(s)"),
        "{}",
        stdout(&o)
    );
    let (p, e) = b.exporter("sortie");
    assert_eq!(
        p,
        sortie_personnes(&[
            "A1,'=SOMME(A1),Élodie,'+33 7 00 00 00 00,2A,naturalisation,autre,2026-10-05,,,,'- rappeler lundi",
            "B2,Ndiaye,Aïcha,'+33 6 12 34 56 78,01,renouvellement,api_non_renouvelee,2026-09-03,2026-12-01,2027-01-15,oui,\"Adresse : 12, rue des Lilas\r\nBât. \"\"B\"\"\"",
            "C3,'@moi,,,976,duplicata,connexion,2026-11-01,,,non,'abc",
        ])
    );
    assert_eq!(
        e,
        lignes(&[
            ENTETE_E,
            "A1,2026-10-05,visite,,,,,,",
            "A1,2026-10-06,pan,,rdv_obtenu,2026-11-24,,,'\t tab",
            "B2,2026-09-04,ccc,telephone,sans_aide,,'-12,0,\"dit \"\"rappeler\"\", sans suite\"",
            "B2,2026-09-10,api_delivree,,,2026-12-10,,,",
        ])
    );
    // The stored values are the unescaped ones, and the volunteer signed every event.
    let store = banc::ouvrir(&b.db, None, "lecture");
    let a1 = store.personne_par_reference("A1").unwrap().unwrap();
    assert_eq!(a1.nom, "=SOMME(A1)");
    assert_eq!(a1.telephone.as_deref(), Some("+33 7 00 00 00 00"));
    assert_eq!(a1.notes.as_deref(), Some("- rappeler lundi"));
    let c3 = store.personne_par_reference("C3").unwrap().unwrap();
    assert_eq!(c3.nom, "@moi");
    assert_eq!(c3.notes.as_deref(), Some("'abc"));
    let tous = store.evenements_tous().unwrap();
    assert_eq!(tous.len(), 4);
    assert!(tous.iter().all(|(_, e)| e.saisi_par == "Camille Testeuse"));
}

/// One bad row among good ones: the error names file, line, column, value and reason, and
/// the database is left exactly as it was.
fn refuse(b: &Banc, personnes: Option<&str>, evenements: Option<&str>, attendu: &str) {
    let avant = b.exporter("avant");
    let o = b.importer_csv(personnes, evenements);
    assert!(
        !o.status.success(),
        "accepted: {personnes:?} {evenements:?}"
    );
    let err = stderr(&o);
    assert!(err.contains(attendu), "expected «{attendu}» in:\n{err}");
    assert!(err.contains("rien n'a été écrit"), "{err}");
    assert_eq!(b.exporter("apres"), avant, "database changed");
}

fn banc_avec_une_personne() -> Banc {
    let b = Banc::new();
    let o = b.importer_csv(
        Some(&lignes(&[
            ENTETE_P,
            "P0,Martin,,,13,autre,autre,2026-01-01,,,,",
        ])),
        Some(&lignes(&[ENTETE_E, "P0,2026-01-01,visite,,,,,,"])),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    b
}

#[test]
fn every_person_rule_is_enforced() {
    let b = banc_avec_une_personne();
    // (bad cells of a row that is otherwise BON_P2 with reference P3, expected error)
    let cas: &[(&str, &str)] = &[
        (
            "P 3,Nguyen,Minh,,75,premiere_demande,connexion,2026-11-02,,,oui,",
            "personnes.csv:3: reference: P 3: référence invalide",
        ),
        (
            "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABC,Nguyen,,,75,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: reference: ABCDEFGHIJABCDEFGHIJABCDEFGHIJABC: référence invalide",
        ),
        (
            ",Nguyen,,,75,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: reference: : valeur obligatoire manquante",
        ),
        (
            "P3,,Minh,,75,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: nom: : valeur obligatoire manquante",
        ),
        (
            "P3,Nguyen,,,20,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: departement: 20: département inconnu",
        ),
        (
            "P3,Nguyen,,,975,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: departement: 975: département inconnu",
        ),
        (
            "P3,Nguyen,,,,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: departement: : valeur obligatoire manquante",
        ),
        (
            "P3,Nguyen,,,75,Renouvellement,autre,2026-11-02,,,,",
            "personnes.csv:3: demarche: Renouvellement: valeur inconnue (valeurs admises : premiere_demande,",
        ),
        (
            "P3,Nguyen,,,75,autre,bloque,2026-11-02,,,,",
            "personnes.csv:3: blocage: bloque: valeur inconnue (valeurs admises : connexion,",
        ),
        (
            "P3,Nguyen,,,75,autre,autre,2026-02-30,,,,",
            "personnes.csv:3: ouvert_le: 2026-02-30: date invalide",
        ),
        (
            "P3,Nguyen,,,75,autre,autre,,,,,",
            "personnes.csv:3: ouvert_le: : valeur obligatoire manquante",
        ),
        (
            "P3,Nguyen,,,75,autre,autre,2026-11-02,31/04/2026,,,",
            "personnes.csv:3: titre_expire_le: 31/04/2026: date invalide",
        ),
        (
            "P3,Nguyen,,,75,autre,autre,2026-11-02,,demain,,",
            "personnes.csv:3: api_expire_le: demain: date invalide",
        ),
        (
            "P3,Nguyen,,,75,autre,autre,2026-11-02,,,Oui,",
            "personnes.csv:3: pan_connu: Oui: « oui », « non » ou vide attendu",
        ),
        (
            "P3,Nguyen,,,75,autre,autre,2026-11-02,,,,,",
            "personnes.csv:3: (ligne): ",
        ),
        (
            "P1,Nguyen,,,75,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: reference: P1: référence en double dans le fichier (déjà à la ligne 2)",
        ),
        (
            "P0,Nguyen,,,75,autre,autre,2026-11-02,,,,",
            "personnes.csv:3: reference: P0: cette référence est déjà dans la base",
        ),
    ];
    for (ligne, attendu) in cas {
        refuse(
            &b,
            Some(&lignes(&[ENTETE_P, BON_P1, ligne, BON_P2])),
            Some(&lignes(&[ENTETE_E, BON_E1, BON_E2])),
            attendu,
        );
    }
}

#[test]
fn every_event_rule_is_enforced() {
    let b = banc_avec_une_personne();
    let cas: &[(&str, &str)] = &[
        (
            "P9,2026-10-03,visite,,,,,,",
            "evenements.csv:3: reference: P9: référence inconnue",
        ),
        (
            "P1,2026-13-03,visite,,,,,,",
            "evenements.csv:3: date: 2026-13-03: date invalide",
        ),
        (
            "P1,,visite,,,,,,",
            "evenements.csv:3: date: : valeur obligatoire manquante",
        ),
        (
            "P1,2026-10-03,rdv,,,,,,",
            "evenements.csv:3: type: rdv: valeur inconnue (valeurs admises : visite, ccc,",
        ),
        (
            "P1,2026-10-03,ccc,,sans_aide,,,,",
            "evenements.csv:3: canal: : obligatoire pour un événement « ccc »",
        ),
        (
            "P1,2026-10-03,ccc,guichet,sans_aide,,,,",
            "evenements.csv:3: canal: guichet: valeur inconnue (valeurs admises : formulaire, telephone)",
        ),
        (
            "P1,2026-10-03,substitution,formulaire,invitation,,,,",
            "evenements.csv:3: canal: formulaire: valeur inconnue (valeurs admises : guichet, postal, courriel)",
        ),
        (
            "P1,2026-10-03,substitution,,invitation,,,,",
            "evenements.csv:3: canal: : obligatoire pour un événement « substitution »",
        ),
        (
            "P1,2026-10-03,visite,telephone,,,,,",
            "evenements.csv:3: canal: telephone: doit rester vide pour un événement « visite »",
        ),
        (
            "P1,2026-10-03,ccc,formulaire,pigeon,,,,",
            "evenements.csv:3: resultat: pigeon: valeur inconnue (valeurs admises : resolu, sans_aide,",
        ),
        (
            "P1,2026-10-03,pan,,,,,,",
            "evenements.csv:3: resultat: : obligatoire pour un événement « pan »",
        ),
        (
            "P1,2026-10-03,pan,,envoye,,,,",
            "evenements.csv:3: resultat: envoye: valeur inconnue (valeurs admises : rdv_demande, rdv_obtenu, rdv_indisponible, pas_de_pan, resolu, substitution_proposee, aucune_solution)",
        ),
        (
            "P1,2026-10-03,recommande,,refus,,,,",
            "evenements.csv:3: resultat: refus: valeur inconnue (valeurs admises : envoye, reponse_recue)",
        ),
        (
            "P1,2026-10-03,avocat,,saisi,,,,",
            "evenements.csv:3: resultat: saisi: valeur inconnue (valeurs admises : oriente, refere_depose, decision_favorable, decision_defavorable)",
        ),
        (
            "P1,2026-10-03,defenseur_droits,,oriente,,,,",
            "evenements.csv:3: resultat: oriente: valeur inconnue (valeurs admises : saisi, reponse_recue)",
        ),
        (
            "P1,2026-10-03,cloture,,sans_aide,,,,",
            "evenements.csv:3: resultat: sans_aide: valeur inconnue (valeurs admises : resolu, abandon, perdu_de_vue)",
        ),
        (
            "P1,2026-10-03,visite,,resolu,,,,",
            "evenements.csv:3: resultat: resolu: doit rester vide pour un événement « visite »",
        ),
        (
            "P1,2026-10-03,api_delivree,,resolu,2027-01-03,,,",
            "evenements.csv:3: resultat: resolu: doit rester vide pour un événement « api_delivree »",
        ),
        (
            "P1,2026-10-03,api_delivree,,,,,,",
            "evenements.csv:3: echeance: : obligatoire pour un événement « api_delivree »",
        ),
        (
            "P1,2026-10-03,visite,,,32/01/2026,,,",
            "evenements.csv:3: echeance: 32/01/2026: date invalide",
        ),
        (
            "P1,2026-10-03,ccc,telephone,sans_aide,,,-5,",
            "evenements.csv:3: attente_minutes: -5: nombre entier positif ou nul attendu",
        ),
        (
            "P1,2026-10-03,ccc,telephone,sans_aide,,,12.5,",
            "evenements.csv:3: attente_minutes: 12.5: nombre entier positif ou nul attendu",
        ),
        (
            "P-1,2026-10-03,visite,,,,,,",
            "evenements.csv:3: reference: P-1: référence inconnue",
        ),
        (
            "P1 x,2026-10-03,visite,,,,,,",
            "evenements.csv:3: reference: P1 x: référence invalide",
        ),
    ];
    for (ligne, attendu) in cas {
        refuse(
            &b,
            Some(&lignes(&[ENTETE_P, BON_P1, BON_P2])),
            Some(&lignes(&[ENTETE_E, BON_E1, ligne, BON_E2])),
            attendu,
        );
    }
    // Events alone may refer to people already in the database.
    let o = b.importer_csv(
        None,
        Some(&lignes(&[ENTETE_E, "P0,2026-02-01,pan,,pas_de_pan,,,,"])),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 événement(s) ajouté(s)"));
}

#[test]
fn header_problems_are_reported_on_line_one() {
    let b = banc_avec_une_personne();
    refuse(
        &b,
        Some(&lignes(&[
            &format!("{ENTETE_P},age"),
            &format!("{BON_P1},3"),
        ])),
        None,
        "personnes.csv:1: colonne 13: age: colonne inconnue",
    );
    refuse(
        &b,
        Some(&lignes(&[
            &format!("{ENTETE_P},nom"),
            &format!("{BON_P1},X"),
        ])),
        None,
        "personnes.csv:1: nom: nom: colonne présente deux fois",
    );
    refuse(
        &b,
        Some(&lignes(&[
            "reference,nom,departement,demarche,ouvert_le",
            "P5,X,75,autre,2026-01-01",
        ])),
        None,
        "personnes.csv:1: blocage: : colonne obligatoire absente",
    );
    refuse(
        &b,
        Some(&lignes(&[
            "Reference,nom,departement,demarche,blocage,ouvert_le",
        ])),
        None,
        "personnes.csv:1: colonne 1: Reference: colonne inconnue",
    );
    refuse(
        &b,
        None,
        Some(&lignes(&["reference,date", "P0,2026-01-01"])),
        "evenements.csv:1: type: : colonne obligatoire absente",
    );
    // A good people file is not written when the events file is wrong.
    refuse(
        &b,
        Some(&lignes(&[ENTETE_P, BON_P1])),
        Some(&lignes(&["reference,date,typ", "P1,2026-01-01,visite"])),
        "evenements.csv:1: colonne 3: typ: colonne inconnue",
    );
}

#[test]
fn windows_1252_and_semicolon_files_are_refused_with_a_fix() {
    let b = banc_avec_une_personne();
    // "Hélène" and "Épinay" in Windows-1252.
    let mut cp1252 = format!("{ENTETE_P}\n").into_bytes();
    cp1252.extend_from_slice(b"P7,Dupont,H\xe9l\xe8ne,,93,autre,autre,2026-01-01,,,,\xc9pinay\n");
    let p = b.fichier("cp1252.csv", &cp1252);
    let o = b.vigie(&["import", "--personnes", p.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("cp1252.csv:2: le fichier n'est pas encodé en UTF-8"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
    assert!(!err.contains("colonne"), "{err}");

    let pv = b.fichier(
        "pv.csv",
        lignes(&[
            &ENTETE_P.replace(',', ";"),
            "P7;Dupont;Hélène;;93;autre;autre;2026-01-01;;;;",
        ]),
    );
    let o = b.vigie(&["import", "--personnes", pv.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("pv.csv:1: le fichier est séparé par des points-virgules"),
        "{err}"
    );
    assert!(err.contains("virgule comme séparateur"), "{err}");
    assert!(!err.contains("colonne inconnue"), "{err}");
    assert_eq!(
        b.exporter("x").0,
        sortie_personnes(&["P0,Martin,,,13,autre,autre,2026-01-01,,,,"])
    );
}

#[test]
fn existing_people_are_an_error_unless_ignored() {
    let b = Banc::new();
    let o = b.importer_csv(Some(&lignes(&[ENTETE_P, BON_P1])), None);
    assert!(o.status.success(), "{}", stderr(&o));
    let p3 = "P3,Koné,,,69,autre,autre,2026-11-05,,,,";
    let fichier = b.fichier("p.csv", lignes(&[ENTETE_P, BON_P1, p3]));
    let e = b.fichier(
        "e.csv",
        lignes(&[
            ENTETE_E,
            "P1,2026-11-20,visite,,,,,,",
            "P3,2026-11-05,visite,,,,,,",
        ]),
    );
    let sans = b.vigie(&["import", "--personnes", fichier.to_str().unwrap()]);
    assert!(!sans.status.success());
    assert!(
        stderr(&sans).contains("p.csv:2: reference: P1: cette référence est déjà dans la base")
    );
    let avec = b.vigie(&[
        "import",
        "--personnes",
        fichier.to_str().unwrap(),
        "--evenements",
        e.to_str().unwrap(),
        "--ignorer-existants",
    ]);
    assert!(avec.status.success(), "{}", stderr(&avec));
    let out = stdout(&avec);
    assert!(
        out.contains("1 personne(s) ajoutée(s), 2 événement(s) ajouté(s)"),
        "{out}"
    );
    assert!(out.contains("1 personne(s) déjà présente(s)"), "{out}");
    let (p, ev) = b.exporter("x");
    assert_eq!(p, sortie_personnes(&[BON_P1, p3]));
    assert_eq!(ev.lines().count(), 3);
}

#[test]
fn identical_events_are_skipped_as_a_multiset() {
    let b = Banc::new();
    assert!(
        b.importer_csv(Some(&lignes(&[ENTETE_P, BON_P1, BON_P2])), None)
            .status
            .success()
    );
    // Two identical visits the same day are two events.
    let ev = lignes(&[
        ENTETE_E,
        BON_E1,
        BON_E1,
        BON_E2,
        "P2,2026-11-02,visite,,,,,,",
    ]);
    let o = b.importer_csv(None, Some(&ev));
    assert!(
        stdout(&o).contains("4 événement(s) ajouté(s)"),
        "{}",
        stdout(&o)
    );
    let o = b.importer_csv(None, Some(&ev));
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("0 événement(s) ajouté(s)"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("4 événement(s) identique(s)"),
        "{}",
        stdout(&o)
    );
    // A third identical visit, a visit with another note and a date in the other form.
    let o = b.importer_csv(
        None,
        Some(&lignes(&[
            ENTETE_E,
            BON_E1,
            BON_E1,
            BON_E1,
            "P1,2026-10-01,visite,,,,,,autre note",
            "P1,02/10/2026,ccc,telephone,sans_aide,,T-1,35,",
        ])),
    );
    let out = stdout(&o);
    assert!(out.contains("2 événement(s) ajouté(s)"), "{out}");
    assert!(out.contains("3 événement(s) identique(s)"), "{out}");
    assert_eq!(b.exporter("x").1.lines().count(), 1 + 6);
}

#[test]
fn at_most_fifty_errors_are_listed() {
    let b = Banc::new();
    let mut v = vec![ENTETE_P.to_string()];
    for i in 0..60 {
        v.push(format!("R{i},Nom,,,99,autre,autre,2026-01-01,,,,"));
    }
    let v: Vec<&str> = v.iter().map(String::as_str).collect();
    let o = b.importer_csv(Some(&lignes(&v)), None);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(
        err.lines()
            .filter(|l| l.contains(": departement: 99: "))
            .count(),
        50
    );
    assert!(err.contains("personnes.csv:51: departement"), "{err}");
    assert!(!err.contains("personnes.csv:52: departement"), "{err}");
    assert!(err.contains("… et 10 autre(s) erreur(s)"), "{err}");
    assert!(err.contains("import refusé : 60 erreur(s)"), "{err}");
}

#[test]
fn demo_export_round_trip_is_byte_identical() {
    let b = Banc::new();
    let o = b.vigie(&["demo", "--personnes", "250", "--graine", "7"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let export = b.racine.join("demo_export");
    let o = b.vigie(&["export", "donnees", "--dossier", export.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("données personnelles"),
        "{}",
        stderr(&o)
    );
    let premier = b.exporter("un");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(b.racine.join("un/personnes.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "export readable by others: {mode:o}");
    }
    // The demo's text exercises the escaping.
    assert!(premier.0.contains(",'+33 "), "no escaped phone");
    assert!(premier.0.contains(",'- rappeler"), "no escaped note");
    assert!(
        premier
            .0
            .contains("\"Adresse : 12, rue des Lilas\nBâtiment B")
    );
    let autre = b.racine.join("y.db");
    let o = b.vigie_db(
        &autre,
        &[
            "import",
            "--personnes",
            export.join("personnes.csv").to_str().unwrap(),
            "--evenements",
            export.join("evenements.csv").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let second = b.exporter_db(&autre, "deux");
    assert!(premier.0 == second.0, "personnes.csv differs");
    assert!(premier.1 == second.1, "evenements.csv differs");
    assert_eq!(premier.0.matches("\nD-").count(), 250);
    // No BOM, LF line ends.
    assert!(premier.0.starts_with(&format!("{ENTETE_P_SORTIE}\n")));
    assert!(premier.1.starts_with(&format!("{ENTETE_E}\n")));

    // Same seed, same data; the demo refuses a database that already has people.
    let meme = b.racine.join("z.db");
    assert!(
        b.vigie_db(&meme, &["demo", "--personnes", "250", "--graine", "7"])
            .status
            .success()
    );
    assert_eq!(b.exporter_db(&meme, "trois"), premier);
    let o = b.vigie(&["demo", "--personnes", "10"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("la base contient déjà 250 personne(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn encrypted_database_import_and_export() {
    let b = Banc::new();
    let run = |args: &[&str]| {
        banc::commande(&b.db, Some("une phrase assez longue"))
            .args(args)
            .env("VIGIE_BENEVOLE", "Sam")
            .output()
            .unwrap()
    };
    let p = b.fichier("p.csv", lignes(&[ENTETE_P, BON_P1, BON_P2]));
    let o = run(&["import", "--personnes", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = b.racine.join("out");
    let o = run(&["export", "donnees", "--dossier", d.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("personnes.csv")).unwrap(),
        sortie_personnes(&[BON_P1, &BON_P2.replace("02/11/2026", "2026-11-02")])
    );
    let octets = std::fs::read(&b.db).unwrap();
    assert!(!octets.windows(6).any(|w| w == b"Diallo"));
}
