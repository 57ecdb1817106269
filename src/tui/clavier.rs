//! The one keymap: every binding with the contexts where it works. The footer (keys that
//! work here) and the `?` help are both generated from `TABLE`, and `resoudre` turns a key
//! into an action with the same table, so what is shown is what works.

use crate::domain::TypeEvenement;
use crate::textes::tui::contextes as c;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. A screen has an ordered list of active contexts, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contexte {
    /// Ctrl keys that work everywhere, even while typing.
    Toujours,
    /// Global letter keys: every screen except while typing in a field.
    Partout,
    /// Function keys that open the panels while typing (a form, the search): the panel
    /// comes over the form, Esc brings the form back as it was.
    PendantSaisie,
    /// Moving in a list or a scrolled text.
    Defilement,
    Liste,
    /// Quick entry and edition from the list or a file.
    ListeFiche,
    Fiche,
    Formulaire,
    Choix,
    Notes,
    Recherche,
    Confirmation,
    Conflit,
    /// The conflict screen when the person was anonymized or erased meanwhile: only Esc.
    DossierPerdu,
    /// The preview of a document (registered letter, chronology).
    Apercu,
    /// The file-name field of a document being saved.
    NomFichier,
    /// Esc goes back: every screen but the plain day's list, where it has nowhere to go
    /// (shown in the help with `Partout`).
    Retour,
    /// Ctrl-C: even while a question waits (shown in the help with `Toujours`).
    Interrompre,
    /// The préfecture panel: its search and card.
    Prefecture,
    /// The préfecture panel's correction form.
    Correction,
    /// Its field chosen with the arrows (the field, or a coded value).
    CorrectionChoix,
    /// The statistics panel: the period keys, then ← → when the table is by département,
    /// then the rest of the list's keys.
    StatsPeriode,
    StatsDepartements,
    Stats,
    /// The statistics panel's date fields and export file-name field.
    StatsDates,
    StatsFichier,
    /// The import screen: its mapping, then its file field.
    Import,
    ImportFichier,
}

/// The documents a person's file can be previewed and saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The registered letter to the préfecture (`textes::lettres::lettre`).
    Lettre,
    /// The chronology for a lawyer or the Défenseur des droits (`textes::lettres::chronologie`).
    Chronologie,
}

impl Contexte {
    pub fn titre(self) -> &'static str {
        match self.section() {
            Contexte::Toujours => c::TOUJOURS,
            Contexte::Partout => c::PARTOUT,
            Contexte::PendantSaisie => c::PENDANT_SAISIE,
            Contexte::Defilement => c::DEFILEMENT,
            Contexte::Liste => c::LISTE,
            Contexte::ListeFiche => c::LISTE_FICHE,
            Contexte::Fiche => c::FICHE,
            Contexte::Formulaire => c::FORMULAIRE,
            Contexte::Choix => c::CHOIX,
            Contexte::Notes => c::NOTES,
            Contexte::Recherche => c::RECHERCHE,
            Contexte::Confirmation => c::CONFIRMATION,
            Contexte::Conflit => c::CONFLIT,
            Contexte::DossierPerdu => c::DOSSIER_PERDU,
            Contexte::Apercu => c::APERCU,
            Contexte::NomFichier => c::NOM_FICHIER,
            Contexte::Retour | Contexte::Interrompre => c::PARTOUT,
            Contexte::Prefecture | Contexte::Correction | Contexte::CorrectionChoix => {
                crate::textes::tui::ECRAN_PREFECTURE
            }
            Contexte::StatsPeriode
            | Contexte::StatsDepartements
            | Contexte::Stats
            | Contexte::StatsDates
            | Contexte::StatsFichier => crate::textes::tui::ECRAN_STATS,
            Contexte::Import | Contexte::ImportFichier => crate::textes::tableur::ECRAN_IMPORT,
        }
    }

    /// The section of the help a binding of this context is listed in.
    pub fn section(self) -> Contexte {
        match self {
            Contexte::Retour => Contexte::Partout,
            Contexte::Interrompre => Contexte::Toujours,
            autre => autre,
        }
    }

    /// A panel's own context: a key resolved there is the panel's (`Panneau::action`).
    pub fn du_panneau(self) -> bool {
        matches!(
            self,
            Contexte::Prefecture
                | Contexte::Correction
                | Contexte::CorrectionChoix
                | Contexte::StatsPeriode
                | Contexte::StatsDepartements
                | Contexte::Stats
                | Contexte::StatsDates
                | Contexte::StatsFichier
                | Contexte::Import
                | Contexte::ImportFichier
        )
    }

    /// Order of the sections of the help.
    pub const ORDRE_AIDE: [Contexte; 16] = [
        Contexte::Liste,
        Contexte::ListeFiche,
        Contexte::Fiche,
        Contexte::Apercu,
        Contexte::NomFichier,
        Contexte::Defilement,
        Contexte::Partout,
        Contexte::Toujours,
        Contexte::PendantSaisie,
        Contexte::Recherche,
        Contexte::Formulaire,
        Contexte::Choix,
        Contexte::Notes,
        Contexte::Confirmation,
        Contexte::Conflit,
        Contexte::DossierPerdu,
    ];
}

