//! The one single-line editor: every one-line field of the interface (the search, the
//! person and event form fields, the letter and chronology file name, the préfecture and
//! statistics panels' fields) is an `Editeur`, so the same keys do the same thing
//! everywhere:
//!
//! ← → move · Début/Ctrl-A, Fin/Ctrl-E go to either end · Retour/Suppr erase a character ·
//! Ctrl-U empties the field · Ctrl-W erases the word before the cursor · typed and pasted
//! text is inserted at the cursor (pasted line breaks and tabs become spaces, other control
//! characters are refused).
//!
//! It is drawn through `mise_en_page::fenetre` (a window around the cursor, measured in
//! display columns) and places the real terminal cursor.

use crate::mise_en_page::{self as mp, fenetre};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A one-line text and its cursor (a character index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editeur {
    pub texte: String,
    pub curseur: usize,
    /// The whole value is selected (just reached with Tab): typing replaces it, as in
    /// common forms; any other key keeps it.
    pub selection: bool,
}

/// What a key did to an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// Not an editing key: the caller may give it another meaning.
    Ignoree,
    /// The cursor moved (or the key changed nothing, e.g. Backspace at the start).
    Curseur,
    /// The text changed.
    Texte,
}

impl Editeur {
    /// An editor holding `texte`, the cursor at its end.
    pub fn avec(texte: &str) -> Self {
        Editeur {
            texte: texte.to_string(),
            curseur: texte.chars().count(),
            selection: false,
        }
    }

    fn longueur(&self) -> usize {
        self.texte.chars().count()
    }

    fn octet(&self, i: usize) -> usize {
        self.texte
            .char_indices()
            .nth(i)
            .map_or(self.texte.len(), |(o, _)| o)
    }

    fn vider(&mut self) -> bool {
        let change = !self.texte.is_empty();
        self.texte.clear();
        self.curseur = 0;
        change
    }

    /// Inserts pasted text at the cursor (replacing a selected value, as typing does); line
    /// breaks and tabs become spaces, other control characters are dropped: a one-line field
    /// never receives an Enter. Returns whether the text changed.
    pub fn inserer(&mut self, s: &str) -> bool {
        let s = une_ligne(s);
        if s.is_empty() {
            return false;
        }
        if std::mem::take(&mut self.selection) {
            self.vider();
        }
        let o = self.octet(self.curseur);
        self.texte.insert_str(o, &s);
        self.curseur += s.chars().count();
        true
    }

    /// Erases the word before the cursor (and the spaces after it), as shells do.
    fn effacer_mot(&mut self) -> bool {
        let cs: Vec<char> = self.texte.chars().collect();
        let mut debut = self.curseur.min(cs.len());
        while debut > 0 && cs[debut - 1] == ' ' {
            debut -= 1;
        }
        while debut > 0 && cs[debut - 1] != ' ' {
            debut -= 1;
        }
        if debut == self.curseur {
            return false;
        }
        let (a, b) = (self.octet(debut), self.octet(self.curseur));
        self.texte.replace_range(a..b, "");
        self.curseur = debut;
        true
    }

    /// Applies a key: what it did.
    pub fn editer(&mut self, k: &KeyEvent) -> Edition {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        // Ctrl+Alt is AltGr on some systems: a character to type.
        let imprimable = matches!(k.code, KeyCode::Char(c) if ctrl == alt && !c.is_control());
        if std::mem::take(&mut self.selection) && imprimable {
            self.vider();
        }
        let n = self.longueur();
        let texte = |change: bool| {
            if change {
                Edition::Texte
            } else {
                Edition::Curseur
            }
        };
        match k.code {
            KeyCode::Char(c) if imprimable => {
                let o = self.octet(self.curseur);
                self.texte.insert(o, c);
                self.curseur += 1;
                Edition::Texte
            }
            KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
                'u' => texte(self.vider()),
                'w' => texte(self.effacer_mot()),
                'a' => {
                    self.curseur = 0;
                    Edition::Curseur
                }
                'e' => {
                    self.curseur = n;
                    Edition::Curseur
                }
                _ => Edition::Ignoree,
            },
            KeyCode::Backspace => {
                if self.curseur == 0 {
                    return Edition::Curseur;
                }
                let o = self.octet(self.curseur - 1);
                self.texte.remove(o);
                self.curseur -= 1;
                Edition::Texte
            }
            KeyCode::Delete => {
                if self.curseur >= n {
                    return Edition::Curseur;
                }
                let o = self.octet(self.curseur);
                self.texte.remove(o);
                Edition::Texte
            }
            KeyCode::Left => {
                self.curseur = self.curseur.saturating_sub(1);
                Edition::Curseur
            }
            KeyCode::Right => {
                self.curseur = (self.curseur + 1).min(n);
                Edition::Curseur
            }
            KeyCode::Home => {
                self.curseur = 0;
                Edition::Curseur
            }
            KeyCode::End => {
                self.curseur = n;
                Edition::Curseur
            }
            _ => Edition::Ignoree,
        }
    }

    /// Applies an editing key; returns whether the text changed.
    pub fn touche(&mut self, k: &KeyEvent) -> bool {
        self.editer(k) == Edition::Texte
    }

    /// The visible part for `colonnes` columns and the cursor's display column within it.
    pub fn visible(&self, colonnes: usize) -> (String, usize) {
        fenetre(&self.texte, self.curseur, colonnes)
    }

    /// The field's line: `invite` (in `style_invite`) then the visible value (in `style`,
    /// padded to `min` columns), for `colonnes` columns in all; and the cursor's column.
    pub fn ligne(
        &self,
        invite: Span<'static>,
        style: Style,
        min: usize,
        colonnes: usize,
    ) -> (Line<'static>, usize) {
        let lx = mp::largeur(&invite.content);
        let (visible, colonne) = self.visible(colonnes.saturating_sub(lx));
        let valeur = Span::styled(mp::completer(&visible, min), style);
        (Line::from(vec![invite, valeur]), lx + colonne)
    }

    /// Draws the field on the first row of `zone`; with `focus`, the terminal cursor goes
    /// where the next character will be typed.
    pub fn dessiner(
        &self,
        f: &mut Frame,
        zone: Rect,
        invite: Span<'static>,
        style: Style,
        focus: bool,
    ) {
        if zone.width == 0 || zone.height == 0 {
            return;
        }
        let (ligne, x) = self.ligne(invite, style, 0, zone.width as usize);
        f.render_widget(Paragraph::new(ligne), Rect { height: 1, ..zone });
        if focus {
            let x = (x as u16).min(zone.width.saturating_sub(1));
            f.set_cursor_position(Position::new(zone.x + x, zone.y));
        }
    }
}

