//! The preview of a document (letter, chronology) and its file-name field.

use super::*;
use crate::mise_en_page::{self as mp, Habillage};

// ------------------------------------------------------------------ document preview

/// The lines under the document while saving (the file-name field, the folder, the error)
/// and the cursor's place in them.
fn bas_apercu(a: &EtatApercu, zone: Rect) -> (Vec<Line<'static>>, Option<(u16, u16)>) {
    let mut bas: Vec<Line<'static>> = Vec::new();
    let mut curseur = None;
    if let Some(l) = &a.nom_fichier {
        bas.push(Line::raw("─".repeat(zone.width as usize)));
        let (ligne, x) = l.ligne(
            Span::styled(t::ENREGISTRER_SOUS, gras()),
            Style::default().add_modifier(Modifier::UNDERLINED),
            0,
            zone.width as usize,
        );
        bas.push(ligne);
        let x = x as u16;
        curseur = Some((x.min(zone.width.saturating_sub(1)), bas.len() as u16 - 1));
        let dossier = t::dans_le_dossier(&a.repertoire.display().to_string());
        let h = Habillage::simple(zone.width as usize).prefixes("", "  ");
        for morceau in mp::envelopper(&dossier, &h) {
            bas.push(Line::raw(morceau));
        }
        bas.push(Line::raw(crate::textes::lettres::ASTUCE_PDF));
        if let Some(e) = &a.erreur_nom {
            bas.push(Line::styled(format!("⚠ {e}"), gras()));
        }
    }
    (bas, curseur)
}

/// The coherence warnings above the document (`lettres::avertissements`), not saved with it.
fn haut_apercu(a: &EtatApercu, zone: Rect) -> Vec<Line<'static>> {
    let m = crate::tui::effets::modele_du_document(a.document);
    let h = Habillage::simple(zone.width as usize).prefixes("⚠ ", "  ");
    let mut haut: Vec<Line<'static>> = crate::lettres::avertissements(&a.dossier, m)
        .iter()
        .flat_map(|x| mp::envelopper(&crate::textes::lettres::avertissement(x), &h))
        .map(|l| Line::styled(l, gras()))
        .collect();
    if !haut.is_empty() {
        haut.push(Line::raw("─".repeat(zone.width as usize)));
    }
    haut
}

fn parties(zone: Rect, haut: &[Line], bas: &[Line]) -> [Rect; 3] {
    let h_bas = (bas.len() as u16).min(zone.height.saturating_sub(1));
    // The warnings take at most half the screen: the document stays readable.
    let h_haut = (haut.len() as u16).min(zone.height.saturating_sub(h_bas) / 2);
    Layout::vertical([
        Constraint::Length(h_haut),
        Constraint::Fill(1),
        Constraint::Length(h_bas),
    ])
    .areas(zone)
}

/// Rows left for the document itself in `zone`.
pub(super) fn hauteur_texte_apercu(a: &EtatApercu, zone: Rect) -> u16 {
    parties(zone, &haut_apercu(a, zone), &bas_apercu(a, zone).0)[1].height
}

/// The document as it will be written, scrolled; while saving, the file-name field below it.
/// The cursor sits on the top visible line of the document, or in the field.
pub(super) fn apercu(f: &mut Frame, zone: Rect, statut: Rect, message_vide: bool, a: &EtatApercu) {
    let (bas, curseur) = bas_apercu(a, zone);
    let haut = haut_apercu(a, zone);
    let [avertissements, texte, champ] = parties(zone, &haut, &bas);
    f.render_widget(Paragraph::new(haut), avertissements);
    let lignes: Vec<Line> = a.texte.lines().map(Line::raw).collect();
    // Scroll no further than the last screenful.
    let max = lignes.len().saturating_sub(texte.height as usize) as u16;
    let defilement = a.defilement.min(max);
    let reste = max - defilement;
    f.render_widget(Paragraph::new(lignes).scroll((defilement, 0)), texte);
    // While a name is typed, ↓ and j are text: no "↓ suite" hint then.
    if reste > 0 && message_vide && a.nom_fichier.is_none() {
        f.render_widget(Paragraph::new(t::suite(reste as usize)), statut);
    }
    f.render_widget(Paragraph::new(bas), champ);
    match curseur {
        Some((x, y)) => f.set_cursor_position(Position::new(champ.x + x, champ.y + y)),
        None => f.set_cursor_position(Position::new(texte.x, texte.y)),
    }
}
