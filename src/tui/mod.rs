//! The full-screen interface: key → the keymap (`clavier`) → a pure update that
//! returns effects (`app`, the panels) → the one effect executor (`effets`, the only place
//! with the store or a file path) → a pure render (`vue`). The loop redraws only when
//! something happened.

pub mod effets;
pub mod import;
pub mod prefecture;
pub mod stats;

use effets::{EffetPanneau, ResultatPanneau};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What a panel answers the application after a key or an effect's result (named so: an
/// "issue" would read as a problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reponse {
    /// Nothing to do (the panel updated itself).
    Rien,
    /// The key was not the panel's: the application may handle it (global keys).
    Ignoree,
    /// Close the panel and go back.
    Fermer,
    /// Show a message in the status line.
    Message(String),
    /// Ask the effect executor; its result comes back through `Panneau::recevoir`.
    Effet(EffetPanneau),
}

/// One key binding, as shown in the footer and in the `?` help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raccourci {
    pub touche: &'static str,
    pub action: &'static str,
}

/// A self-contained screen or overlay. Its keys are rows of the one keymap (`clavier`) in
/// the contexts it declares; it never matches keys by hand.
pub trait Panneau {
    /// Draws into `zone` (pure); sets the terminal cursor on the selected row or field.
    fn dessiner(&self, f: &mut Frame, zone: Rect);
    /// The keymap contexts active now, most specific first: the panel's own
    /// (`Contexte::du_panneau`), then the global ones it lets through (none while every key
    /// is a field's).
    fn contextes(&self) -> Vec<clavier::Contexte>;
    /// An action of one of its own contexts (pure: what needs the store or a file is
    /// returned as `Reponse::Effet`). `Reponse::Ignoree`: the application's meaning applies.
    fn action(&mut self, a: clavier::Action) -> Reponse;
    /// A key bound to nothing here: text for its field, if one is being typed in.
    fn taper(&mut self, _k: &KeyEvent) -> Reponse {
        Reponse::Ignoree
    }
    /// One key through the keymap: the panel's action, its text, or `Ignoree` for a global
    /// key (the application's).
    fn touche(&mut self, k: KeyEvent) -> Reponse {
        match clavier::resoudre_contexte(&k, &self.contextes()) {
            Some((a, cx)) if cx.du_panneau() => self.action(a),
            Some(_) => Reponse::Ignoree,
            None => self.taper(&k),
        }
    }
    /// The result of an effect the panel asked for.
    fn recevoir(&mut self, _r: ResultatPanneau) -> Reponse {
        Reponse::Rien
    }
    /// Its own keys that have a footer word, in the current contexts (the help shows the
    /// panel below it with these).
    fn raccourcis(&self) -> Vec<Raccourci> {
        clavier::raccourcis_panneau(&self.contextes(), false)
    }
    /// On opening, and when another process changed the database: what to reload (keeping
    /// the selection).
    fn recharger(&mut self) -> Option<EffetPanneau> {
        None
    }
    /// Something typed would be lost on quitting (the application then asks first).
    fn saisie_en_cours(&self) -> bool {
        false
    }
    /// Whether a text field of the panel is being typed in (pasted text then goes there,
    /// one character at a time; otherwise a paste is ignored).
    fn prend_le_texte(&self) -> bool {
        false
    }
}

pub mod app;
pub mod brouillon;
pub mod clavier;
pub mod editeur;
pub mod formulaire;
pub mod reessai;
pub mod terminal;
pub mod vue;

use crate::textes;
use chrono::NaiveDate;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use std::time::{Duration, Instant};

/// How often the database is checked for changes made by other desks.
const INTERVALLE_VERIFICATION: Duration = Duration::from_secs(1);

/// Restores the terminal however the loop ends (return, error, or unwinding panic).
struct Garde;

impl Drop for Garde {
    fn drop(&mut self) {
        restaurer();
    }
}

/// Leaves the alternate screen and raw mode, disables bracketed paste (errors ignored: the
/// terminal may be gone).
fn restaurer() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// Called when the interface stops without the volunteer asking (a signal, the terminal
/// lost), before the terminal is restored: what is being typed is kept as a draft at once
/// (in the base), offered again at the next start.
fn fin_imprevue(app: &mut app::App, store: &mut crate::store::Store, fin: terminal::Fin) {
    let _ = fin;
    app.maintenant = chrono::Local::now().naive_local();
    for e in app.brouillon_immediat() {
        app.executer(e, store);
    }
}

/// Keys, pastes and resizes that crossterm has (at most a screenful of them per call).
/// `Err` when reading the terminal failed.
fn lire_evenements(app: &mut app::App, store: &mut crate::store::Store) -> Result<bool, ()> {
    let mut a_dessiner = false;
    for _ in 0..256 {
        if !event::poll(Duration::ZERO).map_err(|_| ())? {
            break;
        }
        let lu = event::read().map_err(|_| ())?;
        app.touches_en_attente = event::poll(Duration::ZERO).map_err(|_| ())?;
        a_dessiner |= match lu {
            Event::Key(k) => {
                app.touche(k, store);
                true
            }
            Event::Paste(texte) => {
                app.coller(&texte, store);
                true
            }
            Event::Resize(largeur, hauteur) => {
                app.redimensionner(largeur, hauteur);
                true
            }
            _ => false,
        };
    }
    // The search put off while keys were waiting runs once, on what was typed last.
    app.touches_en_attente = false;
    if app.recherche_differee {
        app.executer(effets::Effet::Chercher, store);
    }
    Ok(a_dessiner)
}

