//! Préfecture lookup panel (issue 6): type a number or a name, the card shows at once; several
//! matches are listed (arrows to choose); the card scrolls; F2 (or Ctrl+E) opens a small form
//! to add a local correction, saved through the store.
//!
//! The application opens it with `EcranPrefecture::nouveau(Some(dep), today)` from a person's
//! file (or `None` from anywhere); the shipped card shows at once, and the card with the local
//! corrections comes back from the effect executor (`EffetPanneau::ChargerFiche`), on
//! opening, on a new choice, and when another desk changed the database. The update never
//! touches the store: the correction form's write is an effect too.

use super::effets::{EffetPanneau, ResultatPanneau};
use super::{Issue, Panneau, Raccourci};
use crate::domain::Departement;
use crate::prefectures::corrections::{ChampCorrection, NouvelleCorrection};
use crate::prefectures::{Fiche, chercher};
use crate::textes::prefecture as t;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::cell::Cell;

/// Most rows the match list takes above the card.
const LISTE_MAX: usize = 6;

/// A one-line text input with a cursor (in characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Saisie {
    texte: String,
    curseur: usize,
}

impl Saisie {
    fn avec(texte: &str) -> Saisie {
        Saisie {
            texte: texte.to_string(),
            curseur: texte.chars().count(),
        }
    }

    fn octet(&self, i: usize) -> usize {
        self.texte
            .char_indices()
            .nth(i)
            .map_or(self.texte.len(), |(o, _)| o)
    }

    /// Applies an editing key; returns whether the key was an editing key.
    fn touche(&mut self, k: &KeyEvent) -> bool {
        let n = self.texte.chars().count();
        match k.code {
            KeyCode::Char(c)
                if !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                let o = self.octet(self.curseur);
                self.texte.insert(o, c);
                self.curseur += 1;
            }
            KeyCode::Backspace if self.curseur > 0 => {
                let o = self.octet(self.curseur - 1);
                self.texte.remove(o);
                self.curseur -= 1;
            }
            KeyCode::Delete if self.curseur < n => {
                let o = self.octet(self.curseur);
                self.texte.remove(o);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            KeyCode::Left => self.curseur = self.curseur.saturating_sub(1),
            KeyCode::Right => self.curseur = (self.curseur + 1).min(n),
            KeyCode::Home => self.curseur = 0,
            KeyCode::End => self.curseur = n,
            _ => return false,
        }
        true
    }

    /// The visible part for `largeur` columns and the cursor column within it.
    fn visible(&self, largeur: usize) -> (String, usize) {
        let largeur = largeur.max(1);
        let debut = (self.curseur + 1).saturating_sub(largeur);
        let s: String = self.texte.chars().skip(debut).take(largeur).collect();
        (s, self.curseur - debut)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Requete,
    Liste,
}

/// The small correction form.
#[derive(Debug, Clone)]
struct Formulaire {
    departement: Departement,
    champ: usize,
    valeur: Saisie,
    verifie_le: Saisie,
    source: Saisie,
    /// 0 field, 1 value, 2 date, 3 source.
    focus: usize,
    erreur: Option<String>,
    /// Esc was pressed once on typed input: a second Esc abandons it.
    abandon_demande: bool,
    /// The values when the form opened (to know whether something was typed).
    initial: (usize, String, String, String),
}

impl Formulaire {
    fn nouveau(departement: Departement, aujourdhui: NaiveDate) -> Formulaire {
        let mut f = Formulaire {
            departement,
            champ: 0,
            valeur: Saisie::default(),
            verifie_le: Saisie::avec(&t::date_fr(aujourdhui)),
            source: Saisie::default(),
            focus: 0,
            erreur: None,
            abandon_demande: false,
            initial: Default::default(),
        };
        f.valeur_par_defaut();
        f.initial = f.etat();
        f
    }

    fn etat(&self) -> (usize, String, String, String) {
        (
            self.champ,
            self.valeur.texte.clone(),
            self.verifie_le.texte.clone(),
            self.source.texte.clone(),
        )
    }

    /// Something was typed or chosen since the form opened.
    fn modifie(&self) -> bool {
        self.etat() != self.initial
    }

    fn champ(&self) -> ChampCorrection {
        ChampCorrection::TOUS[self.champ % ChampCorrection::TOUS.len()]
    }

    fn valeur_par_defaut(&mut self) {
        self.valeur = Saisie::avec(self.champ().valeurs().map_or("", |v| v[0]));
    }

