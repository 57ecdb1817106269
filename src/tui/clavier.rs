//! The one keymap: every binding with the contexts where it works. The footer (keys that
//! work here) and the `?` help are both generated from `TABLE`, and `resoudre` turns a key
//! into an action with the same table, so what is shown is what works.

use crate::domain::TypeEvenement;
use crate::textes::tui::{contextes as c, pied as k_, touches as d};
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
    /// The preview of a document (registered letter, chronology).
    Apercu,
    /// The file-name field of a document being saved.
    NomFichier,
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
        match self {
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
            Contexte::Apercu => c::APERCU,
            Contexte::NomFichier => c::NOM_FICHIER,
        }
    }

    /// Order of the sections of the help.
    pub const ORDRE_AIDE: [Contexte; 15] = [
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
}

/// One key (a code, with or without Ctrl).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touche {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(ch: char) -> Touche {
    Touche {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}
const fn ctrl(ch: char) -> Touche {
    Touche {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}
const fn code(code: KeyCode) -> Touche {
    Touche { code, ctrl: false }
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

use Contexte as X;

const CHIFFRES: [Touche; 9] = [
    k('1'),
    k('2'),
    k('3'),
    k('4'),
    k('5'),
    k('6'),
    k('7'),
    k('8'),
    k('9'),
];

const fn l(
    touches: &'static [Touche],
    etiquette: &'static str,
    action: Action,
    description: &'static str,
    contextes: &'static [Contexte],
    pied: Option<&'static str>,
) -> Liaison {
    Liaison {
        touches,
        etiquette,
        action,
        description,
        contextes,
        pied,
    }
}

/// THE keymap.
pub const TABLE: &[Liaison] = &[
    // confirmations and conflicts first: they take precedence
    l(
        &[k('o'), k('O')],
        "o",
        Action::Oui,
        d::OUI,
        &[X::Confirmation],
        Some(k_::OUI),
    ),
    l(
        &[k('n'), k('N'), code(KeyCode::Esc)],
        "n/Échap",
        Action::Non,
        d::NON,
        &[X::Confirmation],
        Some(k_::NON),
    ),
    l(
        &[k('m')],
        "m",
        Action::GarderMienne,
        d::GARDER_MIENNE,
        &[X::Conflit],
        Some(k_::GARDER_MIENNE),
    ),
    l(
        &[k('e')],
        "e",
        Action::GarderAutre,
        d::GARDER_AUTRE,
        &[X::Conflit],
        Some(k_::GARDER_AUTRE),
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::FUSIONNER,
        &[X::Conflit],
        Some(k_::FUSIONNER),
    ),
    // list and file
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Ouvrir,
        d::OUVRIR_FICHE,
        &[X::Liste],
        Some(k_::FICHE),
    ),
    l(
        &[k('t')],
        "t",
        Action::BasculerTous,
        d::TOUS,
        &[X::Liste],
        Some(k_::TOUS),
    ),
    l(
        &[k('c')],
        "c",
        Action::Saisir(TypeEvenement::Ccc),
        d::CCC,
        &[X::ListeFiche],
        Some(k_::CCC),
    ),
    l(
        &[k('p')],
        "p",
        Action::Saisir(TypeEvenement::Pan),
        d::PAN,
        &[X::ListeFiche],
        Some(k_::PAN),
    ),
    l(
        &[k('v')],
        "v",
        Action::Saisir(TypeEvenement::Visite),
        d::VISITE,
        &[X::ListeFiche],
        Some(k_::VISITE),
    ),
    l(
        &[k('s')],
        "s",
        Action::Saisir(TypeEvenement::Substitution),
        d::SUBSTITUTION,
        &[X::ListeFiche],
        None,
    ),
    l(
        &[k('r')],
        "r",
        Action::Saisir(TypeEvenement::Recommande),
        d::RECOMMANDE,
        &[X::ListeFiche],
        None,
    ),
    l(
        &[k('a')],
        "a",
        Action::Saisir(TypeEvenement::Avocat),
        d::AVOCAT,
        &[X::ListeFiche],
        None,
    ),
    l(
        &[k('d')],
        "d",
        Action::Saisir(TypeEvenement::DefenseurDroits),
        d::DEFENSEUR,
        &[X::ListeFiche],
        None,
    ),
    l(
        &[k('i')],
        "i",
        Action::Saisir(TypeEvenement::ApiDelivree),
        d::API,
        &[X::ListeFiche],
        None,
    ),
    l(
        &[k('x')],
        "x",
        Action::Saisir(TypeEvenement::Cloture),
        d::CLOTURE,
        &[X::ListeFiche],
        None,
    ),
    l(
        &[k('m')],
        "m",
        Action::ModifierPersonne,
        d::MODIFIER,
        &[X::ListeFiche],
        Some(k_::MODIFIER),
    ),
    l(
        &[k('L')],
        "L",
        Action::Apercu(Document::Lettre),
        d::APERCU_LETTRE,
        &[X::ListeFiche],
        Some(k_::LETTRE),
    ),
    l(
        &[k('H')],
        "H",
        Action::Apercu(Document::Chronologie),
        d::APERCU_CHRONOLOGIE,
        &[X::ListeFiche],
        Some(k_::CHRONOLOGIE),
    ),
    l(
        &[k('n')],
        "n",
        Action::NouvellePersonne,
        d::NOUVELLE,
        &[X::Liste],
        Some(k_::NOUVELLE),
    ),
    // moving
    l(
        &[code(KeyCode::Up), k('k'), code(KeyCode::Down), k('j')],
        "↑↓ j k",
        Action::Haut,
        d::HAUT_BAS,
        &[X::Defilement],
        Some(k_::DEPLACER),
    ),
    l(
        &[code(KeyCode::PageUp), code(KeyCode::PageDown)],
        "PgPréc PgSuiv",
        Action::PageHaut,
        d::PAGE,
        &[X::Defilement],
        None,
    ),
    l(
        &[code(KeyCode::Home), code(KeyCode::End)],
        "Début Fin",
        Action::Debut,
        d::DEBUT_FIN,
        &[X::Defilement],
        None,
    ),
    // search
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Ouvrir,
        d::RESULTAT_OUVRIR,
        &[X::Recherche],
        Some(k_::FICHE),
    ),
    l(
        &[code(KeyCode::Up), code(KeyCode::Down)],
        "↑↓",
        Action::Haut,
        d::HAUT_BAS,
        &[X::Recherche],
        Some(k_::CHOISIR),
    ),
    // forms
    l(
        &CHIFFRES,
        "1…9",
        Action::ChoisirChiffre,
        d::CHOIX,
        &[X::Choix],
        Some(k_::CHOIX),
    ),
    l(
        &[code(KeyCode::Left), code(KeyCode::Right), k(' ')],
        "← → Espace",
        Action::ChoixSuivant,
        d::CHOIX_FLECHES,
        &[X::Choix],
        None,
    ),
    l(
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        "Tab Maj-Tab",
        Action::ChampSuivant,
        d::CHAMP_SUIVANT,
        &[X::Formulaire, X::Notes],
        Some(k_::CHAMP),
    ),
    l(
        &[code(KeyCode::Down), code(KeyCode::Up)],
        "↓↑",
        Action::ChampSuivant,
        d::CHAMP_SUIVANT,
        &[X::Formulaire],
        None,
    ),
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Enregistrer,
        d::ENREGISTRER,
        &[X::Formulaire],
        Some(k_::ENREGISTRER),
    ),
    l(
        &[ctrl('s')],
        "Ctrl-S",
        Action::Enregistrer,
        d::ENREGISTRER_PARTOUT,
        &[X::Formulaire, X::Notes],
        Some(k_::ENREGISTRER_PARTOUT),
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::ANNULER,
        &[X::Formulaire, X::Notes],
        Some(k_::ANNULER),
    ),
    // document preview and its file-name field
    l(
        &[k('e'), ctrl('s')],
        "e/Ctrl-S",
        Action::EnregistrerSous,
        d::ENREGISTRER_SOUS,
        &[X::Apercu],
        Some(k_::ENREGISTRER_SOUS),
    ),
    l(
        // Ctrl-S again (it opened this field) writes, as Enter does.
        &[code(KeyCode::Enter), ctrl('s')],
        "Entrée/Ctrl-S",
        Action::Enregistrer,
        d::ECRIRE_FICHIER,
        &[X::NomFichier],
        Some(k_::ECRIRE_FICHIER),
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::ANNULER,
        &[X::NomFichier],
        Some(k_::ANNULER),
    ),
    // global
    l(
        &[k('/')],
        "/",
        Action::Chercher,
        d::CHERCHER,
        &[X::Partout],
        Some(k_::CHERCHER),
    ),
    l(
        &[k('P'), code(KeyCode::F(2))],
        "P/F2",
        Action::Prefecture,
        d::PREFECTURE,
        &[X::Partout],
        Some(k_::PREFECTURE),
    ),
    l(
        &[k('S'), code(KeyCode::F(3))],
        "S/F3",
        Action::Statistiques,
        d::STATS,
        &[X::Partout],
        Some(k_::STATS),
    ),
    l(
        &[code(KeyCode::F(2))],
        "F2",
        Action::Prefecture,
        d::PREFECTURE,
        &[X::PendantSaisie],
        Some(k_::PREFECTURE),
    ),
    l(
        &[code(KeyCode::F(3))],
        "F3",
        Action::Statistiques,
        d::STATS,
        &[X::PendantSaisie],
        Some(k_::STATS),
    ),
    l(
        &[k('?')],
        "?",
        Action::Aide,
        d::AIDE,
        &[X::Partout],
        Some(k_::AIDE),
    ),
    l(
        // Shown in the footer where ? is text (forms, search): the help stays reachable.
        &[code(KeyCode::F(1))],
        "F1",
        Action::Aide,
        d::AIDE,
        &[X::Toujours],
        Some(k_::AIDE),
    ),
    l(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        d::RETOUR,
        &[X::Partout, X::Recherche],
        Some(k_::RETOUR),
    ),
    l(
        &[k('q')],
        "q",
        Action::Quitter,
        d::QUITTER,
        &[X::Partout],
        Some(k_::QUITTER),
    ),
    l(
        &[ctrl('c')],
        "Ctrl-C",
        Action::Quitter,
        d::QUITTER_CTRL_C,
        &[X::Toujours],
        None,
    ),
];

