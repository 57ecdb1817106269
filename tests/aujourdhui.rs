//! End to end: `vigie aujourdhui` on a small database, and `vigie regles` with the user's
//! override file (valid, malformed, unknown key), through the real binary.

mod banc;

use std::path::Path;
use std::process::Output;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement, parse_date,
};

fn d(s: &str) -> chrono::NaiveDate {
    parse_date(s).unwrap()
}

fn personne(reference: &str, nom: &str, titre: Option<&str>, api: Option<&str>) -> Personne {
    Personne {
        id: None,
        reference: reference.into(),
        nom: nom.into(),
        prenom: Some("Awa".into()),
        telephone: None,
        departement: Departement::depuis_code("33").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::DepotImpossible,
        ouvert_le: d("2026-09-01"),
        titre_expire_le: titre.map(d),
        api_expire_le: api.map(d),
        pan_connu: None,
        notes: None,
        captures: Some(2),
        identite: Default::default(),
        version: 1,
    }
}

fn evenement(t: TypeEvenement, date: &str, r: Option<Resultat>, ech: Option<&str>) -> Evenement {
    let mut e = Evenement::nouveau(t, d(date));
    e.resultat = r;
    e.echeance = ech.map(d);
    if t == TypeEvenement::Ccc {
        e.canal = Some(Canal::Formulaire);
    }
    e
}

/// Six people on 2026-11-23: lapsed, threatened, overdue, visit today, later, closed.
fn base(dossier: &Path) -> std::path::PathBuf {
    let chemin = dossier.join("x.db");
    let mut s = banc::ouvrir(&chemin, None, "Test");
    use Resultat as R;
    use TypeEvenement as T;
    let gens: Vec<(Personne, Vec<Evenement>)> = vec![
        (
            personne("B-LATER", "Later", Some("2027-09-20"), None),
            vec![],
        ),
        (
            personne("A-LAPSED", "Rompu", Some("2026-10-14"), Some("2026-11-18")),
            vec![evenement(T::Ccc, "2026-11-10", Some(R::SansAide), None)],
        ),
        (
            personne("C-VISIT", "Visite", None, None),
            vec![evenement(T::Visite, "2026-11-23", None, None)],
        ),
        (
            personne("D-OVERDUE", "Retard", None, None),
            vec![
                evenement(T::Ccc, "2026-10-01", Some(R::SansAide), None),
                evenement(T::Pan, "2026-11-05", Some(R::RdvObtenu), Some("2026-11-21")),
            ],
        ),
        (
            personne("E-THREAT", "Menace", Some("2026-12-03"), None),
            vec![],
        ),
        (
            personne("F-CLOSED", "Clos", Some("2026-01-01"), None),
            vec![evenement(T::Cloture, "2026-02-01", Some(R::Abandon), None)],
        ),
    ];
    for (p, evs) in gens {
        let id = s.creer_personne(&p).unwrap();
        for e in evs {
            s.ajouter_evenement(id, &e).unwrap();
        }
    }
    chemin
}

fn vigie(db: &Path, config: &Path, args: &[&str]) -> Output {
    banc::binaire(db.parent().expect("temporary folder"))
        .args(args)
        .arg("--sans-chiffrement")
        .arg("--db")
        .arg(db)
        .env("VIGIE_BENEVOLE", "Test")
        .env("XDG_CONFIG_HOME", config)
        .output()
        .unwrap()
}

fn texte(o: &[u8]) -> String {
    String::from_utf8(o.to_vec()).unwrap()
}

