//! THE keymap: every row (keys, label, action, description, contexts, footer word).
//! Panels add their contexts here; they never match keys by hand.

use super::{Action, Contexte, Document, Liaison, Touche};
use crate::domain::TypeEvenement;
use crate::textes::prefecture as tp;
use crate::textes::stats::ecran as se;
use crate::textes::tui::{pied as k_, touches as d};
use ratatui::crossterm::event::KeyCode;

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

use Contexte as X;

/// A panel's binding: its footer word is also its description in the help.
const fn p(
    touches: &'static [Touche],
    etiquette: &'static str,
    action: Action,
    mot: &'static str,
    contextes: &'static [Contexte],
) -> Liaison {
    l(touches, etiquette, action, mot, contextes, Some(mot))
}

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
    // the préfecture panel (its search and card; typed letters and digits are the search)
    l(
        &[],
        tp::TOUCHE_RECHERCHER,
        Action::Chercher,
        tp::ACTION_RECHERCHER,
        &[X::Prefecture],
        Some(tp::ACTION_RECHERCHER),
    ),
    p(
        &[code(KeyCode::Up), code(KeyCode::Down)],
        "↑/↓",
        Action::Haut,
        tp::ACTION_CHOISIR,
        &[X::Prefecture],
    ),
    p(
        &[code(KeyCode::PageUp), code(KeyCode::PageDown)],
        "PgPréc/PgSuiv",
        Action::PageHaut,
        tp::ACTION_DEFILER,
        &[X::Prefecture],
    ),
    p(
        &[code(KeyCode::F(2))],
        "F2",
        Action::Corriger,
        tp::ACTION_CORRIGER,
        &[X::Prefecture],
    ),
    // The same, for terminals that take F2: in the help (the footer shows F2 once).
    p(
        &[ctrl('e')],
        "Ctrl-E",
        Action::Corriger,
        tp::ACTION_CORRIGER,
        &[X::Prefecture],
    ),
    p(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        tp::ACTION_FERMER,
        &[X::Prefecture],
    ),
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Ouvrir,
        tp::ACTION_CHOISIR,
        &[X::Prefecture],
        None,
    ),
    // its correction form
    p(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Enregistrer,
        tp::ACTION_ENREGISTRER,
        &[X::Correction],
    ),
    p(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        tp::ACTION_ANNULER,
        &[X::Correction],
    ),
    p(
        &[
            code(KeyCode::Tab),
            code(KeyCode::Down),
            code(KeyCode::BackTab),
            code(KeyCode::Up),
        ],
        "Tab",
        Action::ChampSuivant,
        tp::ACTION_CHAMP_SUIVANT,
        &[X::Correction],
    ),
    p(
        &[code(KeyCode::Left), code(KeyCode::Right)],
        "←/→",
        Action::ChoixSuivant,
        tp::ACTION_VALEUR,
        &[X::CorrectionChoix],
    ),
    // the statistics panel
    p(
        &[k('m')],
        "m",
        Action::CeMois,
        se::CE_MOIS,
        &[X::StatsPeriode],
    ),
    p(
        &[k('p')],
        "p",
        Action::MoisDernier,
        se::MOIS_DERNIER,
        &[X::StatsPeriode],
    ),
    p(&[k('a')], "a", Action::Annee, se::ANNEE, &[X::StatsPeriode]),
    p(
        &[k('d')],
        "d",
        Action::Dates,
        se::R_DATES,
        &[X::StatsPeriode],
    ),
    p(
        &[k('t')],
        "t",
        Action::ParDepartement,
        se::R_DEPARTEMENTS,
        &[X::StatsPeriode],
    ),
    p(
        &[code(KeyCode::Left), code(KeyCode::Right)],
        "← →",
        Action::ChoixSuivant,
        se::R_BLOC,
        &[X::StatsDepartements],
    ),
    p(
        &[k('+'), k('-')],
        "+ -",
        Action::SeuilPlus,
        se::R_SEUIL,
        &[X::Stats],
    ),
    p(
        &[k('e')],
        "e",
        Action::Exporter,
        se::R_EXPORTER,
        &[X::Stats],
    ),
    p(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        se::R_FERMER,
        &[X::Stats],
    ),
    p(
        &[code(KeyCode::Up), k('k'), code(KeyCode::Down), k('j')],
        "↑↓ j k",
        Action::Haut,
        se::R_PARCOURIR,
        &[X::Stats],
    ),
    l(
        &[code(KeyCode::PageUp), code(KeyCode::PageDown)],
        "PgPréc PgSuiv",
        Action::PageHaut,
        d::PAGE,
        &[X::Stats],
        None,
    ),
    l(
        &[code(KeyCode::Home), code(KeyCode::End)],
        "Début Fin",
        Action::Debut,
        d::DEBUT_FIN,
        &[X::Stats],
        None,
    ),
    l(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Actualiser,
        d::STATS_ACTUALISER,
        &[X::Stats],
        None,
    ),
    // its date fields and export file name
    p(
        &[
            code(KeyCode::Tab),
            code(KeyCode::BackTab),
            code(KeyCode::Up),
            code(KeyCode::Down),
        ],
        "Tab",
        Action::ChampSuivant,
        se::R_CHAMP,
        &[X::StatsDates],
    ),
    p(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Enregistrer,
        se::R_VALIDER,
        &[X::StatsDates],
    ),
    p(
        &[code(KeyCode::Enter)],
        "Entrée",
        Action::Enregistrer,
        se::R_ECRIRE,
        &[X::StatsFichier],
    ),
    p(
        &[code(KeyCode::Tab)],
        "Tab",
        Action::FormatSuivant,
        se::R_FORMAT,
        &[X::StatsFichier],
    ),
    p(
        &[code(KeyCode::Esc)],
        "Échap",
        Action::Retour,
        se::R_ANNULER,
        &[X::StatsDates, X::StatsFichier],
    ),
    // global
    l(
        &[k('/')],
        "/",
        Action::Chercher,
        d::CHERCHER,
        &[X::Partout, X::Prefecture],
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
        &[X::Partout, X::Prefecture],
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
        &[X::Retour, X::Recherche],
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
        &[X::Interrompre],
        None,
    ),
];
