//! The frame around every screen: header, status area, footer, confirmation box.

use super::*;
use crate::mise_en_page::{self as mp, Habillage};

/// A message laid out for the status area: each of its lines wrapped; when too long, the
/// first lines then "…", and always its last line (the conclusion, e.g. "the shipped rules
/// stay in force").
pub(super) fn lignes_statut(m: &str, largeur: usize) -> Vec<Line<'static>> {
    let mut blocs: Vec<Vec<Line<'static>>> = m
        .lines()
        .map(|l| habiller(mots(l, gras()), largeur, 0, 2))
        .collect();
    let total: usize = blocs.iter().map(Vec::len).sum();
    if total <= MAX_STATUT {
        return blocs.concat();
    }
    let mut fin = if blocs.len() > 1 {
        blocs.pop().unwrap_or_default()
    } else {
        Vec::new()
    };
    fin.truncate(MAX_STATUT - 1);
    let mut v: Vec<Line<'static>> = blocs.concat();
    v.truncate(MAX_STATUT - fin.len());
    if let Some(der) = v.last_mut() {
        let texte: String = der.spans.iter().map(|s| s.content.as_ref()).collect();
        *der = Line::styled(tronquer(&format!("{texte} …"), largeur), gras());
    }
    v.extend(fin);
    v
}

/// At most this many lines for a message in the status area.
pub(super) const MAX_STATUT: usize = 4;

/// "Terminal too small": the size needed and the size now.
pub(super) fn trop_petit(f: &mut Frame, zone: Rect) {
    let mut lignes = paragraphe(t::TROP_PETIT, zone.width, gras());
    lignes.extend(paragraphe(
        &t::taille_actuelle(zone.width, zone.height),
        zone.width,
        Style::default(),
    ));
    let p = Paragraph::new(lignes);
    f.render_widget(p, zone);
    f.set_cursor_position(Position::new(zone.x, zone.y));
}

/// The header's lines: one when it fits, else the counts go on a second line.
pub(super) fn lignes_entete(app: &App, colonnes: u16) -> Vec<String> {
    // No count while a load is under way: the rows are not all there yet.
    let comptes = app.chargement.is_none().then_some((
        app.liste.du_jour,
        app.liste.rompus,
        app.liste.en_retard,
        app.liste.sommeil,
    ));
    let entete = t::entete(
        &titre_ecran(app),
        &tm::date_longue(app.aujourdhui),
        &app.benevole,
        comptes,
    );
    // One line when it fits, else as many as needed, broken between its parts.
    if largeur(&entete) <= colonnes as usize {
        return vec![entete];
    }
    let mut lignes: Vec<String> = Vec::new();
    for partie in entete.trim_start().split(" · ") {
        match lignes.last_mut() {
            Some(l) if largeur(l) + 3 + largeur(partie) <= colonnes as usize => {
                l.push_str(" · ");
                l.push_str(partie);
            }
            _ => lignes.push(format!(" {partie}")),
        }
    }
    lignes
}

/// The footer: the keys that work here, from the keymap.
pub(super) fn pied_de_page(f: &mut Frame, app: &App, pied: Rect) {
    // Generated from the keymap rows active here (panels' rows first): what is shown works.
    let cles: Vec<(String, &str)> = clavier::pied(&app.contextes_actifs());
    // Lay the keys out on the footer's lines; what does not fit is left to the help.
    let mut lignes_pied: Vec<Vec<Span>> = vec![Vec::new()];
    let mut x = 0usize;
    for (e, d) in &cles {
        let l = largeur(e) + 1 + largeur(d);
        let sep = if x == 0 { 0 } else { 3 };
        if x + sep + l > pied.width as usize {
            if lignes_pied.len() == pied.height as usize {
                break;
            }
            lignes_pied.push(Vec::new());
            x = 0;
        } else if sep > 0 {
            if let Some(derniere) = lignes_pied.last_mut() {
                derniere.push(Span::raw(" · "));
            }
            x += sep;
        }
        if let Some(derniere) = lignes_pied.last_mut() {
            derniere.push(Span::styled(e.clone(), inverse()));
            derniere.push(Span::raw(format!(" {d}")));
        }
        x += l;
    }
    f.render_widget(
        Paragraph::new(lignes_pied.into_iter().map(Line::from).collect::<Vec<_>>()),
        pied,
    );
}

/// The confirmation box over the screen (quit, abandon, overwrite).
pub(super) fn confirmation(f: &mut Frame, app: &App, c: Confirmation, zone: Rect) {
    let texte = match c {
        Confirmation::Quitter => t::CONFIRMER_QUITTER.to_string(),
        Confirmation::Abandonner => t::CONFIRMER_ABANDON.to_string(),
        Confirmation::Reprendre => app
            .brouillon_propose
            .as_ref()
            .map(|(_, question)| question.clone())
            .unwrap_or_default(),
        Confirmation::Doublon => match app.pile.last() {
            Some(Ecran::Personne(f)) => f
                .doublon
                .as_ref()
                .map(|(p, r)| t::confirmer_doublon(p, *r))
                .unwrap_or_default(),
            _ => String::new(),
        },
        Confirmation::Ecraser => {
            let chemin = match app.pile.last() {
                Some(Ecran::Apercu(a)) => a
                    .a_ecraser
                    .as_ref()
                    .map(|c| c.display().to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            t::confirmer_ecraser(&chemin)
        }
    };
    let l = 60.min(zone.width - 4);
    // As tall as the wrapped text (a long path takes several lines).
    let w = l.saturating_sub(2).max(1) as usize;
    // A word wider than the box (a long path) goes on over the next lines.
    let lignes: Vec<Line<'static>> = texte
        .lines()
        .flat_map(|p| mp::envelopper(p, &Habillage::simple(w)))
        .map(Line::raw)
        .collect();
    let n = lignes.len().min(u16::MAX as usize) as u16;
    let h = (n + 2).clamp(5, zone.height.saturating_sub(2));
    let boite = Rect::new(
        zone.x + (zone.width - l) / 2,
        zone.y + (zone.height / 2).saturating_sub(3),
        l,
        h,
    );
    f.render_widget(Clear, boite);
    f.render_widget(
        Paragraph::new(lignes)
            .block(Block::bordered())
            .style(gras()),
        boite,
    );
    f.set_cursor_position(Position::new(boite.x + 1, boite.y + 1));
}
