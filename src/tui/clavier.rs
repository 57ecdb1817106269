//! The one keymap: every binding with the contexts where it works. The footer (keys that
//! work here) and the `?` help are both generated from `TABLE`, and `resoudre` turns a key
//! into an action with the same table, so what is shown is what works.

use crate::domain::TypeEvenement;
use crate::textes::tui::{contextes as c, touches as d};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. A screen has an ordered list of active contexts, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contexte {
    /// Ctrl keys that work everywhere, even while typing.
    Toujours,
    /// Global letter keys: every screen except while typing in a field.
    Partout,
    /// Moving in a list or a scrolled text.
    Defilement,
    Liste,
    /// Quick entry and edition from the list or a file.
    ListeFiche,
    Fiche,
    Formulaire,
    Choix,
    Notes,
    Recherche,
    Confirmation,
    Conflit,
}

impl Contexte {
    pub fn titre(self) -> &'static str {
        match self {
            Contexte::Toujours => c::TOUJOURS,
            Contexte::Partout => c::PARTOUT,
            Contexte::Defilement => c::DEFILEMENT,
            Contexte::Liste => c::LISTE,
            Contexte::ListeFiche => c::LISTE_FICHE,
            Contexte::Fiche => c::FICHE,
            Contexte::Formulaire => c::FORMULAIRE,
            Contexte::Choix => c::CHOIX,
            Contexte::Notes => c::NOTES,
            Contexte::Recherche => c::RECHERCHE,
            Contexte::Confirmation => c::CONFIRMATION,
            Contexte::Conflit => c::CONFLIT,
        }
    }

    /// Order of the sections of the help.
    pub const ORDRE_AIDE: [Contexte; 12] = [
        Contexte::Liste,
        Contexte::ListeFiche,
        Contexte::Fiche,
        Contexte::Defilement,
        Contexte::Partout,
        Contexte::Toujours,
        Contexte::Recherche,
        Contexte::Formulaire,
        Contexte::Choix,
        Contexte::Notes,
        Contexte::Confirmation,
        Contexte::Conflit,
    ];
}

/// What a key asks for. Updates are written against actions, never against raw keys
/// (except text typed into a field, and the digit of `ChoisirChiffre`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Haut,
    Bas,
    PageHaut,
    PageBas,
    Debut,
    Fin,
    Ouvrir,
    Retour,
    Quitter,
    Aide,
    Chercher,
    BasculerTous,
    NouvellePersonne,
    ModifierPersonne,
    Saisir(TypeEvenement),
    Prefecture,
    Statistiques,
    ChampSuivant,
    ChampPrecedent,
    ChoixSuivant,
    ChoixPrecedent,
    ChoisirChiffre,
    Enregistrer,
    Oui,
    Non,
    GarderMienne,
    GarderAutre,
}

/// One key (a code, with or without Ctrl).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touche {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(ch: char) -> Touche {
    Touche {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}
