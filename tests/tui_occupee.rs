//! A TUI save while another desk holds a long write: the volunteer reads at once that the
//! base is busy and that vigie tries again; the entry stays on screen; Esc stops trying;
//! once the other desk is done, the next try saves what is on screen.

mod tui_commun;

use chrono::TimeDelta;
use ratatui::crossterm::event::KeyCode;
use std::time::{Duration, Instant};
use tui_commun::*;
use vigie::tui::app::{App, Ecran};

fn message(app: &App) -> String {
    match app.ecran() {
        Some(Ecran::Saisie(f)) => f.form.message.clone().unwrap_or_default(),
        _ => panic!("the entry form should stay open"),
    }
}

/// One tick of the loop `s` seconds later: the retries that are due, run.
fn tic(app: &mut App, store: &mut vigie::store::Store, s: i64) -> usize {
    let plus_tard = app.maintenant + TimeDelta::seconds(s);
    let effets = app.reessai_du(plus_tard);
    let n = effets.len();
    for e in effets {
        app.executer(e, store);
    }
    n
}

#[test]
fn a_save_blocked_by_another_desk_is_tried_again_and_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    // As the interface does: a short lock wait, so no key blocks for long.
    store
        .attendre_verrou(vigie::tui::reessai::ATTENTE_VERROU)
        .unwrap();
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
    // The short wait, not the store's default 10 s (a generous bound: no timing test).
    assert!(debut.elapsed() < Duration::from_secs(8));
    let m = message(&app);
    assert!(
        m.contains("base occupée par un autre poste, nouvel essai…"),
        "{m}"
    );
    assert!(m.contains("Échap"), "{m}");
    assert!(!m.contains("locked"), "{m}");
    // Not before a second has passed; then tried again, still busy, and it says for how long.
    assert_eq!(tic(&mut app, &mut store, 0), 0);
    assert_eq!(tic(&mut app, &mut store, 2), 1);
    let m = message(&app);
    assert!(m.contains("nouvel essai… (2 s"), "{m}");
    // Esc stops trying; the entry is still there, nothing saved.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    let m = message(&app);
    assert!(m.contains("nouvel essai annulé"), "{m}");
    assert!(m.contains("rien n'a été enregistré"), "{m}");
    assert_eq!(tic(&mut app, &mut store, 5), 0, "no try after Esc");
    assert!(store.evenements(id).unwrap().is_empty());

    // Busy again; then the other desk finishes: the next try saves the entry.
    taper(&mut app, &mut store, &[ctrl('s')]);
    assert!(message(&app).contains("nouvel essai"));
    autre.execute_batch("ROLLBACK").unwrap();
    assert_eq!(tic(&mut app, &mut store, 1), 1);
    assert!(
        !matches!(app.ecran(), Some(Ecran::Saisie(_))),
        "the form closes once saved"
    );
    let evs = store.evenements(id).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].notes.as_deref(), Some("note gardée"));
}

#[test]
fn a_base_busy_for_two_minutes_gives_up_and_keeps_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    store
        .attendre_verrou(vigie::tui::reessai::ATTENTE_VERROU)
        .unwrap();
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    let autre = rusqlite::Connection::open(store.chemin()).unwrap();
    autre.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut k = vec![touche(KeyCode::Char('v'))];
    k.extend(texte("visite"));
    k.push(ctrl('s'));
    taper(&mut app, &mut store, &k);
    assert_eq!(tic(&mut app, &mut store, 61), 1);
    assert_eq!(tic(&mut app, &mut store, 61), 1);
    let m = message(&app);
    assert!(m.contains("pendant deux minutes"), "{m}");
    assert!(m.contains("rien n'a été enregistré"), "{m}");
    assert_eq!(tic(&mut app, &mut store, 5), 0, "given up");
    autre.execute_batch("ROLLBACK").unwrap();
}
