//! The store side of the desk day: references allocated inside the write transaction (two
//! desks creating at once never share one), the next reference by a range of the index, the
//! search keys recomputed by their migration, and the in-memory search index following the
//! writes of this desk and of another one.

mod banc;

use banc::{Banc, ENTETE_P};
use chrono::NaiveDate;
use vigie::domain::{Blocage, Demarche, Departement, Personne};

fn personne(reference: &str, nom: &str, prenom: &str, tel: Option<&str>) -> Personne {
    Personne {
        id: None,
        reference: reference.into(),
        nom: nom.into(),
        prenom: Some(prenom.into()),
        telephone: tel.map(str::to_string),
        departement: Departement::depuis_code("93").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::Connexion,
        ouvert_le: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: None,
        notes: None,
        captures: None,
        identite: Default::default(),
        version: 1,
    }
}

#[test]
fn two_desks_creating_at_once_never_share_a_reference() {
    let b = Banc::chiffre();
    drop(b.store());
    let desks: Vec<_> = (0..2)
        .map(|desk| {
            let mut s = banc::ouvrir(&b.db, b.phrase, &format!("Desk {desk}"));
            std::thread::spawn(move || {
                // Both desks opened their form with the same suggestion.
                let suggestion = s.prochaine_reference(2026).unwrap();
                let mut donnees = Vec::new();
                for i in 0..15 {
                    let p = personne(&suggestion, &format!("Desk{desk}"), &format!("P{i}"), None);
                    donnees.push(s.creer_personne_numerotee(&p, 2026).unwrap().1);
                }
                donnees
            })
        })
        .collect();
    let mut toutes: Vec<String> = desks.into_iter().flat_map(|h| h.join().unwrap()).collect();
    toutes.sort();
    let attendues: Vec<String> = (1..=30).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(toutes, attendues);
    assert_eq!(
        b.compter("SELECT count(DISTINCT reference) FROM personnes"),
        30
    );
}

#[test]
fn the_next_reference_is_the_highest_number_of_the_year_plus_one() {
    let b = Banc::new();
    let mut s = b.store();
    assert_eq!(s.prochaine_reference(2026).unwrap(), "2026-0001");
    for r in [
        "2025-0042",
        "2026-0007",
        "2026-0012",
        "2026-x",
        "2026-12a",
        "20260-1",
        "A1",
    ] {
        s.creer_personne(&personne(r, "N", "P", None)).unwrap();
    }
    assert_eq!(s.prochaine_reference(2026).unwrap(), "2026-0013");
    assert_eq!(s.prochaine_reference(2025).unwrap(), "2025-0043");
    s.creer_personne(&personne("2026-9999", "N", "P", None))
        .unwrap();
    let (_, r) = s
        .creer_personne_numerotee(&personne("ignored", "N", "P", None), 2026)
        .unwrap();
    assert_eq!(r, "2026-10000");
    assert_eq!(s.prochaine_reference(2026).unwrap(), "2026-10001");
}

#[test]
fn the_search_keys_of_an_older_base_are_recomputed_when_it_is_opened() {
    let b = Banc::chiffre();
    b.importer(
        "X1,Şahin,Ömer,+33 6 12 34 56 78,69,duplicata,numero_etranger,2026-11-02,,,,",
        "",
    );
    let _ = ENTETE_P;
    // As an older vigie left it: the old folding, before the search keys' migration (6) and
    // the change log's (7).
    {
        let c = b.sql();
        c.execute_batch("UPDATE personnes SET recherche = 'şahin ömer x1 +33 6 12 34 56 78'")
            .unwrap();
        c.pragma_update(None, "user_version", 5).unwrap();
    }
    let s = b.store();
    let trouve = |q: &str| -> Vec<String> {
        s.chercher(q, 10)
            .unwrap()
            .into_iter()
            .map(|p| p.reference)
            .collect()
    };
    assert_eq!(trouve("sahin omer"), vec!["X1"]);
    assert_eq!(trouve("0612345678"), vec!["X1"]);
    assert_eq!(
        b.compter(
            "SELECT count(*) FROM personnes WHERE recherche = 'sahin' || char(31) || 'omer x1 0612345678'"
        ),
        1
    );
}

#[test]
fn the_search_index_follows_this_desk_and_the_other_one() {
    let b = Banc::new();
    let mut ici = b.store();
    let mut autre = banc::ouvrir(&b.db, None, "Autre");
    ici.creer_personne(&personne("A1", "Diallo", "Awa", Some("0611111111")))
        .unwrap();
    let noms = |s: &vigie::store::Store, q: &str| -> Vec<String> {
        s.chercher(q, 10)
            .unwrap()
            .into_iter()
            .map(|p| p.reference)
            .collect()
    };
    assert_eq!(noms(&ici, "awa"), vec!["A1"]);
    // Another desk adds someone: seen at the next keystroke.
    autre
        .creer_personne(&personne("A2", "Nadia", "Awa", None))
        .unwrap();
    assert_eq!(noms(&ici, "awa"), vec!["A1", "A2"]);
    // A name starting with what was typed comes first: « dia » finds DIALLO before NADIA.
    assert_eq!(noms(&ici, "dia"), vec!["A1", "A2"]);
    // This desk renames someone: the index follows its own write too.
    let mut p = ici.personne_par_reference("A1").unwrap().unwrap();
    p.nom = "Keita".into();
    ici.modifier_personne(&p).unwrap();
    assert_eq!(noms(&ici, "diallo"), Vec::<String>::new());
    assert_eq!(noms(&ici, "keita awa"), vec!["A1"]);
    assert_eq!(noms(&autre, "keita"), vec!["A1"]);
    // The limit holds, best rank first.
    for i in 0..30 {
        autre
            .creer_personne(&personne(&format!("B{i}"), "Zadiane", "Lou", None))
            .unwrap();
    }
    let v = noms(&ici, "dia");
    assert_eq!(v.len(), 10);
    assert_eq!(ici.chercher("   ", 10).unwrap().len(), 0);
}
