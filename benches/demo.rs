//! Times `vigie demo` of 100 000 people into an encrypted temporary database.
//! Run with `cargo bench --bench demo` (optionally `-- N` for another number of people;
//! `BANC_CLAIR=1` for a plain database, to see what encryption costs).

use std::time::Instant;
use vigie::store::{Ouverture, Store};

fn main() {
    let n: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dossier = tempfile::tempdir().expect("temporary folder");
    let chemin = dossier.path().join("bench.db");
    let clair = std::env::var_os("BANC_CLAIR").is_some();
    let mut store = Store::ouvrir(&Ouverture {
        chemin: chemin.clone(),
        phrase: (!clair).then(|| "phrase de test du banc".into()),
        sans_chiffrement: clair,
        benevole: "banc".into(),
    })
    .expect("encrypted database");
    let aujourdhui = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let debut = Instant::now();
    let bilan = vigie::demo::remplir(&mut store, n, 1, aujourdhui).expect("demo");
    let duree = debut.elapsed().as_secs_f64();
    let taille = std::fs::metadata(&chemin).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(dossier.path().join("bench.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "demo ({}): {} people, {} events in {:.2} s: {:.0} people/s, {:.0} events/s, {:.0} MB on disk",
        if clair { "plain" } else { "encrypted" },
        bilan.personnes,
        bilan.evenements,
        duree,
        bilan.personnes as f64 / duree,
        bilan.evenements as f64 / duree,
        taille as f64 / 1e6
    );
}