/// Resolves a key in the active contexts (most specific first): the action and the binding.
pub fn resoudre(cle: &KeyEvent, actifs: &[Contexte]) -> Option<Action> {
    let ctrl = cle.modifiers.contains(KeyModifiers::CONTROL);
    let code = match cle.code {
        // Some terminals send Ctrl-letters in upper case.
        KeyCode::Char(ch) if ctrl => KeyCode::Char(ch.to_ascii_lowercase()),
        autre => autre,
    };
    for cx in actifs {
        for li in TABLE.iter().filter(|li| li.contextes.contains(cx)) {
            if let Some(t) = li.touches.iter().find(|t| t.code == code && t.ctrl == ctrl) {
                return Some(action_precise(li.action, t.code));
            }
        }
    }
    None
}

/// Bindings that share one line in the help carry the "first" action; the key says which.
fn action_precise(a: Action, code: KeyCode) -> Action {
    match (a, code) {
        (Action::Haut, KeyCode::Down | KeyCode::Char('j')) => Action::Bas,
        (Action::PageHaut, KeyCode::PageDown) => Action::PageBas,
        (Action::Debut, KeyCode::End) => Action::Fin,
        (Action::ChoixSuivant, KeyCode::Left) => Action::ChoixPrecedent,
        (Action::ChampSuivant, KeyCode::BackTab | KeyCode::Up) => Action::ChampPrecedent,
        _ => a,
    }
}

