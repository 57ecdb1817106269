//! Rendering: a pure function of the application state. Every screen places the real
//! terminal cursor on the selected row or field (screen readers and braille displays follow it).

use super::app::{
    App, Confirmation, DonneesFiche, Ecran, EtatApercu, EtatConflit, EtatListe, EtatRecherche,
};
use super::clavier;
use super::formulaire::{Champ, Formulaire, Valeur};
use crate::domain::moteur::{Etape, NiveauUrgence};
use crate::domain::{Evenement, Personne, Resultat, oui_non};
use crate::textes::moteur as tm;
use crate::textes::tui as t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

pub const LARGEUR_MIN: u16 = 80;
pub const HAUTEUR_MIN: u16 = 24;
/// From this width the list shows one line per person.
const LARGE: u16 = 120;

fn gras() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
fn inverse() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// Style of an urgency level: colour when allowed, and always bold for lapsed/threatened rights.
pub fn style_urgence(n: NiveauUrgence, couleurs: bool) -> Style {
    let base = match n {
        NiveauUrgence::DroitsRompus | NiveauUrgence::DroitsMenaces => gras(),
        _ => Style::default(),
    };
    if !couleurs {
        return base;
    }
    base.fg(match n {
        NiveauUrgence::DroitsRompus => Color::Red,
        NiveauUrgence::DroitsMenaces => Color::LightRed,
        NiveauUrgence::SuiviEnRetard => Color::Yellow,
        NiveauUrgence::DuJour => Color::Cyan,
        NiveauUrgence::AVenir => Color::Reset,
        NiveauUrgence::Aucune => Color::DarkGray,
    })
}

fn titre_ecran(app: &App) -> String {
    match app.ecran() {
        None if app.liste.tous => t::ECRAN_TOUS.to_string(),
        None => t::ECRAN_AUJOURDHUI.to_string(),
        Some(Ecran::Fiche(_)) => t::ECRAN_FICHE.to_string(),
        Some(Ecran::Saisie(s)) => t::ecran_saisie(s.type_evenement),
        Some(Ecran::Personne(p)) if p.base.is_some() => t::ECRAN_MODIFIER.to_string(),
        Some(Ecran::Personne(_)) => t::ECRAN_NOUVELLE.to_string(),
        Some(Ecran::Conflit(_)) => t::ECRAN_CONFLIT.to_string(),
        Some(Ecran::Recherche(_)) => t::ECRAN_RECHERCHE.to_string(),
        Some(Ecran::Apercu(a)) => t::ecran_apercu(a.document == clavier::Document::Lettre),
        Some(Ecran::Aide { .. }) => t::ECRAN_AIDE.to_string(),
        Some(Ecran::Panneau { titre, .. }) => titre.to_string(),
    }
}

