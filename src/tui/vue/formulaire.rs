//! Forms: a person, an event.

use super::*;
use crate::mise_en_page::{self as mp, Habillage, completer};

// ------------------------------------------------------------------ forms

pub(super) const LARGEUR_LIBELLE: u16 = 24;

/// Lays out the options of a pick list on lines of at most `largeur` columns; returns the
/// lines and the (line, column) of the chosen (or first) option.
pub(super) fn options_choix(
    options: &[String],
    choisi: Option<usize>,
    largeur: u16,
) -> (Vec<Line<'static>>, (u16, u16)) {
    let mut lignes: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut x = 0u16;
    let mut pos = (0u16, 0u16);
    for (i, o) in options.iter().enumerate() {
        let marque = if choisi == Some(i) { "(•)" } else { "( )" };
        let texte = format!("{marque} {} {o}", i + 1);
        let l = mp::largeur(&texte) as u16;
        if x > 0 && x + 2 + l > largeur {
            lignes.push(Vec::new());
            x = 0;
        }
        let courante = lignes.len() - 1;
        if x > 0 {
            lignes[courante].push(Span::raw("  "));
            x += 2;
        }
        if choisi == Some(i) || (choisi.is_none() && i == 0) {
            pos = (courante as u16, x);
        }
        let style = if choisi == Some(i) {
            inverse().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        lignes[courante].push(Span::styled(texte, style));
        x += l;
    }
    (lignes.into_iter().map(Line::from).collect(), pos)
}

/// One field laid out: its lines (label column + value), plus its error lines.
struct Bloc {
    lignes: Vec<Line<'static>>,
    /// (line, column) of the cursor in the block.
    curseur: (u16, u16),
    /// The notes area follows the lines.
    notes: bool,
    /// Height of the notes area (borders included), grown with what is typed.
    hauteur_notes: u16,
}

/// The notes area: at least this high (borders included)…
const HAUTEUR_NOTES: u16 = 6;
/// …and at most this high; longer notes scroll inside it.
const HAUTEUR_NOTES_MAX: u16 = 14;

impl Bloc {
    fn hauteur(&self) -> u16 {
        self.lignes.len() as u16 + if self.notes { self.hauteur_notes } else { 0 }
    }
}

/// The notes area's height for its text wrapped at `largeur` columns (inside the borders):
/// every line and the empty line the cursor may open, plus the borders, within the bounds.
fn hauteur_notes(ta: &ratatui_textarea::TextArea<'static>, largeur: u16) -> u16 {
    let h = Habillage::simple(largeur.max(1) as usize);
    let rangees: usize = ta
        .lines()
        .iter()
        .map(|l| mp::envelopper(l, &h).len().max(1))
        .sum();
    (rangees as u16 + 1 + 2).clamp(HAUTEUR_NOTES, HAUTEUR_NOTES_MAX)
}

fn bloc(c: &Champ, focus: bool, largeur_valeur: u16) -> Bloc {
    let libelle = format!(
        "{}{}",
        if focus { "▶ " } else { "  " },
        completer(c.libelle, (LARGEUR_LIBELLE - 2) as usize)
    );
    let style_libelle = if focus { gras() } else { Style::default() };
    let mut lignes = Vec::new();
    let mut curseur = (0, LARGEUR_LIBELLE);
    let mut notes = false;
    let mut hauteur = 0;
    match &c.valeur {
        Valeur::Texte(l) => {
            // A value longer than the line scrolls sideways with the cursor ("…" tells
            // that something is hidden on either side).
            let style = if l.selection && focus {
                inverse().add_modifier(Modifier::UNDERLINED)
            } else {
                Style::default().add_modifier(Modifier::UNDERLINED)
            };
            let (mut ligne, x) = l.ligne(
                Span::styled(libelle, style_libelle),
                style,
                20,
                (LARGEUR_LIBELLE + largeur_valeur) as usize,
            );
            if let Some(a) = &c.aide {
                ligne.spans.push(Span::raw(format!(" {a}")));
            }
            lignes.push(ligne);
            curseur = (0, x as u16);
        }
        Valeur::Choix { options, choisi } => {
            let (ls, (ly, lx)) = options_choix(options, *choisi, largeur_valeur);
            for (j, l) in ls.into_iter().enumerate() {
                let mut spans = vec![if j == 0 {
                    Span::styled(libelle.clone(), style_libelle)
                } else {
                    Span::raw(" ".repeat(LARGEUR_LIBELLE as usize))
                }];
                spans.extend(l.spans);
                lignes.push(Line::from(spans));
            }
            curseur = (ly, LARGEUR_LIBELLE + lx);
        }
        Valeur::Notes(ta) => {
            // The area is the zone's width less 2 (indent), less 2 (borders).
            hauteur = hauteur_notes(ta, (LARGEUR_LIBELLE + largeur_valeur + 1).saturating_sub(4));
            let mut spans = vec![
                Span::raw(if focus { "▶ " } else { "  " }),
                Span::styled(c.libelle.to_string(), style_libelle),
            ];
            if let Some(a) = &c.aide {
                spans.push(Span::raw(format!(" ({a})")));
            }
            lignes.push(Line::from(spans));
            notes = true;
        }
    }
    if let Some(e) = champ_erreur(c) {
        let premier = " ".repeat(LARGEUR_LIBELLE as usize);
        let suite = " ".repeat(LARGEUR_LIBELLE as usize + 2);
        let h = Habillage::simple((LARGEUR_LIBELLE + largeur_valeur) as usize)
            .prefixes(&premier, &suite);
        for morceau in mp::envelopper(&format!("⚠ {e}"), &h) {
            lignes.push(Line::styled(morceau, gras()));
        }
    }
    Bloc {
        lignes,
        curseur,
        notes,
        hauteur_notes: hauteur,
    }
}

/// The notes area in `r`; with `focus`, the terminal cursor at its cursor (display column).
fn notes(f: &mut Frame, r: Rect, ta: &ratatui_textarea::TextArea<'static>, focus: bool) {
    f.render_widget(ta, r);
    if focus {
        // The cursor on screen: its wrapped row and display column, less the scroll.
        let ecran = ta.screen_cursor();
        let (sy, sx) = ta.scroll_offset();
        let cx = r.x + 1 + (ecran.col as u16).saturating_sub(sx);
        let cy = r.y + 1 + (ecran.row as u16).saturating_sub(sy);
        f.set_cursor_position(Position::new(
            cx.min(r.right().saturating_sub(2)),
            cy.min(r.bottom().saturating_sub(2)),
        ));
    }
}

pub(super) fn formulaire(f: &mut Frame, zone: Rect, sous_titre: &str, form: &Formulaire) {
    let largeur_valeur = zone.width.saturating_sub(LARGEUR_LIBELLE + 1);
    let mut entete: Vec<Line<'static>> = Vec::new();
    if !sous_titre.is_empty() {
        entete.push(Line::styled(sous_titre.to_string(), gras()));
    }
    if let Some(m) = &form.message {
        entete.push(Line::styled(format!("⚠ {m}"), gras()));
    }
    let blocs: Vec<Bloc> = form
        .champs
        .iter()
        .enumerate()
        .map(|(i, c)| bloc(c, i == form.focus, largeur_valeur))
        .collect();
    // Scroll so that the focused field is entirely visible.
    let h_entete = entete.len() as u16;
    let dispo = zone.height.saturating_sub(h_entete);
    let debut_focus: u16 = blocs.iter().take(form.focus).map(Bloc::hauteur).sum();
    let fin_focus = debut_focus + blocs.get(form.focus).map_or(0, Bloc::hauteur);
    let decalage = fin_focus.saturating_sub(dispo).min(debut_focus);
    f.render_widget(
        Paragraph::new(entete),
        Rect {
            height: h_entete.min(zone.height),
            ..zone
        },
    );
    let mut y_rel: i32 = -(decalage as i32);
    let bas = zone.bottom();
    let y0 = zone.y + h_entete;
    for (i, b) in blocs.iter().enumerate() {
        for (j, l) in b.lignes.iter().enumerate() {
            let y = y_rel + j as i32;
            if y >= 0 && (y0 as i32 + y) < bas as i32 {
                let r = Rect::new(zone.x, y0 + y as u16, zone.width, 1);
                f.render_widget(Paragraph::new(l.clone()), r);
            }
        }
        let y_notes = y_rel + b.lignes.len() as i32;
        if b.notes
            && y_notes >= 0
            && y0 + (y_notes as u16) < bas
            && let Some(Champ {
                valeur: Valeur::Notes(ta),
                ..
            }) = form.champs.get(i)
        {
            let haut = y0 + y_notes as u16;
            let r = Rect::new(
                zone.x + 2,
                haut,
                zone.width.saturating_sub(2),
                b.hauteur_notes.min(bas - haut),
            );
            notes(f, r, ta, i == form.focus);
        }
        if i == form.focus && !b.notes {
            let y = y_rel + b.curseur.0 as i32;
            if y >= 0 {
                f.set_cursor_position(Position::new(
                    (zone.x + b.curseur.1).min(zone.right().saturating_sub(1)),
                    (y0 + y as u16).min(bas.saturating_sub(1)),
                ));
            }
        }
        y_rel += b.hauteur() as i32;
    }
}

pub(super) fn champ_erreur(c: &Champ) -> Option<&str> {
    c.erreur.as_deref()
}
