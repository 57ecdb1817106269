//! The person's file.

use super::*;
use crate::mise_en_page as mp;

// ------------------------------------------------------------------ the file

pub(super) fn section(titre: &str) -> Span<'static> {
    Span::styled(format!("{titre} : "), gras())
}

/// The ladder: one symbol and a few words per step.
pub fn echelle(p: &Personne, evenements: &[Evenement]) -> Vec<(Etape, &'static str, String)> {
    Etape::TOUTES
        .iter()
        .map(|etape| {
            if *etape == Etape::Constat {
                let s = match p.captures {
                    Some(0) => "✗",
                    Some(_) => "✓",
                    None => "…",
                };
                return (*etape, s, t::captures(p.captures));
            }
            let evs: Vec<&Evenement> = evenements
                .iter()
                .filter(|e| Etape::de_type(e.type_evenement) == Some(*etape))
                .collect();
            match evs.last() {
                None => (*etape, "·", String::new()),
                Some(dernier) => {
                    let symbole = match dernier.resultat {
                        None => "✓",
                        Some(r) => symbole_resultat(r),
                    };
                    let mot = dernier
                        .resultat
                        .map(|r| r.libelle().to_string())
                        .unwrap_or_else(|| dernier.type_evenement.libelle().to_lowercase());
                    // "2× sans aide" only when every attempt had that outcome; else the
                    // last outcome and how many attempts.
                    let mot = if evs.len() <= 1 {
                        mot
                    } else if evs.iter().all(|e| e.resultat == dernier.resultat) {
                        format!("{} {mot}", t::fois(evs.len()))
                    } else {
                        t::dernier_de(&mot, evs.len())
                    };
                    (*etape, symbole, mot)
                }
            }
        })
        .collect()
}

/// ✓ done or obtained, ✗ tried and failed, … waiting.
pub(super) fn symbole_resultat(r: Resultat) -> &'static str {
    use Resultat as R;
    match r {
        R::EnAttente | R::RdvDemande | R::Demandee => "…",
        R::SansAide
        | R::RenvoiPrefecture
        | R::SansReponse
        | R::RdvIndisponible
        | R::PasDePan
        | R::AucuneSolution
        | R::Refus
        | R::DecisionDefavorable
        | R::Abandon
        | R::PerduDeVue => "✗",
        _ => "✓",
    }
}

/// The préfecture's name, with the département unless the name already says it.
pub(super) fn nom_prefecture(nom: &str, d: crate::domain::Departement) -> String {
    if nom.is_empty() {
        format!("{} {}", d.code(), d.nom())
    } else if nom.contains(d.nom()) {
        nom.to_string()
    } else {
        format!("{nom} ({} {})", d.code(), d.nom())
    }
}

