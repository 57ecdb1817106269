//! The application state and its update logic: key → action (keymap, `clavier`) → update
//! (`mise_a_jour`: a pure state change returning effects) → the effect executor (`effets`,
//! store reads and writes, one short transaction each) → render (`vue`). `App::touche` glues
//! the steps for one key (it only hands the store to the executor). The update is tested
//! without SQLite (`app/tests.rs`); with a store, feed keys to `App::touche`.

use super::clavier::{self, Action, Contexte, Document};
use super::formulaire::{FormEvenement, FormPersonne, LigneSaisie, Valeur};
use super::{Panneau, Reponse};
use crate::domain::moteur::{ConnaissancePrefecture, Evaluation};
use crate::domain::regles::Regles;
use crate::domain::{Departement, Evenement, Personne};
use crate::jour::LigneJour;
use crate::lettres::Dossier;
use crate::store::{Store, Trace};
use crate::textes::tui as t;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

pub use super::effets::{Effet, charger_fiche};

mod mise_a_jour;
#[cfg(test)]
mod tests;

/// Everything the file shows about one person.
#[derive(Debug, Clone)]
pub struct DonneesFiche {
    pub personne: Personne,
    pub evenements: Vec<Evenement>,
    pub evaluation: Evaluation,
    pub prefecture: ConnaissancePrefecture,
    pub trace: Option<Trace>,
}

/// The start screen: the day's list (or everyone). Everyone is held, evaluated (`toutes`);
/// the rows shown are an index over them (`vue`), so `t` and back only change the index.
#[derive(Debug, Default)]
pub struct EtatListe {
    pub tous: bool,
    /// Every person, in `jour::trier`'s order.
    toutes: Vec<LigneJour>,
    /// The rows shown, as positions in `toutes`: the day's (`jour::est_du_jour`), or all.
    vue: Vec<u32>,
    pub selection: usize,
    /// First row on screen (kept by the renderer).
    pub decalage: usize,
    /// Rows drawn at the last rendering: `[debut, fin)` (kept by the renderer).
    pub visibles: (usize, usize),
    pub du_jour: usize,
    /// Counted as `vigie aujourdhui` counts them: rights lapsed, follow-ups overdue.
    pub rompus: usize,
    pub en_retard: usize,
    pub sommeil: usize,
    /// The day `toutes` was evaluated for, and the last number of the store's change log
    /// it integrates: a refresh re-evaluates only the people changed since.
    pub evaluee_le: Option<chrono::NaiveDate>,
    pub changement_vu: i64,
    /// The person selected when a full reload began (the rows are dropped meanwhile).
    pub selection_a_rendre: Option<i64>,
}

impl EtatListe {
    /// The rows shown, in order.
    pub fn lignes(&self) -> impl Iterator<Item = &LigneJour> {
        self.vue.iter().filter_map(|i| self.toutes.get(*i as usize))
    }

    /// Row `i` of those shown.
    pub fn ligne(&self, i: usize) -> Option<&LigneJour> {
        self.vue.get(i).and_then(|j| self.toutes.get(*j as usize))
    }

    /// How many rows are shown.
    pub fn nombre(&self) -> usize {
        self.vue.len()
    }

    /// Everyone held (to bring up to date in place; `montrer` after).
    pub fn toutes_mut(&mut self) -> &mut Vec<LigneJour> {
        &mut self.toutes
    }

    /// Replaces everyone held (`montrer` after).
    pub fn remplacer(&mut self, toutes: Vec<LigneJour>) {
        self.toutes = toutes;
    }

    /// Rebuilds the rows shown and the header's counts from everyone held, keeping the
    /// person selected when still shown.
    pub fn montrer(&mut self, garde: Option<i64>) {
        let tous = self.tous;
        self.vue = (0..self.toutes.len() as u32)
            .filter(|i| {
                let l = &self.toutes[*i as usize];
                tous || crate::jour::est_du_jour(&l.evaluation, l.visite_du_jour)
            })
            .collect();
        self.compter();
        self.selection = garde
            .and_then(|id| self.lignes().position(|l| l.personne.id == Some(id)))
            .unwrap_or(self.selection)
            .min(self.vue.len().saturating_sub(1));
    }