/// The footer: bindings that have a footer word, in the active contexts, without repeating
/// a key; the global ones (help, quit, back) first so they are never cut off.
pub fn pied(actifs: &[Contexte]) -> Vec<(&'static str, &'static str)> {
    pied_liaisons(actifs)
        .into_iter()
        .filter_map(|li| li.pied.map(|court| (li.etiquette, court)))
        .collect()
}

/// The footer keeping only the keys that work (`marche`, e.g. not the letters a panel's text
/// field takes): a binding with none left is dropped, one with some left is labelled with
/// those only ("S/F3" becomes "F3").
pub fn pied_filtre(
    actifs: &[Contexte],
    marche: impl Fn(&KeyEvent) -> bool,
) -> Vec<(String, &'static str)> {
    pied_liaisons(actifs)
        .into_iter()
        .filter_map(|li| {
            let court = li.pied?;
            let gardees: Vec<&Touche> = li
                .touches
                .iter()
                .filter(|t| {
                    let m = if t.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    };
                    marche(&KeyEvent::new(t.code, m))
                })
                .collect();
            if gardees.len() == li.touches.len() {
                Some((li.etiquette.to_string(), court))
            } else if gardees.is_empty() {
                None
            } else {
                let noms: Vec<String> = gardees.iter().map(|t| nom_touche(t)).collect();
                Some((noms.join("/"), court))
            }
        })
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

