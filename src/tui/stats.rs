//! Statistics screen: a period, the indicators as horizontal bars with their numbers,
//! per département on demand, and the export of exactly the table shown.
//!
//! The screen draws from the same `stats::Tableau` the export writes: every number, every
//! "masqué" is what the CSV would say (only the decimal separator is French here).
//!
//! The update is pure: the computation and the export's write are effects
//! (`EffetPanneau::CalculerStats`, `EffetPanneau::Exporter`) run by the executor, whose
//! results come back through `recevoir`.

use super::clavier::{Action, Contexte};
use super::effets::{EffetPanneau, ResultatPanneau};
use super::{Panneau, Raccourci, Reponse};

/// Every field of the panel is the one single-line editor (same keys, Ctrl-U, a cursor).
type Saisie = crate::tui::editeur::Editeur;

mod rendu;
mod tendance;
use crate::domain::{Blocage, Demarche, date_iso, parse_date};
use crate::stats::{Format, Indicateur, Ligne, Periode, Point, Statut, Tableau, Valeur};
use crate::textes::moteur::date_fr;
use crate::textes::stats as t;
use crate::textes::stats::ecran as e;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;

/// Which period is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoixPeriode {
    CeMois,
    MoisDernier,
    Annee,
    Dates,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Liste,
    Dates {
        du: Saisie,
        au: Saisie,
        champ: usize,
        erreur: Option<String>,
    },
    Fichier {
        nom: Saisie,
        format: Format,
        remplacer: bool,
        erreur: Option<String>,
    },
}

pub struct EcranStats {
    aujourdhui: NaiveDate,
    choix: ChoixPeriode,
    periode: Periode,
    seuil: u64,
    par_departement: bool,
    /// 0: `ensemble`; i: the i-th département block of the table.
    bloc: usize,
    tableau: Option<Tableau>,
    selection: usize,
    /// First row on screen, kept by the renderer to follow the selection.
    defilement: Cell<usize>,
    mode: Mode,
    message: Option<String>,
    /// The trend of the last 12 months is shown instead of the list (`g`).
    vue_tendance: bool,
    tendance: Option<Result<Vec<Point>, String>>,
}

const LARGEUR_BARRE: usize = 18;
const LARGEUR_LIBELLE: usize = 30;

/// The calendar month containing `d`, or the month before it.
fn mois_de(d: NaiveDate, decalage: i32) -> Periode {
    Periode::mois_de(d, decalage).unwrap_or(Periode { du: d, au: d })
}

impl EcranStats {
    pub fn nouveau(aujourdhui: NaiveDate) -> Self {
        EcranStats {
            aujourdhui,
            choix: ChoixPeriode::CeMois,
            periode: mois_de(aujourdhui, 0),
            seuil: 5,
            par_departement: false,
            bloc: 0,
            tableau: None,
            selection: 0,
            defilement: Cell::new(0),
            mode: Mode::Liste,
            message: None,
            vue_tendance: false,
            tendance: None,
        }
    }

    /// Asks for the figures of the period shown (on opening, on every change of period,
    /// threshold or breakdown, and when another desk changed the data).
    fn actualiser(&self) -> Reponse {
        Reponse::Effet(self.calcul())
    }

    fn calcul(&self) -> EffetPanneau {
        if self.vue_tendance {
            return EffetPanneau::CalculerTendance {
                aujourdhui: self.aujourdhui,
                seuil: self.seuil,
            };
        }
        EffetPanneau::CalculerStats {
            periode: self.periode,
            par_departement: self.par_departement,
            seuil: self.seuil,
        }
    }

    /// The computed figures arrive.
    fn installer(&mut self, r: Result<Tableau, String>) {
        match r {
            Ok(tab) => {
                let n = tab.departements().len();
                if self.bloc > n {
                    self.bloc = 0;
                }
                self.tableau = Some(tab);
            }
            Err(err) => {
                self.tableau = None;
                self.message = Some(err);
            }
        }
        self.borner_selection();
    }

    /// The table shown (and exported).
    pub fn tableau(&self) -> Option<&Tableau> {
        self.tableau.as_ref()
    }

    fn choisir(&mut self, choix: ChoixPeriode, periode: Periode) -> Reponse {
        self.choix = choix;
        self.periode = periode;
        self.message = None;
        self.actualiser()
    }