/// Draws the whole screen.
pub fn dessiner(app: &mut App, f: &mut Frame) {
    let zone = f.area();
    app.trop_petit = zone.width < LARGEUR_MIN || zone.height < HAUTEUR_MIN;
    if app.trop_petit {
        let p = Paragraph::new(vec![
            Line::styled(t::TROP_PETIT, gras()),
            Line::raw(t::taille_actuelle(zone.width, zone.height)),
        ])
        .wrap(Wrap { trim: true });
        f.render_widget(p, zone);
        f.set_cursor_position(Position::new(zone.x, zone.y));
        return;
    }
    let entete = t::entete(
        &titre_ecran(app),
        &tm::date_longue(app.aujourdhui),
        &app.benevole,
        app.liste.du_jour,
        app.liste.en_retard,
    );
    // One line when it fits, else the counts go on a second line.
    let entete: Vec<String> = if entete.chars().count() <= zone.width as usize {
        vec![entete]
    } else {
        entete
            .split_once(" · bénévole")
            .map(|(a, b)| vec![a.to_string(), format!(" bénévole{b}")])
            .unwrap_or_else(|| vec![entete])
    };
    // The status line grows (up to MAX_STATUT lines) for a long message, e.g. the warnings
    // about a refused rules file at start-up: one per line, wrapped, never cut silently.
    let statut_lignes: Vec<Line<'static>> = match &app.message {
        Some(m) => lignes_statut(m, zone.width as usize),
        None => Vec::new(),
    };
    let [haut, corps, statut, pied] = Layout::vertical([
        Constraint::Length(entete.len() as u16),
        Constraint::Fill(1),
        Constraint::Length((statut_lignes.len() as u16).max(1)),
        Constraint::Length(2),
    ])
    .areas(zone);

    // header
    f.render_widget(
        Paragraph::new(entete.into_iter().map(Line::raw).collect::<Vec<_>>()).style(inverse()),
        haut,
    );

    // status line
    let message_vide = app.message.is_none();
    if !statut_lignes.is_empty() {
        f.render_widget(Paragraph::new(statut_lignes), statut);
    }

    // footer: the keys that work here, from the keymap (panels add theirs first)
    let mut cles: Vec<(String, String)> = Vec::new();
    if app.confirmation.is_none()
        && let Some(Ecran::Panneau { panneau, .. }) = app.pile.last()
    {
        for r in panneau.raccourcis() {
            cles.push((r.touche.to_string(), r.action.to_string()));
        }
    }
    // A global key sharing a key with the panel's own (e.g. F2) would be misleading: the
    // panel's meaning wins, the global one is left to the help.
    let prises: Vec<String> = cles
        .iter()
        .flat_map(|(k, _)| k.split('/').map(str::to_string).collect::<Vec<_>>())
        .collect();
    // Over a panel, only the global keys the panel lets through (not the letters its text
    // field takes).
    let globales = match app.pile.last() {
        Some(Ecran::Panneau { panneau, .. }) if app.confirmation.is_none() => {
            clavier::pied_filtre(&app.contextes_actifs(), |k| panneau.laisse_passer(k))
        }
        // On the day's list Esc has nowhere to go back to: the room goes to other keys.
        _ if app.pile.is_empty() && !app.liste.tous && app.confirmation.is_none() => {
            clavier::pied_filtre(&app.contextes_actifs(), |k| {
                k.code != ratatui::crossterm::event::KeyCode::Esc
            })
        }
        // A question on screen: its answers (F1 waits until it is answered).
        _ if app.confirmation.is_some() => clavier::pied_filtre(&app.contextes_actifs(), |k| {
            k.code != ratatui::crossterm::event::KeyCode::F(1)
        }),
        _ => clavier::pied_filtre(&app.contextes_actifs(), |_| true),
    };
    for (e, d) in globales {
        let collision = e.split('/').any(|k| prises.iter().any(|p| p == k));
        if !collision && !cles.iter().any(|(k, _)| *k == e) {
            cles.push((e, d.to_string()));
        }
    }
    // Lay the keys out on the footer's lines; what does not fit is left to the help.
    let mut lignes_pied: Vec<Vec<Span>> = vec![Vec::new()];
    let mut x = 0usize;
    for (e, d) in &cles {
        let l = e.chars().count() + 1 + d.chars().count();
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

    // The help opened over a panel also lists the panel's own keys.
    let panneau_dessous: Vec<super::Raccourci> = match app.pile.iter().rev().nth(1) {
        Some(Ecran::Panneau { panneau, .. }) => panneau.raccourcis(),
        _ => Vec::new(),
    };
    let couleurs = app.couleurs;
    let aujourdhui = app.aujourdhui;
    match app.pile.last_mut() {
        None => {
            liste(f, corps, &mut app.liste, couleurs);
            // Where the rows shown sit in a list longer than the screen.
            let (debut, fin) = app.liste.visibles;
            let total = app.liste.lignes.len();
            if message_vide && (debut > 0 || fin < total) {
                f.render_widget(
                    Paragraph::new(t::position_liste(debut + 1, fin, total)),
                    statut,
                );
            }
        }
        Some(Ecran::Fiche(e)) => {
            let lignes = lignes_fiche(&e.donnees, couleurs, corps.width);
            // Scroll no further than the last screenful.
            let max = lignes.len().saturating_sub(corps.height as usize) as u16;
            e.defilement = e.defilement.min(max);
            let reste = max - e.defilement;
            f.render_widget(Paragraph::new(lignes).scroll((e.defilement, 0)), corps);
            // Tell that the file goes on below (unless a message is shown).
            if reste > 0 && message_vide {
                f.render_widget(Paragraph::new(t::suite(reste as usize)), statut);
            }
            f.set_cursor_position(Position::new(corps.x, corps.y));
        }
        Some(Ecran::Saisie(s)) => {
            let sous_titre = t::pour(&s.personne);
            formulaire(f, corps, &sous_titre, &mut s.form);
        }
        Some(Ecran::Personne(p)) => formulaire(f, corps, "", &mut p.form),
        Some(Ecran::Conflit(c)) => conflit(f, corps, c),
        Some(Ecran::Recherche(r)) => recherche(f, corps, r),
        Some(Ecran::Apercu(a)) => apercu(f, corps, statut, message_vide, a),
        Some(Ecran::Aide { defilement }) => {
            let lignes = lignes_aide(&panneau_dessous, corps.width, aujourdhui);
            let max = lignes.len().saturating_sub(corps.height as usize) as u16;
            *defilement = (*defilement).min(max);
            let reste = max - *defilement;
            f.render_widget(Paragraph::new(lignes).scroll((*defilement, 0)), corps);
            if reste > 0 && message_vide {
                f.render_widget(Paragraph::new(t::suite(reste as usize)), statut);
            }
            f.set_cursor_position(Position::new(corps.x, corps.y));
        }
        Some(Ecran::Panneau { panneau, .. }) => panneau.dessiner(f, corps),
    }

    if let Some(c) = app.confirmation {
        let texte = match c {
            Confirmation::Quitter => t::CONFIRMER_QUITTER.to_string(),
            Confirmation::Abandonner => t::CONFIRMER_ABANDON.to_string(),
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
        let lignes: usize = texte
            .lines()
            .flat_map(|p| couper(p, w))
            // A word wider than the box (a long path) is broken by the wrapping.
            .map(|ligne| ligne.chars().count().max(1).div_ceil(w))
            .sum();
        let lignes = lignes.min(u16::MAX as usize) as u16;
        let h = (lignes + 2).clamp(5, zone.height.saturating_sub(2));
        let boite = Rect::new(
            zone.x + (zone.width - l) / 2,
            zone.y + (zone.height / 2).saturating_sub(3),
            l,
            h,
        );
        f.render_widget(Clear, boite);
        f.render_widget(
            Paragraph::new(texte)
                .wrap(Wrap { trim: true })
                .block(Block::bordered())
                .style(gras()),
            boite,
        );
        f.set_cursor_position(Position::new(boite.x + 1, boite.y + 1));
    }
    if !app.couleurs {
        sans_couleurs(f);
    }
}

/// NO_COLOR: no colour at all on screen, whatever a panel asked for; bold, reverse and
/// underline stay (they, the symbols and the words tell urgency).
fn sans_couleurs(f: &mut Frame) {
    for cellule in f.buffer_mut().content.iter_mut() {
        cellule.set_fg(Color::Reset);
        cellule.set_bg(Color::Reset);
    }
}

// ------------------------------------------------------------------ the day's list

fn liste(f: &mut Frame, zone: Rect, l: &mut EtatListe, couleurs: bool) {
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
            let prochaine = tm::action(&ev.prochaine);
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
fn nom_une_ligne(p: &Personne, largeur: u16) -> String {
    let complet = p.nom_complet();
    if complet.chars().count() <= largeur as usize {
        complet
    } else {
        let inverse = format!("{} {}", p.nom, p.prenom.as_deref().unwrap_or(""));
        tronquer(inverse.trim(), largeur as usize)
    }
}

/// A message laid out for the status area: each of its lines wrapped; when too long, the
/// first lines then "…", and always its last line (the conclusion, e.g. "the shipped rules
/// stay in force").
fn lignes_statut(m: &str, largeur: usize) -> Vec<Line<'static>> {
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
const MAX_STATUT: usize = 4;

/// At most this many lines per row of the list (the file shows everything).
const MAX_LIGNES: usize = 3;

/// Cuts `s` to `largeur` columns, ending with "…" when something was left out.
pub fn tronquer(s: &str, largeur: usize) -> String {
    if s.chars().count() <= largeur {
        return s.to_string();
    }
    let r: String = s.chars().take(largeur.saturating_sub(1)).collect();
    format!("{}…", r.trim_end())
}

/// Word-wraps `s` into lines of at most `largeur` columns (a word longer than a line is cut
/// with "…"); never cuts in the middle of a word otherwise.
pub fn envelopper(s: &str, largeur: u16) -> Vec<String> {
    let largeur = largeur.max(1) as usize;
    let mut v: Vec<String> = Vec::new();
    let mut courante = String::new();
    for mot in jetons(s) {
        let mot = tronquer(&mot, largeur);
        let n = courante.chars().count();
        if n > 0 && n + 1 + mot.chars().count() > largeur {
            v.push(std::mem::take(&mut courante));
        }
        if !courante.is_empty() {
            courante.push(' ');
        }
        courante.push_str(&mot);
    }
    if !courante.is_empty() || v.is_empty() {
        v.push(courante);
    }
    v
}

/// The words of `s` for wrapping: a unit ("6 j") or French high punctuation (" :", " ;")
/// stays with the word before it, so no line starts with it.
fn jetons(s: &str) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for mot in s.split_whitespace() {
        match v.last_mut() {
            Some(der) if matches!(mot, "j" | ":" | ";" | "!" | "?" | "»" | "min") => {
                der.push(' ');
                der.push_str(mot);
                // "dans 6 j", "depuis 12 j", "de 3 j" stay on one line.
                if mot == "j"
                    && v.len() >= 2
                    && matches!(v[v.len() - 2].as_str(), "de" | "dans" | "depuis")
                    && let Some(duree) = v.pop()
                    && let Some(avant) = v.last_mut()
                {
                    avant.push(' ');
                    avant.push_str(&duree);
                }
            }
            _ => v.push(mot.to_string()),
        }
    }
    v
}

/// Keeps at most `max` lines of a cell `largeur` wide; the last kept line ends with "…"
/// when lines were dropped.
fn limiter(mut lignes: Vec<String>, max: usize, largeur: u16) -> Vec<String> {
    if lignes.len() > max {
        lignes.truncate(max);
        if let Some(der) = lignes.last_mut() {
            let garde = (largeur as usize).saturating_sub(1);
            let mut r: String = der.chars().take(garde).collect();
            r.push('…');
            *der = r;
        }
    }
    lignes
}

// ------------------------------------------------------------------ the file

fn section(titre: &str) -> Span<'static> {
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
fn symbole_resultat(r: Resultat) -> &'static str {
    use Resultat as R;
    match r {
        R::EnAttente | R::RdvDemande => "…",
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
fn nom_prefecture(nom: &str, d: crate::domain::Departement) -> String {
    if nom.is_empty() {
        format!("{} {}", d.code(), d.nom())
    } else if nom.contains(d.nom()) {
        nom.to_string()
    } else {
        format!("{nom} ({} {})", d.code(), d.nom())
    }
}

/// Words of `s`, each with `style` (for `habiller`).
fn mots(s: &str, style: Style) -> Vec<(String, Style)> {
    jetons(s).into_iter().map(|m| (m, style)).collect()
}

/// Lays tokens (separated by one space) on lines of at most `largeur` columns (display
/// width: an emoji takes two): the first line indented by `debut`, the next ones by
/// `retrait`. Never cuts a token, except one longer than a line (a web address, a long
/// number), which goes on over the next lines: nothing typed is hidden.
fn habiller(
    jetons: Vec<(String, Style)>,
    largeur: usize,
    debut: usize,
    retrait: usize,
) -> Vec<Line<'static>> {
    let mut lignes: Vec<Line<'static>> = Vec::new();
    let mut courante: Vec<Span<'static>> = vec![Span::raw(" ".repeat(debut))];
    let mut x = debut;
    let mut vide = true;
    for (jeton, style) in jetons {
        let n = largeur_affichee(&jeton);
        if !vide && x + 1 + n > largeur {
            lignes.push(Line::from(std::mem::take(&mut courante)));
            courante.push(Span::raw(" ".repeat(retrait)));
            x = retrait;
            vide = true;
        }
        if !vide {
            courante.push(Span::styled(" ", style));
            x += 1;
        }
        let mut reste: Vec<char> = jeton.chars().collect();
        loop {
            let place = largeur.saturating_sub(x).max(1);
            let mut pris = 0;
            let mut w = 0;
            while pris < reste.len() && w + largeur_car(reste[pris]) <= place {
                w += largeur_car(reste[pris]);
                pris += 1;
            }
            if pris == reste.len() {
                x += w;
                courante.push(Span::styled(reste.iter().collect::<String>(), style));
                break;
            }
            // Always move on, even when one wide character does not fit.
            let pris = pris.max(1);
            let tete: String = reste.drain(..pris).collect();
            courante.push(Span::styled(tete, style));
            lignes.push(Line::from(std::mem::take(&mut courante)));
            courante.push(Span::raw(" ".repeat(retrait)));
            x = retrait;
        }
        vide = false;
    }
    lignes.push(Line::from(courante));
    lignes
}

/// The person's file, laid out for `largeur` columns (continuation lines indented).
fn lignes_fiche(d: &DonneesFiche, couleurs: bool, largeur: u16) -> Vec<Line<'static>> {
    let largeur = largeur as usize;
    let p = &d.personne;
    let ev = &d.evaluation;
    let mut v: Vec<Line<'static>> = Vec::new();
    let titre = |s: &str| mots(&format!("{s} :"), gras());
    let ligne = |v: &mut Vec<Line<'static>>, section: &str, texte: &str, style: Style| {
        let mut j = titre(section);
        j.extend(mots(texte, style));
        v.extend(habiller(j, largeur, 0, 2));
    };
    ligne(&mut v, t::FICHE_IDENTITE, &t::identite(p), gras());
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
            let mut j = vec![(format!("{:<3}", tm::symbole_urgence(e.niveau)), su)];
            j.extend(mots(&tm::texte_echeance_date(e), su));
            v.extend(habiller(j, largeur, 2, 6));
        }
    }
    // The ladder: one unit per step, lines broken before an arrow only.
    let mut j = titre(t::FICHE_PARCOURS);
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
    v.extend(habiller(j, largeur, 0, 11));
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

