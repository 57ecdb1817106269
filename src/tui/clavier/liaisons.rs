//! The small constructors the keymap table is written with.

use super::{Action, Contexte, Liaison, Touche};
use ratatui::crossterm::event::KeyCode;

pub(super) const fn k(ch: char) -> Touche {
    Touche {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}
pub(super) const fn ctrl(ch: char) -> Touche {
    Touche {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}
pub(super) const fn code(code: KeyCode) -> Touche {
    Touche { code, ctrl: false }
}

/// A panel's binding: its footer word is also its description in the help.
pub(super) const fn p(
    touches: &'static [Touche],
    etiquette: &'static str,
    action: Action,
    mot: &'static str,
    contextes: &'static [Contexte],
) -> Liaison {
    l(touches, etiquette, action, mot, contextes, Some(mot))
}

pub(super) const CHIFFRES: [Touche; 9] = [
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

pub(super) const fn l(
    touches: &'static [Touche],
    etiquette: &'static str,
    action: Action,
    description: &'static str,
    contextes: &'static [Contexte],
    pied: Option<&'static str>,
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