    /// Left/right: the field list, or the admitted values of a coded field.
    fn choisir(&mut self, pas: isize) {
        let n = ChampCorrection::TOUS.len() as isize;
        match self.focus {
            0 => {
                self.champ = (self.champ as isize + pas).rem_euclid(n) as usize;
                self.valeur_par_defaut();
            }
            1 => {
                if let Some(v) = self.champ().valeurs() {
                    let i = v
                        .iter()
                        .position(|x| *x == self.valeur.texte)
                        .map_or(0, |i| {
                            (i as isize + pas).rem_euclid(v.len() as isize) as usize
                        });
                    self.valeur = Saisie::avec(v[i]);
                }
            }
            _ => {}
        }
    }

    fn saisie(&mut self) -> Option<&mut Saisie> {
        match self.focus {
            1 => Some(&mut self.valeur),
            2 => Some(&mut self.verifie_le),
            3 => Some(&mut self.source),
            _ => None,
        }
    }
}

pub struct EcranPrefecture {
    requete: Saisie,
    resultats: Vec<Departement>,
    selection: usize,
    focus: Focus,
    fiche: Option<Fiche>,
    defilement: usize,
    /// Lines of the card at the last drawing, and the card's height (for PageUp/PageDown):
    /// what the renderer measured, read back by the scrolling.
    lignes_dessinees: Cell<usize>,
    hauteur_fiche: Cell<usize>,
    formulaire: Option<Formulaire>,
    aujourdhui: NaiveDate,
}

impl EcranPrefecture {
    /// Opens the lookup, on a département's card when one is given (from a person's file);
    /// `aujourdhui` is the verification date the correction form proposes.
    pub fn nouveau(departement: Option<Departement>, aujourdhui: NaiveDate) -> Self {
        let mut e = EcranPrefecture {
            requete: Saisie::avec(departement.map_or("", |d| d.code())),
            resultats: Vec::new(),
            selection: 0,
            focus: Focus::Requete,
            fiche: None,
            defilement: 0,
            lignes_dessinees: Cell::new(0),
            hauteur_fiche: Cell::new(10),
            formulaire: None,
            aujourdhui,
        };
        let _ = e.rechercher();
        e
    }

    /// The département whose card is shown.
    pub fn departement(&self) -> Option<Departement> {
        self.fiche.as_ref().map(|f| f.departement)
    }

    /// A new query: its matches, and the first one's card.
    fn rechercher(&mut self) -> Issue {
        self.resultats = chercher(&self.requete.texte);
        self.selection = 0;
        self.charger()
    }

    /// Shows the selected département's shipped card at once and asks for the one with the
    /// local corrections.
    fn charger(&mut self) -> Issue {
        let Some(d) = self.resultats.get(self.selection).copied() else {
            self.fiche = None;
            self.defilement = 0;
            return Issue::Rien;
        };
        if self.departement() != Some(d) {
            self.defilement = 0;
            self.fiche = Fiche::livree(d).ok();
        }
        Issue::Effet(EffetPanneau::ChargerFiche(d))
    }

    fn defiler(&mut self, pas: isize) {
        let max = self
            .lignes_dessinees
            .get()
            .saturating_sub(self.hauteur_fiche.get());
        self.defilement = (self.defilement as isize + pas).clamp(0, max as isize) as usize;
    }

    fn page(&self) -> isize {
        self.hauteur_fiche.get().saturating_sub(1).max(1) as isize
    }

    fn touche_formulaire(&mut self, k: KeyEvent) -> Issue {
        let Some(f) = self.formulaire.as_mut() else {
            return Issue::Rien;
        };
        // Any key but a second Esc withdraws the question.
        let demande = std::mem::take(&mut f.abandon_demande);
        if demande && k.code != KeyCode::Esc {
            f.erreur = None;
        }
        match k.code {
            // Esc on typed input asks first (as the entry forms do): Esc again abandons.
            KeyCode::Esc if f.modifie() && !demande => {
                f.abandon_demande = true;
                f.erreur = Some(t::FORM_ABANDON.to_string());
                Issue::Rien
            }
            KeyCode::Esc => {
                self.formulaire = None;
                Issue::Rien
            }
            KeyCode::Tab | KeyCode::Down => {
                f.focus = (f.focus + 1) % 4;
                Issue::Rien
            }
            KeyCode::BackTab | KeyCode::Up => {
                f.focus = (f.focus + 3) % 4;
                Issue::Rien
            }
            KeyCode::Enter => {
                let n = NouvelleCorrection::depuis_saisie(
                    f.departement,
                    f.champ().code(),
                    &f.valeur.texte,
                    &f.verifie_le.texte,
                    &f.source.texte,
                    self.aujourdhui,
                );
                match n {
                    Err(e) => {
                        f.erreur = Some(e);
                        Issue::Rien
                    }
                    Ok(n) => Issue::Effet(EffetPanneau::AjouterCorrection(n)),
                }
            }
            KeyCode::Left | KeyCode::Right
                if f.focus == 0 || (f.focus == 1 && f.champ().valeurs().is_some()) =>
            {
                f.choisir(if k.code == KeyCode::Left { -1 } else { 1 });
                Issue::Rien
            }
            _ => {
                let edite = f.saisie().is_some_and(|s| s.touche(&k));
                if edite {
                    f.erreur = None;
                }
                Issue::Rien
            }
        }
    }

