//! The update → effects step, without SQLite: the state is built by hand, keys go through
//! the keymap and `mettre_a_jour`, and the effects returned are checked (none is run).

use super::*;
use crate::domain::moteur::{ConnaissancePrefecture, evaluer};
use crate::domain::{Blocage, Demarche, parse_date};
use crate::tui::effets::EffetPanneau;

fn jour() -> NaiveDate {
    parse_date("2026-11-23").unwrap()
}

fn personne(id: i64, nom: &str) -> Personne {
    Personne {
        id: Some(id),
        reference: format!("2026-{id:04}"),
        nom: nom.into(),
        prenom: Some("Awa".into()),
        telephone: None,
        departement: Departement::depuis_code("33").unwrap(),
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

/// An application on a list of two people seen today, no store anywhere.
fn app() -> App {
    let regles = crate::domain::regles::livrees();
    let lignes = [personne(1, "DIALLO"), personne(2, "BENALI")]
        .into_iter()
        .map(|p| LigneJour {
            evaluation: evaluer(&p, &[], &ConnaissancePrefecture::default(), &regles, jour()),
            personne: p,
            visite_du_jour: true,
            en_sommeil: false,
        })
        .collect();
    let mut a = App::nouveau(jour(), regles, "Marie", false);
    a.installer_liste(lignes, false);
    a
}

fn cle(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// One key through the keymap and the pure update (typing when no binding): its effects.
fn pas(a: &mut App, k: KeyEvent) -> Vec<Effet> {
    match clavier::resoudre(&k, &a.contextes_actifs()) {
        Some(action) => a.mettre_a_jour(action, &k),
        None => a.taper(&k),
    }
}

#[test]
fn list_keys_return_effects_and_move_without_any_store() {
    let mut a = app();
    assert!(pas(&mut a, cle(KeyCode::Down)).is_empty());
    assert_eq!(a.liste.selection, 1);
    assert!(matches!(
        pas(&mut a, cle(KeyCode::Enter))[..],
        [Effet::OuvrirFiche(2)]
    ));
    // Everyone is held: `t` only changes the rows shown (no read), the selection kept.
    assert!(pas(&mut a, cle(KeyCode::Char('t'))).is_empty());
    assert!(a.liste.tous);
    assert_eq!(a.liste.selectionnee().and_then(|p| p.id), Some(2));
    assert!(matches!(
        pas(&mut a, cle(KeyCode::Char('m')))[..],
        [Effet::ModifierPersonne(2)]
    ));
    assert!(matches!(
        pas(&mut a, cle(KeyCode::Char('n')))[..],
        [Effet::NouvellePersonne]
    ));
    match &pas(&mut a, cle(KeyCode::Char('L')))[..] {
        [
            Effet::OuvrirApercu {
                reference,
                document: Document::Lettre,
            },
        ] => assert_eq!(reference, "2026-0002"),
        autre => panic!("{autre:?}"),
    }
    // q with nothing typed quits at once: no effect, no question.
    assert!(pas(&mut a, cle(KeyCode::Char('q'))).is_empty());
    assert!(a.quitter);
}

#[test]
fn file_keys_open_forms_and_panels_as_effects() {
    let mut a = app();
    let donnees = DonneesFiche {
        evaluation: a.liste.ligne(0).unwrap().evaluation.clone(),
        personne: a.liste.ligne(0).unwrap().personne.clone(),
        evenements: Vec::new(),
        prefecture: ConnaissancePrefecture::default(),
        trace: None,
    };
    a.installer_fiche(donnees);
    // c: the CCC form opens (pure), typed in and saved as one effect.
    assert!(pas(&mut a, cle(KeyCode::Char('c'))).is_empty());
    assert!(matches!(a.ecran(), Some(Ecran::Saisie(_))));
    let mut effets = Vec::new();
    for k in [
        cle(KeyCode::Char('2')),
        cle(KeyCode::Tab),
        cle(KeyCode::Char('1')),
        cle(KeyCode::Enter),
    ] {
        effets = pas(&mut a, k);
    }
    match &effets[..] {
        [
            Effet::EnregistrerEvenement {
                personne_id,
                evenement,
            },
        ] => {
            assert_eq!(*personne_id, 1);
            assert_eq!(evenement.type_evenement, crate::domain::TypeEvenement::Ccc);
            assert_eq!(evenement.date, jour());
        }
        autre => panic!("{autre:?}"),
    }
    // Esc on typed input asks first.
    assert!(pas(&mut a, cle(KeyCode::Esc)).is_empty());
    assert_eq!(a.confirmation, Some(Confirmation::Abandonner));
    pas(&mut a, cle(KeyCode::Char('o')));
    assert!(matches!(a.ecran(), Some(Ecran::Fiche(_))));
    // P: the préfecture panel opens on the person's département and asks for its card.
    match &pas(&mut a, cle(KeyCode::Char('P')))[..] {
        [Effet::Panneau(EffetPanneau::ChargerFiche(d))] => assert_eq!(d.code(), "33"),
        autre => panic!("{autre:?}"),
    }
    assert!(matches!(a.ecran(), Some(Ecran::Panneau { .. })));
}

#[test]
fn panel_keys_return_effects_for_the_executor() {
    let mut a = app();
    // F3: the statistics panel asks for its computation.
    match &pas(&mut a, cle(KeyCode::F(3)))[..] {
        [Effet::Panneau(EffetPanneau::CalculerStats { seuil: 5, .. })] => {}
        autre => panic!("{autre:?}"),
    }
    let Some(Ecran::Panneau { panneau, .. }) = a.pile.last_mut() else {
        panic!("the statistics panel");
    };
    // Changing the threshold asks again, with the new threshold.
    let reponse = panneau.touche(cle(KeyCode::Char('+')));
    assert_eq!(
        a.reponse_panneau(reponse)
            .iter()
            .filter(|e| matches!(
                e,
                Effet::Panneau(EffetPanneau::CalculerStats { seuil: 6, .. })
            ))
            .count(),
        1
    );
    // Esc closes the panel (pure).
    let Some(Ecran::Panneau { panneau, .. }) = a.pile.last_mut() else {
        panic!("the statistics panel");
    };
    let reponse = panneau.touche(cle(KeyCode::Esc));
    assert!(a.reponse_panneau(reponse).is_empty());
    assert!(a.pile.is_empty());
}

#[test]
fn search_typing_asks_for_a_search_and_the_size_gates_keys() {
    let mut a = app();
    assert!(pas(&mut a, cle(KeyCode::Char('/'))).is_empty());
    assert!(matches!(
        pas(&mut a, cle(KeyCode::Char('d')))[..],
        [Effet::Chercher]
    ));
    a.redimensionner(79, 24);
    assert!(a.trop_petit);
    a.redimensionner(80, 24);
    assert!(!a.trop_petit);
}
