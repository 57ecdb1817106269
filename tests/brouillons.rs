//! Drafts of the forms being typed: kept in the base a moment after a change, offered again
//! at the next start, dropped when the form is saved or abandoned, or when too old.

mod tui_commun;

use chrono::{NaiveDateTime, TimeDelta};
use ratatui::crossterm::event::KeyCode;
use tui_commun::*;
use vigie::store::Brouillon;
use vigie::tui::app::{App, Confirmation, Ecran, Effet};
use vigie::tui::formulaire::ChampId;

fn heure(h: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{JOUR} {h}"), "%Y-%m-%d %H:%M:%S").unwrap()
}

/// The screen at 100×30, as plain text.
fn ecran(app: &mut App) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    term.draw(|f| vigie::tui::vue::dessiner(app, f)).unwrap();
    let b = term.backend().buffer();
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn executer(app: &mut App, store: &mut vigie::store::Store, effets: Vec<Effet>) {
    for e in effets {
        app.executer(e, store);
    }
}

#[test]
fn store_keeps_reads_back_replaces_forgets_and_purges_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = base_exemple(dir.path());
    let contenu = "ccc\nligne \\n échappée\n2\n";
    s.garder_brouillon("evenement", ids[0], contenu, heure("10:00:00"))
        .unwrap();
    assert_eq!(
        s.brouillons().unwrap(),
        vec![Brouillon {
            genre: "evenement".into(),
            personne_id: ids[0],
            contenu: contenu.into(),
            garde_le: heure("10:00:00"),
        }]
    );
    // One row per volunteer, kind and person: a later save replaces it.
    s.garder_brouillon("evenement", ids[0], "autre", heure("10:00:05"))
        .unwrap();
    s.garder_brouillon("personne", 0, "nouvelle", heure("09:00:00"))
        .unwrap();
    let v = s.brouillons().unwrap();
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[0].contenu, "autre", "most recent first");
    // Another volunteer does not see Marie's drafts.
    drop(s);
    let autre = ouvrir(&dir.path().join("x.db"), "Paul");
    assert!(autre.brouillons().unwrap().is_empty());
    drop(autre);
    let mut s = ouvrir(&dir.path().join("x.db"), "Marie");
    s.oublier_brouillon("evenement", ids[0]).unwrap();
    assert_eq!(s.brouillons().unwrap().len(), 1);
    // Older than the limit: dropped; newer: kept.
    assert_eq!(s.purger_brouillons(heure("08:59:59")).unwrap(), 0);
    assert_eq!(s.purger_brouillons(heure("09:00:01")).unwrap(), 1);
    assert!(s.brouillons().unwrap().is_empty());
}

#[test]
fn the_draft_is_kept_a_second_after_typing_and_resumed_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = tui_commun::app(&store);
    let id = selectionner(&mut app, &mut store, "DIALLO");
    taper(&mut app, &mut store, &[touche(KeyCode::Char('c'))]);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('2'))]);
    // Nothing typed yet beyond the defaults' change: the outcome counts as typed.
    let Some(Ecran::Saisie(f)) = app.pile.last_mut() else {
        panic!("the CCC form is open");
    };
    f.form.focus_sur(ChampId::Notes);
    app.coller("A appelé, rappeler lundi\ndeuxième ligne", &mut store);

    // The update is pure: "now" is given; the save comes once 1 s has passed.
    assert!(app.battement(heure("10:00:00")).is_empty());
    assert!(
        app.battement(heure("10:00:00") + TimeDelta::milliseconds(500))
            .is_empty()
    );
    let effets = app.battement(heure("10:00:01"));
    assert!(
        matches!(effets.as_slice(), [Effet::SauverBrouillon { genre: "evenement", personne_id, .. }] if *personne_id == id),
        "{effets:?}"
    );
    executer(&mut app, &mut store, effets);
    // Kept once: nothing more until a change.
    assert!(app.battement(heure("10:00:05")).is_empty());
    let gardes = store.brouillons().unwrap();
    assert_eq!(gardes.len(), 1);
    assert_eq!(gardes[0].garde_le, heure("10:00:01"));
    assert!(gardes[0].contenu.contains("A appelé, rappeler lundi"));

    // The hang-up: a later change is kept at once.
    app.coller(" !", &mut store);
    let effets = app.brouillon_immediat();
    assert_eq!(effets.len(), 1, "{effets:?}");
    executer(&mut app, &mut store, effets);
    drop(app);

    // The next start: the offer, in French, over the day's list.
    let mut app = tui_commun::app(&store);
    app.maintenant = heure("11:00:00");
    app.executer(Effet::ProposerBrouillon, &mut store);
    assert_eq!(app.confirmation, Some(Confirmation::Reprendre));
    let texte = ecran(&mut app);
    assert!(texte.contains("Un brouillon de"), "{texte}");
    assert!(texte.contains("le reprendre ? (o/n)"), "{texte}");
    assert_eq!(
        app.brouillon_propose.as_ref().map(|(_, q)| q.as_str()),
        Some(
            "Un brouillon de saisie « CCC » pour Awa DIALLO du 23/11/2026 à 10:00 a été gardé : \
             le reprendre ? (o/n)"
        )
    );
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    let Some(Ecran::Saisie(f)) = app.pile.last() else {
        panic!("the form is open again");
    };
    assert_eq!(f.personne.id, Some(id));
    assert_eq!(
        f.form.texte(ChampId::Notes),
        "A appelé, rappeler lundi\ndeuxième ligne !"
    );
    assert_eq!(f.form.choisi(ChampId::Resultat), Some(1));
    // Resumed as kept: no new save without a change.
    assert!(app.battement(heure("11:00:01")).is_empty());
    assert!(app.battement(heure("11:00:03")).is_empty());

    // Saved: the event is in the base, the draft is gone.
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert!(app.pile.is_empty(), "saved: {:?}", app.message);
    let evs = store.evenements(id).unwrap();
    assert_eq!(
        evs[0].notes.as_deref(),
        Some("A appelé, rappeler lundi\ndeuxième ligne !")
    );
    assert!(store.brouillons().unwrap().is_empty());
}

