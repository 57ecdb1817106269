//! Text layout by display width: the one place that measures, truncates and wraps text for
//! the screen and for the printed documents.
//!
//! Widths are terminal columns (`unicode-width`): a CJK character or an emoji takes two, a
//! combining mark none. Lines break at ordinary spaces only: a no-break space (U+00A0,
//! U+202F) keeps "n° 452798" together. French high punctuation ("« : ; ! ? »") and the
//! units "j" and "min" never start a line; an opening "«" never ends one.
//!
//! This module uses nothing of the crate.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a text, in columns.
pub fn largeur(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of one character (a control character takes none).
pub fn largeur_car(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The longest beginning of `s` that fits in `colonnes` columns, and the rest.
fn tete(s: &str, colonnes: usize) -> (&str, &str) {
    let mut w = 0;
    for (o, c) in s.char_indices() {
        w += largeur_car(c);
        if w > colonnes {
            return s.split_at(o);
        }
    }
    (s, "")
}

/// The longest beginning of `s` that fits in `colonnes` columns.
pub fn debut(s: &str, colonnes: usize) -> &str {
    tete(s, colonnes).0
}

/// `s` cut to at most `colonnes` columns, ending with "…" when something was left out
/// (spaces before the "…" are dropped).
pub fn tronquer(s: &str, colonnes: usize) -> String {
    if largeur(s) <= colonnes {
        return s.to_string();
    }
    if colonnes == 0 {
        return String::new();
    }
    let (garde, _) = tete(s, colonnes - 1);
    format!("{}…", garde.trim_end())
}

/// Pads `s` with spaces on the right to `colonnes` columns (never cuts).
pub fn completer(s: &str, colonnes: usize) -> String {
    let mut r = s.to_string();
    r.push_str(&" ".repeat(colonnes.saturating_sub(largeur(s))));
    r
}

/// What becomes of a word wider than a whole line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TropLong {
    /// Start it on a new line, cut it where that line ends and go on over the next lines:
    /// nothing is hidden.
    Couper,
    /// Cut it where the current line ends (right after the words before it) and go on over
    /// the next lines: a web address no line can hold does not leave a short line behind.
    Continuer,
    /// Cut once, ending with "…".
    Tronquer,
}

/// How a text is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Habillage<'a> {
    /// Columns of a whole line, prefix included.
    pub largeur: usize,
    /// Starts the first line (an indent, a list mark).
    pub premier: &'a str,
    /// Starts every following line.
    pub suite: &'a str,
    pub trop_long: TropLong,
}

impl<'a> Habillage<'a> {
    /// Lines of `largeur` columns, no prefix, long words cut.
    pub fn simple(largeur: usize) -> Habillage<'static> {
        Habillage {
            largeur,
            premier: "",
            suite: "",
            trop_long: TropLong::Couper,
        }
    }

    pub fn prefixes(self, premier: &'a str, suite: &'a str) -> Habillage<'a> {
        Habillage {
            premier,
            suite,
            ..self
        }
    }

    pub fn tronque(self) -> Habillage<'a> {
        Habillage {
            trop_long: TropLong::Tronquer,
            ..self
        }
    }
}

/// Never starts a line: glued to the word before.
fn colle_avant(mot: &str) -> bool {
    matches!(mot, ":" | ";" | "!" | "?" | "»" | "!?" | "?!" | "j" | "min")
}

/// Never ends a line: glued to the word after.
fn colle_apres(mot: &str) -> bool {
    mot == "«"
}

