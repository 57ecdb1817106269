//! Statistics on a large database: 100 000 people, about 1 000 000 events, encrypted.
//! Run with `cargo bench --bench stats`. The data is generated with the store's own insert
//! functions in one transaction (deterministic pseudo-random, no external generator).

use chrono::{Days, NaiveDate};
use std::time::{Duration, Instant};
use vigie::domain::{Blocage, Demarche, Departement, Evenement, Personne, TypeEvenement};
use vigie::stats::{self, Format, Periode};
use vigie::store::{Ouverture, Store, inserer_evenement, inserer_personne};
use vigie::textes::stats::LIBELLES;

struct Alea(u64);

impl Alea {
    fn suivant(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn sous(&mut self, n: u64) -> u64 {
        self.suivant() % n
    }
}

/// People first, then every event in date order (as a desk's database grows day after day,
/// so one person's events are scattered across the file).
fn generer(store: &mut Store, personnes: usize) -> usize {
    let debut = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let deps: Vec<Departement> = Departement::tous().collect();
    let mut a = Alea(0x9E37_79B9_7F4A_7C15);
    store
        .ecrire(|tx, b| {
            let mut evenements: Vec<(NaiveDate, i64, Evenement)> = Vec::new();
            for i in 0..personnes {
                // Big départements are more frequent (a few desks hold most of the people).
                let dep = if a.sous(3) == 0 {
                    deps[a.sous(deps.len() as u64) as usize]
                } else {
                    deps[[32usize, 74, 68, 12, 92][a.sous(5) as usize]]
                };
                let ouvert = debut + Days::new(a.sous(700));
                let p = Personne {
                    id: None,
                    reference: format!("B{i:06}"),
                    nom: format!("Nom{i}"),
                    prenom: Some("Prénom".into()),
                    telephone: None,
                    departement: dep,
                    demarche: Demarche::TOUS[a.sous(7) as usize],
                    blocage: Blocage::TOUS[a.sous(8) as usize],
                    ouvert_le: ouvert,
                    titre_expire_le: (a.sous(2) == 0).then(|| ouvert + Days::new(a.sous(200))),
                    api_expire_le: (a.sous(3) == 0).then(|| ouvert + Days::new(a.sous(200))),
                    pan_connu: [None, Some(true), Some(false)][a.sous(3) as usize],
                    notes: None,
                    captures: None,
                    identite: Default::default(),
                    version: 1,
                };
                let id = inserer_personne(tx, &p, b)?;
                let n = 2 + a.sous(17) as usize; // 2..=18, about 10 on average
                for _ in 0..n {
                    let t = TypeEvenement::TOUS[a.sous(9) as usize];
                    let mut e = Evenement::nouveau(t, ouvert + Days::new(a.sous(300)));
                    if !t.resultats().is_empty() {
                        e.resultat =
                            Some(t.resultats()[a.sous(t.resultats().len() as u64) as usize]);
                    }
                    if !t.canaux().is_empty() {
                        e.canal = Some(t.canaux()[a.sous(t.canaux().len() as u64) as usize]);
                    }
                    if t.echeance_requise() {
                        e.echeance = Some(e.date + Days::new(90));
                    }
                    if t == TypeEvenement::Ccc {
                        e.attente_minutes = Some(a.sous(120) as u32);
                    }
                    evenements.push((e.date, id, e));
                }
            }
            evenements.sort_by_key(|(d, id, _)| (*d, *id));
            for (_, id, e) in &evenements {
                inserer_evenement(tx, *id, e, b, "2026-01-01 00:00:00")?;
            }
            Ok(evenements.len())
        })
        .unwrap()
}

fn mesurer(nom: &str, fois: usize, mut f: impl FnMut() -> usize) {
    let mut durees: Vec<Duration> = Vec::new();
    let mut lignes = 0;
    for _ in 0..fois {
        let t = Instant::now();
        lignes = f();
        durees.push(t.elapsed());
    }
    durees.sort();
    println!(
        "{nom:<48} median {:>8.1} ms  min {:>8.1} ms  ({lignes} rows)",
        durees[durees.len() / 2].as_secs_f64() * 1000.0,
        durees[0].as_secs_f64() * 1000.0
    );
}

fn main() {
    let personnes: usize = std::env::var("VIGIE_BENCH_PERSONNES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    // VIGIE_BENCH_DB: keep the generated database there and reuse it on the next run.
    let dir = tempfile::tempdir().unwrap();
    let chemin = std::env::var_os("VIGIE_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let existe = chemin.exists();
    let mut store = Store::ouvrir(&Ouverture {
        chemin: chemin.clone(),
        phrase: Some("phrase de test du banc".into()),
        sans_chiffrement: false,
        benevole: "Banc".into(),
    })
    .unwrap();
    if existe {
        println!("reusing {}", chemin.display());
    } else {
        let t = Instant::now();
        let n_ev = generer(&mut store, personnes);
        println!(
            "generated {personnes} people and {n_ev} events (encrypted, events in date order) \
             in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let mois = Periode::mois(2025, 11).unwrap();
    let annee = Periode::annee(2025).unwrap();
    mesurer("month, ensemble, K=5", 5, || {
        stats::calculer(&store, mois, false, 5)
            .unwrap()
            .lignes
            .len()
    });
    mesurer("month, par departement, K=5, CSV written", 5, || {
        let t = stats::calculer(&store, mois, true, 5).unwrap();
        t.ecrire(Format::Csv, &LIBELLES).len();
        t.lignes.len()
    });
    mesurer("year, par departement, K=5", 3, || {
        stats::calculer(&store, annee, true, 5)
            .unwrap()
            .lignes
            .len()
    });
    let mut suivies = 0usize;
    let t = Instant::now();
    stats::faits_personnes(&store, annee, |_, _| suivies += 1).unwrap();
    println!(
        "streamed {suivies} per-person rows for the year in {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
