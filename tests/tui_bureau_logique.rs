//! The desk day through the update step (no terminal): the préfecture search field proposed
//! from a person's file is replaced by a new query, and Ctrl-U clears it; the `?` help shows
//! the base's path and the page on the process.

mod tui_commun;

use ratatui::crossterm::event::KeyCode;
use tui_commun::*;

fn ecran(app: &vigie::tui::app::App, largeur: u16, hauteur: u16) -> String {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(largeur, hauteur)).unwrap();
    term.draw(|f| vigie::tui::vue::dessiner(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..hauteur)
        .map(|y| {
            (0..largeur)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn the_prefecture_proposed_from_a_file_is_replaced_by_what_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    taper(&mut app, &mut store, &texte("benali"));
    taper(&mut app, &mut store, &[touche(KeyCode::F(2))]);
    assert!(ecran(&app, 80, 24).contains("Numéro ou nom : 974"));
    taper(&mut app, &mut store, &texte("gironde"));
    let e = ecran(&app, 80, 24);
    assert!(e.contains("Numéro ou nom : gironde"), "{e}");
    assert!(e.contains("Gironde"), "{e}");
    taper(&mut app, &mut store, &[ctrl('u')]);
    taper(&mut app, &mut store, &texte("69"));
    let e = ecran(&app, 80, 24);
    assert!(e.contains("Numéro ou nom : 69"), "{e}");
}

#[test]
fn the_help_shows_the_base_and_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    app.chemin_base = Some(store.chemin().to_path_buf());
    taper(&mut app, &mut store, &[touche(KeyCode::Char('?'))]);
    let e = ecran(&app, 200, 24);
    assert!(
        e.contains(&format!("Base : {}", store.chemin().display())),
        "{e}"
    );
    // The process page, at the end of the help.
    for _ in 0..40 {
        taper(&mut app, &mut store, &[touche(KeyCode::PageDown)]);
    }
    let mut tout = String::new();
    tout.push_str(&ecran(&app, 200, 24));
    assert!(tout.contains("!!! droits rompus"), "{tout}");
    assert!(tout.contains("regles.toml"), "{tout}");
}

#[test]
fn a_search_waits_for_the_last_of_the_keys_already_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    // More keys waiting: the search is put off, nothing is looked up letter by letter.
    app.touches_en_attente = true;
    taper(&mut app, &mut store, &texte("diall"));
    assert!(app.recherche_differee);
    assert!(ecran(&app, 80, 24).contains("Chercher : diall"));
    assert!(!ecran(&app, 80, 24).contains("Awa DIALLO"));
    // The last key: one search, on the whole query.
    app.touches_en_attente = false;
    taper(&mut app, &mut store, &texte("o"));
    assert!(!app.recherche_differee);
    let e = ecran(&app, 80, 24);
    assert!(
        e.contains("Chercher : diallo") && e.contains("Awa DIALLO"),
        "{e}"
    );
}
