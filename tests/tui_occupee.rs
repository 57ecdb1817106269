//! A TUI save while another desk holds a long write: after the wait, the volunteer reads in
//! French that the base is busy and nothing was saved, and the entry stays on screen.

mod tui_commun;

use ratatui::crossterm::event::KeyCode;
use std::time::{Duration, Instant};
use tui_commun::*;
use vigie::tui::app::Ecran;

#[test]
fn a_save_blocked_by_another_desk_says_so_in_french_and_keeps_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let id = app.liste.selectionnee().and_then(|p| p.id).unwrap();
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]); // open the file
    // Another desk's long write (an import, say) holds the write lock.
    let autre = rusqlite::Connection::open(store.chemin()).unwrap();
    autre.execute_batch("BEGIN IMMEDIATE").unwrap();
    let debut = Instant::now();
    let mut k = vec![touche(KeyCode::Char('p')), touche(KeyCode::Char('2'))];
    k.extend([touche(KeyCode::Tab), touche(KeyCode::Tab)]);
    k.extend(texte("note gardée"));
    k.push(ctrl('s'));
    taper(&mut app, &mut store, &k);
    // Bounded: the store's lock wait (10 s), not forever.
    assert!(debut.elapsed() < Duration::from_secs(30));
    let message = match app.ecran() {
        Some(Ecran::Saisie(f)) => f.form.message.clone().unwrap_or_default(),
        _ => panic!("the entry form should stay open"),
    };
    assert!(message.contains("occupée par un autre poste"), "{message}");
    assert!(message.contains("rien n'a été enregistré"), "{message}");
    assert!(!message.contains("locked"), "{message}");
    autre.execute_batch("ROLLBACK").unwrap();
    assert!(store.evenements(id).unwrap().is_empty());
    // The entry was kept: saving again once the other desk is done works.
    taper(&mut app, &mut store, &[ctrl('s')]);
    let evs = store.evenements(id).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].notes.as_deref(), Some("note gardée"));
}