    /// The header's counts, of the day's rows of the list held (the same words and
    /// numbers as `vigie aujourdhui`): to see, rights lapsed, overdue, « en sommeil ».
    fn compter(&mut self) {
        use crate::domain::moteur::NiveauUrgence as N;
        let (mut n, mut rompus, mut retard, mut sommeil) = (0, 0, 0, 0);
        for l in self
            .toutes
            .iter()
            .filter(|l| crate::jour::est_du_jour(&l.evaluation, l.visite_du_jour))
        {
            n += 1;
            if l.en_sommeil {
                sommeil += 1;
            } else if l.evaluation.urgence == N::DroitsRompus {
                rompus += 1;
            } else if l.evaluation.urgence == N::SuiviEnRetard {
                retard += 1;
            }
        }
        (self.du_jour, self.rompus, self.en_retard, self.sommeil) = (n, rompus, retard, sommeil);
    }

    pub fn selectionnee(&self) -> Option<&Personne> {
        self.ligne(self.selection).map(|l| &l.personne)
    }
}

pub struct EtatFiche {
    pub id: i64,
    pub donnees: DonneesFiche,
    pub defilement: u16,
}

#[derive(Default)]
pub struct EtatRecherche {
    pub saisie: LigneSaisie,
    pub resultats: Vec<Personne>,
    pub selection: usize,
}

/// The preview of a document, and the field to save it to a text file.
pub struct EtatApercu {
    pub document: Document,
    /// What the document is made of (reloaded when another desk changes the database).
    pub dossier: Dossier,
    /// Exactly what a save writes: `textes::lettres::lettre` or `chronologie` of `dossier`.
    pub texte: String,
    pub defilement: u16,
    /// The file-name field, while the volunteer chooses where to save.
    pub nom_fichier: Option<LigneSaisie>,
    /// The folder a relative name is written in (the current directory).
    pub repertoire: PathBuf,
    /// What is wrong with the name typed (shown under the field).
    pub erreur_nom: Option<String>,
    /// An existing file the volunteer is asked about (overwrite or not).
    pub a_ecraser: Option<PathBuf>,
}

impl EtatApercu {
    pub fn nouveau(document: Document, dossier: Dossier) -> Self {
        let texte = texte_document(document, &dossier);
        EtatApercu {
            document,
            dossier,
            texte,
            defilement: 0,
            nom_fichier: None,
            repertoire: PathBuf::new(),
            erreur_nom: None,
            a_ecraser: None,
        }
    }

    /// `lettre-<REFERENCE>-<AAAA-MM-JJ>.txt` (or `chronologie-…`), dated the document's day.
    pub fn nom_defaut(&self) -> String {
        // References are letters, digits, - and _ (checked on entry); anything else in a name
        // would be a path, so it is replaced.
        let reference: String = self
            .dossier
            .personne
            .reference
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        t::nom_document(
            self.document == Document::Lettre,
            &reference,
            &crate::domain::date_iso(self.dossier.aujourdhui),
        )
    }
}

/// The text of a document (pure).
pub fn texte_document(document: Document, dossier: &Dossier) -> String {
    match document {
        Document::Lettre => crate::textes::lettres::lettre(dossier),
        Document::Chronologie => crate::textes::lettres::chronologie(dossier),
    }
}

/// Another desk changed the person while this one was editing.
pub struct EtatConflit {
    pub mienne: Personne,
    pub actuelle: Personne,
    pub modifie_par: String,
    pub form: Box<FormPersonne>,
    /// Anonymized or erased meanwhile: nothing of the form can be saved (no "keep mine").
    pub perte: Option<Perte>,
}

/// What another desk did to the person being edited, that no save can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perte {
    /// Anonymized by a retention purge.
    Anonymisee,
    /// Erased (right to erasure).
    Effacee,
}