const fn ctrl(ch: char) -> Touche {
    Touche {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}
const fn code(code: KeyCode) -> Touche {
    Touche { code, ctrl: false }
}

/// A binding: keys, the label shown, what it does, where.
#[derive(Debug, Clone, Copy)]
pub struct Liaison {
    pub touches: &'static [Touche],
    pub etiquette: &'static str,
    pub action: Action,
    pub description: &'static str,
    pub contextes: &'static [Contexte],
    /// Shown in the footer (the help shows every binding).
    pub pied: bool,
}

use Contexte as X;

const CHIFFRES: [Touche; 9] = [
    k('1'),
    k('2'),
    k('3'),
    k('4'),
    k('5'),
    k('6'),
    k('7'),
    k('8'),
    k('9'),
];

const fn l(
    touches: &'static [Touche],
    etiquette: &'static str,
    action: Action,
    description: &'static str,
    contextes: &'static [Contexte],
    pied: bool,
) -> Liaison {
    Liaison {
        touches,
        etiquette,
        action,
        description,
        contextes,
        pied,
    }
}

/// THE keymap.
pub const TABLE: &[Liaison] = &[
    // confirmations and conflicts first: they take precedence
    l(
        &[k('o'), k('O')],
        "o",
        Action::Oui,
        d::OUI,
        &[X::Confirmation],
        true,
    ),
    l(
        &[k('n'), k('N'), code(KeyCode::Esc)],
        "n/Échap",
        Action::Non,
        d::NON,
        &[X::Confirmation],
        true,
    ),
    l(
        &[k('m')],
        "m",
        Action::GarderMienne,
        d::GARDER_MIENNE,
        &[X::Conflit],
        true,
    ),
    l(
        &[k('e')],
        "e",
        Action::GarderAutre,
        d::GARDER_AUTRE,
        &[X::Conflit],
        true,
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::FUSIONNER,
        &[X::Conflit],
        true,
    ),
    // list and file
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Ouvrir,
        d::OUVRIR_FICHE,
        &[X::Liste],
        true,
    ),
    l(
        &[k('t')],
        "t",
        Action::BasculerTous,
        d::TOUS,
        &[X::Liste],
        true,
    ),
    l(
        &[k('c')],
        "c",
        Action::Saisir(TypeEvenement::Ccc),
        d::CCC,
        &[X::ListeFiche],
        true,
    ),
    l(
        &[k('p')],
        "p",
        Action::Saisir(TypeEvenement::Pan),
        d::PAN,
        &[X::ListeFiche],
        true,
    ),
    l(
        &[k('v')],
        "v",
        Action::Saisir(TypeEvenement::Visite),
        d::VISITE,
        &[X::ListeFiche],
        true,
    ),
    l(
        &[k('s')],
        "s",
        Action::Saisir(TypeEvenement::Substitution),
        d::SUBSTITUTION,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('r')],
        "r",
        Action::Saisir(TypeEvenement::Recommande),
        d::RECOMMANDE,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('a')],
        "a",
        Action::Saisir(TypeEvenement::Avocat),
        d::AVOCAT,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('d')],
        "d",
        Action::Saisir(TypeEvenement::DefenseurDroits),
        d::DEFENSEUR,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('i')],
        "i",
        Action::Saisir(TypeEvenement::ApiDelivree),
        d::API,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('x')],
        "x",
        Action::Saisir(TypeEvenement::Cloture),
        d::CLOTURE,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('m')],
        "m",
        Action::ModifierPersonne,
        d::MODIFIER,
        &[X::ListeFiche],
        false,
    ),
    l(
        &[k('n')],
        "n",
        Action::NouvellePersonne,
        d::NOUVELLE,
        &[X::Liste],
        false,
    ),
    // moving
    l(
        &[code(KeyCode::Up), k('k'), code(KeyCode::Down), k('j')],
        "↑↓ j k",
        Action::Haut,
        d::HAUT_BAS,
        &[X::Defilement],
        false,
    ),
    l(
        &[code(KeyCode::PageUp), code(KeyCode::PageDown)],
        "PgPréc PgSuiv",
        Action::PageHaut,
        d::PAGE,
        &[X::Defilement],
        false,
    ),
    l(
        &[code(KeyCode::Home), code(KeyCode::End)],
        "Début Fin",
        Action::Debut,
        d::DEBUT_FIN,
        &[X::Defilement],
        false,
    ),
    // search
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Ouvrir,
        d::RESULTAT_OUVRIR,
        &[X::Recherche],
        true,
    ),
    l(
        &[code(KeyCode::Up), code(KeyCode::Down)],
        "↑↓",
        Action::Haut,
        d::HAUT_BAS,
        &[X::Recherche],
        true,
    ),
    // forms
    l(
        &CHIFFRES,
        "1…9",
        Action::ChoisirChiffre,
        d::CHOIX,
        &[X::Choix],
        true,
    ),
    l(
        &[code(KeyCode::Left), code(KeyCode::Right), k(' ')],
        "← → Espace",
        Action::ChoixSuivant,
        d::CHOIX_FLECHES,
        &[X::Choix],
        false,
    ),
    l(
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        "Tab Maj-Tab",
        Action::ChampSuivant,
        d::CHAMP_SUIVANT,
        &[X::Formulaire, X::Notes],
        true,
    ),
    l(
        &[code(KeyCode::Down), code(KeyCode::Up)],
        "↓↑",
        Action::ChampSuivant,
        d::CHAMP_SUIVANT,
        &[X::Formulaire],
        false,
    ),
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Enregistrer,
        d::ENREGISTRER,
        &[X::Formulaire],
        true,
    ),
    l(
        &[ctrl('s')],
        "Ctrl-S",
        Action::Enregistrer,
        d::ENREGISTRER_PARTOUT,
        &[X::Formulaire, X::Notes],
        true,
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::ANNULER,
        &[X::Formulaire, X::Notes],
        true,
    ),
    // global
    l(
        &[k('/')],
        "/",
        Action::Chercher,
        d::CHERCHER,
        &[X::Partout],
        true,
    ),
    l(
        &[k('P'), code(KeyCode::F(2))],
        "P/F2",
        Action::Prefecture,
        d::PREFECTURE,
        &[X::Partout],
        false,
    ),
    l(
        &[k('S'), code(KeyCode::F(3))],
        "S/F3",
        Action::Statistiques,
        d::STATS,
        &[X::Partout],
        false,
    ),
    l(
        &[k('?'), code(KeyCode::F(1))],
        "?",
        Action::Aide,
        d::AIDE,
        &[X::Partout],
        true,
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::RETOUR,
        &[X::Partout, X::Recherche],
        true,
    ),
    l(
        &[k('q')],
        "q",
        Action::Quitter,
        d::QUITTER,
        &[X::Partout],
        true,
    ),
    l(
        &[ctrl('c')],
        "Ctrl-C",
        Action::Quitter,
        d::QUITTER_CTRL_C,
        &[X::Toujours],
        false,
    ),
];

