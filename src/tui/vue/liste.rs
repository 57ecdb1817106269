//! The day's list (or every person): one table, rows wrapped to their columns.

use super::*;
use crate::jour::LigneJour;

// ------------------------------------------------------------------ the day's list

/// The columns of the list for a zone `largeur` wide: titles and widths.
pub(super) struct Colonnes {
    pub large: bool,
    pub titres: Vec<&'static str>,
    pub largeurs: Vec<u16>,
}

impl Colonnes {
    pub fn pour(largeur: u16) -> Colonnes {
        let large = largeur >= LARGE;
        // Column widths; `None` takes what is left. Every cell is word-wrapped to its width
        // (a row grows to at most `MAX_LIGNES` lines, then "…").
        let colonnes: Vec<(&'static str, Option<u16>)> = if large {
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
                // Between 80 and 120 columns the extra room goes to the next step, the
                // longest text.
                (t::COL_URGENCE, Some(10)),
                (t::COL_NOM, Some(17)),
                (t::COL_ETAPE_PROCHAINE, None),
                (t::COL_ECHEANCE, Some(25)),
            ]
        };
        let fixes: u16 = colonnes.iter().filter_map(|c| c.1).sum();
        let espaces = colonnes.len() as u16 - 1;
        let reste = largeur.saturating_sub(fixes + espaces).max(8);
        Colonnes {
            large,
            titres: colonnes.iter().map(|c| c.0).collect(),
            largeurs: colonnes.iter().map(|c| c.1.unwrap_or(reste)).collect(),
        }
    }
}

/// The cells of one row, each wrapped to its column (at most `MAX_LIGNES` lines).
fn cellules(lj: &LigneJour, c: &Colonnes, couleurs: bool) -> Vec<(Vec<String>, Style)> {
    let largeurs = &c.largeurs;
    let p = &lj.personne;
    let ev = &lj.evaluation;
    let su = style_urgence(ev.urgence, couleurs);
    let ech = ev
        .echeance_principale()
        .map(tm::texte_echeance)
        .unwrap_or_else(|| t::SANS_ECHEANCE.to_string());
    let prochaine = tm::action(&ev.prochaine);
    let etape_prochaine = format!("{} → {prochaine}", ev.etape.libelle());
    let cellules: Vec<(Vec<String>, Style)> = if c.large {
        vec![
            (envelopper(&tm::texte_urgence_ligne(lj), largeurs[0]), su),
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
            (envelopper(&tm::texte_urgence_ligne(lj), largeurs[0]), su),
            (nom, Style::default()),
            (envelopper(&etape_prochaine, largeurs[2]), Style::default()),
            (echeance, su),
        ]
    };
    cellules
        .into_iter()
        .zip(largeurs)
        .map(|((lignes, style), w)| (limiter(lignes, MAX_LIGNES, *w), style))
        .collect()
}

fn hauteur(cellules: &[(Vec<String>, Style)]) -> u16 {
    cellules
        .iter()
        .map(|(c, _)| c.len())
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_LIGNES) as u16
}

/// The rows on screen, `[debut, fin)`, for a body zone of `largeur` × `hauteur`: only whole
/// rows, the first one following the selection from the first row shown before
/// (`decalage`). Only the rows around the window are laid out.
pub(super) fn fenetre_liste(l: &EtatListe, largeur: u16, hauteur_zone: u16) -> (usize, usize) {
    if l.nombre() == 0 {
        return (0, 0);
    }
    let c = Colonnes::pour(largeur);
    let h = |i: usize| l.ligne(i).map_or(1, |r| hauteur(&cellules(r, &c, false)));
    let dispo = hauteur_zone.saturating_sub(1);
    let sel = l.selection.min(l.nombre() - 1);
    let depart = l.decalage.min(sel);
    // Back from the selection, as far as the screen (and the previous first row) allows.
    let mut debut = sel;
    let mut cumul = h(sel);
    while debut > depart {
        let hd = h(debut - 1);
        if cumul + hd > dispo {
            break;
        }
        cumul += hd;
        debut -= 1;
    }
    let mut fin = sel + 1;
    while fin < l.nombre() {
        let hf = h(fin);
        if cumul + hf > dispo {
            break;
        }
        cumul += hf;
        fin += 1;
    }
    (debut, fin)
}

/// Draws the list (`en_chargement`: a load is under way, nothing to count yet); returns the
/// rows shown, `[debut, fin)`.
pub(super) fn liste(
    f: &mut Frame,
    zone: Rect,
    l: &EtatListe,
    couleurs: bool,
    en_chargement: bool,
) -> (usize, usize) {
    if l.nombre() == 0 {
        let m = if en_chargement {
            t::CHARGEMENT_LISTE
        } else if l.tous {
            t::LISTE_VIDE_TOUS
        } else {
            t::LISTE_VIDE_JOUR
        };
        f.render_widget(
            Paragraph::new(paragraphe(m, zone.width, Style::default())),
            zone,
        );
        f.set_cursor_position(Position::new(zone.x, zone.y));
        return (0, 0);
    }
    let c = Colonnes::pour(zone.width);
    let entete_style = gras().add_modifier(Modifier::UNDERLINED);
    let entete = Row::new(
        c.titres
            .iter()
            .zip(&c.largeurs)
            .map(|(titre, w)| Cell::from(tronquer(titre, *w as usize)))
            .collect::<Vec<_>>(),
    );
    let (debut, fin) = fenetre_liste(l, zone.width, zone.height);
    let sel = l.selection.min(l.nombre() - 1);
    let mut dessus = 0u16;
    let lignes: Vec<Row> = (debut..fin)
        .filter_map(|i| Some((i, l.ligne(i)?)))
        .map(|(i, ligne)| {
            let cellules = cellules(ligne, &c, couleurs);
            let h = hauteur(&cellules);
            if i < sel {
                dessus += h;
            }
            Row::new(
                cellules
                    .into_iter()
                    .map(|(lignes, style)| {
                        Cell::from(lignes.into_iter().map(Line::raw).collect::<Vec<_>>())
                            .style(style)
                    })
                    .collect::<Vec<_>>(),
            )
            .height(h)
        })
        .collect();
    let table = Table::new(
        lignes,
        c.largeurs
            .iter()
            .map(|w| Constraint::Length(*w))
            .collect::<Vec<_>>(),
    )
    .header(entete.style(entete_style))
    .row_highlight_style(inverse())
    .column_spacing(1);
    let mut etat = TableState::default().with_selected(Some(sel - debut));
    f.render_stateful_widget(table, zone, &mut etat);
    let y = zone.y + 1 + dessus;
    f.set_cursor_position(Position::new(
        zone.x,
        y.min(zone.bottom().saturating_sub(1)),
    ));
    (debut, fin)
}

/// The name on one line of `largeur` columns: the family name first when it does not fit.
pub(super) fn nom_une_ligne(p: &Personne, colonnes: u16) -> String {
    let p = &crate::textes::personne_visible(p);
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
