//! How the TUI loads its list (issue 17): the first frame before the list, one pass for the
//! list and its counts, everyone held so `t` and back only change the rows shown, the load
//! slice by slice between keys, another desk's write patched into the list held.

mod tui_commun;

use ratatui::crossterm::event::KeyCode;
use tui_commun::*;
use vigie::domain::Personne;

fn ecran(app: &mut vigie::tui::app::App) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    vigie::tui::vue::cadrer(app, 100, 30);
    term.draw(|f| vigie::tui::vue::dessiner(app, f)).unwrap();
    let tampon = term.backend().buffer();
    (0..30)
        .map(|y| {
            (0..100)
                .map(|x| tampon[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The base of the examples, plus someone far from any deadline (not on the day's list).
fn base(dir: &std::path::Path) -> vigie::store::Store {
    let (mut store, _) = base_exemple(dir);
    let mut calme: Personne = personne("2026-0004", "MARTIN", "Paul", "75");
    calme.titre_expire_le = Some(vigie::domain::parse_date("2027-09-01").unwrap());
    store.creer_personne(&calme).unwrap();
    store
}

/// An interface that loads its list slice by slice, as the terminal's loop does.
fn app_du_terminal(regles: &vigie::domain::regles::Regles) -> vigie::tui::app::App {
    let mut app = vigie::tui::app::App::nouveau(jour(), regles.clone(), "Marie", false);
    app.redimensionner(100, 30);
    app.progressif = true;
    app
}

/// Runs the load under way to its end, as the loop's idle turns do; the slices it took.
fn charger_jusqu_au_bout(app: &mut vigie::tui::app::App, store: &mut vigie::store::Store) -> usize {
    let mut tours = 0;
    while app.chargement.is_some() {
        app.executer(vigie::tui::effets::Effet::AvancerChargement, store);
        tours += 1;
        assert!(tours < 100, "the load ends");
    }
    tours
}

fn references(app: &vigie::tui::app::App) -> Vec<String> {
    app.liste
        .lignes()
        .map(|l| l.personne.reference.clone())
        .collect()
}

#[test]
fn the_first_frame_says_the_list_is_loading_then_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base(dir.path());
    let regles = vigie::domain::regles::livrees();
    let mut app = vigie::tui::app::App::nouveau(jour(), regles, "Marie", false);
    app.redimensionner(100, 30);
    vigie::tui::premier_chargement(&mut app, &mut store);
    let premier = ecran(&mut app);
    assert!(premier.contains("Chargement de la liste"), "{premier}");
    assert!(!premier.contains("DIALLO"), "{premier}");
    assert_eq!(app.liste.nombre(), 0);
    app.executer(vigie::tui::effets::Effet::Recharger, &mut store);
    assert!(ecran(&mut app).contains("DIALLO"));
}

#[test]
fn t_shows_everyone_and_back_to_the_day_filters_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base(dir.path());
    let regles = vigie::domain::regles::livrees();
    let mut app = app(&store);
    let du_jour = vigie::jour::liste_du_jour(&store, &regles, jour(), false).unwrap();
    let tous = vigie::jour::liste_du_jour(&store, &regles, jour(), true).unwrap();
    assert!(tous.len() > du_jour.len(), "someone is off the day's list");
    let refs = |v: &[vigie::jour::LigneJour]| -> Vec<String> {
        v.iter().map(|l| l.personne.reference.clone()).collect()
    };
    assert_eq!(references(&app), refs(&du_jour));
    let compte = app.liste.du_jour;
    let retard = app.liste.en_retard;
    assert_eq!(compte, du_jour.len());

    taper(&mut app, &mut store, &[touche(KeyCode::Char('t'))]);
    assert!(app.liste.tous);
    assert_eq!(references(&app), refs(&tous));
    // The day's counts of the header are the same, read from the whole list.
    assert_eq!((app.liste.du_jour, app.liste.en_retard), (compte, retard));

    // Back to the day's list: filtered from the rows held, in the same order, same counts.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('t'))]);
    assert!(!app.liste.tous);
    assert_eq!(references(&app), refs(&du_jour));
    assert_eq!((app.liste.du_jour, app.liste.en_retard), (compte, retard));
    for (a, b) in app.liste.lignes().zip(&du_jour) {
        assert_eq!(a.evaluation, b.evaluation);
    }
}

/// In the terminal the list is loaded slice by slice between keys: keys are handled while it
/// loads (here before its first slice), « Chargement de la liste… N % » says how far it is,
/// and the end installs the same list as a single pass.
#[test]
fn the_terminal_loads_the_list_between_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base(dir.path());
    let regles = vigie::domain::regles::livrees();
    let mut app = app_du_terminal(&regles);
    vigie::tui::premier_chargement(&mut app, &mut store);
    app.executer(vigie::tui::effets::Effet::Recharger, &mut store);
    assert!(app.chargement.is_some(), "the load waits for the loop");
    let pendant = ecran(&mut app);
    assert!(
        pendant.contains("Chargement de la liste… 0\u{a0}%"),
        "{pendant}"
    );
    // Nothing counted, nothing said empty, while the rows are not all there.
    assert!(!pendant.contains("à voir aujourd'hui"), "{pendant}");
    assert!(!pendant.contains("Aucune personne"), "{pendant}");
    // A key while loading: the search opens at once.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    assert!(matches!(
        app.ecran(),
        Some(vigie::tui::app::Ecran::Recherche(_))
    ));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    let tours = charger_jusqu_au_bout(&mut app, &mut store);
    assert!(tours >= 1, "at least one slice");
    let du_jour = vigie::jour::liste_du_jour(&store, &regles, jour(), false).unwrap();
    let refs: Vec<String> = du_jour
        .iter()
        .map(|l| l.personne.reference.clone())
        .collect();
    assert_eq!(references(&app), refs);
    let apres = ecran(&mut app);
    assert!(
        !apres.contains("Chargement"),
        "the loading message gives way"
    );
    assert!(apres.contains("à voir aujourd'hui : "), "{apres}");
}