fn references(sortie: &str) -> Vec<String> {
    sortie
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.split(". ")
                .nth(2)
                .map(|r| r.split(',').next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn today_list_plain_text_most_urgent_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = base(dir.path());
    let config = dir.path().join("config");
    let o = vigie(&db, &config, &["aujourdhui"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let s = texte(&o.stdout);
    let lignes: Vec<&str> = s.lines().collect();
    assert_eq!(
        lignes[0],
        "Liste du jour du lundi 23/11/2026 : 4 personnes (droits rompus : 1, droits menacés : 1, \
         relance en retard : 1, du jour : 1) ; 1 personne vue aujourd'hui."
    );
    assert_eq!(
        references(&s),
        ["A-LAPSED", "E-THREAT", "D-OVERDUE", "C-VISIT"],
        "{s}"
    );
    assert_eq!(
        lignes[1],
        "1. Droits rompus. A-LAPSED, Awa Rompu, 33 Gironde. Étape : CCC. Prochaine étape : \
         avocat (référé) et Défenseur des droits. Le même jour : prendre rendez-vous au PAN, \
         écrire en recommandé à la préfecture. Échéance : API expirée depuis 5 j (18/11/2026). \
         Alertes : droits rompus ; dépôt postal imposé, contraire à l'arrêté ; identité \
         incomplète pour la lettre."
    );
    assert!(
        lignes[2].contains("titre expire dans 10 j (03/12/2026)"),
        "{}",
        lignes[2]
    );
    assert!(lignes[3].contains("Étape : PAN"), "{}", lignes[3]);
    assert!(
        lignes[3].contains("rendez-vous PAN passé depuis 2 j : noter son résultat"),
        "{}",
        lignes[3]
    );
    assert!(lignes[4].ends_with("Vu·e aujourd'hui."), "{}", lignes[4]);
    // Plain text: no colour escape, no box drawing.
    assert!(!s.contains('\u{1b}'));
    assert!(!s.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)));

    let o = vigie(&db, &config, &["aujourdhui", "--tous"]);
    let s = texte(&o.stdout);
    assert!(s.starts_with("Toutes les personnes suivies du lundi 23/11/2026 : 6 personnes"));
    assert_eq!(
        references(&s),
        [
            "A-LAPSED",
            "E-THREAT",
            "D-OVERDUE",
            "C-VISIT",
            "B-LATER",
            "F-CLOSED"
        ],
        "{s}"
    );
    assert!(s.contains("Étape : Clôture. Prochaine étape : aucune : dossier clos"));
}

#[test]
fn override_file_changes_the_list_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = base(dir.path());
    let config = dir.path().join("config");
    let fichier = config.join("vigie").join("regles.toml");
    std::fs::create_dir_all(fichier.parent().unwrap()).unwrap();

    // A lower alert threshold: the permit expiring in 10 days is no longer threatened.
    std::fs::write(
        &fichier,
        "[alerte_droits]\njours = 5\nsource = \"Pratique locale\"\nverifie_le = 2026-11-20\n",
    )
    .unwrap();
    let o = vigie(&db, &config, &["aujourdhui"]);
    assert!(o.status.success());
    let s = texte(&o.stdout);
    assert!(
        s.starts_with(
            "Liste du jour du lundi 23/11/2026 : 4 personnes (droits rompus : 1, \
             relance en retard : 2, du jour : 1)"
        ),
        "{s}"
    );
    // Its renewal window is closed (late), but its rights are no longer "threatened".
    assert!(s.contains("2. Relance en retard. E-THREAT"), "{s}");
    let o = vigie(&db, &config, &["regles"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let s = texte(&o.stdout);
    assert!(s.contains(&format!("Fichier local utilisé : {}", fichier.display())));
    assert!(s.contains("Seuil d'alerte avant la fin du titre ou de l'API : 5 jours (local)"));
    assert!(s.contains("source : Pratique locale"));
    assert!(s.contains("vérifiée le : 20/11/2026"));
    assert!(s.contains("CESEDA art. R.431-5"));

    // Malformed TOML: refused with the file and the line; the shipped rules stay in force.
    std::fs::write(&fichier, "[alerte_droits\njours = 5\n").unwrap();
    let o = vigie(&db, &config, &["aujourdhui"]);
    assert!(o.status.success());
    let err = texte(&o.stderr);
    assert!(
        err.contains(&format!(
            "{} : ligne 1 : fichier TOML invalide",
            fichier.display()
        )),
        "{err}"
    );
    assert!(err.contains("les règles livrées avec vigie restent en vigueur"));
    assert_eq!(references(&texte(&o.stdout)).len(), 4);
    let o = vigie(&db, &config, &["regles"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(texte(&o.stdout).contains("Fichier local REFUSÉ"));
    assert!(
        texte(&o.stdout).contains("Seuil d'alerte avant la fin du titre ou de l'API : 30 jours\n")
    );

    // Unknown key, negative duration and wrong type: each named with its key.
    std::fs::write(
        &fichier,
        "[alerte]\njours = 5\nsource = \"x\"\nverifie_le = 2026-11-20\n\
         [pan_relance]\njours = -2\nsource = \"x\"\nverifie_le = 2026-11-20\n\
         [ccc_attente_reponse]\njours = 1.5\nsource = \"x\"\nverifie_le = 2026-11-20\n",
    )
    .unwrap();
    let o = vigie(&db, &config, &["regles"]);
    assert_eq!(o.status.code(), Some(1));
    let err = texte(&o.stderr);
    let f = fichier.display().to_string();
    assert!(
        err.contains(&format!("{f} : clé « alerte » inconnue")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{f} : clé « pan_relance.jours » : valeur négative (-2)"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{f} : clé « ccc_attente_reponse.jours » : type incorrect"
        )),
        "{err}"
    );
}

#[test]
fn rules_without_override_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = vigie(
        &dir.path().join("x.db"),
        &dir.path().join("rien"),
        &["regles"],
    );
    assert!(o.status.success());
    let s = texte(&o.stdout);
    assert!(s.contains("Fichier local : aucun"));
    for attendu in [
        "3 mois",
        "6 mois",
        "120 jours",
        "60 jours",
        "180 €",
        "NOR IOMV2311395A",
        "452798",
        "Pratique des permanences",
        "vérifiée le : non vérifié",
    ] {
        assert!(s.contains(attendu), "{attendu} absent");
    }
    assert!(!s.contains("(local)"));
}

// ---------------------------------------------------------------- `--format csv` (§5)

const COLONNES: &str =
    "reference,urgence,etape,action,actions_paralleles,echeance,echeance_le,jours,alertes";
const URGENCES: [&str; 6] = [
    "droits_rompus",
    "droits_menaces",
    "relance_en_retard",
    "du_jour",
    "a_suivre",
    "clos",
];
const ETAPES: [&str; 7] = [
    "constat",
    "ccc",
    "pan",
    "substitution",
    "recommande",
    "recours",
    "cloture",
];
const ACTIONS: [&str; 20] = [
    "ecrire_ccc",
    "attendre_ccc",
    "reserver_pan",
    "attendre_pan",
    "aller_pan",
    "demander_substitution",
    "attendre_substitution",
    "deposer_substitution",
    "reclamer_attestation_depot",
    "ecrire_prefecture",
    "attendre_prefecture",
    "envoyer_recommande",
    "attendre_recommande",
    "saisir_avocat",
    "saisir_defenseur",
    "suivre_recours",
    "deposer_renouvellement",
    "enregistrer_resultat",
    "cloturer",
    "aucune",
];
const ECHEANCES: [&str; 5] = [
    "titre",
    "api",
    "fenetre_renouvellement",
    "rendez_vous",
    "relance",
];
const ALERTES: [&str; 8] = [
    "droits_rompus",
    "droits_menaces",
    "fenetre_fermee_taxe",
    "api_non_due_si_tardif",
    "postal_impose_contraire_arrete",
    "preuves_manquantes",
    "silence_vaut_rejet",
    "identite_incomplete_pour_lettre",
];

/// Checks a `vigie aujourdhui --format csv` output against §5, row by row; returns the rows.
fn lignes_valides(sortie: &str, aujourdhui: chrono::NaiveDate, tous: bool) -> Vec<Vec<String>> {
    let mut lecteur = sortie.lines();
    assert_eq!(lecteur.next(), Some(COLONNES), "header");
    assert!(!sortie.contains('\r') && !sortie.starts_with('\u{feff}'));
    let rang = |u: &str| URGENCES.iter().position(|x| *x == u).unwrap();
    let mut lignes: Vec<Vec<String>> = Vec::new();
    for (n, l) in lecteur.enumerate() {
        let c: Vec<String> = l.split(',').map(str::to_string).collect();
        assert_eq!(c.len(), 9, "line {}: {l}", n + 2);
        let r = &c[0];
        assert!(
            (1..=32).contains(&r.len())
                && r.chars()
                    .all(|x| x.is_ascii_alphanumeric() || x == '-' || x == '_'),
            "reference {r}"
        );
        assert!(URGENCES.contains(&c[1].as_str()), "urgence {l}");
        assert!(ETAPES.contains(&c[2].as_str()), "etape {l}");
        assert!(ACTIONS.contains(&c[3].as_str()), "action {l}");
        if !c[4].is_empty() {
            for a in c[4].split(';') {
                assert!(
                    ACTIONS.contains(&a) && a != c[3] && a != "aucune",
                    "parallel {l}"
                );
            }
        }
        match c[5].as_str() {
            "" => assert!(c[6].is_empty() && c[7].is_empty(), "{l}"),
            e => {
                assert!(ECHEANCES.contains(&e), "echeance {l}");
                let date = chrono::NaiveDate::parse_from_str(&c[6], "%Y-%m-%d").unwrap();
                assert_eq!(
                    c[7].parse::<i64>().unwrap(),
                    (date - aujourdhui).num_days(),
                    "{l}"
                );
            }
        }
        if !c[8].is_empty() {
            for a in c[8].split(';') {
                assert!(ALERTES.contains(&a), "alerte {l}");
            }
        }
        let clos = c[1] == "clos";
        assert_eq!(
            clos,
            c[3] == "aucune",
            "closed files only have no action: {l}"
        );
        assert_eq!(clos, c[2] == "cloture", "{l}");
        assert!(tous || !clos, "closed file in the day's list: {l}");
        if c[3].starts_with("attendre_") {
            assert!(
                c[8].split(';').all(|a| a != "droits_rompus"),
                "wait after a lapse: {l}"
            );
        }
        if let Some(p) = lignes.last() {
            assert!(
                rang(&p[1]) <= rang(&c[1]),
                "order: {} before {}",
                p[1],
                c[1]
            );
        }
        lignes.push(c);
    }
    lignes
}

#[test]
fn today_list_as_csv_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = base(dir.path());
    let config = dir.path().join("config");
    let o = vigie(&db, &config, &["aujourdhui", "--format", "csv"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let s = texte(&o.stdout);
    assert!(!s.contains("Rompu") && !s.contains("Awa"), "no names: {s}");
    let lignes = lignes_valides(&s, d("2026-11-23"), false);
    let refs: Vec<&str> = lignes.iter().map(|l| l[0].as_str()).collect();
    assert_eq!(refs, ["A-LAPSED", "E-THREAT", "D-OVERDUE", "C-VISIT"]);
    // Rights lapsed on 18/11, the CCC did not help: a lawyer first, PAN and letter the same
    // day. An API was delivered, so the request was filed: no late-renewal alert; Gironde
    // imposes the post (directory); the letter lacks the identity.
    assert_eq!(
        lignes[0],
        [
            "A-LAPSED",
            "droits_rompus",
            "ccc",
            "saisir_avocat",
            "reserver_pan;envoyer_recommande",
            "api",
            "2026-11-18",
            "-5",
            "droits_rompus;postal_impose_contraire_arrete;identite_incomplete_pour_lettre",
        ]
    );
    // Permit lapses in 10 days, nothing done: the CCC and, the same day, PAN, letter, lawyer.
    assert_eq!(lignes[1][3], "ecrire_ccc");
    assert_eq!(
        lignes[1][4],
        "reserver_pan;envoyer_recommande;saisir_avocat"
    );
    assert_eq!(lignes[1][5..8], ["titre", "2026-12-03", "10"]);
    // PAN appointment on 21/11 passed without a result: record it.
    assert_eq!(
        lignes[2][1..6],
        [
            "relance_en_retard",
            "pan",
            "enregistrer_resultat",
            "",
            "rendez_vous"
        ]
    );
    let tous = vigie(&db, &config, &["aujourdhui", "--format", "csv", "--tous"]);
    assert!(tous.status.success());
    let tous = lignes_valides(&texte(&tous.stdout), d("2026-11-23"), true);
    assert_eq!(tous.len(), 6);
    let clos = tous.iter().find(|l| l[0] == "F-CLOSED").unwrap();
    assert_eq!(clos[1..5], ["clos", "cloture", "aucune", ""]);
    let faux = vigie(&db, &config, &["aujourdhui", "--format", "json"]);
    assert!(!faux.status.success());
    assert!(
        texte(&faux.stderr).contains("format « json » inconnu"),
        "{}",
        texte(&faux.stderr)
    );
}

#[test]
fn today_list_as_csv_on_the_demo_base_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let config = dir.path().join("config");
    let o = vigie(
        &db,
        &config,
        &["demo", "--personnes", "400", "--graine", "3"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let o = vigie(&db, &config, &["aujourdhui", "--format", "csv", "--tous"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let jour = chrono::NaiveDate::parse_from_str(banc::JOUR, "%Y-%m-%d").unwrap();
    let lignes = lignes_valides(&texte(&o.stdout), jour, true);
    assert_eq!(lignes.len(), 400);
    let o = vigie(&db, &config, &["aujourdhui", "--format", "csv"]);
    assert!(o.status.success());
    let du_jour = lignes_valides(&texte(&o.stdout), jour, false);
    assert!(!du_jour.is_empty() && du_jour.len() < 400);
    // The text list says the same decision: same people, same order, except that the
    // follow-ups « en sommeil » (still `relance_en_retard` in the CSV) come last.
    let t = texte(&vigie(&db, &config, &["aujourdhui"]).stdout);
    let dormants: Vec<String> = t
        .lines()
        .filter(|l| l.contains(". En sommeil ("))
        .filter_map(|l| l.split(". ").nth(2))
        .map(|r| r.split(',').next().unwrap().to_string())
        .collect();
    let mut attendu: Vec<String> = du_jour
        .iter()
        .map(|l| l[0].clone())
        .filter(|r| !dormants.contains(r))
        .collect();
    let eveilles = attendu.len();
    attendu.extend(
        du_jour
            .iter()
            .map(|l| l[0].clone())
            .filter(|r| dormants.contains(r)),
    );
    assert_eq!(references(&t), attendu);
    assert!(eveilles > 0 && !dormants.is_empty(), "{t}");
    for r in &dormants {
        let l = du_jour.iter().find(|l| &l[0] == r).unwrap();
        assert_eq!(l[1], "relance_en_retard", "{l:?}");
        assert!(l[7].parse::<i64>().unwrap() < -90, "{l:?}");
    }
}

/// The lists printed from the rows earlier runs kept in the base (`jour/gardees.rs`) are
/// the lists a copy of the base that kept nothing prints: the same day, run again, and the
/// days after, in text and CSV.
#[test]
fn the_rows_kept_by_earlier_runs_print_what_a_base_that_kept_nothing_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gardee.db");
    let config = dir.path().join("config");
    let o = vigie(
        &db,
        &config,
        &["demo", "--personnes", "300", "--graine", "5"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    // Taken before any list: nothing kept in it.
    let origine = dir.path().join("origine.db");
    for s in ["", "-wal"] {
        let _ = std::fs::copy(
            format!("{}{s}", db.display()),
            format!("{}{s}", origine.display()),
        );
    }
    let fraiche = dir.path().join("fraiche.db");
    let imprimer = |base: &Path, jour: &str, format: &str| -> String {
        let o = banc::binaire(dir.path())
            .args([
                "aujourdhui",
                "--format",
                format,
                "--sans-chiffrement",
                "--db",
            ])
            .arg(base)
            .env("XDG_CONFIG_HOME", &config)
            .env("VIGIE_DATE", jour)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", texte(&o.stderr));
        texte(&o.stdout)
    };
    for jour in [
        banc::JOUR,
        banc::JOUR,
        "2026-11-24",
        "2026-12-09",
        "2027-03-01",
    ] {
        for format in ["texte", "csv"] {
            let gardee = imprimer(&db, jour, format);
            for s in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{s}", fraiche.display()));
            }
            for s in ["", "-wal"] {
                let _ = std::fs::copy(
                    format!("{}{s}", origine.display()),
                    format!("{}{s}", fraiche.display()),
                );
            }
            assert_eq!(gardee, imprimer(&fraiche, jour, format), "{jour}, {format}");
            assert!(gardee.lines().count() > 10, "{gardee}");
        }
    }
}