/// Whether colours may be used: the NO_COLOR convention (any non-empty value disables them).
pub fn couleurs_permises() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// What is done before the first frame: the draft question (a short read) and, in the
/// terminal (`progressif`), the load begun (two short reads): its slices come after that
/// frame, between keys, with « Chargement de la liste… » shown meanwhile.
pub fn premier_chargement(app: &mut app::App, store: &mut crate::store::Store) {
    app.executer(effets::Effet::ProposerBrouillon, store);
    if app.message.is_none() {
        app.message = Some(textes::tui::CHARGEMENT_LISTE.into());
    }
    if app.progressif {
        app.executer(effets::Effet::Recharger, store);
    }
}

/// Opens the full-screen interface on an open store, until the volunteer quits.
/// The terminal is always restored (panic hook installed by ratatui, and a drop guard).
/// SIGHUP, SIGTERM, SIGINT or the loss of the terminal end it too (see `terminal`).
///
/// The screen is drawn only when something happened: a key, a paste, a resize, or a change
/// seen by the once-a-second `data_version` check (another desk, or a new day).
pub fn lancer(mut store: crate::store::Store, aujourdhui: NaiveDate) -> Result<(), String> {
    let (regles, avertissements) = crate::config::charger_regles();
    let benevole = store.benevole().to_string();
    // Short: a save behind another desk's write says so and is tried again (`reessai`).
    store
        .attendre_verrou(reessai::ATTENTE_VERROU)
        .map_err(|e| e.to_string())?;
    let mut app = app::App::nouveau(aujourdhui, regles, &benevole, couleurs_permises());
    app.chemin_base = Some(store.chemin().to_path_buf());
    app.modeles_locaux = Some(crate::config::dossier_modeles());
    app.maintenant = chrono::Local::now().naive_local();
    app.progressif = true;
    // One warning per line in the status area (shown until the first key, in place of the
    // loading message).
    if !avertissements.is_empty() {
        app.message = Some(avertissements.join("\n"));
    }
    premier_chargement(&mut app, &mut store);
    // Signals first: a SIGTERM from now on restores the terminal.
    let veille = terminal::Veille::installer(restaurer)?;
    let _garde = Garde;
    let mut terminal = ratatui::try_init().map_err(|e| e.to_string())?;
    // Pasted text arrives as one event: a line break in it is never taken for Enter (which
    // would save a form). Terminals without bracketed paste still send keys, as before.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let taille = terminal.size().map_err(|e| e.to_string())?;
    app.redimensionner(taille.width, taille.height);
    let mut a_dessiner = true;
    let mut derniere = Instant::now();
    let fin = loop {
        if a_dessiner {
            let Ok(taille) = terminal.size() else {
                break terminal::Fin::TerminalPerdu;
            };
            vue::cadrer(&mut app, taille.width, taille.height);
            if terminal.draw(|f| vue::dessiner(&app, f)).is_err() {
                break terminal::Fin::TerminalPerdu;
            }
            a_dessiner = false;
        }
        if app.quitter {
            return Ok(());
        }
        // A list being loaded (or the search index built): keys first, then the next
        // slice, without waiting.
        let attente = if app.travail_en_cours() {
            Duration::ZERO
        } else {
            INTERVALLE_VERIFICATION.saturating_sub(derniere.elapsed())
        };
        let mut touches_lues = false;
        match veille.attendre(attente) {
            terminal::Attente::Fin(f) => break f,
            terminal::Attente::Rien => {}
            terminal::Attente::Pret => match lire_evenements(&mut app, &mut store) {
                Ok(change) => {
                    a_dessiner = change;
                    touches_lues = change;
                }
                Err(()) => break terminal::Fin::TerminalPerdu,
            },
        }
        // The clock is read here, outside the update: "now" is state.
        let maintenant = chrono::Local::now().naive_local();
        for e in app.battement(maintenant) {
            app.executer(e, &mut store);
        }
        // A save refused by a busy base, tried again (its message changes: redraw).
        let reessais = app.reessai_du(maintenant);
        a_dessiner |= !reessais.is_empty();
        for e in reessais {
            app.executer(e, &mut store);
        }
        if app.travail_en_cours() && !touches_lues {
            app.executer(effets::Effet::AvancerChargement, &mut store);
            a_dessiner = true;
            continue;
        }
        // Keys just read are drawn first: the check (and a reload it may bring) waits for the
        // first turn without input, which comes at once (the wait above is then zero).
        if derniere.elapsed() >= INTERVALLE_VERIFICATION && !touches_lues {
            derniere = Instant::now();
            // The date is read here, outside the update: "today" is state.
            let jour = crate::config::aujourdhui().unwrap_or(app.aujourdhui);
            let change = app.executer_verification(jour, &mut store);
            a_dessiner |= change;
        }
    };
    fin_imprevue(&mut app, &mut store, fin);
    Ok(())
}