/// Another desk's write is applied to the list held (only that person is read again): a
/// visit recorded elsewhere for someone off the day's list brings them onto it, with the
/// counts, as a full pass would.
#[test]
fn another_desks_write_patches_the_list_held() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base(dir.path());
    let regles = vigie::domain::regles::livrees();
    let mut app = app(&store);
    let _ = app.executer_verification(jour(), &mut store);
    assert!(!references(&app).contains(&"2026-0004".to_string()));
    let avant = app.liste.du_jour;
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let calme = autre.personne_par_reference("2026-0004").unwrap().unwrap();
    let visite = vigie::domain::Evenement::nouveau(vigie::domain::TypeEvenement::Visite, jour());
    autre.ajouter_evenement(calme.id.unwrap(), &visite).unwrap();
    assert!(
        app.executer_verification(jour(), &mut store),
        "the change is seen"
    );
    assert!(references(&app).contains(&"2026-0004".to_string()));
    assert_eq!(app.liste.du_jour, avant + 1);
    let du_jour = vigie::jour::liste_du_jour(&store, &regles, jour(), false).unwrap();
    let refs: Vec<String> = du_jour
        .iter()
        .map(|l| l.personne.reference.clone())
        .collect();
    assert_eq!(references(&app), refs);
}

/// A bulk write elsewhere during the load (an import, a demo: « everyone changed »): the
/// load starts again, still between keys, and ends on the list a single pass gives.
#[test]
fn a_bulk_write_during_the_load_starts_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base(dir.path());
    let regles = vigie::domain::regles::livrees();
    let mut app = app_du_terminal(&regles);
    app.executer(vigie::tui::effets::Effet::Recharger, &mut store);
    app.executer(vigie::tui::effets::Effet::AvancerChargement, &mut store);
    assert!(
        app.chargement.is_some(),
        "one slice read, the end not seen yet"
    );
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    autre
        .ecrire_en_masse(|tx, benevole| {
            for i in 0..30 {
                let mut p = personne(&format!("2026-1{i:03}"), "NOUVEAU", "Ali", "93");
                p.titre_expire_le = Some(vigie::domain::parse_date("2026-10-01").unwrap());
                vigie::store::inserer_personne(tx, &p, benevole)?;
            }
            Ok(())
        })
        .unwrap();
    let tours = charger_jusqu_au_bout(&mut app, &mut store);
    assert!(tours >= 2, "started again: {tours}");
    let du_jour = vigie::jour::liste_du_jour(&store, &regles, jour(), false).unwrap();
    let refs: Vec<String> = du_jour
        .iter()
        .map(|l| l.personne.reference.clone())
        .collect();
    assert!(refs.len() > 30, "the new people are there");
    assert_eq!(references(&app), refs);
}