/// The words of `texte` for wrapping: split at ordinary spaces (several count as one);
/// high punctuation and units stay with the word before them ("6 j", "dans 6 j", "date :"),
/// an opening "«" with the word after it. A word may thus hold ordinary spaces.
pub fn mots(texte: &str) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    let mut ouvert = false;
    for mot in texte.split(' ').filter(|m| !m.is_empty()) {
        match v.last_mut() {
            Some(der) if ouvert || colle_avant(mot) => {
                der.push(' ');
                der.push_str(mot);
                // "dans 6 j", "depuis 12 j", "de 3 j" stay on one line.
                if mot == "j"
                    && v.len() >= 2
                    && matches!(v[v.len() - 2].as_str(), "de" | "dans" | "depuis")
                    && let Some(duree) = v.pop()
                    && let Some(avant) = v.last_mut()
                {
                    avant.push(' ');
                    avant.push_str(&duree);
                }
            }
            _ => v.push(mot.to_string()),
        }
        ouvert = colle_apres(mot);
    }
    v
}

/// One piece of a laid-out line: all or part of word number `jeton`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morceau {
    pub jeton: usize,
    pub texte: String,
    /// A space comes before it (it is not the first piece of its line).
    pub espace: bool,
}

/// Lays words out on lines (each joined by one space to the one before on its line), the
/// prefixes of `h` counted. A line holds at least one piece, so this always progresses:
/// only a prefix wider than the line, or a wide character on a line narrower than two
/// columns, can make a line overflow. Returns at least one (maybe empty) line.
pub fn disposer<S: AsRef<str>>(jetons: &[S], h: &Habillage) -> Vec<Vec<Morceau>> {
    let mut lignes: Vec<Vec<Morceau>> = vec![Vec::new()];
    let retrait = largeur(h.suite);
    let mut x = largeur(h.premier);
    for (i, jeton) in jetons.iter().enumerate() {
        let jeton = jeton.as_ref();
        let n = largeur(jeton);
        // With `Continuer`, a word no line can hold starts here if a character fits.
        let reste_ici = h.trop_long == TropLong::Continuer
            && retrait + n > h.largeur
            && x + 1 + jeton.chars().next().map_or(0, largeur_car) <= h.largeur;
        if lignes.last().is_some_and(|l| !l.is_empty()) && x + 1 + n > h.largeur && !reste_ici {
            lignes.push(Vec::new());
            x = retrait;
        }
        let mut espace = lignes.last().is_some_and(|l| !l.is_empty());
        if espace {
            x += 1;
        }
        let poser = |lignes: &mut Vec<Vec<Morceau>>, texte: String, espace: bool| {
            if let Some(l) = lignes.last_mut() {
                l.push(Morceau {
                    jeton: i,
                    texte,
                    espace,
                });
            }
        };
        if x + n <= h.largeur {
            poser(&mut lignes, jeton.to_string(), espace);
            x += n;
            continue;
        }
        match h.trop_long {
            TropLong::Tronquer => {
                let t = tronquer(jeton, h.largeur.saturating_sub(x).max(1));
                x += largeur(&t);
                poser(&mut lignes, t, espace);
            }
            TropLong::Couper | TropLong::Continuer => {
                let mut reste = jeton;
                loop {
                    let (mut debut, mut fin) = tete(reste, h.largeur.saturating_sub(x));
                    if fin.is_empty() {
                        x += largeur(debut);
                        poser(&mut lignes, debut.to_string(), espace);
                        break;
                    }
                    if debut.is_empty() {
                        // Not even one character fits: take one anyway.
                        let c = reste.chars().next().map_or(0, char::len_utf8);
                        (debut, fin) = reste.split_at(c);
                    }
                    poser(&mut lignes, debut.to_string(), espace);
                    lignes.push(Vec::new());
                    x = retrait;
                    espace = false;
                    reste = fin;
                    if reste.is_empty() {
                        break;
                    }
                }
            }
        }
    }
    lignes
}

/// Lays words out as text lines, each starting with its prefix.
pub fn envelopper_mots<S: AsRef<str>>(jetons: &[S], h: &Habillage) -> Vec<String> {
    disposer(jetons, h)
        .into_iter()
        .enumerate()
        .map(|(i, morceaux)| {
            let mut l = String::from(if i == 0 { h.premier } else { h.suite });
            for m in morceaux {
                if m.espace {
                    l.push(' ');
                }
                l.push_str(&m.texte);
            }
            l
        })
        .collect()
}

