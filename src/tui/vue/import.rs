//! The import screen: the file field, then one line per column of the sheet (its letter,
//! header, target, a sample value, the invalid cells), the dry run's outcome, its first
//! refusals.

use crate::tableur::lettre;
use crate::textes::tableur as t;
use crate::tui::import::EcranImport;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn dessiner(e: &EcranImport, f: &mut Frame, zone: Rect) {
    if zone.height < 3 || zone.width < 20 {
        return;
    }
    let gras = Style::default().add_modifier(Modifier::BOLD);
    let largeur = zone.width as usize;
    let mut lignes: Vec<Line<'static>> = Vec::new();
    let Some(etat) = &e.etat else {
        let (ligne, x) = e.chemin.ligne(
            Span::styled(t::ECRAN_FICHIER, gras),
            Style::default().add_modifier(Modifier::UNDERLINED),
            0,
            largeur,
        );
        lignes.push(ligne);
        lignes.push(Line::raw(t::ECRAN_FICHIER_AIDE));
        if let Some(m) = &e.erreur {
            lignes.push(Line::styled(
                format!("⚠ {}", crate::textes::visible_ligne(m)),
                gras,
            ));
        }
        f.render_widget(Paragraph::new(lignes), zone);
        f.set_cursor_position((zone.x + (x as u16).min(zone.width - 1), zone.y));
        return;
    };
    let tab = &etat.tableur;
    lignes.push(Line::styled(
        t::ecran_titre(&tab.fichier, &tab.feuille.nom, tab.ligne_entete),
        gras,
    ));
    let invalides = e.invalides();
    for (i, c) in tab.colonnes.iter().enumerate() {
        let marque = if i == e.selection { "▶ " } else { "  " };
        let n = invalides.get(i).copied().unwrap_or(0);
        let texte = t::ecran_colonne(
            &lettre(c.position),
            &crate::textes::visible_ligne(&c.en_tete),
            &t::cible(&c.cible),
            &crate::textes::visible_ligne(&c.exemple),
            n,
        );
        let texte = crate::mise_en_page::tronquer(&format!("{marque}{texte}"), largeur);
        let style = if i == e.selection {
            gras
        } else {
            Style::default()
        };
        lignes.push(Line::styled(texte, style));
    }
    lignes.push(Line::raw(""));
    match &etat.essai {
        Ok(n) => lignes.push(Line::styled(t::ecran_essai_ok(*n, etat.evenements), gras)),
        Err(v) => {
            lignes.push(Line::styled(t::essai_refuse(v.len()), gras));
            for err in v.iter().take(5) {
                let brut = err.to_string();
                let s = crate::textes::visible_ligne(&brut);
                lignes.push(Line::raw(crate::mise_en_page::tronquer(&s, largeur)));
            }
        }
    }
    if let Some(m) = &e.message {
        lignes.push(Line::styled(m.clone(), gras));
    }
    f.render_widget(Paragraph::new(lignes), zone);
}