    fn lignes_bloc(&self) -> Vec<&Ligne> {
        let Some(tab) = &self.tableau else {
            return Vec::new();
        };
        let dep = if self.bloc == 0 {
            None
        } else {
            tab.departements().get(self.bloc - 1).copied()
        };
        // Main indicators first, then the two breakdowns (the export keeps table order).
        let mut v: Vec<&Ligne> = tab.bloc(dep).collect();
        v.sort_by_key(|l| matches!(l.indicateur, Indicateur::Demarche | Indicateur::Blocage));
        v
    }

    fn borner_selection(&mut self) {
        let n = self.lignes_bloc().len();
        if self.selection >= n {
            self.selection = n.saturating_sub(1);
        }
    }

    fn nom_bloc(&self) -> String {
        match &self.tableau {
            Some(tab) if self.bloc > 0 => tab
                .departements()
                .get(self.bloc - 1)
                .map(|d| format!("{} {}", d.code(), d.nom()))
                .unwrap_or_default(),
            _ => e::ENSEMBLE.to_string(),
        }
    }

    /// Default export file name: `stats-2026-11.csv`, `stats-2026.csv`, or both dates.
    pub fn nom_fichier_defaut(&self) -> String {
        let p = self.periode;
        let suffixe = if self.par_departement {
            "-departements"
        } else {
            ""
        };
        match self.choix {
            ChoixPeriode::CeMois | ChoixPeriode::MoisDernier => {
                format!("stats-{:04}-{:02}{suffixe}.csv", p.du.year(), p.du.month())
            }
            ChoixPeriode::Annee => format!("stats-{:04}{suffixe}.csv", p.du.year()),
            ChoixPeriode::Dates => {
                format!("stats-{}-{}{suffixe}.csv", date_iso(p.du), date_iso(p.au))
            }
        }
    }

    fn exporter(&mut self) -> Reponse {
        let Mode::Fichier {
            nom,
            format,
            remplacer,
            ..
        } = &self.mode
        else {
            return Reponse::Rien;
        };
        let nom = nom.texte.trim().to_string();
        let (format, remplacer) = (*format, *remplacer);
        if nom.is_empty() {
            if let Mode::Fichier {
                erreur, remplacer, ..
            } = &mut self.mode
            {
                *erreur = Some(e::NOM_VIDE.into());
                *remplacer = false;
            }
            return Reponse::Rien;
        }
        let Some(tab) = &self.tableau else {
            return Reponse::Rien;
        };
        // Exactly the table shown, and only if it may leave: whole months, audit passed.
        if let Err(failles) = crate::stats::auditer(tab) {
            let m = if tab.periode.mois_entiers() {
                t::audit_refuse(&failles)
            } else {
                t::periode_non_entiere(&date_iso(tab.periode.du), &date_iso(tab.periode.au))
            };
            if let Mode::Fichier { erreur, .. } = &mut self.mode {
                *erreur = Some(m);
            }
            return Reponse::Rien;
        }
        Reponse::Effet(EffetPanneau::Exporter {
            nom,
            octets: tab.ecrire(format, &t::LIBELLES),
            lignes: tab.lignes.len(),
            remplacer,
        })
    }