/// What a key asks for. Updates are written against actions, never against raw keys
/// (except text typed into a field, and the digit of `ChoisirChiffre`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Haut,
    Bas,
    PageHaut,
    PageBas,
    Debut,
    Fin,
    Ouvrir,
    Retour,
    Quitter,
    Aide,
    Chercher,
    BasculerTous,
    NouvellePersonne,
    ModifierPersonne,
    Saisir(TypeEvenement),
    Prefecture,
    Statistiques,
    ChampSuivant,
    ChampPrecedent,
    ChoixSuivant,
    ChoixPrecedent,
    ChoisirChiffre,
    Enregistrer,
    Oui,
    Non,
    GarderMienne,
    GarderAutre,
    /// Preview a document of the selected or shown person.
    Apercu(Document),
    /// Open the file-name field to save the previewed document.
    EnregistrerSous,
    /// Préfecture panel: the correction form of the card shown.
    Corriger,
    /// Statistics panel: the period, the breakdown, the threshold, the export.
    CeMois,
    MoisDernier,
    Annee,
    Dates,
    ParDepartement,
    SeuilPlus,
    SeuilMoins,
    Exporter,
    FormatSuivant,
    Actualiser,
    /// From the list: the import screen; there, ignore the selected column.
    ImportTableur,
    Ignorer,
    /// Statistics: the trend of the last 12 months (and back).
    Tendance,
}

/// One key (a code, with or without Ctrl).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touche {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// A binding: keys, the label shown, what it does, where.
#[derive(Debug, Clone, Copy)]
pub struct Liaison {
    pub touches: &'static [Touche],
    pub etiquette: &'static str,
    pub action: Action,
    pub description: &'static str,
    pub contextes: &'static [Contexte],
    /// The short word shown in the footer, if it is shown there (the help shows every
    /// binding with its full description).
    pub pied: Option<&'static str>,
}

pub use table::TABLE;

mod liaisons;
mod table;
#[cfg(test)]
mod tests;

/// Resolves a key in the active contexts (most specific first): the action.
pub fn resoudre(cle: &KeyEvent, actifs: &[Contexte]) -> Option<Action> {
    resoudre_contexte(cle, actifs).map(|(a, _)| a)
}

/// Resolves a key: the action and the context it was found in (a panel's own context
/// means the panel acts).
pub fn resoudre_contexte(cle: &KeyEvent, actifs: &[Contexte]) -> Option<(Action, Contexte)> {
    let ctrl = cle.modifiers.contains(KeyModifiers::CONTROL);
    let code = match cle.code {
        // Some terminals send Ctrl-letters in upper case.
        KeyCode::Char(ch) if ctrl => KeyCode::Char(ch.to_ascii_lowercase()),
        autre => autre,
    };
    let t = Touche { code, ctrl };
    let (i, cx) = ligne(&t, actifs)?;
    Some((action_precise(TABLE[i].action, code), cx))
}

/// The row (index in `TABLE`) and context a key reaches in the active contexts.
fn ligne(t: &Touche, actifs: &[Contexte]) -> Option<(usize, Contexte)> {
    actifs.iter().find_map(|cx| {
        TABLE
            .iter()
            .position(|li| li.contextes.contains(cx) && li.touches.contains(t))
            .map(|i| (i, *cx))
    })
}

/// Bindings that share one line in the help carry the "first" action; the key says which.
fn action_precise(a: Action, code: KeyCode) -> Action {
    match (a, code) {
        (Action::Haut, KeyCode::Down | KeyCode::Char('j')) => Action::Bas,
        (Action::PageHaut, KeyCode::PageDown) => Action::PageBas,
        (Action::Debut, KeyCode::End) => Action::Fin,
        (Action::ChoixSuivant, KeyCode::Left) => Action::ChoixPrecedent,
        (Action::ChampSuivant, KeyCode::BackTab | KeyCode::Up) => Action::ChampPrecedent,
        (Action::SeuilPlus, KeyCode::Char('-')) => Action::SeuilMoins,
        _ => a,
    }
}

