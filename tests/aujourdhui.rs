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
         avocat (référé) et Défenseur des droits. Échéance : API expirée depuis 5 j (18/11/2026)."
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
        "vérifiée le : 23/11/2026",
    ] {
        assert!(s.contains(attendu), "{attendu} absent");
    }
    assert!(!s.contains("(local)"));
}