    /// The export's outcome: written; or the file exists (Enter again replaces it); or why not.
    fn exporte(
        &mut self,
        chemin: std::path::PathBuf,
        lignes: usize,
        r: std::io::Result<()>,
    ) -> Reponse {
        let Mode::Fichier {
            remplacer, erreur, ..
        } = &mut self.mode
        else {
            return Reponse::Rien;
        };
        match r {
            Ok(()) => {
                let msg = t::fichier_ecrit(&chemin, lignes);
                self.mode = Mode::Liste;
                self.message = Some(msg.clone());
                Reponse::Message(msg)
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && !*remplacer => {
                *remplacer = true;
                *erreur = Some(e::fichier_existe(&chemin.display().to_string()));
                Reponse::Rien
            }
            Err(err) => {
                *erreur = Some(t::ecriture_impossible(&chemin, &err));
                *remplacer = false;
                Reponse::Rien
            }
        }
    }

    /// An action of the list (period, breakdown, threshold, export, moving).
    fn action_liste(&mut self, a: Action) -> Reponse {
        let n = self.lignes_bloc().len();
        let dernier = n.saturating_sub(1);
        match a {
            Action::Retour => return Reponse::Fermer,
            Action::CeMois => {
                return self.choisir(ChoixPeriode::CeMois, mois_de(self.aujourdhui, 0));
            }
            Action::MoisDernier => {
                return self.choisir(ChoixPeriode::MoisDernier, mois_de(self.aujourdhui, -1));
            }
            Action::Annee => {
                let p = Periode::annee(self.aujourdhui.year()).unwrap_or(self.periode);
                return self.choisir(ChoixPeriode::Annee, p);
            }
            Action::Dates => {
                // The proposed dates are selected: typing replaces them (a key that moves
                // the cursor keeps them, to be corrected).
                let propose = |d| Saisie {
                    selection: true,
                    ..Saisie::avec(&date_fr(d))
                };
                self.mode = Mode::Dates {
                    du: propose(self.periode.du),
                    au: propose(self.periode.au),
                    champ: 0,
                    erreur: None,
                }
            }
            Action::Tendance => {
                self.vue_tendance = !self.vue_tendance;
                return self.actualiser();
            }
            Action::ParDepartement => {
                self.par_departement = !self.par_departement;
                self.bloc = 0;
                return self.actualiser();
            }
            Action::ChoixSuivant | Action::ChoixPrecedent => {
                let blocs = self
                    .tableau
                    .as_ref()
                    .map(|t| t.departements().len())
                    .unwrap_or(0)
                    + 1;
                self.bloc = if a == Action::ChoixSuivant {
                    (self.bloc + 1) % blocs
                } else {
                    (self.bloc + blocs - 1) % blocs
                };
                self.borner_selection();
            }
            Action::SeuilPlus => {
                self.seuil = (self.seuil + 1).min(99);
                return self.actualiser();
            }
            Action::SeuilMoins => {
                self.seuil = self
                    .seuil
                    .saturating_sub(1)
                    .max(crate::stats::SEUIL_MINIMUM);
                return self.actualiser();
            }
            Action::Exporter if self.tableau.is_some() => {
                self.mode = Mode::Fichier {
                    nom: Saisie::avec(&self.nom_fichier_defaut()),
                    format: Format::Csv,
                    remplacer: false,
                    erreur: None,
                }
            }
            Action::Actualiser => return self.actualiser(),
            Action::Bas => self.selection = (self.selection + 1).min(dernier),
            Action::Haut => self.selection = self.selection.saturating_sub(1),
            Action::PageBas => self.selection = (self.selection + 10).min(dernier),
            Action::PageHaut => self.selection = self.selection.saturating_sub(10),
            Action::Debut => self.selection = 0,
            Action::Fin => self.selection = dernier,
            _ => return Reponse::Ignoree,
        }
        Reponse::Rien
    }

    /// An action of the date fields: the other field, confirm, cancel.
    fn action_dates(&mut self, a: Action) -> Reponse {
        let Mode::Dates {
            du,
            au,
            champ,
            erreur,
        } = &mut self.mode
        else {
            return Reponse::Rien;
        };
        match a {
            Action::Retour => self.mode = Mode::Liste,
            Action::ChampSuivant | Action::ChampPrecedent => {
                *champ = 1 - *champ;
                // Reached with Tab: the whole value is selected, as in every form.
                if *champ == 0 {
                    du.selection = true;
                } else {
                    au.selection = true;
                }
            }
            Action::Enregistrer => {
                let (du, au) = (du.texte.clone(), au.texte.clone());
                match (parse_date(&du), parse_date(&au)) {
                    (Err(_), _) => *erreur = Some(e::date_invalide(&du)),
                    (_, Err(_)) => *erreur = Some(e::date_invalide(&au)),
                    (Ok(d1), Ok(d2)) if d1 > d2 => {
                        *erreur = Some(t::periode_inversee(&date_iso(d1), &date_iso(d2)))
                    }
                    (Ok(d1), Ok(d2)) => {
                        self.mode = Mode::Liste;
                        return self.choisir(ChoixPeriode::Dates, Periode { du: d1, au: d2 });
                    }
                }
            }
            _ => {}
        }
        Reponse::Rien
    }

    /// An action of the export's file-name field: write, change the format, cancel.
    fn action_fichier(&mut self, a: Action) -> Reponse {
        let Mode::Fichier { format, .. } = &mut self.mode else {
            return Reponse::Rien;
        };
        match a {
            Action::Retour => self.mode = Mode::Liste,
            Action::Enregistrer => return self.exporter(),
            Action::FormatSuivant => {
                *format = if *format == Format::Csv {
                    Format::ExcelFr
                } else {
                    Format::Csv
                }
            }
            _ => {}
        }
        Reponse::Rien
    }

    /// Typing in a date (at most 10 characters) or the file name.
    fn taper_champ(&mut self, k: &KeyEvent) {
        match &mut self.mode {
            Mode::Liste => {}
            Mode::Dates { du, au, champ, .. } => {
                let texte = if *champ == 0 { du } else { au };
                // A selected proposal is replaced, so it does not count as full.
                let plein = texte.texte.chars().count() >= 10 && !texte.selection;
                let caractere = matches!(k.code, KeyCode::Char(_))
                    && !k.modifiers.contains(KeyModifiers::CONTROL);
                if !(plein && caractere) {
                    texte.touche(k);
                }
            }
            Mode::Fichier {
                nom,
                remplacer,
                erreur,
                ..
            } => {
                if nom.touche(k) {
                    *remplacer = false;
                    *erreur = None;
                }
            }
        }
    }
}

/// Every key of the panel (list, date fields, export file name), from the keymap: for the
/// help.
pub fn raccourcis_accueil() -> Vec<Raccourci> {
    use Contexte as X;
    crate::tui::clavier::raccourcis_panneau(
        &[
            X::StatsPeriode,
            X::StatsDepartements,
            X::Stats,
            X::StatsDates,
            X::StatsFichier,
        ],
        true,
    )
}

impl Panneau for EcranStats {
    fn dessiner(&self, f: &mut Frame, zone: Rect) {
        self.rendre(f, zone);
    }

