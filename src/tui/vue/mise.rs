//! Styled lines for the screen, laid out by `crate::mise_en_page` (display width).

use super::*;
use crate::mise_en_page::{self as mp, Habillage, TropLong};

/// Words of `s` (see `mise_en_page::mots`), each with `style` (for `habiller`).
pub(super) fn mots(s: &str, style: Style) -> Vec<(String, Style)> {
    mp::mots(s).into_iter().map(|m| (m, style)).collect()
}

/// Lays styled words (separated by one space) on lines of at most `largeur` columns: the
/// first line indented by `debut`, the next ones by `retrait`. Never cuts a word, except one
/// longer than a line (a web address, a long number), which goes on over the next lines:
/// nothing typed is hidden.
pub(super) fn habiller(
    jetons: Vec<(String, Style)>,
    largeur: usize,
    debut: usize,
    retrait: usize,
) -> Vec<Line<'static>> {
    let premier = " ".repeat(debut);
    let suite = " ".repeat(retrait);
    let h = Habillage {
        largeur,
        premier: &premier,
        suite: &suite,
        trop_long: TropLong::Couper,
    };
    let textes: Vec<&str> = jetons.iter().map(|(j, _)| j.as_str()).collect();
    mp::disposer(&textes, &h)
        .into_iter()
        .enumerate()
        .map(|(i, morceaux)| {
            let mut spans = vec![Span::raw(if i == 0 {
                premier.clone()
            } else {
                suite.clone()
            })];
            for m in morceaux {
                let style = jetons.get(m.jeton).map_or_else(Style::default, |j| j.1);
                if m.espace {
                    spans.push(Span::styled(" ", style));
                }
                spans.push(Span::styled(m.texte, style));
            }
            Line::from(spans)
        })
        .collect()
}

/// Word-wraps `s` for a cell `largeur` columns wide (a word longer than the cell ends with
/// "…").
pub(super) fn envelopper(s: &str, largeur: u16) -> Vec<String> {
    mp::envelopper(s, &Habillage::simple(largeur.max(1) as usize).tronque())
}

/// A text wrapped to `largeur` columns, each of its lines on their own (no indent).
pub(super) fn paragraphe(texte: &str, largeur: u16, style: Style) -> Vec<Line<'static>> {
    texte
        .lines()
        .flat_map(|l| habiller(mots(l, style), largeur as usize, 0, 0))
        .collect()
}
