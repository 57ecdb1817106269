//! The préfecture panel's small correction form: a field chosen with the arrows, its value,
//! the verification date and the source; Enter asks the executor to store it.

use super::Saisie;
use crate::domain::Departement;
use crate::prefectures::corrections::{ChampCorrection, NouvelleCorrection};
use crate::textes::prefecture as t;
use crate::tui::Reponse;
use crate::tui::clavier::Action;
use crate::tui::effets::EffetPanneau;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// What the form asks of its panel after an action.
pub(super) enum Suite {
    Rester(Reponse),
    Fermer,
}

/// The small correction form.
#[derive(Debug, Clone)]
pub(super) struct Formulaire {
    pub(super) departement: Departement,
    champ: usize,
    valeur: Saisie,
    verifie_le: Saisie,
    source: Saisie,
    /// 0 field, 1 value, 2 date, 3 source.
    focus: usize,
    pub(super) erreur: Option<String>,
    /// Esc was pressed once on typed input: a second Esc abandons it.
    abandon_demande: bool,
    /// The values when the form opened (to know whether something was typed).
    initial: (usize, String, String, String),
}

impl Formulaire {
    pub(super) fn nouveau(departement: Departement, aujourdhui: NaiveDate) -> Formulaire {
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

impl Formulaire {
    /// On the field list or a coded value: ← → choose.
    pub(super) fn sur_un_choix(&self) -> bool {
        self.focus == 0 || (self.focus == 1 && self.champ().valeurs().is_some())
    }

    /// An action of the form's contexts.
    pub(super) fn action(&mut self, a: Action, aujourdhui: NaiveDate) -> Suite {
        // Any key but a second Esc withdraws the question.
        let demande = std::mem::take(&mut self.abandon_demande);
        if demande && a != Action::Retour {
            self.erreur = None;
        }
        match a {
            // Esc on typed input asks first (as the entry forms do): Esc again abandons.
            Action::Retour if self.modifie() && !demande => {
                self.abandon_demande = true;
                self.erreur = Some(t::FORM_ABANDON.to_string());
            }
            Action::Retour => return Suite::Fermer,
            Action::ChampSuivant => self.focus = (self.focus + 1) % 4,
            Action::ChampPrecedent => self.focus = (self.focus + 3) % 4,
            Action::Enregistrer => {
                let n = NouvelleCorrection::depuis_saisie(
                    self.departement,
                    self.champ().code(),
                    &self.valeur.texte,
                    &self.verifie_le.texte,
                    &self.source.texte,
                    aujourdhui,
                );
                match n {
                    Err(e) => self.erreur = Some(e.to_string()),
                    Ok(n) => {
                        return Suite::Rester(Reponse::Effet(EffetPanneau::AjouterCorrection(n)));
                    }
                }
            }
            Action::ChoixSuivant => self.choisir(1),
            Action::ChoixPrecedent => self.choisir(-1),
            _ => {}
        }
        Suite::Rester(Reponse::Rien)
    }

    /// A key bound to nothing: text for the focused field.
    pub(super) fn taper(&mut self, k: &KeyEvent) {
        if std::mem::take(&mut self.abandon_demande) {
            self.erreur = None;
        }
        if self.saisie().is_some_and(|s| s.touche(k)) {
            self.erreur = None;
        }
    }

    /// Draws the form over the card.
    pub(super) fn dessiner(&self, f: &mut Frame, zone: Rect) {
        let form = self;
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
