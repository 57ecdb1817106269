use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn departement_by_code_or_name() {
    assert_eq!(departement_saisi("33").map(|d| d.code()), Ok("33"));
    assert_eq!(departement_saisi("gironde").map(|d| d.code()), Ok("33"));
    assert_eq!(departement_saisi("Réunion").map(|d| d.code()), Ok("974"));
    assert_eq!(departement_saisi("cote d'or").map(|d| d.code()), Ok("21"));
    assert_eq!(departement_saisi("cotes armor").map(|d| d.code()), Ok("22"));
    assert!(departement_saisi("Haute").is_err());
    assert!(departement_saisi("20").is_err());
    assert!(departement_saisi("").is_err());
}

#[test]
fn next_reference() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(
        reference_suivante(["A1", "2025-0042"].into_iter(), d),
        "2026-0001"
    );
    assert_eq!(
        reference_suivante(["2026-0007", "2026-0012", "2026-x"].into_iter(), d),
        "2026-0013"
    );
}

#[test]
fn a_value_reached_with_tab_is_replaced_by_typing_but_kept_by_moving() {
    let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let mut l = LigneSaisie::avec("2026-11-23");
    l.selection = true;
    l.touche(&k(KeyCode::Char('1')));
    assert_eq!(l.texte, "1");
    let mut l = LigneSaisie::avec("2026-11-23");
    l.selection = true;
    l.touche(&k(KeyCode::Backspace));
    l.touche(&k(KeyCode::Char('4')));
    assert_eq!(l.texte, "2026-11-24");
}

#[test]
fn line_editing() {
    let mut l = LigneSaisie::avec("ab");
    let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
    l.touche(&k(KeyCode::Left));
    l.touche(&k(KeyCode::Char('é')));
    assert_eq!(l.texte, "aéb");
    l.touche(&k(KeyCode::Backspace));
    l.touche(&k(KeyCode::Delete));
    assert_eq!(l.texte, "a");
    assert_eq!(l.curseur, 1);
}
