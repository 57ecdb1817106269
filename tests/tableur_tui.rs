//! The import screen of the TUI (docs/fichiers.md §3b), stepped with its keys through the
//! one keymap and the real effect executor on a real store: the mapping proposed with its
//! invalid cells, a column's target changed with ← →, a column ignored with x, the dry run
//! re-run, then the import.

mod banc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vigie::tableur::Cible;
use vigie::tui::Panneau;
use vigie::tui::effets::piloter;
use vigie::tui::import::EcranImport;

fn touche(p: &mut EcranImport, store: &mut vigie::store::Store, code: KeyCode, ctrl: bool) {
    let m = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    let r = p.touche(KeyEvent::new(code, m));
    piloter(p, r, store);
}

fn taper(p: &mut EcranImport, store: &mut vigie::store::Store, s: &str) {
    for c in s.chars() {
        touche(p, store, KeyCode::Char(c), false);
    }
}

fn cible(p: &EcranImport, en_tete: &str) -> Cible {
    let e = p.etat.as_ref().expect("sheet read");
    let c = e
        .tableur
        .colonnes
        .iter()
        .find(|c| c.en_tete == en_tete)
        .unwrap();
    c.cible.clone()
}

#[test]
fn the_import_screen_maps_changes_dry_runs_and_imports() {
    let b = banc::Banc::new();
    let mut store = b.store();
    let mauvais = b.fichier(
        "mauvais.csv",
        "Nom;Dép.;Situation;Blocage;Date 1er RDV;Suivi par\n\
         Sow;Seine-Saint-Denis;Renouvellement;Connexion;05/03/2026;Lucie\n\
         Ba;Gironde;Duplicata;Autre;31/02/2026;Marc\n",
    );
    let bon = b.fichier(
        "bon.csv",
        "Nom;Dép.;Situation;Blocage;Date 1er RDV;Suivi par\n\
         Sow;Seine-Saint-Denis;Renouvellement;Connexion;05/03/2026;Lucie\n\
         Ba;Gironde;Duplicata;Autre;06/03/2026;Marc\n",
    );
    let mut p = EcranImport::nouveau();
    taper(&mut p, &mut store, mauvais.to_str().unwrap());
    touche(&mut p, &mut store, KeyCode::Enter, false);
    assert_eq!(cible(&p, "Dép."), Cible::Champ("departement"));
    assert_eq!(cible(&p, "Situation"), Cible::Notes);
    let e = p.etat.as_ref().unwrap();
    assert!(e.essai.is_err());
    let i = e
        .tableur
        .colonnes
        .iter()
        .position(|c| c.en_tete == "Date 1er RDV")
        .unwrap();
    assert_eq!(
        p.invalides()[i],
        1,
        "the bad date is counted under its column"
    );
    // Back to the file field, another file.
    touche(&mut p, &mut store, KeyCode::Esc, false);
    assert!(p.etat.is_none());
    touche(&mut p, &mut store, KeyCode::Char('u'), true);
    taper(&mut p, &mut store, bon.to_str().unwrap());
    touche(&mut p, &mut store, KeyCode::Enter, false);
    assert!(
        p.etat.as_ref().unwrap().essai.is_err(),
        "no démarche column yet"
    );
    // Enter does not import while the dry run fails.
    touche(&mut p, &mut store, KeyCode::Enter, false);
    assert_eq!(store.personnes().unwrap().len(), 0);
    // « Situation » → demarche with ←, « Suivi par » ignored with x.
    for _ in 0..2 {
        touche(&mut p, &mut store, KeyCode::Down, false);
    }
    for _ in 0..30 {
        if cible(&p, "Situation") == Cible::Champ("demarche") {
            break;
        }
        touche(&mut p, &mut store, KeyCode::Left, false);
    }
    assert_eq!(cible(&p, "Situation"), Cible::Champ("demarche"));
    for _ in 0..3 {
        touche(&mut p, &mut store, KeyCode::Down, false);
    }
    touche(&mut p, &mut store, KeyCode::Char('x'), false);
    assert_eq!(cible(&p, "Suivi par"), Cible::Ignoree);
    assert_eq!(p.etat.as_ref().unwrap().essai, Ok(2));
    touche(&mut p, &mut store, KeyCode::Enter, false);
    let personnes = store.personnes().unwrap();
    assert_eq!(personnes.len(), 2);
    assert!(
        personnes.iter().all(|x| x.notes.is_none()),
        "« Suivi par » was ignored"
    );
    assert!(
        p.message
            .as_deref()
            .unwrap_or("")
            .contains("Import terminé")
    );
}

#[test]
fn capital_i_on_the_list_opens_the_import_screen() {
    use vigie::tui::clavier::{Action, Contexte, resoudre_contexte};
    let k = KeyEvent::new(KeyCode::Char('I'), KeyModifiers::NONE);
    assert_eq!(
        resoudre_contexte(&k, &[Contexte::Liste]).map(|(a, _)| a),
        Some(Action::ImportTableur)
    );
    let p = EcranImport::nouveau();
    assert!(p.contextes().contains(&Contexte::ImportFichier));
    assert!(p.prend_le_texte());
}
