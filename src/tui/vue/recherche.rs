//! The search screen.

use super::*;

// ------------------------------------------------------------------ search

pub(super) fn recherche(f: &mut Frame, zone: Rect, r: &EtatRecherche) {
    let [saisie, aide, res] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(zone);
    let q = r.saisie.texte.trim();
    let message = if q.is_empty() {
        t::RECHERCHE_INVITE
    } else if r.resultats.is_empty() {
        t::RECHERCHE_AUCUN
    } else {
        ""
    };
    f.render_widget(Paragraph::new(message), aide);
    let hauteur = res.height as usize;
    let debut = r.selection.saturating_sub(hauteur.saturating_sub(1));
    let lignes: Vec<Line> = r
        .resultats
        .iter()
        .enumerate()
        .skip(debut)
        .take(hauteur)
        .map(|(i, p)| {
            let p = crate::textes::personne_visible(p);
            let mut s = format!(
                "{}  {}  {} {}",
                p.nom_complet(),
                p.reference,
                p.departement.code(),
                p.departement.nom()
            );
            if let Some(tel) = p.telephone.as_deref().filter(|t| !t.is_empty()) {
                s.push_str(&format!("  {tel}"));
            }
            let s = tronquer(&s, res.width.saturating_sub(2) as usize);
            if i == r.selection {
                Line::styled(format!("▶ {s}"), inverse())
            } else {
                Line::raw(format!("  {s}"))
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lignes), res);
    // The field last: the terminal cursor goes where the next character will be typed.
    r.saisie.dessiner(
        f,
        saisie,
        Span::styled(t::INVITE_RECHERCHE, gras()),
        Style::default().add_modifier(Modifier::UNDERLINED),
        true,
    );
}