    fn dessiner_formulaire(&self, f: &mut Frame, zone: Rect) {
        let Some(form) = &self.formulaire else {
            return;
        };
        let largeur = zone.width.min(72);
        let hauteur = 9.min(zone.height);
        let cadre = Rect {
            x: zone.x + (zone.width - largeur) / 2,
            y: zone.y + (zone.height - hauteur) / 2,
            width: largeur,
            height: hauteur,
        };
        f.render_widget(Clear, cadre);
        let titre = format!(
            " {} : {} {} ",
            t::TITRE_FORMULAIRE,
            form.departement.code(),
            form.departement.nom()
        );
        let bloc = Block::default().borders(Borders::ALL).title(titre);
        let interieur = bloc.inner(cadre);
        f.render_widget(bloc, cadre);
        let etiquette = 13usize;
        let dispo = (interieur.width as usize).saturating_sub(etiquette + 1);
        let mut lignes = Vec::new();
        let mut curseur = None;
        let champ = format!("< {} >", t::libelle_champ(form.champ()));
        let champs: [(&str, String, Option<&Saisie>); 4] = [
            (t::FORM_CHAMP, champ, None),
            (t::FORM_VALEUR, String::new(), Some(&form.valeur)),
            (t::FORM_VERIFIE, String::new(), Some(&form.verifie_le)),
            (t::FORM_SOURCE, String::new(), Some(&form.source)),
        ];
        for (i, (nom, fixe, saisie)) in champs.into_iter().enumerate() {
            let (texte, col) = match saisie {
                Some(s) => s.visible(dispo),
                None => (fixe, 2),
            };
            if i == form.focus {
                curseur = Some((etiquette + col, i));
            }
            let style = if i == form.focus {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            lignes.push(Line::from(vec![
                Span::styled(format!("{nom:<width$}", width = etiquette), style),
                Span::raw(texte),
            ]));
        }
        if let Some(v) = form.champ().valeurs() {
            lignes.push(Line::from(Span::styled(
                t::valeur_admise(v).replace("valeur inconnue ", ""),
                Style::default().fg(Color::DarkGray),
            )));
        } else {
            lignes.push(Line::from(""));
        }
        lignes.push(Line::from(Span::styled(
            form.erreur.clone().unwrap_or_default(),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        )));
        lignes.push(Line::from(Span::styled(
            t::FORM_AIDE,
            Style::default().fg(Color::DarkGray),
        )));
        f.render_widget(Paragraph::new(lignes), interieur);
        if let Some((x, y)) = curseur {
            f.set_cursor_position(Position {
                x: interieur.x + (x as u16).min(interieur.width.saturating_sub(1)),
                y: interieur.y + y as u16,
            });
        }
    }
}

/// Cuts a card line to `largeur` columns (display width), words kept whole when possible;
/// continuation lines keep the indentation.
fn couper(texte: &str, retrait: usize, largeur: usize) -> Vec<String> {
    let marge = " ".repeat(retrait);
    let h = crate::mise_en_page::Habillage {
        largeur: largeur.max(retrait + 8),
        premier: &marge,
        suite: &marge,
        trop_long: crate::mise_en_page::TropLong::Continuer,
    };
    crate::mise_en_page::envelopper(texte, &h)
}

fn style(g: t::GenreLigne) -> Style {
    match g {
        t::GenreLigne::Titre => Style::default().add_modifier(Modifier::BOLD),
        t::GenreLigne::Section => Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        t::GenreLigne::Alerte => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        t::GenreLigne::Source => Style::default().fg(Color::DarkGray),
        t::GenreLigne::Copie => Style::default().fg(Color::Green),
        t::GenreLigne::Texte | t::GenreLigne::Vide => Style::default(),
    }
}

/// The panel's keys as it opens (no correction form): for the help.
pub fn raccourcis_accueil() -> Vec<Raccourci> {
    let r = |touche, action| Raccourci { touche, action };
    vec![
        r(t::TOUCHE_RECHERCHER, t::ACTION_RECHERCHER),
        r("↑/↓", t::ACTION_CHOISIR),
        r("PgPréc/PgSuiv", t::ACTION_DEFILER),
        r("F2", t::ACTION_CORRIGER),
        r("Échap", t::ACTION_FERMER),
    ]
}

impl Panneau for EcranPrefecture {
    fn dessiner(&self, f: &mut Frame, zone: Rect) {
        if zone.height < 3 || zone.width < 20 {
            return;
        }
        // Query line.
        let invite = t::INVITE_REQUETE;
        let lx = invite.chars().count();
        let (visible, col) = self
            .requete
            .visible((zone.width as usize).saturating_sub(lx + 1));
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(invite, Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(visible),
            ])),
            Rect { height: 1, ..zone },
        );
        let mut y = zone.y + 1;
        // Status line: what the query gives.
        let statut = if self.requete.texte.trim().is_empty() {
            t::AIDE_VIDE.to_string()
        } else if self.resultats.is_empty() {
            t::aucun_resultat(self.requete.texte.trim())
        } else if self.resultats.len() > 1 {
            format!(
                "{} {} ({}) : ↑/↓ puis Entrée",
                self.resultats.len(),
                t::RESULTATS.to_lowercase(),
                self.requete.texte.trim()
            )
        } else {
            String::new()
        };
        f.render_widget(
            Paragraph::new(Span::styled(statut, Style::default().fg(Color::DarkGray))),
            Rect {
                y,
                height: 1,
                ..zone
            },
        );
        y += 1;
        // Match list.
        let mut curseur_liste = None;
        if self.resultats.len() > 1 {
            let h = self.resultats.len().min(LISTE_MAX);
            let debut = (self.selection + 1).saturating_sub(h);
            let mut lignes = Vec::new();
            for (i, d) in self.resultats.iter().enumerate().skip(debut).take(h) {
                let choisi = i == self.selection;
                let texte = format!(
                    "{} {:<4}{}",
                    if choisi { ">" } else { " " },
                    d.code(),
                    d.nom()
                );
                let st = if choisi && self.focus == Focus::Liste {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else if choisi {
                    Style::default().add_modifier(Modifier::BOLD)
                } else {
                    Style::default()
                };
                if choisi {
                    curseur_liste = Some(y + (i - debut) as u16);
                }
                lignes.push(Line::from(Span::styled(texte, st)));
            }
            let hl = (h as u16).min(zone.y + zone.height - y);
            f.render_widget(
                Paragraph::new(lignes),
                Rect {
                    y,
                    height: hl,
                    ..zone
                },
            );
            y += hl;
        }
        // Card.
        let reste = zone.y + zone.height - y;
        let carte = Rect {
            y,
            height: reste,
            ..zone
        };
        self.hauteur_fiche.set(reste as usize);
        let mut lignes: Vec<Line> = Vec::new();
        if let Some(fiche) = &self.fiche {
            for l in t::lignes_fiche(fiche) {
                for morceau in couper(&l.texte, 2 * l.retrait, zone.width as usize) {
                    lignes.push(Line::from(Span::styled(morceau, style(l.genre))));
                }
            }
        }
        self.lignes_dessinees.set(lignes.len());
        let defilement = self
            .defilement
            .min(lignes.len().saturating_sub(reste as usize));
        let visibles: Vec<Line> = lignes
            .into_iter()
            .skip(defilement)
            .take(reste as usize)
            .collect();
        f.render_widget(Paragraph::new(visibles), carte);

        if self.formulaire.is_some() {
            self.dessiner_formulaire(f, zone);
        } else {
            match (self.focus, curseur_liste) {
                (Focus::Liste, Some(ly)) => f.set_cursor_position(Position { x: zone.x, y: ly }),
                _ => f.set_cursor_position(Position {
                    x: zone.x + (lx + col) as u16,
                    y: zone.y,
                }),
            }
        }
    }

