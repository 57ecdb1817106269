//! Shared helpers of the TUI tests: a store in a temporary folder, people, keys.
#![allow(dead_code)]

pub mod tmux;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vigie::domain::{Blocage, Demarche, Departement, Personne, parse_date};
use vigie::store::{Ouverture, Store};
use vigie::tui::app::App;

pub const JOUR: &str = "2026-11-23";

pub fn jour() -> NaiveDate {
    parse_date(JOUR).unwrap()
}

pub fn ouvrir(chemin: &std::path::Path, benevole: &str) -> Store {
    Store::ouvrir(&Ouverture {
        chemin: chemin.to_path_buf(),
        phrase: None,
        sans_chiffrement: true,
        benevole: benevole.into(),
    })
    .unwrap()
}

pub fn personne(reference: &str, nom: &str, prenom: &str, dep: &str) -> Personne {
    Personne {
        id: None,
        reference: reference.into(),
        nom: nom.into(),
        prenom: Some(prenom.into()),
        telephone: None,
        departement: Departement::depuis_code(dep).unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::DepotImpossible,
        ouvert_le: parse_date("2026-10-01").unwrap(),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: None,
        notes: None,
        captures: Some(2),
        identite: Default::default(),
        version: 1,
    }
}

/// A store with three people whose rights lapse or are about to (so they are on the day's list).
pub fn base_exemple(dir: &std::path::Path) -> (Store, Vec<i64>) {
    let mut s = ouvrir(&dir.join("x.db"), "Marie");
    let mut ids = Vec::new();
    let mut a = personne("2026-0001", "DIALLO", "Awa", "33");
    a.api_expire_le = Some(parse_date("2026-11-11").unwrap());
    a.titre_expire_le = Some(parse_date("2026-08-01").unwrap());
    a.telephone = Some("06 11 22 33 44".into());
    ids.push(s.creer_personne(&a).unwrap());
    let mut b = personne("2026-0002", "LEFÈVRE", "Hélène", "69");
    b.api_expire_le = Some(parse_date("2026-11-29").unwrap());
    ids.push(s.creer_personne(&b).unwrap());
    let mut c = personne("2026-0003", "BENALI", "Karim", "974");
    c.titre_expire_le = Some(parse_date("2026-10-20").unwrap());
    ids.push(s.creer_personne(&c).unwrap());
    (s, ids)
}

pub fn app(store: &Store) -> App {
    // The shipped rules: a developer's own override file never changes what a test sees.
    let regles = vigie::domain::regles::livrees();
    let mut a = App::nouveau(jour(), regles, store.benevole(), false);
    a.recharger(store);
    a
}

pub fn touche(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Keys for a string typed character by character.
pub fn texte(s: &str) -> Vec<KeyEvent> {
    s.chars().map(|c| touche(KeyCode::Char(c))).collect()
}

pub fn taper(app: &mut App, store: &mut Store, touches: &[KeyEvent]) {
    for k in touches {
        app.touche(*k, store);
    }
}

/// Moves the day's list selection to the person named `nom`, whatever the engine's order;
/// returns their id. Fails with the names on the list when `nom` is not on it (at most one
/// Down per row, from the top).
pub fn selectionner(app: &mut App, store: &mut Store, nom: &str) -> i64 {
    taper(app, store, &[touche(KeyCode::Home)]);
    let mut restants = app.liste.nombre();
    while app.liste.selectionnee().map(|p| p.nom.as_str()) != Some(nom) {
        let noms: Vec<&str> = app
            .liste
            .lignes()
            .map(|l| l.personne.nom.as_str())
            .collect();
        assert!(restants > 0, "« {nom} » is not on the list: {noms:?}");
        restants -= 1;
        taper(app, store, &[touche(KeyCode::Down)]);
    }
    app.liste
        .selectionnee()
        .and_then(|p| p.id)
        .expect("the selected person has an id")
}

/// Opens the edit form of the selected person and retypes the first name (not saved yet).
pub fn retaper_prenom(app: &mut App, store: &mut Store, prenom: &str) {
    let mut k = vec![
        touche(KeyCode::Char('m')),
        touche(KeyCode::Tab),
        touche(KeyCode::Tab),
        ctrl('u'),
    ];
    k.extend(texte(prenom));
    taper(app, store, &k);
}
