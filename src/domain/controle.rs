//! Control characters in free text (docs/fichiers.md §1): no text cell, in or out, may hold
//! one (U+0000–U+001F, U+007F–U+009F), except TAB in notes and LF or CRLF in notes and
//! addresses. One check, applied by every entry path (CSV import, forms, préfecture
//! corrections, the rules override file).

use super::ErreurValeur;
use std::borrow::Cow;

/// What a free-text value may hold besides printable characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenreTexte {
    /// One line: no control character at all (names, phone, ticket, corrections…).
    Ligne,
    /// A postal address: line breaks (LF or CRLF) allowed.
    Adresse,
    /// Notes: line breaks (LF or CRLF) and TAB allowed.
    Notes,
}

/// A C0 control, DEL or a C1 control.
pub fn est_controle(c: char) -> bool {
    matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F)
}

/// The visible, inert sign of a control character, pushed to `sortie`: C0 as its Unicode
/// control picture (U+2400 + code, ESC as ␛), DEL as ␡, C1 as a `\u{9b}` escape. Any other
/// character is pushed as is.
pub fn pousser_signe(c: char, sortie: &mut String) {
    let code = c as u32;
    match code {
        0x00..=0x1F => sortie.push(char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}')),
        0x7F => sortie.push('\u{2421}'),
        0x80..=0x9F => sortie.push_str(&format!("\\u{{{code:x}}}")),
        _ => sortie.push(c),
    }
}

/// Stored text as it may leave in a file (an export written from data stored before the
/// check): every control character its kind does not allow replaced by its visible sign, so
/// the file holds none and can be imported again.
pub fn assainir(s: &str, genre: GenreTexte) -> Cow<'_, str> {
    if verifier_texte(s, genre).is_ok() {
        return Cow::Borrowed(s);
    }
    let lignes = genre != GenreTexte::Ligne;
    let mut sortie = String::with_capacity(s.len() + 8);
    let mut caracteres = s.chars().peekable();
    while let Some(c) = caracteres.next() {
        let admis = match c {
            '\n' => lignes,
            '\r' => lignes && caracteres.peek() == Some(&'\n'),
            '\t' => genre == GenreTexte::Notes,
            c => !est_controle(c),
        };
        if admis {
            sortie.push(c);
        } else {
            pousser_signe(c, &mut sortie);
        }
    }
    Cow::Owned(sortie)
}

/// Checks `s` for a control character its kind does not allow. The error gives the
/// character's code and its position (counted in characters from 1).
pub fn verifier_texte(s: &str, genre: GenreTexte) -> Result<(), ErreurValeur> {
    let lignes = genre != GenreTexte::Ligne;
    let mut caracteres = s.chars().peekable();
    let mut position = 0;
    while let Some(c) = caracteres.next() {
        position += 1;
        if !est_controle(c) {
            continue;
        }
        let admis = match c {
            '\n' => lignes,
            '\r' => lignes && caracteres.peek() == Some(&'\n'),
            '\t' => genre == GenreTexte::Notes,
            _ => false,
        };
        if !admis {
            return Err(ErreurValeur::CaractereControle {
                code: c as u32,
                position,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn refus(code: u32, position: usize) -> Result<(), ErreurValeur> {
        Err(ErreurValeur::CaractereControle { code, position })
    }

    #[test]
    fn what_each_kind_allows() {
        assert_eq!(verifier_texte("Awa Diallo", GenreTexte::Ligne), Ok(()));
        assert_eq!(
            verifier_texte("A\u{1b}]0;x\u{7}", GenreTexte::Ligne),
            refus(0x1b, 2)
        );
        assert_eq!(verifier_texte("a\nb", GenreTexte::Ligne), refus(0x0a, 2));
        assert_eq!(verifier_texte("a\tb", GenreTexte::Ligne), refus(0x09, 2));
        assert_eq!(verifier_texte("é\u{9b}", GenreTexte::Ligne), refus(0x9b, 2));
        assert_eq!(verifier_texte("\u{7f}", GenreTexte::Ligne), refus(0x7f, 1));
        assert_eq!(
            verifier_texte("1 rue\r\n75001", GenreTexte::Adresse),
            Ok(())
        );
        assert_eq!(verifier_texte("1 rue\n75001", GenreTexte::Adresse), Ok(()));
        assert_eq!(verifier_texte("a\tb", GenreTexte::Adresse), refus(0x09, 2));
        assert_eq!(verifier_texte("a\rb", GenreTexte::Adresse), refus(0x0d, 2));
        assert_eq!(verifier_texte("a\r", GenreTexte::Notes), refus(0x0d, 2));
        assert_eq!(verifier_texte("a\tb\r\nc\n", GenreTexte::Notes), Ok(()));
        assert_eq!(verifier_texte("a\u{0}", GenreTexte::Notes), refus(0, 2));
        // Just past the ranges: allowed.
        assert_eq!(verifier_texte("\u{a0}~\u{2400}", GenreTexte::Ligne), Ok(()));
    }

    #[test]
    fn cleaning_for_a_file_keeps_what_the_kind_allows() {
        assert_eq!(
            assainir("a\u{1b}b\tc\r\nd\re", GenreTexte::Notes),
            "a␛b\tc\r\nd␍e"
        );
        assert_eq!(assainir("a\nb\u{9b}", GenreTexte::Ligne), "a␊b\\u{9b}");
        assert_eq!(assainir("1 rue\n\t", GenreTexte::Adresse), "1 rue\n␉");
        assert!(matches!(
            assainir("ok", GenreTexte::Ligne),
            Cow::Borrowed(_)
        ));
    }

    proptest! {
        /// What is cleaned for a file always passes the input check.
        #[test]
        fn cleaned_text_is_accepted(s in proptest::collection::vec(any::<char>(), 0..30)) {
            let s: String = s.into_iter().collect();
            for g in [GenreTexte::Ligne, GenreTexte::Adresse, GenreTexte::Notes] {
                prop_assert_eq!(verifier_texte(&assainir(&s, g), g), Ok(()));
            }
        }

        #[test]
        fn printable_text_is_always_accepted(s in "\\PC*") {
            for g in [GenreTexte::Ligne, GenreTexte::Adresse, GenreTexte::Notes] {
                prop_assert_eq!(verifier_texte(&s, g), Ok(()));
            }
        }

        #[test]
        fn any_control_but_tab_and_breaks_is_refused(
            avant in "\\PC{0,5}",
            code in prop_oneof![0u32..0x09, 0x0bu32..0x0d, 0x0eu32..0x20, 0x7fu32..0xa0],
        ) {
            let c = char::from_u32(code).unwrap();
            let s = format!("{avant}{c}z");
            let position = avant.chars().count() + 1;
            prop_assert_eq!(verifier_texte(&s, GenreTexte::Notes), refus(code, position));
        }
    }
}