// ------------------------------------------------------------------ forms

const LARGEUR_LIBELLE: u16 = 24;

/// Lays out the options of a pick list on lines of at most `largeur` columns; returns the
/// lines and the (line, column) of the chosen (or first) option.
fn options_choix(
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
        let l = texte.chars().count() as u16;
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

fn formulaire(f: &mut Frame, zone: Rect, sous_titre: &str, form: &mut Formulaire) {
    let largeur_valeur = zone.width.saturating_sub(LARGEUR_LIBELLE + 1);
    // Each field: its lines (label column + value), plus an error line when invalid.
    struct Bloc {
        lignes: Vec<Line<'static>>,
        curseur: (u16, u16),
        notes: bool,
    }
    let mut blocs: Vec<Bloc> = Vec::new();
    let mut entete: Vec<Line<'static>> = Vec::new();
    if !sous_titre.is_empty() {
        entete.push(Line::styled(sous_titre.to_string(), gras()));
    }
    if let Some(m) = &form.message {
        entete.push(Line::styled(format!("⚠ {m}"), gras()));
    }
    for (i, c) in form.champs.iter().enumerate() {
        let focus = i == form.focus;
        let libelle = format!(
            "{}{:<w$}",
            if focus { "▶ " } else { "  " },
            c.libelle,
            w = (LARGEUR_LIBELLE - 2) as usize
        );
        let style_libelle = if focus { gras() } else { Style::default() };
        let mut lignes = Vec::new();
        let mut curseur = (0, LARGEUR_LIBELLE);
        let mut notes = false;
        match &c.valeur {
            Valeur::Texte(l) => {
                // A value longer than the line scrolls sideways with the cursor ("…" tells
                // that something is hidden on either side).
                let (visible, colonne) = fenetre(&l.texte, l.curseur, largeur_valeur as usize);
                let mut spans = vec![
                    Span::styled(libelle, style_libelle),
                    Span::styled(
                        format!("{visible:<20}"),
                        if l.selection && focus {
                            inverse().add_modifier(Modifier::UNDERLINED)
                        } else {
                            Style::default().add_modifier(Modifier::UNDERLINED)
                        },
                    ),
                ];
                if let Some(a) = &c.aide {
                    spans.push(Span::raw(format!(" {a}")));
                }
                lignes.push(Line::from(spans));
                curseur = (0, LARGEUR_LIBELLE + colonne as u16);
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
            Valeur::Notes(_) => {
                let mut spans = vec![Span::styled(c.libelle.to_string(), style_libelle)];
                if let Some(a) = &c.aide {
                    spans.push(Span::raw(format!(" ({a})")));
                }
                let mut l = Line::from(spans);
                if focus {
                    l.spans.insert(0, Span::raw("▶ "));
                } else {
                    l.spans.insert(0, Span::raw("  "));
                }
                lignes.push(l);
                notes = true;
            }
        }
        if let Some(e) = champ_erreur(c) {
            for (j, morceau) in couper(&format!("⚠ {e}"), largeur_valeur as usize)
                .into_iter()
                .enumerate()
            {
                let retrait = LARGEUR_LIBELLE as usize + if j > 0 { 2 } else { 0 };
                lignes.push(Line::styled(
                    format!("{}{morceau}", " ".repeat(retrait)),
                    gras(),
                ));
            }
        }
        blocs.push(Bloc {
            lignes,
            curseur,
            notes,
        });
    }
    const HAUTEUR_NOTES: u16 = 6;
    let hauteur = |b: &Bloc| b.lignes.len() as u16 + if b.notes { HAUTEUR_NOTES } else { 0 };
    // Scroll so that the focused field is entirely visible.
    let h_entete = entete.len() as u16;
    let dispo = zone.height.saturating_sub(h_entete);
    let debut_focus: u16 = blocs.iter().take(form.focus).map(hauteur).sum();
    let fin_focus = debut_focus + blocs.get(form.focus).map_or(0, hauteur);
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
        let h = hauteur(b);
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
            && let Some(Champ {
                valeur: Valeur::Notes(ta),
                ..
            }) = form.champs.get_mut(i)
        {
            let haut = y0 + y_notes as u16;
            if haut < bas {
                let r = Rect::new(
                    zone.x + 2,
                    haut,
                    zone.width.saturating_sub(2),
                    HAUTEUR_NOTES.min(bas - haut),
                );
                ta.set_block(Block::bordered());
                f.render_widget(&**ta, r);
                if i == form.focus {
                    let ratatui_textarea::DataCursor(ligne, col) = ta.cursor();
                    let (sy, sx) = ta.scroll_offset();
                    let cx = r.x + 1 + (col as u16).saturating_sub(sx);
                    let cy = r.y + 1 + (ligne as u16).saturating_sub(sy);
                    f.set_cursor_position(Position::new(
                        cx.min(r.right().saturating_sub(2)),
                        cy.min(r.bottom().saturating_sub(2)),
                    ));
                }
            }
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
        y_rel += h as i32;
    }
}

/// Display width of a text (an emoji or a CJK character takes two columns).
pub fn largeur_affichee(s: &str) -> usize {
    Span::raw(s).width()
}

fn largeur_car(c: char) -> usize {
    let mut b = [0u8; 4];
    largeur_affichee(c.encode_utf8(&mut b))
}

/// The part of a one-line value shown in `largeur` columns around the cursor (a character
/// index): the text itself when it fits, else a window with "…" where text is hidden.
/// Returns the visible text and the cursor's column in it.
pub fn fenetre(texte: &str, curseur: usize, largeur: usize) -> (String, usize) {
    let cs: Vec<char> = texte.chars().collect();
    let curseur = curseur.min(cs.len());
    let w: Vec<usize> = cs.iter().map(|c| largeur_car(*c)).collect();
    let total: usize = w.iter().sum();
    if total < largeur {
        return (texte.to_string(), w[..curseur].iter().sum());
    }
    let largeur = largeur.max(4);
    // First character shown: the cursor stays left of the last column (kept for "…").
    let mut debut = 0;
    let mut avant: usize = w[..curseur].iter().sum();
    while debut < curseur && usize::from(debut > 0) + avant > largeur - 2 {
        avant -= w[debut];
        debut += 1;
    }
    let mut visible = String::new();
    let mut x = 0;
    if debut > 0 {
        visible.push('…');
        x = 1;
    }
    let colonne = x + avant;
    for i in debut..cs.len() {
        let reste: usize = w[i..].iter().sum();
        if x + reste <= largeur {
            visible.extend(&cs[i..]);
            break;
        }
        if x + w[i] > largeur - 1 {
            visible.push('…');
            break;
        }
        visible.push(cs[i]);
        x += w[i];
    }
    (visible, colonne)
}

/// Word-wraps `s` into lines of at most `largeur` characters (continuation lines 2 shorter).
fn couper(s: &str, largeur: usize) -> Vec<String> {
    let mut v: Vec<String> = vec![String::new()];
    for mot in s.split(' ') {
        let max = if v.len() == 1 {
            largeur
        } else {
            largeur.saturating_sub(2)
        };
        let courante = v.last().map_or(0, |l| l.chars().count());
        if courante > 0 && courante + 1 + mot.chars().count() > max {
            v.push(mot.to_string());
        } else if let Some(l) = v.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(mot);
        }
    }
    v
}

fn champ_erreur(c: &Champ) -> Option<&str> {
    c.erreur.as_deref()
}

// ------------------------------------------------------------------ search

fn recherche(f: &mut Frame, zone: Rect, r: &EtatRecherche) {
    let [saisie, aide, res] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(zone);
    let invite = t::INVITE_RECHERCHE;
    let (visible, colonne) = fenetre(
        &r.saisie.texte,
        r.saisie.curseur,
        (saisie.width as usize).saturating_sub(invite.chars().count()),
    );
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(invite, gras()),
            Span::styled(visible, Style::default().add_modifier(Modifier::UNDERLINED)),
        ])),
        saisie,
    );
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
    f.set_cursor_position(Position::new(
        saisie.x + (invite.chars().count() + colonne) as u16,
        saisie.y,
    ));
}