/// The screens above the day's list (a stack: Esc goes back one).
pub enum Ecran {
    Fiche(Box<EtatFiche>),
    Saisie(Box<FormEvenement>),
    Personne(Box<FormPersonne>),
    Conflit(Box<EtatConflit>),
    Recherche(EtatRecherche),
    Apercu(Box<EtatApercu>),
    Aide {
        defilement: u16,
    },
    Panneau {
        titre: &'static str,
        panneau: Box<dyn Panneau>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    Quitter,
    Abandonner,
    /// The file chosen for a document exists: replace it?
    Ecraser,
    /// A draft was kept (`App::brouillon_propose`): resume it?
    Reprendre,
    /// The new person may already have a file (the form's `doublon`): open it?
    Doublon,
}

pub struct App {
    pub aujourdhui: NaiveDate,
    pub regles: Regles,
    pub benevole: String,
    /// False with NO_COLOR: urgency is then told by symbols, words, bold and reverse only.
    pub couleurs: bool,
    pub liste: EtatListe,
    pub pile: Vec<Ecran>,
    pub confirmation: Option<Confirmation>,
    pub message: Option<String>,
    pub quitter: bool,
    /// The terminal is below the minimum size (set on resize): keys (but Ctrl-C) wait.
    pub trop_petit: bool,
    pub(super) version_donnees: Option<i64>,
    /// The time of the last wake of the loop (state: the update reads no clock).
    pub maintenant: chrono::NaiveDateTime,
    /// What the form's draft was last kept as.
    pub suivi_brouillon: super::brouillon::Suivi,
    /// The draft offered at start, and how the question names it.
    pub brouillon_propose: Option<(crate::store::Brouillon, String)>,
    /// More keys are already waiting (set by the loop before each key): a search is then
    /// put off until the last of them (`recherche_differee`), so fast typing never queues
    /// searches for letters already replaced.
    pub touches_en_attente: bool,
    pub recherche_differee: bool,
    /// The base's file, shown in the `?` help.
    pub chemin_base: Option<std::path::PathBuf>,
    /// The desk's own letter templates' folder (set at start; `None`: the shipped ones only,
    /// as in the in-process tests, whatever the developer's configuration).
    pub modeles_locaux: Option<std::path::PathBuf>,
    /// A save refused because another desk holds the base, being tried again.
    pub reessai: Option<super::reessai::Reessai>,
    /// The list being computed slice by slice: the loop reads keys between slices.
    pub chargement: Option<crate::jour::Chargement>,
    /// Load the list slice by slice (the terminal's loop); in-process callers load it at once.
    pub progressif: bool,
    /// After a load in the terminal, the search index is built too, slice by slice.
    pub recherche_a_preparer: bool,
}

impl App {
    /// Work left for the loop's idle turns: a list being loaded, a search index to build.
    pub fn travail_en_cours(&self) -> bool {
        self.chargement.is_some() || self.recherche_a_preparer
    }
}

impl App {
    pub fn nouveau(aujourdhui: NaiveDate, regles: Regles, benevole: &str, couleurs: bool) -> Self {
        App {
            aujourdhui,
            regles,
            benevole: benevole.to_string(),
            couleurs,
            liste: EtatListe::default(),
            pile: Vec::new(),
            confirmation: None,
            message: None,
            quitter: false,
            trop_petit: false,
            version_donnees: None,
            maintenant: aujourdhui.and_time(chrono::NaiveTime::MIN),
            suivi_brouillon: Default::default(),
            brouillon_propose: None,
            touches_en_attente: false,
            recherche_differee: false,
            chemin_base: None,
            modeles_locaux: None,
            reessai: None,
            chargement: None,
            progressif: false,
            recherche_a_preparer: false,
        }
    }

    /// The screen on top (`None`: the day's list).
    pub fn ecran(&self) -> Option<&Ecran> {
        self.pile.last()
    }

    /// Some form on the stack holds typed, unsaved input.
    pub fn saisie_en_cours(&self) -> bool {
        self.pile.iter().any(|e| match e {
            Ecran::Saisie(f) => f.form.modifie(),
            Ecran::Personne(f) => f.form.modifie(),
            Ecran::Conflit(_) => true,
            Ecran::Panneau { panneau, .. } => panneau.saisie_en_cours(),
            _ => false,
        })
    }

