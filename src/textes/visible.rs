//! Stored text made harmless on output (docs/fichiers.md §1): a name, a note, a ticket or a
//! préfecture correction is printed by the plain-text commands; one imported before the
//! control characters were refused could clear the screen, set the terminal title or write
//! the clipboard (OSC 52). Every control character is shown as a visible, inert sign instead.

use crate::domain::controle::{est_controle, pousser_signe};
use crate::domain::{Evenement, Personne};
use crate::lettres::Dossier;
use std::borrow::Cow;

/// The visible sign of a control character (the domain's one mapping: C0 as its Unicode
/// control picture, ESC as ␛, DEL as ␡, C1 as a `\u{9b}` escape).
fn signe(c: char, sortie: &mut String) {
    pousser_signe(c, sortie);
}

/// Whether `s` holds a control character (`est_controle`), read byte by byte: C0 and DEL
/// are single bytes, a C1 control is 0xC2 then 0x80–0x9F. (Printing the day's list checks
/// 30 000 lines.)
fn contient_controle(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        x < 0x20 || x == 0x7F || (x == 0xC2 && b.get(i + 1).is_some_and(|&y| y <= 0x9F))
    })
}

fn rendre(s: &str, garder_lf: bool) -> Cow<'_, str> {
    if !contient_controle(s) {
        return Cow::Borrowed(s);
    }
    let mut sortie = String::with_capacity(s.len() + 8);
    let mut caracteres = s.chars().peekable();
    while let Some(c) = caracteres.next() {
        match c {
            // A CRLF line break is a line break.
            '\r' if garder_lf && caracteres.peek() == Some(&'\n') => {}
            '\n' if garder_lf => sortie.push('\n'),
            c if est_controle(c) => signe(c, &mut sortie),
            c => sortie.push(c),
        }
    }
    Cow::Owned(sortie)
}

/// `s` with every control character made visible and inert, line breaks kept (LF; a CRLF
/// becomes LF): for notes, addresses and whole documents.
pub fn visible(s: &str) -> Cow<'_, str> {
    rendre(s, true)
}

/// `s` on one line: every control character, line breaks included, made visible.
pub fn visible_ligne(s: &str) -> Cow<'_, str> {
    rendre(s, false)
}

fn ligne_opt(v: &Option<String>) -> Option<String> {
    v.as_deref().map(|s| visible_ligne(s).into_owned())
}

/// A stored person as it may be printed: names, phone on one line, notes with their breaks,
/// every control character visible. Laid out afterwards, so widths are measured on the
/// visible signs.
pub fn personne_visible(p: &Personne) -> Personne {
    Personne {
        nom: visible_ligne(&p.nom).into_owned(),
        prenom: ligne_opt(&p.prenom),
        telephone: ligne_opt(&p.telephone),
        notes: p.notes.as_deref().map(|s| visible(s).into_owned()),
        identite: crate::domain::Identite {
            nationalite: ligne_opt(&p.identite.nationalite),
            adresse: p
                .identite
                .adresse
                .as_deref()
                .map(|s| visible(s).into_owned()),
            ..p.identite.clone()
        },
        ..p.clone()
    }
}

/// A stored event as it may be printed (ticket on one line, notes with their breaks).
pub fn evenement_visible(e: &Evenement) -> Evenement {
    Evenement {
        ticket: ligne_opt(&e.ticket),
        notes: e.notes.as_deref().map(|s| visible(s).into_owned()),
        ..e.clone()
    }
}

/// A person's file as it may be printed in a letter or a chronology.
pub fn dossier_visible(d: &Dossier) -> Dossier {
    Dossier {
        personne: personne_visible(&d.personne),
        evenements: d.evenements.iter().map(evenement_visible).collect(),
        adresse_prefecture: d
            .adresse_prefecture
            .iter()
            .map(|l| visible_ligne(l).into_owned())
            .collect(),
        ..d.clone()
    }
}

/// The visible sign of one character, for the error that refuses it.
pub fn signe_de(code: u32) -> String {
    let mut s = String::new();
    match char::from_u32(code) {
        Some(c) if est_controle(c) => signe(c, &mut s),
        Some(c) => s.push(c),
        None => s.push('\u{FFFD}'),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pictures_for_c0_del_and_escapes_for_c1() {
        assert_eq!(visible("a\u{1b}]0;titre\u{7}b"), "a␛]0;titre␇b");
        assert_eq!(
            visible("\u{1b}]52;c;SGVsbG8=\u{1b}\\"),
            "␛]52;c;SGVsbG8=␛\\"
        );
        assert_eq!(visible("\u{0}\u{7f}\u{9b}2J\u{85}"), "␀␡\\u{9b}2J\\u{85}");
        assert_eq!(visible("un\tdeux\rtrois"), "un␉deux␍trois");
        assert_eq!(visible("l1\nl2\r\nl3"), "l1\nl2\nl3");
        assert_eq!(visible_ligne("l1\nl2\r\n"), "l1␊l2␍␊");
        assert!(matches!(visible("Awa Diallo"), Cow::Borrowed(_)));
        assert_eq!(signe_de(0x1b), "␛");
    }

    fn texte_quelconque() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                any::<char>(),
                (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
                (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
            ],
            0..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// No control character but LF survives, and the line breaks are the same.
        #[test]
        fn nothing_but_lf_survives(s in texte_quelconque()) {
            let v = visible(&s);
            prop_assert!(v.chars().all(|c| c == '\n' || !est_controle(c)));
            prop_assert_eq!(v.matches('\n').count(), s.matches('\n').count());
            prop_assert!(!visible_ligne(&s).chars().any(est_controle));
        }

        /// The byte-wise check finds exactly the characters `est_controle` names (C1
        /// controls next to U+00A0–U+00BF, which share their first byte, included).
        #[test]
        fn the_byte_check_is_the_character_check(
            s in texte_quelconque(),
            latin in proptest::collection::vec(0x80u32..0x100, 0..6),
        ) {
            let s: String = s.chars().chain(latin.into_iter().filter_map(char::from_u32)).collect();
            prop_assert_eq!(contient_controle(&s), s.chars().any(est_controle));
        }

        /// Printable text (line breaks included) comes out unchanged.
        #[test]
        fn printable_text_unchanged(s in "(\\PC|\n){0,40}") {
            prop_assert_eq!(visible(&s), s.as_str());
        }
    }
}