// ------------------------------------------------------------------ document preview

/// The document as it will be written, scrolled; while saving, the file-name field below it.
/// The cursor sits on the top visible line of the document, or in the field.
fn apercu(f: &mut Frame, zone: Rect, statut: Rect, message_vide: bool, a: &mut EtatApercu) {
    let mut bas: Vec<Line<'static>> = Vec::new();
    let mut curseur = None;
    if let Some(l) = &a.nom_fichier {
        bas.push(Line::raw("─".repeat(zone.width as usize)));
        let invite = t::ENREGISTRER_SOUS;
        let (visible, colonne) = fenetre(
            &l.texte,
            l.curseur,
            (zone.width as usize).saturating_sub(invite.chars().count()),
        );
        bas.push(Line::from(vec![
            Span::styled(invite, gras()),
            Span::styled(visible, Style::default().add_modifier(Modifier::UNDERLINED)),
        ]));
        let x = (invite.chars().count() + colonne) as u16;
        curseur = Some((x.min(zone.width.saturating_sub(1)), bas.len() as u16 - 1));
        let dossier = t::dans_le_dossier(&a.repertoire.display().to_string());
        for morceau in couper(&dossier, zone.width as usize) {
            bas.push(Line::raw(morceau));
        }
        if let Some(e) = &a.erreur_nom {
            bas.push(Line::styled(format!("⚠ {e}"), gras()));
        }
    }
    let h_bas = (bas.len() as u16).min(zone.height.saturating_sub(1));
    let [texte, champ] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(h_bas)]).areas(zone);
    let lignes: Vec<Line> = a.texte.lines().map(Line::raw).collect();
    // Scroll no further than the last screenful.
    let max = lignes.len().saturating_sub(texte.height as usize) as u16;
    a.defilement = a.defilement.min(max);
    let reste = max - a.defilement;
    f.render_widget(Paragraph::new(lignes).scroll((a.defilement, 0)), texte);
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