/// Word-wraps a text (see `mots` and `disposer`).
pub fn envelopper(texte: &str, h: &Habillage) -> Vec<String> {
    envelopper_mots(&mots(texte), h)
}

/// The part of a one-line value shown in `colonnes` columns around the cursor (a character
/// index): the text itself when it fits, else a window with "…" where text is hidden.
/// Returns the visible text and the cursor's display column in it.
pub fn fenetre(texte: &str, curseur: usize, colonnes: usize) -> (String, usize) {
    let cs: Vec<char> = texte.chars().collect();
    let curseur = curseur.min(cs.len());
    let w: Vec<usize> = cs.iter().map(|c| largeur_car(*c)).collect();
    let total: usize = w.iter().sum();
    if total < colonnes {
        return (texte.to_string(), w[..curseur].iter().sum());
    }
    let colonnes = colonnes.max(4);
    // First character shown: the cursor stays left of the last column (kept for "…").
    let mut debut = 0;
    let mut avant: usize = w[..curseur].iter().sum();
    while debut < curseur && usize::from(debut > 0) + avant > colonnes - 2 {
        avant -= w[debut];
        debut += 1;
    }
    let mut visible = String::new();
    let mut x = 0;
    if debut > 0 {
        visible.push('…');
        x = 1;
    }
    let colonne = x + avant;
    for i in debut..cs.len() {
        let reste: usize = w[i..].iter().sum();
        if x + reste <= colonnes {
            visible.extend(&cs[i..]);
            break;
        }
        if x + w[i] > colonnes - 1 {
            visible.push('…');
            break;
        }
        visible.push(cs[i]);
        x += w[i];
    }
    (visible, colonne)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn widths_count_columns() {
        assert_eq!(largeur("abc"), 3);
        assert_eq!(largeur("é"), 1);
        assert_eq!(largeur("e\u{301}"), 1);
        assert_eq!(largeur("李"), 2);
        assert_eq!(largeur("🙂"), 2);
    }

    #[test]
    fn truncation_ends_with_an_ellipsis() {
        assert_eq!(tronquer("Dupont", 10), "Dupont");
        assert_eq!(tronquer("Dupont Jean", 8), "Dupont…");
        assert_eq!(tronquer("李小龍李小龍", 5), "李小…");
        assert_eq!(tronquer("李小龍李小龍", 6), "李小…");
        assert!(largeur(&tronquer("🙂🙂🙂🙂", 4)) <= 4);
        assert_eq!(tronquer("abc", 0), "");
    }

    #[test]
    fn punctuation_and_units_never_start_a_line() {
        let lignes = envelopper("relancer dans 6 j", &Habillage::simple(14));
        assert_eq!(lignes, ["relancer", "dans 6 j"]);
        let lignes = envelopper("une date : demain", &Habillage::simple(8));
        assert_eq!(lignes, ["une", "date :", "demain"]);
        let lignes = envelopper("attente 45 min", &Habillage::simple(12));
        assert_eq!(lignes, ["attente", "45 min"]);
        let lignes = envelopper("il dit « oui »", &Habillage::simple(8));
        assert_eq!(lignes, ["il dit", "« oui »"]);
    }

    #[test]
    fn no_break_spaces_keep_words_together() {
        let lignes = envelopper("aaaa bbbb n°\u{a0}452798 cccc", &Habillage::simple(14));
        assert_eq!(lignes, ["aaaa bbbb", "n°\u{a0}452798 cccc"]);
        let lignes = envelopper("a b\u{202f}:", &Habillage::simple(3));
        assert_eq!(lignes, ["a", "b\u{202f}:"]);
    }

    #[test]
    fn prefixes_start_the_lines() {
        let h = Habillage::simple(10).prefixes("- ", "  ");
        let lignes = envelopper("un deux trois quatre", &h);
        assert_eq!(lignes, ["- un deux", "  trois", "  quatre"]);
        assert_eq!(envelopper("", &h), ["- "]);
    }

    #[test]
    fn long_words_are_cut_or_truncated() {
        let h = Habillage::simple(10);
        assert_eq!(
            envelopper("x ABCDEFGHIJKLMNOPQRSTUVWXYZ y", &h),
            ["x", "ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ y"]
        );
        assert_eq!(
            envelopper("x ABCDEFGHIJKLMNOPQRSTUVWXYZ y", &h.tronque()),
            ["x", "ABCDEFGHI…", "y"]
        );
        let h = Habillage {
            trop_long: TropLong::Continuer,
            ..h
        };
        assert_eq!(
            envelopper("x ABCDEFGHIJKLMNOPQRSTUVWXYZ y", &h),
            ["x ABCDEFGH", "IJKLMNOPQR", "STUVWXYZ y"]
        );
        // A wide character that does not fit after the words before goes to the next line.
        for l in envelopper("aaaaaa 龍李小", &Habillage { largeur: 4, ..h }) {
            assert!(largeur(&l) <= 4, "{l}");
        }
        // A word that a fresh line can hold still goes to the next line.
        assert_eq!(envelopper("abcdef ghijkl", &h), ["abcdef", "ghijkl"]);
    }

    #[test]
    fn window_follows_the_cursor_by_columns() {
        assert_eq!(fenetre("abc", 1, 10), ("abc".to_string(), 1));
        assert_eq!(fenetre("李小龍", 2, 10), ("李小龍".to_string(), 4));
        let (v, c) = fenetre("abcdefghijklmnop", 16, 8);
        assert!(v.starts_with('…'));
        assert!(largeur(&v) <= 8);
        assert!(c < 8);
        let (v, c) = fenetre("李小龍李小龍李小龍", 9, 8);
        assert!(largeur(&v) <= 8, "{v}");
        assert!(c < 8);
    }

    fn texte() -> impl Strategy<Value = String> {
        let mot = prop_oneof![
            "[a-zéèà]{1,12}",
            "[李小龍王]{1,6}",
            "[🙂🎉]{1,4}",
            Just(":".to_string()),
            Just("j".to_string()),
            Just("«".to_string()),
            "[a-z]{1,5}\u{a0}[0-9]{1,6}",
            "[a-z]{20,40}",
        ];
        prop::collection::vec(mot, 0..20).prop_map(|v| v.join(" "))
    }

    fn sans_espaces(s: &str) -> String {
        s.chars().filter(|c| *c != ' ').collect()
    }

    proptest! {
        #[test]
        fn no_line_exceeds_the_width(t in texte(), w in 2usize..50, mode in 0usize..3) {
            let mut h = Habillage::simple(w);
            h.trop_long = [TropLong::Couper, TropLong::Tronquer, TropLong::Continuer][mode];
            for l in envelopper(&t, &h) {
                prop_assert!(largeur(&l) <= w, "{l:?} > {w}");
            }
        }

        #[test]
        fn no_word_is_lost_when_nothing_is_truncated(
            t in texte(),
            w in 2usize..50,
            continuer in any::<bool>(),
        ) {
            let mut h = Habillage::simple(w + 2).prefixes("", "  ");
            if continuer {
                h.trop_long = TropLong::Continuer;
            }
            let lignes = envelopper(&t, &h);
            prop_assert_eq!(sans_espaces(&lignes.concat()), sans_espaces(&t));
            for l in &lignes {
                prop_assert!(largeur(l) <= w + 2);
            }
        }

        #[test]
        fn truncation_fits(t in texte(), w in 0usize..30) {
            let r = tronquer(&t, w);
            prop_assert!(largeur(&r) <= w);
            if largeur(&t) <= w {
                prop_assert_eq!(r, t);
            }
        }

        #[test]
        fn window_fits_and_shows_the_cursor(t in texte(), c in 0usize..200, w in 4usize..40) {
            let (v, col) = fenetre(&t, c, w);
            prop_assert!(largeur(&v) <= w);
            prop_assert!(col < w);
        }
    }
}
