//! The `?` help.

use super::*;
use crate::mise_en_page::completer;

// ------------------------------------------------------------------ help

pub(super) fn lignes_aide(
    panneau: &[crate::tui::Raccourci],
    largeur: u16,
    chemin: Option<&std::path::Path>,
) -> Vec<Line<'static>> {
    let mut v = habiller(
        mots(t::AIDE_INTRO, Style::default()),
        largeur as usize,
        0,
        0,
    );
    if let Some(c) = chemin {
        v.extend(habiller(
            mots(
                &crate::textes::bureau::chemin_dans_aide(c),
                Style::default(),
            ),
            largeur as usize,
            0,
            2,
        ));
    }
    v.push(Line::raw(""));
    if !panneau.is_empty() {
        v.push(Line::styled(t::AIDE_PANNEAU, gras()));
        for r in panneau {
            v.push(Line::raw(format!(
                "  {} {}",
                completer(r.touche, 16),
                r.action
            )));
        }
    }
    // Descriptions wrap under their own column (readable at 80 columns).
    let entree = |v: &mut Vec<Line<'static>>, e: &str, d: &str| {
        let mut j = vec![(completer(e, 16), Style::default())];
        j.extend(mots(d, Style::default()));
        v.extend(habiller(j, largeur as usize, 2, 19));
    };
    for (titre, liaisons) in clavier::aide() {
        v.push(Line::styled(titre, gras()));
        for (e, d) in liaisons {
            entree(&mut v, e, d);
        }
    }
    v.push(Line::styled(t::AIDE_CHAMPS, gras()));
    for (e, d) in t::AIDE_EDITION {
        entree(&mut v, e, d);
    }
    // The panels' own keys, whatever screen the help is opened from (their lists as they
    // open: no panel is built for it).
    let prefecture = crate::tui::prefecture::raccourcis_accueil();
    let stats = crate::tui::stats::raccourcis_accueil();
    for (titre, raccourcis) in [
        (t::AIDE_PANNEAU_PREFECTURE, prefecture),
        (t::AIDE_PANNEAU_STATS, stats),
    ] {
        v.push(Line::styled(titre, gras()));
        for r in raccourcis {
            entree(&mut v, r.touche, r.action);
        }
    }
    parcours(&mut v, largeur as usize);
    v
}

/// The second part of the help: the process itself, the ladder's signs, the urgency marks,
/// where the rules come from.
fn parcours(v: &mut Vec<Line<'static>>, largeur: usize) {
    let entree = |v: &mut Vec<Line<'static>>, e: &str, d: &str| {
        let mut j = vec![(completer(e, 18), Style::default())];
        j.extend(mots(d, Style::default()));
        v.extend(habiller(j, largeur, 2, 21));
    };
    v.push(Line::raw(""));
    v.push(Line::styled(t::AIDE_PARCOURS, gras()));
    for (e, d) in t::AIDE_ETAPES {
        entree(v, e, d);
    }
    v.push(Line::styled(t::AIDE_SYMBOLES_TITRE, gras()));
    for (e, d) in t::AIDE_SYMBOLES {
        entree(v, e, d);
    }
    v.push(Line::styled(t::AIDE_URGENCE_TITRE, gras()));
    for n in crate::domain::moteur::NiveauUrgence::TOUS {
        entree(v, &tm::texte_urgence(n), t::aide_urgence(n));
    }
    v.extend(habiller(
        mots(t::AIDE_REGLES, Style::default()),
        largeur,
        0,
        0,
    ));
}