    /// Active keymap contexts, most specific first. Esc (`Retour`) is not one of the plain
    /// day's list (nowhere to go back to); a question keeps only its answers and Ctrl-C.
    pub fn contextes_actifs(&self) -> Vec<Contexte> {
        use Contexte as X;
        if self.confirmation.is_some() {
            return vec![X::Confirmation, X::Interrompre];
        }
        let form = |f: &super::formulaire::Formulaire| match f.focalise().map(|c| &c.valeur) {
            Some(Valeur::Choix { .. }) => vec![X::Choix, X::Formulaire, X::PendantSaisie],
            Some(Valeur::Notes(_)) => vec![X::Notes, X::PendantSaisie],
            _ => vec![X::Formulaire, X::PendantSaisie],
        };
        let mut v = match self.ecran() {
            None if self.liste.tous => {
                vec![
                    X::Liste,
                    X::ListeFiche,
                    X::Defilement,
                    X::Partout,
                    X::Retour,
                ]
            }
            None => vec![X::Liste, X::ListeFiche, X::Defilement, X::Partout],
            Some(Ecran::Fiche(_)) => vec![X::ListeFiche, X::Defilement, X::Partout, X::Retour],
            Some(Ecran::Saisie(f)) => form(&f.form),
            Some(Ecran::Personne(f)) => form(&f.form),
            Some(Ecran::Conflit(c)) if c.perte.is_some() => vec![X::DossierPerdu],
            Some(Ecran::Conflit(_)) => vec![X::Conflit],
            Some(Ecran::Recherche(_)) => vec![X::Recherche, X::PendantSaisie],
            Some(Ecran::Apercu(a)) if a.nom_fichier.is_some() => vec![X::NomFichier],
            Some(Ecran::Apercu(_)) => vec![X::Apercu, X::Defilement, X::Partout, X::Retour],
            Some(Ecran::Aide { .. }) => vec![X::Defilement, X::Partout, X::Retour],
            // The panel says which global keys it lets through.
            Some(Ecran::Panneau { panneau, .. }) => {
                let mut v = panneau.contextes();
                if !v.contains(&X::Interrompre) {
                    v.push(X::Interrompre);
                }
                return v;
            }
        };
        v.extend([X::Toujours, X::Interrompre]);
        v
    }

    // -------------------------------------------------------------- input

    /// Handles one key: the keymap in the active contexts, then the update (the panel's
    /// for its own contexts), or typing; the effects returned are run by the executor.
    pub fn touche(&mut self, k: KeyEvent, store: &mut Store) {
        if k.kind == KeyEventKind::Release {
            return;
        }
        let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
        if self.trop_petit && !ctrl_c {
            return;
        }
        self.message = None;
        let resolu = clavier::resoudre_contexte(&k, &self.contextes_actifs());
        if self.confirmation.is_none()
            && let Some(Ecran::Panneau { panneau, .. }) = self.pile.last_mut()
        {
            let reponse = match resolu {
                Some((a, cx)) if cx.du_panneau() => panneau.action(a),
                Some(_) => Reponse::Ignoree,
                None => panneau.taper(&k),
            };
            // `Ignoree` for a bound key: the application's meaning (e.g. ? over the search).
            if reponse != Reponse::Ignoree || resolu.is_none() {
                for e in self.reponse_panneau(reponse) {
                    self.executer(e, store);
                }
                return;
            }
        }
        let effets = match resolu {
            Some((a, _)) => self.mettre_a_jour(a, &k),
            None => self.taper(&k),
        };
        for e in effets {
            self.executer(e, store);
        }
    }

