//! The API form proposes the expiry the rules give: 3 months for a first API (R.431-15-1,
//! a maximum), the longer validity for a second one delivered since the rule's date; the
//! hint beside the field names the rule.

mod moteur_echelle;

use moteur_echelle::*;
use vigie::domain::TypeEvenement;
use vigie::domain::regles::Regles;
use vigie::tui::formulaire::{ChampId, FormEvenement};

fn proposee(evenements: &[vigie::domain::Evenement], api_connue: bool) -> (String, String) {
    let mut p = personne(Some(1));
    if api_connue {
        p.api_expire_le = Some(j(-3));
    }
    let mut f = FormEvenement::nouveau(p, TypeEvenement::ApiDelivree, jour());
    f.proposer_echeance_api(evenements, &Regles::default());
    let aide = f
        .form
        .champ(ChampId::Echeance)
        .and_then(|c| c.aide.clone())
        .unwrap_or_default();
    (f.form.texte(ChampId::Echeance), aide)
}

#[test]
fn first_api_three_months_second_six() {
    // 23/11/2026 + 3 months; + 6 months for a second one (after June 2024).
    let (date, aide) = proposee(&[], false);
    assert_eq!(date, "23/02/2027");
    assert!(aide.contains("R.431-15-1"), "{aide}");
    let premiere = avec_echeance(ev(TypeEvenement::ApiDelivree, -90, None, None, None), -3);
    let (date, aide) = proposee(&[premiere], false);
    assert_eq!(date, "23/05/2027");
    assert!(aide.contains("seconde API"), "{aide}");
    // From the list, the events are not loaded: a recorded API expiry counts as a first one.
    assert_eq!(proposee(&[], true).0, "23/05/2027");
}

#[test]
fn other_forms_are_left_empty() {
    let mut f = FormEvenement::nouveau(personne(Some(1)), TypeEvenement::Suivi, jour());
    f.proposer_echeance_api(&[], &Regles::default());
    assert_eq!(f.form.texte(ChampId::Echeance), "");
}