#[test]
fn a_new_person_draft_refused_at_start_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = tui_commun::app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    assert!(matches!(app.pile.last(), Some(Ecran::Personne(_))));
    taper(&mut app, &mut store, &texte("NDIAYE"));
    app.battement(heure("10:00:00"));
    let effets = app.battement(heure("10:00:02"));
    executer(&mut app, &mut store, effets);
    assert_eq!(store.brouillons().unwrap()[0].genre, "personne");
    drop(app);

    let mut app = tui_commun::app(&store);
    app.maintenant = heure("10:30:00");
    app.executer(Effet::ProposerBrouillon, &mut store);
    assert!(ecran(&mut app).contains("Un brouillon de nouvelle personne du 23/11/2026"));
    assert_eq!(app.confirmation, Some(Confirmation::Reprendre));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    assert_eq!(app.confirmation, None);
    assert!(app.pile.is_empty());
    assert!(store.brouillons().unwrap().is_empty());
}

#[test]
fn a_new_person_draft_resumed_keeps_the_name_and_abandoning_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = tui_commun::app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    taper(&mut app, &mut store, &texte("NDIAYE"));
    let effets = app.brouillon_immediat();
    executer(&mut app, &mut store, effets);
    drop(app);

    let mut app = tui_commun::app(&store);
    app.maintenant = heure("10:30:00");
    app.executer(Effet::ProposerBrouillon, &mut store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    let Some(Ecran::Personne(f)) = app.pile.last() else {
        panic!("the person form is open again");
    };
    assert_eq!(f.form.texte(ChampId::Nom), "NDIAYE");
    assert_eq!(f.form.texte(ChampId::Reference), "2026-0004");
    // Esc, then « o »: abandoned, the draft goes.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert_eq!(app.confirmation, Some(Confirmation::Abandonner));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    assert!(app.pile.is_empty());
    assert!(store.brouillons().unwrap().is_empty());
}

#[test]
fn a_draft_older_than_the_rule_is_dropped_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = base_exemple(dir.path());
    let mut app = tui_commun::app(&store);
    let jours = app.regles.brouillon_conservation_jours();
    assert_eq!(jours, 7);
    let maintenant = heure("10:00:00");
    store
        .garder_brouillon(
            "personne",
            ids[1],
            "\nx",
            maintenant - TimeDelta::days(jours) - TimeDelta::seconds(1),
        )
        .unwrap();
    store
        .garder_brouillon(
            "personne",
            ids[2],
            "\ny",
            maintenant - TimeDelta::days(jours) + TimeDelta::seconds(1),
        )
        .unwrap();
    app.maintenant = maintenant;
    app.executer(Effet::ProposerBrouillon, &mut store);
    let v = store.brouillons().unwrap();
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].personne_id, ids[2]);
    assert_eq!(app.confirmation, Some(Confirmation::Reprendre));
}

#[test]
fn erasing_a_person_deletes_the_drafts_about_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = base_exemple(dir.path());
    store
        .garder_brouillon("evenement", ids[0], "ccc\nx", heure("10:00:00"))
        .unwrap();
    store
        .garder_brouillon("personne", ids[1], "\ny", heure("10:00:00"))
        .unwrap();
    let n = store
        .ecrire(|e, _| e.effacer_personne("2026-0001"))
        .unwrap();
    assert_eq!(n, Some(0));
    let v = store.brouillons().unwrap();
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].personne_id, ids[1]);
}