    fn contextes(&self) -> Vec<Contexte> {
        use Contexte as X;
        match self.mode {
            // While dates or a file name are typed, every key is the field's (but Ctrl-C).
            Mode::Dates { .. } => vec![X::StatsDates],
            Mode::Fichier { .. } => vec![X::StatsFichier],
            Mode::Liste if self.par_departement => vec![
                X::StatsPeriode,
                X::StatsDepartements,
                X::Stats,
                X::Partout,
                X::Toujours,
            ],
            Mode::Liste => vec![X::StatsPeriode, X::Stats, X::Partout, X::Toujours],
        }
    }

    fn action(&mut self, a: Action) -> Reponse {
        match self.mode {
            Mode::Liste => {
                // Not computed yet (or the computation failed): any action but closing asks
                // for it; one that changes the period, threshold or breakdown asks its own.
                let recalcule = matches!(
                    a,
                    Action::CeMois
                        | Action::MoisDernier
                        | Action::Annee
                        | Action::Dates
                        | Action::ParDepartement
                        | Action::SeuilPlus
                        | Action::SeuilMoins
                        | Action::Actualiser
                        | Action::Tendance
                        | Action::Retour
                );
                if self.tableau.is_none() && !recalcule {
                    return self.actualiser();
                }
                self.action_liste(a)
            }
            Mode::Dates { .. } => self.action_dates(a),
            Mode::Fichier { .. } => self.action_fichier(a),
        }
    }

    fn taper(&mut self, k: &KeyEvent) -> Reponse {
        if self.mode == Mode::Liste {
            return Reponse::Ignoree;
        }
        self.taper_champ(k);
        Reponse::Rien
    }

    fn recevoir(&mut self, r: ResultatPanneau) -> Reponse {
        match r {
            ResultatPanneau::Stats(r) => {
                self.installer(r);
                Reponse::Rien
            }
            ResultatPanneau::Tendance(r) => {
                self.tendance = Some(r);
                Reponse::Rien
            }
            ResultatPanneau::Export {
                chemin,
                lignes,
                resultat,
            } => self.exporte(chemin, lignes, resultat),
            ResultatPanneau::Fiche(..)
            | ResultatPanneau::Correction(_)
            | ResultatPanneau::Tableur(_) => Reponse::Rien,
        }
    }

    /// On opening and whenever another desk changes the data: the figures on screen are
    /// always those the export would send now.
    fn recharger(&mut self) -> Option<EffetPanneau> {
        Some(self.calcul())
    }

    fn prend_le_texte(&self) -> bool {
        !matches!(self.mode, Mode::Liste)
    }
}
