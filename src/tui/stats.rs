//! Statistics screen (issue 7): a period, the indicators as horizontal bars with their numbers,
//! per département on demand, and the export of exactly the table shown.
//!
//! The screen draws from the same `stats::Tableau` the export writes: every number, every
//! "masqué" is what the CSV would say (only the decimal separator is French here).
//!
//! The update is pure: the computation and the export's write are effects
//! (`EffetPanneau::CalculerStats`, `EffetPanneau::Exporter`) run by the executor, whose
//! results come back through `recevoir`.

use super::effets::{EffetPanneau, ResultatPanneau};
use super::{Issue, Panneau, Raccourci};
use crate::domain::{Blocage, Demarche, date_iso, parse_date};
use crate::stats::{Format, Indicateur, Ligne, Periode, Statut, Tableau, Valeur};
use crate::textes::moteur::date_fr;
use crate::textes::stats as t;
use crate::textes::stats::ecran as e;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
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
        du: String,
        au: String,
        champ: usize,
        erreur: Option<String>,
    },
    Fichier {
        nom: String,
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
}

const LARGEUR_BARRE: usize = 18;
const LARGEUR_LIBELLE: usize = 30;

/// The calendar month containing `d`, or the month before it.
fn mois_de(d: NaiveDate, decalage: i32) -> Periode {
    let (mut a, mut m) = (d.year(), d.month() as i32 + decalage);
    while m < 1 {
        m += 12;
        a -= 1;
    }
    Periode::mois(a, m as u32).unwrap_or(Periode { du: d, au: d })
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
        }
    }

    /// Asks for the figures of the period shown (on opening, on every change of period,
    /// threshold or breakdown, and when another desk changed the data).
    fn actualiser(&self) -> Issue {
        Issue::Effet(self.calcul())
    }

    fn calcul(&self) -> EffetPanneau {
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

    fn choisir(&mut self, choix: ChoixPeriode, periode: Periode) -> Issue {
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

    fn exporter(&mut self) -> Issue {
        let Mode::Fichier {
            nom,
            format,
            remplacer,
            ..
        } = &self.mode
        else {
            return Issue::Rien;
        };
        let nom = nom.trim().to_string();
        let (format, remplacer) = (*format, *remplacer);
        if nom.is_empty() {
            if let Mode::Fichier {
                erreur, remplacer, ..
            } = &mut self.mode
            {
                *erreur = Some(e::NOM_VIDE.into());
                *remplacer = false;
            }
            return Issue::Rien;
        }
        let Some(tab) = &self.tableau else {
            return Issue::Rien;
        };
        Issue::Effet(EffetPanneau::Exporter {
            nom,
            octets: tab.ecrire(format),
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
    ) -> Issue {
        let Mode::Fichier {
            remplacer, erreur, ..
        } = &mut self.mode
        else {
            return Issue::Rien;
        };
        match r {
            Ok(()) => {
                let msg = t::fichier_ecrit(&chemin, lignes);
                self.mode = Mode::Liste;
                self.message = Some(msg.clone());
                Issue::Message(msg)
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && !*remplacer => {
                *remplacer = true;
                *erreur = Some(e::fichier_existe(&chemin.display().to_string()));
                Issue::Rien
            }
            Err(err) => {
                *erreur = Some(t::ecriture_impossible(&chemin, &err));
                *remplacer = false;
                Issue::Rien
            }
        }
    }

    fn touche_liste(&mut self, k: KeyEvent) -> Issue {
        let n = self.lignes_bloc().len();
        match k.code {
            KeyCode::Esc => return Issue::Fermer,
            KeyCode::Char('m') => {
                return self.choisir(ChoixPeriode::CeMois, mois_de(self.aujourdhui, 0));
            }
            KeyCode::Char('p') => {
                return self.choisir(ChoixPeriode::MoisDernier, mois_de(self.aujourdhui, -1));
            }
            KeyCode::Char('a') => {
                let p = Periode::annee(self.aujourdhui.year()).unwrap_or(self.periode);
                return self.choisir(ChoixPeriode::Annee, p);
            }
            KeyCode::Char('d') => {
                self.mode = Mode::Dates {
                    du: date_fr(self.periode.du),
                    au: date_fr(self.periode.au),
                    champ: 0,
                    erreur: None,
                }
            }
            KeyCode::Char('t') => {
                self.par_departement = !self.par_departement;
                self.bloc = 0;
                return self.actualiser();
            }
            KeyCode::Right | KeyCode::Left if self.par_departement => {
                let blocs = self
                    .tableau
                    .as_ref()
                    .map(|t| t.departements().len())
                    .unwrap_or(0)
                    + 1;
                self.bloc = if k.code == KeyCode::Right {
                    (self.bloc + 1) % blocs
                } else {
                    (self.bloc + blocs - 1) % blocs
                };
                self.borner_selection();
            }
            KeyCode::Char('+') => {
                self.seuil = (self.seuil + 1).min(99);
                return self.actualiser();
            }
            KeyCode::Char('-') => {
                self.seuil = self.seuil.saturating_sub(1).max(1);
                return self.actualiser();
            }
            KeyCode::Char('e') if self.tableau.is_some() => {
                self.mode = Mode::Fichier {
                    nom: self.nom_fichier_defaut(),
                    format: Format::Csv,
                    remplacer: false,
                    erreur: None,
                }
            }
            KeyCode::Enter => return self.actualiser(),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selection = (self.selection + 1).min(n.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => self.selection = self.selection.saturating_sub(1),
            KeyCode::PageDown => self.selection = (self.selection + 10).min(n.saturating_sub(1)),
            KeyCode::PageUp => self.selection = self.selection.saturating_sub(10),
            KeyCode::Home => self.selection = 0,
            KeyCode::End => self.selection = n.saturating_sub(1),
            _ => return Issue::Ignoree,
        }
        Issue::Rien
    }

    fn touche_dates(&mut self, k: KeyEvent) -> Issue {
        let Mode::Dates {
            du,
            au,
            champ,
            erreur,
        } = &mut self.mode
        else {
            return Issue::Rien;
        };
        match k.code {
            KeyCode::Esc => self.mode = Mode::Liste,
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => *champ = 1 - *champ,
            KeyCode::Backspace => {
                champ_actif(du, au, *champ).pop();
            }
            KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                champ_actif(du, au, *champ).clear()
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                let texte = champ_actif(du, au, *champ);
                if texte.chars().count() < 10 {
                    texte.push(c);
                }
            }
            KeyCode::Enter => {
                let d1 = parse_date(du);
                let d2 = parse_date(au);
                match (d1, d2) {
                    (Err(_), _) => *erreur = Some(e::date_invalide(du)),
                    (_, Err(_)) => *erreur = Some(e::date_invalide(au)),
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
        Issue::Rien
    }

    fn touche_fichier(&mut self, k: KeyEvent) -> Issue {
        let Mode::Fichier {
            nom,
            format,
            remplacer,
            erreur,
        } = &mut self.mode
        else {
            return Issue::Rien;
        };
        match k.code {
            KeyCode::Esc => self.mode = Mode::Liste,
            KeyCode::Enter => return self.exporter(),
            KeyCode::Tab => {
                *format = if *format == Format::Csv {
                    Format::ExcelFr
                } else {
                    Format::Csv
                }
            }
            KeyCode::Backspace => {
                nom.pop();
                *remplacer = false;
                *erreur = None;
            }
            KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                nom.clear();
                *remplacer = false;
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                nom.push(c);
                *remplacer = false;
                *erreur = None;
            }
            _ => {}
        }
        Issue::Rien
    }

    /// The header lines: period choice, dates, threshold, block.
    fn entete(&self) -> Vec<Line<'static>> {
        let radio = |c: ChoixPeriode, nom: &str| {
            format!("({}) {nom}", if self.choix == c { "•" } else { " " })
        };
        let choix = format!(
            "{}  {}  {}  {}",
            radio(ChoixPeriode::CeMois, e::CE_MOIS),
            radio(ChoixPeriode::MoisDernier, e::MOIS_DERNIER),
            radio(ChoixPeriode::Annee, e::ANNEE),
            radio(ChoixPeriode::Dates, e::DATES),
        );
        let bloc = if self.par_departement {
            let n = self
                .tableau
                .as_ref()
                .map(|t| t.departements().len())
                .unwrap_or(0);
            format!(
                "{} ({}/{})",
                e::bloc(&self.nom_bloc()),
                self.bloc + 1,
                n + 1
            )
        } else {
            e::ENSEMBLE.to_string()
        };
        let infos = format!(
            "{} · {}",
            e::periode(&date_fr(self.periode.du), &date_fr(self.periode.au)),
            e::seuil(self.seuil),
        );
        vec![
            Line::from(choix),
            Line::from(infos),
            Line::from(format!("{}{bloc}", e::BLOC)),
        ]
    }

    /// One row of the list as text (without the selection mark).
    fn texte_ligne(&self, l: &Ligne) -> String {
        let libelle = match l.indicateur {
            Indicateur::Demarche => format!(
                "{} · {}",
                t::libelle_indicateur(Indicateur::Demarche),
                Demarche::depuis_code(l.modalite)
                    .map(|d| d.libelle())
                    .unwrap_or(l.modalite)
            ),
            Indicateur::Blocage => format!(
                "{} · {}",
                t::libelle_indicateur(Indicateur::Blocage),
                Blocage::depuis_code(l.modalite)
                    .map(|b| b.libelle())
                    .unwrap_or(l.modalite)
            ),
            i => t::libelle_indicateur(i).to_string(),
        };
        let libelle = crate::mise_en_page::tronquer(&libelle, LARGEUR_LIBELLE);
        let c = l.cellules(self.seuil);
        let fr = |s: &str| s.replace('.', ",");
        let base = c.base.clone();
        let detail = match (l.statut, l.valeur) {
            (Statut::Masque | Statut::MasqueSecondaire, _) => {
                let m = if l.statut == Statut::Masque {
                    e::masque(self.seuil)
                } else {
                    e::MASQUE_SECONDAIRE.to_string()
                };
                if base.is_empty() {
                    m
                } else {
                    format!("{m} · {}", e::base(l.base.unwrap_or(0)))
                }
            }
            (Statut::Ok, Valeur::Mediane(None)) => {
                format!("{} ({})", e::AUCUNE_VALEUR, e::base(0))
            }
            (Statut::Ok, Valeur::Mediane(Some(_))) => {
                let n = l.base.unwrap_or(0);
                let unite = if l.indicateur == Indicateur::AttenteCccMedianeMinutes {
                    e::minutes(n)
                } else {
                    e::jours(n)
                };
                format!("{} {unite}", fr(&c.valeur))
            }
            (Statut::Ok, Valeur::Compte(_)) => match l.pourcentage_dixiemes() {
                Some(d) => format!(
                    "{} {:>5} % · {} {}",
                    barre(d),
                    fr(&c.pourcentage),
                    c.valeur,
                    e::base(l.base.unwrap_or(0))
                ),
                None if l.base.is_some() => format!("{} {}", c.valeur, e::base(0)),
                None => c.valeur.clone(),
            },
        };
        format!("{libelle:LARGEUR_LIBELLE$} {detail}")
    }

    fn dessiner_liste(&self, f: &mut Frame, zone: Rect) {
        let lignes: Vec<String> = self
            .lignes_bloc()
            .iter()
            .map(|l| self.texte_ligne(l))
            .collect();
        let hauteur = zone.height as usize;
        if hauteur == 0 {
            return;
        }
        let mut defilement = self.defilement.get();
        if self.selection < defilement {
            defilement = self.selection;
        }
        if self.selection >= defilement + hauteur {
            defilement = self.selection + 1 - hauteur;
        }
        self.defilement.set(defilement);
        let mut texte = Vec::new();
        for (i, l) in lignes.iter().enumerate().skip(defilement).take(hauteur) {
            let choisie = i == self.selection;
            let marque = if choisie { "▸ " } else { "  " };
            let style = if choisie {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            texte.push(Line::styled(format!("{marque}{l}"), style));
        }
        f.render_widget(Paragraph::new(texte), zone);
        if !lignes.is_empty() {
            f.set_cursor_position(Position::new(
                zone.x,
                zone.y + (self.selection - defilement) as u16,
            ));
        }
    }
}

/// A bar of `LARGEUR_BARRE` cells for a percentage in tenths: `█` filled, `·` empty.
fn barre(dixiemes: u64) -> String {
    let plein = ((dixiemes.min(1000) * LARGEUR_BARRE as u64 + 500) / 1000) as usize;
    format!("{}{}", "█".repeat(plein), "·".repeat(LARGEUR_BARRE - plein))
}

fn champ_actif<'a>(du: &'a mut String, au: &'a mut String, champ: usize) -> &'a mut String {
    if champ == 0 { du } else { au }
}

/// The list's keys (← → only when the table is by département).
fn raccourcis_liste(par_departement: bool) -> Vec<Raccourci> {
    let r = |touche, action| Raccourci { touche, action };
    let mut v = vec![
        r("m", e::CE_MOIS),
        r("p", e::MOIS_DERNIER),
        r("a", e::ANNEE),
        r("d", e::R_DATES),
        r("t", e::R_DEPARTEMENTS),
    ];
    if par_departement {
        v.push(r("← →", e::R_BLOC));
    }
    v.extend([
        r("+ -", e::R_SEUIL),
        r("e", e::R_EXPORTER),
        r("Échap", e::R_FERMER),
        r("↑↓ j k", e::R_PARCOURIR),
    ]);
    v
}

/// The panel's keys as it opens: for the help.
pub fn raccourcis_accueil() -> Vec<Raccourci> {
    raccourcis_liste(false)
}

impl Panneau for EcranStats {
    fn dessiner(&self, f: &mut Frame, zone: Rect) {
        let cadre = Block::default().borders(Borders::ALL).title(e::TITRE);
        let interieur = cadre.inner(zone);
        f.render_widget(cadre, zone);
        if interieur.height < 4 {
            return;
        }
        let entete = Rect::new(interieur.x, interieur.y, interieur.width, 3);
        f.render_widget(Paragraph::new(self.entete()), entete);
        let bas = Rect::new(
            interieur.x,
            interieur.y + interieur.height - 1,
            interieur.width,
            1,
        );
        let corps = Rect::new(
            interieur.x,
            interieur.y + 3,
            interieur.width,
            interieur.height.saturating_sub(4),
        );
        match self.mode.clone() {
            Mode::Liste => {
                if self.tableau.is_none() {
                    f.render_widget(Paragraph::new(e::A_CHARGER), corps);
                } else {
                    self.dessiner_liste(f, corps);
                }
                if let Some(m) = &self.message {
                    f.render_widget(Paragraph::new(m.as_str()), bas);
                }
            }
            Mode::Dates {
                du,
                au,
                champ,
                erreur,
            } => {
                let l1 = format!("{}{du}", e::SAISIE_DU);
                let l2 = format!("{}{au}", e::SAISIE_AU);
                let x = if champ == 0 {
                    l1.chars().count()
                } else {
                    l2.chars().count()
                };
                let texte = vec![
                    Line::from(l1),
                    Line::from(l2),
                    Line::from(""),
                    Line::from(e::SAISIE_AIDE),
                ];
                f.render_widget(Paragraph::new(texte), corps);
                if let Some(m) = erreur {
                    f.render_widget(Paragraph::new(m), bas);
                }
                f.set_cursor_position(Position::new(corps.x + x as u16, corps.y + champ as u16));
            }
            Mode::Fichier {
                nom,
                format,
                erreur,
                ..
            } => {
                let l1 = format!("{}{nom}", e::FICHIER);
                let x = l1
                    .chars()
                    .count()
                    .min(corps.width.saturating_sub(1) as usize);
                let nom_format = match format {
                    Format::Csv => "csv",
                    Format::ExcelFr => "excel-fr",
                };
                let texte = vec![
                    Line::from(l1),
                    Line::from(e::format(nom_format)),
                    Line::from(""),
                    Line::from(e::FICHIER_AIDE),
                ];
                f.render_widget(Paragraph::new(texte), corps);
                if let Some(m) = erreur {
                    f.render_widget(Paragraph::new(m), bas);
                }
                f.set_cursor_position(Position::new(corps.x + x as u16, corps.y));
            }
        }
    }

    fn touche(&mut self, k: KeyEvent) -> Issue {
        // Not computed yet (or the computation failed): any key but Esc asks for it; a key
        // that changes the period, threshold or breakdown asks for its own.
        let change_calcul = matches!(
            k.code,
            KeyCode::Char('m' | 'p' | 'a' | 'd' | 't' | '+' | '-') | KeyCode::Enter
        );
        if self.tableau.is_none()
            && self.mode == Mode::Liste
            && k.code != KeyCode::Esc
            && !change_calcul
        {
            return self.actualiser();
        }
        match self.mode {
            Mode::Liste => self.touche_liste(k),
            Mode::Dates { .. } => self.touche_dates(k),
            Mode::Fichier { .. } => self.touche_fichier(k),
        }
    }

    fn recevoir(&mut self, r: ResultatPanneau) -> Issue {
        match r {
            ResultatPanneau::Stats(r) => {
                self.installer(r);
                Issue::Rien
            }
            ResultatPanneau::Export {
                chemin,
                lignes,
                resultat,
            } => self.exporte(chemin, lignes, resultat),
            ResultatPanneau::Fiche(..) | ResultatPanneau::Correction(_) => Issue::Rien,
        }
    }

    /// On opening and whenever another desk changes the data: the figures on screen are
    /// always those the export would send now.
    fn recharger(&mut self) -> Option<EffetPanneau> {
        Some(self.calcul())
    }

    fn laisse_passer(&self, _k: &KeyEvent) -> bool {
        // While dates or a file name are typed, every key is the field's.
        matches!(self.mode, Mode::Liste)
    }

    fn prend_le_texte(&self) -> bool {
        !matches!(self.mode, Mode::Liste)
    }

    fn raccourcis(&self) -> Vec<Raccourci> {
        let r = |touche, action| Raccourci { touche, action };
        match self.mode {
            Mode::Liste => raccourcis_liste(self.par_departement),
            Mode::Dates { .. } => vec![
                r("Tab", e::R_CHAMP),
                r("Entrée", e::R_VALIDER),
                r("Échap", e::R_ANNULER),
            ],
            Mode::Fichier { .. } => vec![
                r("Entrée", e::R_ECRIRE),
                r("Tab", e::R_FORMAT),
                r("Échap", e::R_ANNULER),
            ],
        }
    }
}