/// Pasted text made fit for a one-line field: line breaks and tabs become single spaces,
/// other control characters are dropped, and the ends are trimmed.
pub fn une_ligne(s: &str) -> String {
    s.split(['\r', '\n', '\t'])
        .map(|l| l.chars().filter(|c| !c.is_control()).collect::<String>())
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }
    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }
    fn taper(e: &mut Editeur, s: &str) {
        for c in s.chars() {
            e.touche(&k(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_moving_and_erasing() {
        let mut e = Editeur::default();
        taper(&mut e, "héllo");
        assert_eq!((e.texte.as_str(), e.curseur), ("héllo", 5));
        e.touche(&k(KeyCode::Left));
        e.touche(&k(KeyCode::Left));
        taper(&mut e, "X");
        assert_eq!(e.texte, "hélXlo");
        assert!(e.touche(&k(KeyCode::Backspace)));
        assert!(e.touche(&k(KeyCode::Delete)));
        assert_eq!((e.texte.as_str(), e.curseur), ("hélo", 3));
        assert!(!e.touche(&k(KeyCode::Home)));
        assert_eq!(e.curseur, 0);
        assert_eq!(e.editer(&k(KeyCode::Backspace)), Edition::Curseur);
        e.touche(&k(KeyCode::End));
        assert_eq!(e.curseur, 4);
        assert_eq!(e.editer(&k(KeyCode::Delete)), Edition::Curseur);
        e.touche(&k(KeyCode::Right));
        assert_eq!(e.curseur, 4);
    }

    #[test]
    fn control_keys_as_in_a_shell() {
        let mut e = Editeur::avec("Jean  Pierre Martin");
        e.touche(&ctrl('a'));
        assert_eq!(e.curseur, 0);
        e.touche(&ctrl('e'));
        assert_eq!(e.curseur, 19);
        assert!(e.touche(&ctrl('w')));
        assert_eq!(e.texte, "Jean  Pierre ");
        assert!(e.touche(&ctrl('w')));
        assert_eq!(e.texte, "Jean  ");
        assert!(e.touche(&ctrl('w')));
        assert_eq!((e.texte.as_str(), e.curseur), ("", 0));
        assert!(!e.touche(&ctrl('w')));
        let mut e = Editeur::avec("abc");
        assert!(e.touche(&ctrl('u')));
        assert_eq!((e.texte.as_str(), e.curseur), ("", 0));
        assert!(!e.touche(&ctrl('u')));
        // Upper-case Ctrl letters (some terminals) work the same.
        let mut e = Editeur::avec("abc");
        e.touche(&ctrl('A'));
        assert_eq!(e.curseur, 0);
        // Another Ctrl key is not the editor's.
        assert_eq!(e.editer(&ctrl('s')), Edition::Ignoree);
        assert_eq!(e.editer(&k(KeyCode::Enter)), Edition::Ignoree);
        assert_eq!(e.texte, "abc");
    }

    #[test]
    fn a_selected_value_is_replaced_by_typing_but_kept_by_moving() {
        let mut e = Editeur::avec("75");
        e.selection = true;
        e.touche(&k(KeyCode::Left));
        assert_eq!(e.texte, "75");
        assert!(!e.selection);
        e.selection = true;
        taper(&mut e, "9");
        assert_eq!(e.texte, "9");
        e.selection = true;
        assert!(e.inserer("33"));
        assert_eq!(e.texte, "33");
    }

    #[test]
    fn paste_refuses_control_characters() {
        let mut e = Editeur::avec("a");
        assert!(e.inserer("b\r\nc\td\u{7}e\u{1b}"));
        assert_eq!(e.texte, "ab c de");
        assert_eq!(e.curseur, 7);
        assert!(!e.inserer("\n\u{7}"));
        // Typed control characters are not text either.
        assert_eq!(e.editer(&k(KeyCode::Char('\u{7}'))), Edition::Ignoree);
        assert_eq!(e.texte, "ab c de");
    }

    #[test]
    fn the_window_and_the_cursor_are_in_display_columns() {
        let e = Editeur::avec("李小龍");
        assert_eq!(e.visible(20), ("李小龍".to_string(), 6));
        let (ligne, x) = e.ligne(Span::raw("Nom : "), Style::default(), 0, 40);
        assert_eq!(x, 6 + 6);
        assert_eq!(ligne.width(), 12);
        let mut e = Editeur::avec(&"🙂".repeat(30));
        e.curseur = 15;
        let (v, c) = e.visible(10);
        assert!(mp::largeur(&v) <= 10 && c < 10, "{v} {c}");
    }
}