/// Resolves a key in the active contexts (most specific first): the action and the binding.
pub fn resoudre(cle: &KeyEvent, actifs: &[Contexte]) -> Option<Action> {
    let ctrl = cle.modifiers.contains(KeyModifiers::CONTROL);
    let code = match cle.code {
        // Some terminals send Ctrl-letters in upper case.
        KeyCode::Char(ch) if ctrl => KeyCode::Char(ch.to_ascii_lowercase()),
        autre => autre,
    };
    for cx in actifs {
        for li in TABLE.iter().filter(|li| li.contextes.contains(cx)) {
            if let Some(t) = li.touches.iter().find(|t| t.code == code && t.ctrl == ctrl) {
                return Some(action_precise(li.action, t.code));
            }
        }
    }
    None
}

/// Bindings that share one line in the help carry the "first" action; the key says which.
fn action_precise(a: Action, code: KeyCode) -> Action {
    match (a, code) {
        (Action::Haut, KeyCode::Down | KeyCode::Char('j')) => Action::Bas,
        (Action::PageHaut, KeyCode::PageDown) => Action::PageBas,
        (Action::Debut, KeyCode::End) => Action::Fin,
        (Action::ChoixSuivant, KeyCode::Left) => Action::ChoixPrecedent,
        (Action::ChampSuivant, KeyCode::BackTab | KeyCode::Up) => Action::ChampPrecedent,
        _ => a,
    }
}

/// The footer: bindings marked for it, in the active contexts, without repeating a label.
pub fn pied(actifs: &[Contexte]) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&'static str, &'static str)> = Vec::new();
    for cx in actifs {
        for li in TABLE
            .iter()
            .filter(|li| li.pied && li.contextes.contains(cx))
        {
            if !v.iter().any(|(e, _)| *e == li.etiquette) {
                v.push((li.etiquette, li.description));
            }
        }
    }
    v
}

/// The full help: one section per context, every binding.
pub fn aide() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Contexte::ORDRE_AIDE
        .iter()
        .map(|cx| {
            (
                cx.titre(),
                TABLE
                    .iter()
                    .filter(|li| li.contextes.contains(cx))
                    .map(|li| (li.etiquette, li.description))
                    .collect(),
            )
        })
        .filter(|(_, v): &(_, Vec<_>)| !v.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn footer_and_help_come_from_the_table() {
        let p = pied(&[
            X::Liste,
            X::ListeFiche,
            X::Defilement,
            X::Partout,
            X::Toujours,
        ]);
        assert!(p.contains(&("c", d::CCC)));
        assert!(p.contains(&("q", d::QUITTER)));
        assert!(!p.iter().any(|(_, desc)| *desc == d::ENREGISTRER));
        let a = aide();
        let total: usize = a.iter().map(|(_, v)| v.len()).sum();
        let attendu: usize = TABLE.iter().map(|li| li.contextes.len()).sum();
        assert_eq!(total, attendu, "every binding appears in the help");
    }
}
