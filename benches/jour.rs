//! Benchmark of the day's list at the demo scale: `cargo bench --bench jour`.
//! Generates 100 000 people and about 1 000 000 events with the store's own functions
//! (override with VIGIE_BENCH_PERSONNES), then times `liste_du_jour` (today's list and
//! `--tous`). Set VIGIE_BENCH_DB to keep and reuse the generated file between runs.

use chrono::{Days, NaiveDate};
use std::time::Instant;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement,
};
use vigie::store::{Ouverture, Store, inserer_evenement, inserer_personne};

struct Alea(u64);

impl Alea {
    fn suivant(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn sous(&mut self, n: u64) -> u64 {
        self.suivant() % n
    }
}

fn decale(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        d.checked_sub_days(Days::new((-n) as u64)).unwrap()
    }
}

fn generer(store: &mut Store, n: usize, aujourdhui: NaiveDate) {
    let deps: Vec<Departement> = Departement::tous().collect();
    let mut a = Alea(0x5eed_1234_abcd_0001);
    store
        .ecrire(|tx, b| {
            for i in 0..n {
                let ouvert = decale(aujourdhui, -(a.sous(400) as i64));
                let p = Personne {
                    id: None,
                    reference: format!("B{i:06}"),
                    nom: format!("Nom{}", a.sous(5000)),
                    prenom: Some(format!("Prenom{}", a.sous(800))),
                    telephone: None,
                    departement: deps[a.sous(deps.len() as u64) as usize],
                    demarche: Demarche::TOUS[a.sous(7) as usize],
                    blocage: Blocage::TOUS[a.sous(8) as usize],
                    ouvert_le: ouvert,
                    titre_expire_le: (a.sous(3) > 0)
                        .then(|| decale(aujourdhui, a.sous(500) as i64 - 150)),
                    api_expire_le: (a.sous(3) == 0)
                        .then(|| decale(aujourdhui, a.sous(300) as i64 - 100)),
                    pan_connu: None,
                    notes: None,
                    captures: Some(a.sous(4) as u32),
                    identite: Default::default(),
                    version: 1,
                };
                let id = inserer_personne(tx, &p, b)?;
                let nb = 5 + a.sous(11) as usize;
                let mut date = ouvert;
                for _ in 0..nb {
                    date = decale(date, a.sous(12) as i64);
                    let t = TypeEvenement::TOUS[a.sous(9) as usize];
                    let mut e = Evenement::nouveau(t, date);
                    let rs = t.resultats();
                    if !rs.is_empty() {
                        e.resultat = Some(rs[a.sous(rs.len() as u64) as usize]);
                    }
                    let cs: &[Canal] = t.canaux();
                    if !cs.is_empty() {
                        e.canal = Some(cs[a.sous(cs.len() as u64) as usize]);
                    }
                    if t.echeance_requise() || a.sous(4) == 0 {
                        e.echeance = Some(decale(date, 30 + a.sous(150) as i64));
                    }
                    if e.resultat == Some(Resultat::Resolu) && a.sous(2) == 0 {
                        e.notes = Some("note".into());
                    }
                    inserer_evenement(tx, id, &e, b, "2026-11-23 10:00:00")?;
                }
            }
            Ok(())
        })
        .unwrap();
}

fn main() {
    let n: usize = std::env::var("VIGIE_BENCH_PERSONNES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let aujourdhui = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let chemin = std::env::var_os("VIGIE_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let existe = chemin.is_file();
    let mut store = Store::ouvrir(&Ouverture {
        chemin: chemin.clone(),
        phrase: None,
        sans_chiffrement: true,
        benevole: "Bench".into(),
    })
    .unwrap();
    if !existe {
        let t = Instant::now();
        generer(&mut store, n, aujourdhui);
        eprintln!("génération de {n} personnes : {:.1?}", t.elapsed());
    }
    // The bench base is plain: a raw connection reads it beside the store.
    let evenements: i64 = rusqlite::Connection::open(store.chemin())
        .unwrap()
        .query_row("SELECT count(*) FROM evenements", [], |r| r.get(0))
        .unwrap();
    println!(
        "base : {} personnes, {evenements} événements",
        store.nombre_personnes().unwrap()
    );
    brut(&store);
    let regles = vigie::domain::regles::Regles::default();
    for tous in [false, true] {
        let mut temps = Vec::new();
        let mut lignes = 0;
        for _ in 0..3 {
            let t = Instant::now();
            lignes = vigie::jour::liste_du_jour(&store, &regles, aujourdhui, tous)
                .unwrap()
                .len();
            temps.push(t.elapsed());
        }
        temps.sort();
        println!(
            "liste_du_jour(tous = {tous}) : {lignes} lignes, médiane {:.0?} (min {:.0?}, max {:.0?})",
            temps[1], temps[0], temps[2]
        );
    }
}
/// Baseline: reading the raw rows only, without building or evaluating anything.
fn brut(store: &Store) {
    let brute = rusqlite::Connection::open(store.chemin()).unwrap();
    let t = Instant::now();
    let mut st = brute.prepare("SELECT personne_id, id, date, type, canal, resultat, echeance, ticket, attente_minutes FROM evenements ORDER BY personne_id, date, id").unwrap();
    let mut n = 0usize;
    let mut rows = st.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let s: String = r.get(2).unwrap();
        n += s.len();
    }
    println!("lecture brute des événements : {:.0?} ({n})", t.elapsed());
    let t = Instant::now();
    let p = store.personnes().unwrap();
    println!("lecture des personnes : {:.0?} ({})", t.elapsed(), p.len());
}
