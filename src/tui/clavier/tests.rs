//! The keymap's own properties.
use super::*;
use crate::textes::tui::pied as k_;
use Contexte as X;

fn cle(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn same_key_means_different_things_by_context() {
    let enter = cle(KeyCode::Enter);
    assert_eq!(
        resoudre(
            &enter,
            &[X::Liste, X::ListeFiche, X::Defilement, X::Partout]
        ),
        Some(Action::Ouvrir)
    );
    assert_eq!(
        resoudre(&enter, &[X::Formulaire, X::Toujours]),
        Some(Action::Enregistrer)
    );
    // In the notes, Enter is text (a new line), Ctrl-S saves.
    assert_eq!(resoudre(&enter, &[X::Notes, X::Toujours]), None);
    assert_eq!(
        resoudre(
            &KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
            &[X::Notes, X::Toujours]
        ),
        Some(Action::Enregistrer)
    );
    assert_eq!(
        resoudre(&cle(KeyCode::Char('j')), &[X::Defilement]),
        Some(Action::Bas)
    );
    assert_eq!(
        resoudre(&cle(KeyCode::Char('7')), &[X::Choix, X::Formulaire]),
        Some(Action::ChoisirChiffre)
    );
    // Letters are text in a text field: no global action.
    assert_eq!(
        resoudre(&cle(KeyCode::Char('q')), &[X::Formulaire, X::Toujours]),
        None
    );
}

/// Every screen's contexts, as `App::contextes_actifs` and the panels' `contextes` list them.
const ECRANS: [&[Contexte]; 25] = [
    &[
        X::Liste,
        X::ListeFiche,
        X::Defilement,
        X::Partout,
        X::Toujours,
        X::Interrompre,
    ],
    &[
        X::Liste,
        X::ListeFiche,
        X::Defilement,
        X::Partout,
        X::Retour,
        X::Toujours,
        X::Interrompre,
    ],
    &[
        X::ListeFiche,
        X::Defilement,
        X::Partout,
        X::Retour,
        X::Toujours,
        X::Interrompre,
    ],
    &[
        X::Choix,
        X::Formulaire,
        X::PendantSaisie,
        X::Toujours,
        X::Interrompre,
    ],
    &[X::Formulaire, X::PendantSaisie, X::Toujours, X::Interrompre],
    &[X::Notes, X::PendantSaisie, X::Toujours, X::Interrompre],
    &[X::Conflit, X::Toujours, X::Interrompre],
    &[X::Recherche, X::PendantSaisie, X::Toujours, X::Interrompre],
    &[
        X::Defilement,
        X::Partout,
        X::Retour,
        X::Toujours,
        X::Interrompre,
    ],
    &[
        X::Apercu,
        X::Defilement,
        X::Partout,
        X::Retour,
        X::Toujours,
        X::Interrompre,
    ],
    &[X::NomFichier, X::Toujours, X::Interrompre],
    &[X::Confirmation, X::Interrompre],
    // the préfecture panel, its correction form (on a choice or a text field)
    &[X::Prefecture, X::PendantSaisie, X::Toujours, X::Interrompre],
    &[X::Correction, X::CorrectionChoix, X::Interrompre],
    &[X::Correction, X::Interrompre],
    // the statistics panel (by département or not), its date and file-name fields
    &[
        X::StatsPeriode,
        X::Stats,
        X::Partout,
        X::Toujours,
        X::Interrompre,
    ],
    &[
        X::StatsPeriode,
        X::StatsDepartements,
        X::Stats,
        X::Partout,
        X::Toujours,
        X::Interrompre,
    ],
    &[X::StatsDates, X::Interrompre],
    &[X::StatsFichier, X::Interrompre],
    // the import screen: its mapping, its file field
    &[X::Import, X::Toujours, X::Interrompre],
    &[X::ImportFichier, X::Toujours, X::Interrompre],
    // a panel with no context of its own (the application adds Ctrl-C)
    &[X::Interrompre],
    &[X::Retour],
    &[X::Toujours],
    // the conflict screen when the person was anonymized or erased meanwhile
    &[X::DossierPerdu, X::Toujours, X::Interrompre],
];

fn avec_ctrl(t: &Touche) -> KeyEvent {
    let m = if t.ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(t.code, m)
}

/// Within one context no two rows share a key; on a screen, a key bound twice is only a
/// panel's own key over a global one (the panel's meaning wins, by design, and the footer
/// then shows the panel's).
#[test]
fn no_key_is_bound_twice_in_a_context_nor_hidden_on_a_screen() {
    for (i, li) in TABLE.iter().enumerate() {
        for autre in &TABLE[i + 1..] {
            for cx in li.contextes.iter().filter(|c| autre.contextes.contains(c)) {
                for t in li.touches {
                    assert!(
                        !autre.touches.contains(t),
                        "{t:?} bound twice in {cx:?}: {} and {}",
                        li.etiquette,
                        autre.etiquette
                    );
                }
            }
        }
    }
    for actifs in ECRANS {
        let mut vues: Vec<(Touche, Contexte)> = Vec::new();
        for cx in actifs.iter() {
            for li in TABLE.iter().filter(|li| li.contextes.contains(cx)) {
                for t in li.touches {
                    if let Some((_, premier)) = vues.iter().find(|(v, _)| v == t) {
                        assert!(
                            premier.du_panneau() && !cx.du_panneau(),
                            "{t:?} bound in {premier:?} and {cx:?} on the screen {actifs:?}"
                        );
                    }
                    vues.push((*t, *cx));
                }
            }
        }
    }
}

/// Every key of every row does what its row says on some screen (no row is dead).
#[test]
fn every_rows_keys_are_reachable() {
    for li in TABLE {
        for t in li.touches {
            let atteinte = ECRANS.iter().any(|actifs| {
                resoudre_contexte(&avec_ctrl(t), actifs)
                    .is_some_and(|(_, cx)| li.contextes.contains(&cx))
            });
            assert!(atteinte, "{t:?} of « {} » reaches it nowhere", li.etiquette);
        }
    }
}

/// The help lists every row: the application's in `aide()`, the panels' in their sections.
#[test]
fn every_key_is_in_the_help_panels_included() {
    let aide = aide();
    let panneaux: Vec<crate::tui::Raccourci> = crate::tui::prefecture::raccourcis_accueil()
        .into_iter()
        .chain(crate::tui::stats::raccourcis_accueil())
        .chain(crate::tui::import::raccourcis_accueil())
        .collect();
    for li in TABLE {
        if li.contextes.iter().any(|c| !c.du_panneau()) {
            assert!(
                aide.iter()
                    .any(|(_, v)| v.contains(&(li.etiquette, li.description))),
                "« {} » missing from the help",
                li.etiquette
            );
        }
        if li.contextes.iter().all(|c| c.du_panneau()) {
            let mot = li.pied.unwrap_or(li.description);
            assert!(
                panneaux
                    .iter()
                    .any(|r| r.touche == li.etiquette && r.action == mot),
                "panel key « {} » missing from the help",
                li.etiquette
            );
        }
    }
    // Ctrl-E (the correction form) is shown.
    assert!(panneaux.iter().any(|r| r.touche == "Ctrl-E"));
}

/// What the footer shows works: every key of every label resolves, on that screen, to
/// the row shown.
#[test]
fn the_footer_shows_only_keys_that_work_here() {
    for actifs in ECRANS {
        for (etiquette, mot) in pied(actifs) {
            let li = TABLE
                .iter()
                .find(|li| {
                    li.pied == Some(mot)
                        && li.contextes.iter().any(|c| actifs.contains(c))
                        && (li.etiquette == etiquette
                            || li
                                .touches
                                .iter()
                                .any(|t| etiquette.contains(&nom_touche(t))))
                })
                .unwrap_or_else(|| panic!("« {etiquette} {mot} » is no row here"));
            for t in li.touches.iter().filter(|t| {
                li.etiquette == etiquette || etiquette.split('/').any(|n| n == nom_touche(t))
            }) {
                let (a, cx) = resoudre_contexte(&avec_ctrl(t), actifs)
                    .unwrap_or_else(|| panic!("{t:?} shown but unbound on {actifs:?}"));
                assert!(
                    li.contextes.contains(&cx) && a == action_precise(li.action, t.code),
                    "{t:?} shown as « {mot} » does {a:?} on {actifs:?}"
                );
            }
        }
    }
    // The plain day's list has nowhere to go back to; a question waits for its answer.
    assert!(!pied(ECRANS[0]).iter().any(|(e, _)| e == "Échap"));
    assert!(pied(ECRANS[1]).iter().any(|(e, _)| e == "Échap"));
    assert!(!pied(ECRANS[11]).iter().any(|(e, _)| e == "F1"));
}

#[test]
fn document_keys_work_from_the_list_and_the_file_only() {
    let liste = [
        X::Liste,
        X::ListeFiche,
        X::Defilement,
        X::Partout,
        X::Toujours,
    ];
    let fiche = [X::ListeFiche, X::Defilement, X::Partout, X::Toujours];
    for actifs in [&liste[..], &fiche[..]] {
        assert_eq!(
            resoudre(&cle(KeyCode::Char('L')), actifs),
            Some(Action::Apercu(Document::Lettre))
        );
        assert_eq!(
            resoudre(&cle(KeyCode::Char('H')), actifs),
            Some(Action::Apercu(Document::Chronologie))
        );
    }
    // In the preview, e saves; in the file-name field, letters are text.
    let apercu = [X::Apercu, X::Defilement, X::Partout, X::Toujours];
    assert_eq!(
        resoudre(&cle(KeyCode::Char('e')), &apercu),
        Some(Action::EnregistrerSous)
    );
    assert_eq!(resoudre(&cle(KeyCode::Char('L')), &apercu), None);
    let champ = [X::NomFichier, X::Toujours];
    for c in ['e', 'q', 'j', 'L', '/'] {
        assert_eq!(resoudre(&cle(KeyCode::Char(c)), &champ), None, "{c}");
    }
    assert_eq!(
        resoudre(&cle(KeyCode::Enter), &champ),
        Some(Action::Enregistrer)
    );
    let p = pied(&fiche);
    assert!(
        p.contains(&("L".to_string(), k_::LETTRE))
            && p.contains(&("H".to_string(), k_::CHRONOLOGIE))
    );
}

#[test]
fn footer_and_help_come_from_the_table() {
    let p = pied(&[
        X::Liste,
        X::ListeFiche,
        X::Defilement,
        X::Partout,
        X::Toujours,
    ]);
    assert!(p.contains(&("c".to_string(), k_::CCC)));
    assert!(p.contains(&("q".to_string(), k_::QUITTER)));
    assert!(!p.iter().any(|(_, desc)| *desc == k_::ENREGISTRER));
    // Every (row, help section) pair once: a row of several contexts of one section (Esc
    // of `Retour` is listed with `Partout`) appears once there.
    let a = aide();
    let total: usize = a.iter().map(|(_, v)| v.len()).sum();
    let attendu: usize = TABLE
        .iter()
        .map(|li| {
            Contexte::ORDRE_AIDE
                .iter()
                .filter(|s| li.contextes.iter().any(|c| c.section() == **s))
                .count()
        })
        .sum();
    assert_eq!(total, attendu, "every binding appears in the help");
}