/// The bindings of the footer, in its order (see `pied`).
fn pied_liaisons(actifs: &[Contexte]) -> Vec<&'static Liaison> {
    let mut v: Vec<(&'static Liaison, bool)> = Vec::new();
    let globaux = [Contexte::Partout, Contexte::Toujours];
    let ordre = actifs
        .iter()
        .filter(|c| globaux.contains(c))
        .chain(actifs.iter().filter(|c| !globaux.contains(c)));
    for cx in ordre {
        for li in TABLE.iter().filter(|li| li.contextes.contains(cx)) {
            // One key per action and word: "? aide" makes "F1 aide" needless.
            let deja = v.iter().any(|(e, _)| {
                e.etiquette == li.etiquette || (e.action == li.action && e.pied == li.pied)
            });
            if li.pied.is_some() && !deja {
                let secondaire = matches!(li.action, Action::Prefecture | Action::Statistiques);
                v.push((li, secondaire));
            }
        }
    }
    // The panels' keys last: the footer drops what does not fit, the help has everything.
    v.sort_by_key(|(_, secondaire)| *secondaire);
    v.into_iter().map(|(e, _)| e).collect()
}

/// The full help: one section per context, every binding.
pub fn aide() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Contexte::ORDRE_AIDE
        .iter()
        .map(|cx| {
            (
                cx.titre(),
                TABLE
                    .iter()
                    .filter(|li| li.contextes.contains(cx))
                    .map(|li| (li.etiquette, li.description))
                    .collect(),
            )
        })
        .filter(|(_, v): &(_, Vec<_>)| !v.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cle(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn same_key_means_different_things_by_context() {
        let enter = cle(KeyCode::Enter);
        assert_eq!(
            resoudre(
                &enter,
                &[X::Liste, X::ListeFiche, X::Defilement, X::Partout]
            ),
            Some(Action::Ouvrir)
        );
        assert_eq!(
            resoudre(&enter, &[X::Formulaire, X::Toujours]),
            Some(Action::Enregistrer)
        );
        // In the notes, Enter is text (a new line), Ctrl-S saves.
        assert_eq!(resoudre(&enter, &[X::Notes, X::Toujours]), None);
        assert_eq!(
            resoudre(
                &KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
                &[X::Notes, X::Toujours]
            ),
            Some(Action::Enregistrer)
        );
        assert_eq!(
            resoudre(&cle(KeyCode::Char('j')), &[X::Defilement]),
            Some(Action::Bas)
        );
        assert_eq!(
            resoudre(&cle(KeyCode::Char('7')), &[X::Choix, X::Formulaire]),
            Some(Action::ChoisirChiffre)
        );
        // Letters are text in a text field: no global action.
        assert_eq!(
            resoudre(&cle(KeyCode::Char('q')), &[X::Formulaire, X::Toujours]),
            None
        );
    }

    /// On every screen (its contexts as `App::contextes_actifs` lists them), a key is bound
    /// once: no binding silently hides another.
    #[test]
    fn no_key_is_bound_twice_on_one_screen() {
        let ecrans: [&[Contexte]; 11] = [
            &[
                X::Liste,
                X::ListeFiche,
                X::Defilement,
                X::Partout,
                X::Toujours,
            ],
            &[X::ListeFiche, X::Defilement, X::Partout, X::Toujours],
            &[X::Choix, X::Formulaire, X::PendantSaisie, X::Toujours],
            &[X::Formulaire, X::PendantSaisie, X::Toujours],
            &[X::Notes, X::PendantSaisie, X::Toujours],
            &[X::Conflit, X::Toujours],
            &[X::Recherche, X::PendantSaisie, X::Toujours],
            &[X::Defilement, X::Partout, X::Toujours],
            &[X::Apercu, X::Defilement, X::Partout, X::Toujours],
            &[X::NomFichier, X::Toujours],
            &[X::Confirmation, X::Toujours],
        ];
        for actifs in ecrans {
            let mut vues: Vec<Touche> = Vec::new();
            for li in TABLE
                .iter()
                .filter(|li| li.contextes.iter().any(|c| actifs.contains(c)))
            {
                for t in li.touches {
                    assert!(
                        !vues.contains(t),
                        "{t:?} bound twice on the screen {actifs:?}"
                    );
                    vues.push(*t);
                }
            }
        }
    }

    #[test]
    fn document_keys_work_from_the_list_and_the_file_only() {
        let liste = [
            X::Liste,
            X::ListeFiche,
            X::Defilement,
            X::Partout,
            X::Toujours,
        ];
        let fiche = [X::ListeFiche, X::Defilement, X::Partout, X::Toujours];
        for actifs in [&liste[..], &fiche[..]] {
            assert_eq!(
                resoudre(&cle(KeyCode::Char('L')), actifs),
                Some(Action::Apercu(Document::Lettre))
            );
            assert_eq!(
                resoudre(&cle(KeyCode::Char('H')), actifs),
                Some(Action::Apercu(Document::Chronologie))
            );
        }
        // In the preview, e saves; in the file-name field, letters are text.
        let apercu = [X::Apercu, X::Defilement, X::Partout, X::Toujours];
        assert_eq!(
            resoudre(&cle(KeyCode::Char('e')), &apercu),
            Some(Action::EnregistrerSous)
        );
        assert_eq!(resoudre(&cle(KeyCode::Char('L')), &apercu), None);
        let champ = [X::NomFichier, X::Toujours];
        for c in ['e', 'q', 'j', 'L', '/'] {
            assert_eq!(resoudre(&cle(KeyCode::Char(c)), &champ), None, "{c}");
        }
        assert_eq!(
            resoudre(&cle(KeyCode::Enter), &champ),
            Some(Action::Enregistrer)
        );
        let p = pied(&fiche);
        assert!(p.contains(&("L", k_::LETTRE)) && p.contains(&("H", k_::CHRONOLOGIE)));
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let p = pied(&[
            X::Liste,
            X::ListeFiche,
            X::Defilement,
            X::Partout,
            X::Toujours,
        ]);
        assert!(p.contains(&("c", k_::CCC)));
        assert!(p.contains(&("q", k_::QUITTER)));
        assert!(!p.iter().any(|(_, desc)| *desc == k_::ENREGISTRER));
        let a = aide();
        let total: usize = a.iter().map(|(_, v)| v.len()).sum();
        let attendu: usize = TABLE.iter().map(|li| li.contextes.len()).sum();
        assert_eq!(total, attendu, "every binding appears in the help");
    }
}
