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

fn personne(nom: &str, notes: Option<&str>) -> Personne {
    Personne {
        id: Some(1),
        reference: "P1".into(),
        nom: nom.into(),
        prenom: None,
        telephone: None,
        departement: Departement::depuis_code("93").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::Connexion,
        ouvert_le: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: None,
        notes: notes.map(String::from),
        captures: None,
        identite: Default::default(),
        version: 1,
    }
}

#[test]
fn a_control_character_in_a_field_is_refused_next_to_it() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    // Old data holding an escape sequence: saving the form asks for it to be removed.
    let mut f = FormPersonne::modifier(personne("Awa\u{1b}]0;x\u{7}", Some("a\tb\nc")), d);
    assert!(f.construire().is_none());
    let nom = f.form.champ(ChampId::Nom).and_then(|c| c.erreur.clone());
    assert!(nom.is_some_and(|e| e.contains("U+001B")));
    assert_eq!(f.form.focalise().map(|c| c.id), Some(ChampId::Nom));
    assert!(
        f.form
            .champ(ChampId::Notes)
            .is_some_and(|c| c.erreur.is_none())
    );
    // TAB and line breaks stay allowed in the notes.
    let mut f = FormPersonne::modifier(personne("Awa", Some("a\tb\nc")), d);
    assert_eq!(
        f.construire().map(|p| p.notes),
        Some(Some("a\tb\nc".into()))
    );
    let mut f = FormPersonne::modifier(personne("Awa", Some("a\u{9b}2J")), d);
    assert!(f.construire().is_none());
    let notes = f.form.champ(ChampId::Notes).and_then(|c| c.erreur.clone());
    assert!(notes.is_some_and(|e| e.contains("U+009B")));
}

#[test]
fn an_event_ticket_with_an_escape_is_refused() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut f = FormEvenement::nouveau(personne("Awa", None), TypeEvenement::Recommande, d);
    if let Some(c) = f.form.champ_mut(ChampId::Ticket) {
        c.valeur = Valeur::Texte(LigneSaisie::avec("T\u{1b}[2J"));
    }
    assert!(f.construire().is_none());
    let ticket = f.form.champ(ChampId::Ticket).and_then(|c| c.erreur.clone());
    assert!(ticket.is_some_and(|e| e.contains("U+001B")));
}

#[test]
fn a_postcode_gives_its_departement() {
    for (cp, code) in [
        ("93200", "93"),
        ("75011", "75"),
        ("97411", "974"),
        ("20090", "2A"),
        ("20200", "2B"),
        ("01000", "01"),
    ] {
        assert_eq!(departement_saisi(cp).map(|d| d.code()), Ok(code), "{cp}");
    }
    assert!(departement_saisi("9320").is_err());
}

#[test]
fn a_date_without_its_year_is_this_year() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(avec_annee("28/11", d), "28/11/2026");
    assert_eq!(avec_annee(" 3/1 ", d), "3/1/2026");
    assert_eq!(avec_annee("28/11/2025", d), "28/11/2025");
    assert_eq!(avec_annee("2026-11-28", d), "2026-11-28");
    assert_eq!(
        date_saisie("28/11", d),
        Ok(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    );
    assert!(date_saisie("31/02", d).is_err());
}