// ------------------------------------------------------------------ help

fn lignes_aide(
    panneau: &[super::Raccourci],
    largeur: u16,
    aujourdhui: chrono::NaiveDate,
) -> Vec<Line<'static>> {
    use super::Panneau;
    let mut v = habiller(
        mots(t::AIDE_INTRO, Style::default()),
        largeur as usize,
        0,
        0,
    );
    v.push(Line::raw(""));
    if !panneau.is_empty() {
        v.push(Line::styled(t::AIDE_PANNEAU, gras()));
        for r in panneau {
            v.push(Line::raw(format!("  {:<16} {}", r.touche, r.action)));
        }
    }
    // Descriptions wrap under their own column (readable at 80 columns).
    let entree = |v: &mut Vec<Line<'static>>, e: &str, d: &str| {
        let mut j = vec![(format!("{e:<16}"), Style::default())];
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
    // The panels' own keys, whatever screen the help is opened from.
    let prefecture = super::prefecture::EcranPrefecture::nouveau(None).raccourcis();
    let stats = super::stats::EcranStats::nouveau(aujourdhui).raccourcis();
    for (titre, raccourcis) in [
        (t::AIDE_PANNEAU_PREFECTURE, prefecture),
        (t::AIDE_PANNEAU_STATS, stats),
    ] {
        v.push(Line::styled(titre, gras()));
        for r in raccourcis {
            entree(&mut v, r.touche, r.action);
        }
    }
    v
}