/// The footer: the bindings with a footer word in the active contexts, each labelled with
/// the keys that really reach it here (a key taken by a more specific context is left out:
/// "S/F3" becomes "F3"; a binding with none left is not shown). The panel's keys come
/// first, then the global ones (help, quit, back) so they are never cut off; opening the
/// other panels comes last.
pub fn pied(actifs: &[Contexte]) -> Vec<(String, &'static str)> {
    let globaux = [
        Contexte::Partout,
        Contexte::Toujours,
        Contexte::Retour,
        Contexte::Interrompre,
    ];
    // The passes: each panel context, then the global ones together (in the table's
    // order), then each other context.
    let mut passes: Vec<Vec<Contexte>> = actifs
        .iter()
        .filter(|c| c.du_panneau())
        .map(|c| vec![*c])
        .collect();
    passes.push(
        actifs
            .iter()
            .filter(|c| globaux.contains(c))
            .copied()
            .collect(),
    );
    passes.extend(
        actifs
            .iter()
            .filter(|c| !c.du_panneau() && !globaux.contains(c))
            .map(|c| vec![*c]),
    );
    let mut v: Vec<(&'static Liaison, String, bool)> = Vec::new();
    for passe in passes {
        for (i, li) in TABLE.iter().enumerate() {
            let dans = li.contextes.iter().any(|c| passe.contains(c));
            let Some(court) = li.pied.filter(|_| dans) else {
                continue;
            };
            let vivantes: Vec<&Touche> = li
                .touches
                .iter()
                .filter(|t| ligne(t, actifs).is_some_and(|(j, _)| j == i))
                .collect();
            // A row without keys describes typing (e.g. the préfecture search).
            if vivantes.is_empty() && !li.touches.is_empty() {
                continue;
            }
            let etiquette = if vivantes.len() == li.touches.len() {
                li.etiquette.to_string()
            } else {
                let noms: Vec<String> = vivantes.iter().map(|t| nom_touche(t)).collect();
                noms.join("/")
            };
            // One key per action and word: "? aide" makes "F1 aide" needless.
            let deja = v.iter().any(|(e, et, _)| {
                let meme_action = e.action == li.action && !e.touches.is_empty();
                *et == etiquette || (meme_action && e.pied == Some(court))
            });
            if !deja {
                let secondaire = matches!(li.action, Action::Prefecture | Action::Statistiques);
                v.push((li, etiquette, secondaire));
            }
        }
    }
    v.sort_by_key(|(_, _, secondaire)| *secondaire);
    v.into_iter()
        .filter_map(|(li, etiquette, _)| li.pied.map(|court| (etiquette, court)))
        .collect()
}

/// The name of one key, as the footer writes it.
pub fn nom_touche(t: &Touche) -> String {
    let base = match t.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Esc => "Échap".to_string(),
        KeyCode::Enter => "Entrée".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        autre => format!("{autre:?}"),
    };
    if t.ctrl {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

/// The full help: one section per context (`Contexte::section`), every binding; the panels'
/// bindings are listed by `raccourcis_panneau`.
pub fn aide() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Contexte::ORDRE_AIDE
        .iter()
        .map(|cx| {
            (
                cx.titre(),
                TABLE
                    .iter()
                    .filter(|li| li.contextes.iter().any(|c| c.section() == *cx))
                    .map(|li| (li.etiquette, li.description))
                    .collect(),
            )
        })
        .filter(|(_, v): &(_, Vec<_>)| !v.is_empty())
        .collect()
}

/// A panel's bindings in `contextes` (its own contexts only), as label and word: every one
/// for the help (`tout`), or those with a footer word.
pub fn raccourcis_panneau(contextes: &[Contexte], tout: bool) -> Vec<super::Raccourci> {
    let mut v: Vec<super::Raccourci> = Vec::new();
    for cx in contextes.iter().filter(|c| c.du_panneau()) {
        // A global row the panel lets through (? and / over the search) is the application's.
        let siennes = TABLE
            .iter()
            .filter(|li| li.contextes.contains(cx) && li.contextes.iter().all(|c| c.du_panneau()));
        for li in siennes {
            let action = match li.pied {
                Some(court) => court,
                None if tout => li.description,
                None => continue,
            };
            let r = super::Raccourci {
                touche: li.etiquette,
                action,
            };
            if !v.contains(&r) {
                v.push(r);
            }
        }
    }
    v
}
