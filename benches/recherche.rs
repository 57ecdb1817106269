//! Benchmark of the search at federation scale: `cargo bench --bench recherche`.
//! Builds an encrypted base of 100 000 people (VIGIE_BENCH_PERSONNES to change it), then
//! types queries letter by letter as a volunteer does and times each keystroke's search
//! (`Store::chercher`, 100 results, as the TUI asks): the first one builds the in-memory
//! folded index, the others scan it. Prints the median and the worst per query.

use chrono::NaiveDate;
use std::time::Instant;
use vigie::domain::{Blocage, Demarche, Departement, Personne};
use vigie::store::{Ouverture, Store, inserer_personne};

const NOMS: &[&str] = &[
    "Diallo",
    "Benaïssa",
    "N'Diaye",
    "Nguyễn",
    "Şahin",
    "Traoré",
    "Kouassi",
    "Haddad",
    "Mendy",
    "Camara",
    "Rakotomalala",
    "Popescu",
    "Khan",
    "Okafor",
    "Lefèvre",
    "Yılmaz",
    "Cissé",
    "Bouzid",
    "Fofana",
    "Martin",
    "Sow",
    "Ba",
    "Keïta",
    "Ouédraogo",
];
const PRENOMS: &[&str] = &[
    "Aïcha",
    "Moussa",
    "Fatoumata",
    "Ömer",
    "Thị Lan",
    "Mamadou",
    "Awa",
    "Ibrahim",
    "Mariam",
    "Youssef",
    "Chidi",
    "Hélène",
    "Ionuț",
    "Zeynep",
    "Oumar",
    "Nadia",
];

fn main() {
    let n: usize = std::env::var("VIGIE_BENCH_PERSONNES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = Store::ouvrir(&Ouverture {
        chemin: dir.path().join("recherche.db"),
        phrase: Some("banc de recherche".into()),
        sans_chiffrement: false,
        benevole: "Banc".into(),
    })
    .expect("base");
    let deps: Vec<Departement> = Departement::tous().collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut alea = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    let debut = Instant::now();
    store
        .ecrire_en_masse(|tx, b| {
            for i in 0..n {
                let p = Personne {
                    id: None,
                    reference: format!("2026-{:06}", i + 1),
                    nom: format!(
                        "{}{}",
                        NOMS[alea(NOMS.len())],
                        if alea(3) == 0 {
                            format!("-{}", NOMS[alea(NOMS.len())])
                        } else {
                            String::new()
                        }
                    ),
                    prenom: Some(PRENOMS[alea(PRENOMS.len())].to_string()),
                    telephone: Some(format!(
                        "06 {:02} {:02} {:02} {:02}",
                        alea(100),
                        alea(100),
                        alea(100),
                        alea(100)
                    )),
                    departement: deps[alea(deps.len())],
                    demarche: Demarche::Renouvellement,
                    blocage: Blocage::Connexion,
                    ouvert_le: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                    titre_expire_le: None,
                    api_expire_le: None,
                    pan_connu: None,
                    notes: None,
                    captures: None,
                    identite: Default::default(),
                    version: 1,
                };
                inserer_personne(tx, &p, b)?;
            }
            Ok(())
        })
        .expect("people");
    println!(
        "{n} personnes écrites en {:.1} s",
        debut.elapsed().as_secs_f64()
    );
    drop(store);
    let store = Store::ouvrir(&Ouverture {
        chemin: dir.path().join("recherche.db"),
        phrase: Some("banc de recherche".into()),
        sans_chiffrement: false,
        benevole: "Banc".into(),
    })
    .expect("base");
    let t = Instant::now();
    let v = store.chercher("a", 100).expect("search");
    println!(
        "première recherche (index construit) : {:.1} ms, {} résultats",
        t.elapsed().as_secs_f64() * 1e3,
        v.len()
    );
    println!("{:<22} {:>10} {:>10}", "saisie", "médiane ms", "pire ms");
    for requete in [
        "diallo",
        "aicha benaissa",
        "ndiaye moussa",
        "nguyen",
        "zzzq",
        "06 12 34",
        "2026-012345",
        "ouedraogo-keita",
    ] {
        let mut durees = Vec::new();
        for _ in 0..5 {
            for fin in 1..=requete.chars().count() {
                let q: String = requete.chars().take(fin).collect();
                let t = Instant::now();
                let r = store.chercher(&q, 100).expect("search");
                std::hint::black_box(r);
                durees.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        durees.sort_by(f64::total_cmp);
        println!(
            "{:<22} {:>10.2} {:>10.2}",
            requete,
            durees[durees.len() / 2],
            durees[durees.len() - 1]
        );
    }
}