    fn touche(&mut self, k: KeyEvent) -> Issue {
        if self.formulaire.is_some() {
            return self.touche_formulaire(k);
        }
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Esc => return Issue::Fermer,
            KeyCode::F(2) | KeyCode::Char('e') if k.code == KeyCode::F(2) || ctrl => {
                return match self.departement() {
                    Some(d) => {
                        self.formulaire = Some(Formulaire::nouveau(d, self.aujourdhui));
                        Issue::Rien
                    }
                    None => Issue::Message(t::PAS_DE_FICHE.to_string()),
                };
            }
            KeyCode::PageDown => {
                let p = self.page();
                self.defiler(p);
                return Issue::Rien;
            }
            KeyCode::PageUp => {
                let p = self.page();
                self.defiler(-p);
                return Issue::Rien;
            }
            // Never in a département's name or number: help and search stay reachable.
            KeyCode::Char('?' | '/') if !ctrl => return Issue::Ignoree,
            _ => {}
        }
        match self.focus {
            Focus::Liste => match k.code {
                KeyCode::Up if self.selection == 0 => self.focus = Focus::Requete,
                KeyCode::Up => {
                    self.selection -= 1;
                    return self.charger();
                }
                KeyCode::Down => {
                    self.selection = (self.selection + 1).min(self.resultats.len() - 1);
                    return self.charger();
                }
                KeyCode::Enter => {
                    if let Some(d) = self.resultats.get(self.selection).copied() {
                        self.requete = Saisie::avec(d.code());
                        self.focus = Focus::Requete;
                        return self.rechercher();
                    }
                }
                _ => {
                    self.focus = Focus::Requete;
                    let avant = self.requete.texte.clone();
                    if !self.requete.touche(&k) {
                        return Issue::Ignoree;
                    }
                    if self.requete.texte != avant {
                        return self.rechercher();
                    }
                }
            },
            Focus::Requete => match k.code {
                KeyCode::Down if self.resultats.len() > 1 => self.focus = Focus::Liste,
                KeyCode::Down => self.defiler(1),
                KeyCode::Up => self.defiler(-1),
                KeyCode::Enter if self.resultats.len() > 1 => {
                    self.focus = Focus::Liste;
                }
                KeyCode::Enter => return self.charger(),
                _ => {
                    let avant = self.requete.texte.clone();
                    if !self.requete.touche(&k) {
                        return Issue::Ignoree;
                    }
                    if self.requete.texte != avant {
                        return self.rechercher();
                    }
                }
            },
        }
        Issue::Rien
    }

    fn recevoir(&mut self, r: ResultatPanneau) -> Issue {
        match r {
            // Only the card still selected (a newer choice may have been made meanwhile).
            ResultatPanneau::Fiche(d, fiche) => {
                if self.resultats.get(self.selection) == Some(&d) {
                    self.fiche = fiche;
                }
                Issue::Rien
            }
            ResultatPanneau::Correction(Ok((c, fiche))) => {
                self.formulaire = None;
                if fiche.is_some() {
                    self.fiche = fiche;
                }
                Issue::Message(t::correction_enregistree(&c))
            }
            ResultatPanneau::Correction(Err(e)) => {
                if let Some(f) = self.formulaire.as_mut() {
                    f.erreur = Some(e);
                }
                Issue::Rien
            }
            ResultatPanneau::Stats(_) | ResultatPanneau::Export { .. } => Issue::Rien,
        }
    }

    fn recharger(&mut self) -> Option<EffetPanneau> {
        self.resultats
            .get(self.selection)
            .map(|d| EffetPanneau::ChargerFiche(*d))
    }

    fn laisse_passer(&self, k: &KeyEvent) -> bool {
        if self.formulaire.is_some() {
            return false;
        }
        // Letters and digits are the query; ? and / are not (see `touche`).
        match k.code {
            KeyCode::Char('?' | '/') => true,
            KeyCode::Char(_) => k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
            _ => true,
        }
    }

    fn prend_le_texte(&self) -> bool {
        true
    }

    /// A correction being written would be lost by quitting: Ctrl-C asks first.
    fn saisie_en_cours(&self) -> bool {
        self.formulaire.is_some()
    }

    fn raccourcis(&self) -> Vec<Raccourci> {
        let r = |touche, action| Raccourci { touche, action };
        if self.formulaire.is_some() {
            return vec![
                r("Entrée", t::ACTION_ENREGISTRER),
                r("Échap", t::ACTION_ANNULER),
                r("Tab", t::ACTION_CHAMP_SUIVANT),
                r("←/→", t::ACTION_VALEUR),
            ];
        }
        raccourcis_accueil()
    }
}

#[cfg(test)]
mod tests;