// ------------------------------------------------------------------ conflict

fn conflit(f: &mut Frame, zone: Rect, c: &EtatConflit) {
    let champs = |p: &Personne| -> Vec<(&'static str, String)> {
        vec![
            (t::CHAMP_REFERENCE, p.reference.clone()),
            (t::CHAMP_NOM, p.nom.clone()),
            (t::CHAMP_PRENOM, p.prenom.clone().unwrap_or_default()),
            (t::CHAMP_TELEPHONE, p.telephone.clone().unwrap_or_default()),
            (
                t::CHAMP_DEPARTEMENT,
                format!("{} {}", p.departement.code(), p.departement.nom()),
            ),
            (t::CHAMP_DEMARCHE, p.demarche.libelle().to_string()),
            (t::CHAMP_BLOCAGE, p.blocage.libelle().to_string()),
            (t::CHAMP_OUVERT_LE, tm::date_fr(p.ouvert_le)),
            (
                t::CHAMP_TITRE,
                p.titre_expire_le.map(tm::date_fr).unwrap_or_default(),
            ),
            (
                t::CHAMP_API,
                p.api_expire_le.map(tm::date_fr).unwrap_or_default(),
            ),
            (
                t::CHAMP_PAN_CONNU,
                match p.pan_connu {
                    None => t::NON_RENSEIGNE.to_string(),
                    Some(_) => oui_non(p.pan_connu).to_string(),
                },
            ),
            (
                t::CHAMP_CAPTURES,
                p.captures.map(|n| n.to_string()).unwrap_or_default(),
            ),
            (
                t::CHAMP_NOTES,
                p.notes.clone().unwrap_or_default().replace('\n', " ⏎ "),
            ),
        ]
    };
    // The two value columns share what is left; longer values end with "…".
    let w = zone.width.saturating_sub(1 + 17 + 3) as usize / 2;
    let a: Vec<(&str, String)> = champs(&c.mienne)
        .into_iter()
        .map(|(l, v)| (l, tronquer(&v, w)))
        .collect();
    let b: Vec<(&str, String)> = champs(&c.actuelle)
        .into_iter()
        .map(|(l, v)| (l, tronquer(&v, w)))
        .collect();
    let mut lignes: Vec<Row> = Vec::new();
    let mut premier_diff = None;
    for (i, ((lib, m), (_, s))) in a.iter().zip(b.iter()).enumerate() {
        let diff = m != s;
        if diff && premier_diff.is_none() {
            premier_diff = Some(i);
        }
        let st = if diff { gras() } else { Style::default() };
        lignes.push(
            Row::new(vec![
                Cell::from(if diff { "≠" } else { " " }),
                Cell::from(*lib),
                Cell::from(m.clone()),
                Cell::from(s.clone()),
            ])
            .style(st),
        );
    }
    // Who changed what: "m" replaces the other desk's changes, Esc keeps both.
    let origines = c.form.origines(&c.actuelle);
    let vous: Vec<&str> = origines.iter().filter(|o| o.1).map(|o| o.0).collect();
    let autre: Vec<&str> = origines.iter().filter(|o| o.2).map(|o| o.0).collect();
    let par = if c.modifie_par.is_empty() {
        t::CONFLIT_AUTRE_POSTE.to_string()
    } else {
        c.modifie_par.clone()
    };
    let legende: Vec<Line<'static>> = t::conflit_origines(&vous, &autre, &par)
        .into_iter()
        .flat_map(|l| habiller(mots(&l, Style::default()), zone.width as usize, 0, 2))
        .collect();
    let [expl, table, bas] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(a.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(zone);
    f.render_widget(Paragraph::new(legende), bas);
    f.render_widget(
        Paragraph::new(t::CONFLIT_EXPLICATION).wrap(Wrap { trim: true }),
        expl,
    );
    let autre = t::conflit_enregistree(&c.modifie_par);
    f.render_widget(
        Table::new(
            lignes,
            [
                Constraint::Length(1),
                Constraint::Length(17),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
        )
        .header(
            Row::new(vec![
                String::new(),
                String::new(),
                t::CONFLIT_MIENNE.to_string(),
                autre,
            ])
            .style(gras().add_modifier(Modifier::UNDERLINED)),
        ),
        table,
    );
    f.set_cursor_position(Position::new(
        table.x,
        table.y + 1 + premier_diff.unwrap_or(0) as u16,
    ));
}