/// The person's file, laid out for `largeur` columns (continuation lines indented).
pub(super) fn lignes_fiche(d: &DonneesFiche, couleurs: bool, largeur: u16) -> Vec<Line<'static>> {
    let largeur = largeur as usize;
    // Stored text: control characters shown as visible signs, not dropped unseen.
    let p = &crate::textes::personne_visible(&d.personne);
    let ev = &d.evaluation;
    let mut v: Vec<Line<'static>> = Vec::new();
    let titre = |s: &str| mots(&format!("{s} :"), gras());
    let ligne = |v: &mut Vec<Line<'static>>, section: &str, texte: &str, style: Style| {
        let mut j = titre(section);
        j.extend(mots(texte, style));
        v.extend(habiller(j, largeur, 0, 2));
    };
    ligne(&mut v, t::FICHE_IDENTITE, &t::identite(p), gras());
    if let Some(i) = t::identifiants(p) {
        ligne(&mut v, t::FICHE_IDENTIFIANTS, &i, Style::default());
    }
    ligne(
        &mut v,
        t::FICHE_DEMARCHE,
        &format!(
            "{} · {}",
            p.demarche.libelle(),
            t::ouvert_le(&tm::date_fr(p.ouvert_le))
        ),
        Style::default(),
    );
    ligne(
        &mut v,
        t::FICHE_BLOCAGE,
        p.blocage.libelle(),
        Style::default(),
    );
    ligne(
        &mut v,
        t::FICHE_PREFECTURE,
        &format!(
            "{} · {} · {}",
            nom_prefecture(&tm::nom_prefecture_connue(&d.prefecture), p.departement),
            t::pan_prefecture(d.prefecture.pan),
            t::pan_connu_personne(p.pan_connu)
        ),
        Style::default(),
    );
    ligne(
        &mut v,
        t::FICHE_URGENCE,
        &tm::texte_urgence(ev.urgence),
        style_urgence(ev.urgence, couleurs),
    );
    if ev.echeances.is_empty() {
        ligne(
            &mut v,
            t::FICHE_ECHEANCES,
            t::AUCUNE_ECHEANCE,
            Style::default(),
        );
    } else {
        v.push(Line::from(section(t::FICHE_ECHEANCES)));
        for e in &ev.echeances {
            let su = style_urgence(e.niveau, couleurs);
            let mut j = vec![(mp::completer(tm::symbole_urgence(e.niveau), 3), su)];
            j.extend(mots(&tm::texte_echeance_date(e), su));
            v.extend(habiller(j, largeur, 2, 6));
        }
    }
    v.extend(parcours(d, largeur));
    // The engine's reason says the action and why, in one sentence.
    let prochaine = t::sans_prefixe_prochaine(&tm::raison(&ev.prochaine));
    ligne(&mut v, t::FICHE_PROCHAINE, &prochaine, gras());
    if !ev.alertes.is_empty() {
        v.push(Line::from(section(t::FICHE_ALERTES)));
        for a in tm::alertes(ev) {
            v.extend(habiller(
                mots(&format!("! {a}"), Style::default()),
                largeur,
                2,
                4,
            ));
        }
    }
    if let Some(n) = p.notes.as_deref().filter(|n| !n.is_empty()) {
        v.push(Line::from(section(t::FICHE_NOTES)));
        for l in n.lines() {
            v.extend(habiller(mots(l, Style::default()), largeur, 2, 2));
        }
    }
    ligne(
        &mut v,
        t::FICHE_HISTORIQUE,
        &if d.evenements.is_empty() {
            t::AUCUN_EVENEMENT.to_string()
        } else {
            d.evenements.len().to_string()
        },
        Style::default(),
    );
    for e in d.evenements.iter().rev() {
        v.extend(lignes_evenement(e, largeur));
    }
    if let Some(tr) = &d.trace {
        v.extend(habiller(
            mots(
                &t::trace(&tr.cree_par, &tr.cree_le, &tr.modifie_par, &tr.modifie_le),
                Style::default().add_modifier(Modifier::DIM),
            ),
            largeur,
            0,
            2,
        ));
    }
    v
}

/// The ladder: one unit per step, lines broken before an arrow only.
fn parcours(d: &DonneesFiche, largeur: usize) -> Vec<Line<'static>> {
    let p = &d.personne;
    let ev = &d.evaluation;
    let mut j = mots(&format!("{} :", t::FICHE_PARCOURS), gras());
    for (i, (etape, s, mot)) in echelle(p, &d.evenements).into_iter().enumerate() {
        let mut texte = format!("{}{s} {}", if i > 0 { "→ " } else { "" }, etape.libelle());
        if !mot.is_empty() {
            texte.push_str(&format!(" ({mot})"));
        }
        let style = if etape == ev.etape {
            gras()
        } else {
            Style::default()
        };
        j.push((texte, style));
    }
    habiller(j, largeur, 0, 11)
}

/// One event of the history: date, what, outcome… then its notes under it.
fn lignes_evenement(e: &Evenement, largeur: usize) -> Vec<Line<'static>> {
    let e = &crate::textes::evenement_visible(e);
    let mut v: Vec<Line<'static>> = Vec::new();
    let mut morceaux = vec![e.type_evenement.libelle().to_string()];
    if let Some(c) = e.canal {
        morceaux.push(c.libelle().to_string());
    }
    if let Some(r) = e.resultat {
        morceaux.push(r.libelle().to_string());
    }
    if let Some(tk) = &e.ticket {
        morceaux.push(t::ticket(e.type_evenement, tk));
    }
    if let Some(m) = e.attente_minutes {
        morceaux.push(t::attente(m));
    }
    if let Some(ec) = e.echeance {
        morceaux.push(t::echeance_evenement(e.type_evenement, &tm::date_fr(ec)));
    }
    if !e.saisi_par.is_empty() {
        morceaux.push(t::saisi_par(&e.saisi_par));
    }
    let mut j = vec![(tm::date_fr(e.date), gras())];
    j.extend(mots(&morceaux.join(" · "), Style::default()));
    v.extend(habiller(j, largeur, 2, 13));
    if let Some(n) = &e.notes {
        for l in n.lines() {
            v.extend(habiller(mots(l, Style::default()), largeur, 13, 13));
        }
    }
    v
}