    /// Text pasted in one go (bracketed paste): it goes into the field being typed in, line
    /// breaks included only in the notes; it never triggers an action, never saves a form.
    /// Pasted over a screen without a text field (the list, a file), it is ignored.
    pub fn coller(&mut self, texte: &str, store: &mut Store) {
        if self.trop_petit || self.confirmation.is_some() {
            return;
        }
        let effets = match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => {
                f.form.coller(texte);
                Vec::new()
            }
            Some(Ecran::Personne(f)) => {
                f.form.coller(texte);
                f.actualiser_aides();
                Vec::new()
            }
            Some(Ecran::Recherche(r)) => {
                if r.saisie.inserer(texte) {
                    vec![Effet::Chercher]
                } else {
                    Vec::new()
                }
            }
            Some(Ecran::Apercu(a)) => {
                if let Some(l) = &mut a.nom_fichier
                    && l.inserer(texte)
                {
                    a.erreur_nom = None;
                }
                Vec::new()
            }
            Some(Ecran::Panneau { panneau, .. }) if panneau.prend_le_texte() => {
                for c in super::formulaire::une_ligne(texte).chars() {
                    let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                    match self.pile.last_mut() {
                        Some(Ecran::Panneau { panneau, .. }) if panneau.prend_le_texte() => {
                            let reponse = panneau.touche(k);
                            for e in self.reponse_panneau(reponse) {
                                self.executer(e, store);
                            }
                        }
                        _ => break,
                    }
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
        for e in effets {
            self.executer(e, store);
        }
    }

    /// What a panel's answer means for the application (pure): closing it, a message, or
    /// an effect for the executor.
    pub(super) fn reponse_panneau(&mut self, reponse: Reponse) -> Vec<Effet> {
        match reponse {
            Reponse::Rien | Reponse::Ignoree => Vec::new(),
            Reponse::Fermer => {
                self.pile.pop();
                Vec::new()
            }
            Reponse::Message(m) => {
                self.message = Some(m);
                Vec::new()
            }
            Reponse::Effet(e) => vec![Effet::Panneau(e)],
        }
    }

    /// Opens a panel over the current screen, and asks what it needs loaded.
    fn ouvrir_panneau(&mut self, titre: &'static str, mut panneau: Box<dyn Panneau>) -> Vec<Effet> {
        let effet = panneau.recharger();
        self.pile.push(Ecran::Panneau { titre, panneau });
        effet.map(Effet::Panneau).into_iter().collect()
    }

    /// The terminal's size (at start and on every resize): below the minimum, keys but
    /// Ctrl-C wait.
    pub fn redimensionner(&mut self, largeur: u16, hauteur: u16) {
        self.trop_petit = largeur < super::vue::LARGEUR_MIN || hauteur < super::vue::HAUTEUR_MIN;
    }

    /// Text typed into the focused field or the search box.
    fn taper(&mut self, k: &KeyEvent) -> Vec<Effet> {
        match self.pile.last_mut() {
            Some(Ecran::Saisie(f)) => f.form.saisir(k),
            Some(Ecran::Personne(f)) => {
                f.form.saisir(k);
                f.actualiser_aides();
            }
            Some(Ecran::Apercu(a)) => {
                if let Some(l) = &mut a.nom_fichier
                    && l.touche(k)
                {
                    a.erreur_nom = None;
                }
            }
            Some(Ecran::Recherche(r)) => {
                let change = r.saisie.touche(k);
                return if change {
                    vec![Effet::Chercher]
                } else {
                    Vec::new()
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// The person the current screen is about (the file, a form, or the selected row).
    fn personne_courante(&self) -> Option<&Personne> {
        match self.ecran() {
            None => self.liste.selectionnee(),
            Some(Ecran::Fiche(f)) => Some(&f.donnees.personne),
            Some(Ecran::Saisie(f)) => Some(&f.personne),
            Some(Ecran::Personne(f)) => f.base.as_ref(),
            Some(Ecran::Apercu(a)) => Some(&a.dossier.personne),
            Some(Ecran::Recherche(r)) => r.resultats.get(r.selection),
            _ => None,
        }
    }

    /// Installs a list built elsewhere (e.g. by `jour::liste_du_jour` in snapshot tests);
    /// the header counts follow the engine's rule (`jour::est_du_jour`).
    pub fn installer_liste(&mut self, lignes: Vec<LigneJour>, tous: bool) {
        self.liste.remplacer(lignes);
        self.liste.tous = tous;
        self.liste.selection = 0;
        self.liste.montrer(None);
    }

    /// Opens the preview of a prepared document (snapshot tests).
    pub fn installer_apercu(&mut self, document: Document, dossier: Dossier) {
        self.pile.push(Ecran::Apercu(Box::new(EtatApercu::nouveau(
            document, dossier,
        ))));
    }

    /// Opens a prepared file (snapshot tests).
    pub fn installer_fiche(&mut self, donnees: DonneesFiche) {
        let id = donnees.personne.id.unwrap_or(0);
        self.pile.push(Ecran::Fiche(Box::new(EtatFiche {
            id,
            donnees,
            defilement: 0,
        })));
    }
}

/// Search results where a word of the name starts with what was typed come first, then a
/// word of the first name or reference ("dia" finds DIALLO before NADIA); the store's order
/// is kept otherwise.
pub fn classer_resultats(mut v: Vec<Personne>, requete: &str) -> Vec<Personne> {
    let q = crate::domain::recherche::Requete::nouvelle(requete);
    let rang = |p: &Personne| -> u8 {
        if q.commence_un_mot(&p.nom) {
            0
        } else if p.prenom.as_deref().is_some_and(|s| q.commence_un_mot(s))
            || q.commence_un_mot(&p.reference)
        {
            1
        } else {
            2
        }
    };
    v.sort_by_key(|p| rang(p));
    v
}

/// "Relance en retard": a follow-up date past (as `vigie aujourdhui` counts it).
pub fn en_retard(e: &Evaluation) -> bool {
    e.urgence == crate::domain::moteur::NiveauUrgence::SuiviEnRetard
}
