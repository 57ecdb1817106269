//! The day's list (or every person): one table, rows wrapped to their columns.

use super::*;

// ------------------------------------------------------------------ the day's list

pub(super) fn liste(f: &mut Frame, zone: Rect, l: &mut EtatListe, couleurs: bool) {
    if l.lignes.is_empty() {
        let m = if l.tous {
            t::LISTE_VIDE_TOUS
        } else {
            t::LISTE_VIDE_JOUR
        };
        f.render_widget(Paragraph::new(m).wrap(Wrap { trim: true }), zone);
        f.set_cursor_position(Position::new(zone.x, zone.y));
        return;
    }
    let large = zone.width >= LARGE;
    let entete_style = gras().add_modifier(Modifier::UNDERLINED);
    // Column widths; `None` takes what is left. Every cell is word-wrapped to its width
    // (a row grows to at most `MAX_LIGNES` lines, then "…").
    let colonnes: Vec<(&str, Option<u16>)> = if large {
        vec![
            (t::COL_URGENCE, Some(19)),
            (t::COL_NOM, Some(20)),
            (t::COL_REF, Some(10)),
            (t::COL_DEP, Some(4)),
            (t::COL_ETAPE_PROCHAINE, None),
            (t::COL_ECHEANCE, Some(26)),
            (t::COL_VISITE, Some(6)),
        ]
    } else {
        vec![
            // Between 80 and 120 columns the extra room goes to the next step, the longest text.
            (t::COL_URGENCE, Some(10)),
            (t::COL_NOM, Some(17)),
            (t::COL_ETAPE_PROCHAINE, None),
            (t::COL_ECHEANCE, Some(25)),
        ]
    };
    let fixes: u16 = colonnes.iter().filter_map(|c| c.1).sum();
    let espaces = colonnes.len() as u16 - 1;
    let reste = zone.width.saturating_sub(fixes + espaces).max(8);
    let largeurs: Vec<u16> = colonnes.iter().map(|c| c.1.unwrap_or(reste)).collect();
    let entete = Row::new(
        colonnes
            .iter()
            .zip(&largeurs)
            .map(|((titre, _), w)| Cell::from(tronquer(titre, *w as usize)))
            .collect::<Vec<_>>(),
    );
    let mut hauteurs: Vec<u16> = Vec::with_capacity(l.lignes.len());
    let lignes: Vec<Row> = l
        .lignes
        .iter()
        .map(|lj| {
            let p = &lj.personne;
            let ev = &lj.evaluation;
            let su = style_urgence(ev.urgence, couleurs);
            let ech = ev
                .echeance_principale()
                .map(tm::texte_echeance)
                .unwrap_or_else(|| t::SANS_ECHEANCE.to_string());
            let prochaine = if ev.prochaine.action.is_empty() {
                t::PROCHAINE_INCONNUE.to_string()
            } else {
                ev.prochaine.action.clone()
            };
            let etape_prochaine = format!("{} → {prochaine}", ev.etape.libelle());
            let cellules: Vec<(Vec<String>, Style)> = if large {
                vec![
                    (envelopper(&tm::texte_urgence(ev.urgence), largeurs[0]), su),
                    (vec![nom_une_ligne(p, largeurs[1])], Style::default()),
                    (envelopper(&p.reference, largeurs[2]), Style::default()),
                    (vec![p.departement.code().to_string()], Style::default()),
                    (envelopper(&etape_prochaine, largeurs[4]), Style::default()),
                    (envelopper(&ech, largeurs[5]), su),
                    (
                        vec![if lj.visite_du_jour {
                            t::VISITE_COURT.to_string()
                        } else {
                            String::new()
                        }],
                        Style::default(),
                    ),
                ]
            } else {
                let mut nom = vec![nom_une_ligne(p, largeurs[1])];
                nom.push(tronquer(
                    &format!("{} · {}", p.reference, p.departement.code()),
                    largeurs[1] as usize,
                ));
                let mut echeance = envelopper(&ech, largeurs[3]);
                if lj.visite_du_jour {
                    echeance.push(t::VISITE_DU_JOUR.to_string());
                }
                vec![
                    (envelopper(&tm::texte_urgence(ev.urgence), largeurs[0]), su),
                    (nom, Style::default()),
                    (envelopper(&etape_prochaine, largeurs[2]), Style::default()),
                    (echeance, su),
                ]
            };
            let h = cellules
                .iter()
                .map(|(c, _)| c.len())
                .max()
                .unwrap_or(1)
                .clamp(1, MAX_LIGNES) as u16;
            hauteurs.push(h);
            Row::new(
                cellules
                    .into_iter()
                    .zip(&largeurs)
                    .map(|((lignes, style), w)| {
                        Cell::from(
                            limiter(lignes, MAX_LIGNES, *w)
                                .into_iter()
                                .map(Line::raw)
                                .collect::<Vec<_>>(),
                        )
                        .style(style)
                    })
                    .collect::<Vec<_>>(),
            )
            .height(h)
        })
        .collect();
    // Only whole rows are drawn: the first row shown follows the selection.
    let dispo = zone.height.saturating_sub(1);
    let sel = l.selection.min(l.lignes.len().saturating_sub(1));
    let mut debut = l.decalage.min(sel);
    while debut < sel && hauteurs[debut..=sel].iter().sum::<u16>() > dispo {
        debut += 1;
    }
    let mut fin = debut;
    let mut cumul = 0u16;
    while fin < hauteurs.len() && (fin == debut || cumul + hauteurs[fin] <= dispo) {
        cumul += hauteurs[fin];
        fin += 1;
    }
    l.decalage = debut;
    l.visibles = (debut, fin);
    let table = Table::new(
        lignes.into_iter().skip(debut).take(fin - debut),
        largeurs
            .iter()
            .map(|w| Constraint::Length(*w))
            .collect::<Vec<_>>(),
    )
    .header(entete.style(entete_style))
    .row_highlight_style(inverse())
    .column_spacing(1);
    let mut etat = TableState::default().with_selected(Some(sel - debut));
    f.render_stateful_widget(table, zone, &mut etat);
    let dessus: u16 = hauteurs[debut..sel].iter().sum();
    let y = zone.y + 1 + dessus;
    f.set_cursor_position(Position::new(
        zone.x,
        y.min(zone.bottom().saturating_sub(1)),
    ));
}

/// The name on one line of `largeur` columns: the family name first when it does not fit.
pub(super) fn nom_une_ligne(p: &Personne, colonnes: u16) -> String {
    let complet = p.nom_complet();
    if largeur(&complet) <= colonnes as usize {
        complet
    } else {
        let inverse = format!("{} {}", p.nom, p.prenom.as_deref().unwrap_or(""));
        tronquer(inverse.trim(), colonnes as usize)
    }
}

/// At most this many lines per row of the list (the file shows everything).
pub(super) const MAX_LIGNES: usize = 3;

/// Keeps at most `max` lines of a cell `largeur` wide; the last kept line ends with "…"
/// when lines were dropped.
pub(super) fn limiter(mut lignes: Vec<String>, max: usize, largeur: u16) -> Vec<String> {
    if lignes.len() > max {
        lignes.truncate(max);
        if let Some(der) = lignes.last_mut() {
            let garde = (largeur as usize).saturating_sub(1);
            *der = format!("{}…", crate::mise_en_page::debut(der, garde));
        }
    }
    lignes
}
