//! Every user-facing string of vigie, in French, in one place. Each area has its own file;
//! code elsewhere calls these functions and constants instead of writing sentences.

pub mod bureau;
pub mod donnees;
pub mod federation;
pub mod lettres;
pub mod libelles;
pub mod moteur;
pub mod phrase;
pub mod prefecture;
pub mod protection;
pub mod stats;
pub mod tableur;
pub mod tui;
mod visible;

pub use visible::{
    dossier_visible, evenement_visible, personne_visible, signe_de, visible, visible_ligne,
};

use crate::domain::ErreurValeur;
use crate::domain::departements::ErreurDepartement;
use crate::store::ErreurStore;
use chrono::{Datelike, NaiveDate};

/// French month names, January first (the letters' layout knows them too).
use crate::lettres::mise_en_forme::MOIS;

/// The French name of month `mois` (1 to 12; "?" otherwise).
pub fn nom_mois(mois: u32) -> &'static str {
    (mois as usize)
        .checked_sub(1)
        .and_then(|i| MOIS.get(i))
        .copied()
        .unwrap_or("?")
}

/// A date as volunteers write it: `23/11/2026`.
pub fn date_fr(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Why a value was refused (the `raison` of an import error, the message under a form field).
pub fn erreur_valeur(e: &ErreurValeur) -> String {
    match e {
        ErreurValeur::Vide => "valeur obligatoire manquante".into(),
        ErreurValeur::CodeInconnu { attendus } => {
            format!("valeur inconnue (valeurs admises : {attendus})")
        }
        ErreurValeur::DateInvalide => {
            "date invalide (formats admis : AAAA-MM-JJ ou JJ/MM/AAAA, date réelle)".into()
        }
        ErreurValeur::DepartementInconnu => {
            "département inconnu (01 à 95 avec 2A et 2B, 971 à 974, 976)".into()
        }
        ErreurValeur::ReferenceInvalide => {
            "référence invalide (1 à 32 caractères parmi A-Z a-z 0-9 - _)".into()
        }
        ErreurValeur::EntierInvalide => "nombre entier positif ou nul attendu".into(),
        ErreurValeur::OuiNonInvalide => "« oui », « non » ou vide attendu".into(),
        ErreurValeur::AttenteHorsAppel => {
            "seulement pour un contact CCC par téléphone (laisser vide)".into()
        }
        ErreurValeur::AttenteTropLongue => "0 à 1440 minutes (une journée au plus)".into(),
        ErreurValeur::NumeroEtrangerInvalide => {
            "10 chiffres attendus (le numéro étranger figure sur le titre de séjour)".into()
        }
        ErreurValeur::NonAdmisPourType { type_evenement } => {
            format!("doit rester vide pour un événement « {type_evenement} »")
        }
        ErreurValeur::RequisPourType { type_evenement } => {
            format!("obligatoire pour un événement « {type_evenement} »")
        }
        ErreurValeur::CaractereControle { code, position } => format!(
            "caractère de contrôle interdit (U+{code:04X}, affiché {}) en position {position} : \
             retirez-le",
            signe_de(*code)
        ),
    }
}

/// Why a typed département was not resolved (the person form's message).
pub fn erreur_departement(e: &ErreurDepartement) -> String {
    match e {
        ErreurDepartement::Vide => erreur_valeur(&ErreurValeur::Vide),
        ErreurDepartement::Inconnu => erreur_valeur(&ErreurValeur::DepartementInconnu),
        ErreurDepartement::Ambigu(v) => tui::departement_ambigu(
            &v.iter()
                .map(|d| format!("{} {}", d.code(), d.nom()))
                .collect::<Vec<_>>(),
        ),
    }
}

/// A refused value in French (the domain's error type, worded here).
impl std::fmt::Display for ErreurValeur {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&erreur_valeur(self))
    }
}

impl std::error::Error for ErreurValeur {}

/// An input/output error in French, whatever the system's language: the common cases in
/// words, any other as a French generic naming its kind and system code (never the system's
/// English sentence inside a French message).
pub fn erreur_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let mot = match e.kind() {
        K::NotFound => "fichier ou dossier introuvable",
        K::PermissionDenied => "permission refusée",
        K::AlreadyExists => "existe déjà",
        K::IsADirectory => "c'est un dossier, pas un fichier",
        K::NotADirectory => "un élément du chemin n'est pas un dossier",
        K::DirectoryNotEmpty => "le dossier n'est pas vide",
        K::StorageFull => "plus de place sur le disque",
        K::QuotaExceeded => "quota du disque dépassé",
        K::ReadOnlyFilesystem => "disque en lecture seule",
        K::FileTooLarge => "fichier trop gros",
        K::InvalidFilename => "nom de fichier invalide",
        K::InvalidData => "contenu illisible (pas du texte UTF-8 ?)",
        K::UnexpectedEof => "fin de fichier inattendue (fichier tronqué ?)",
        K::BrokenPipe => "la sortie a été fermée",
        K::Interrupted => "opération interrompue",
        K::TimedOut => "délai dépassé",
        K::ResourceBusy => "fichier ou appareil occupé",
        K::CrossesDevices => "déplacement impossible d'un disque à un autre",
        K::OutOfMemory => "mémoire insuffisante",
        autre => {
            return match e.raw_os_error() {
                Some(code) => format!("erreur du système (nature : {autre:?}, code {code})"),
                None => format!("erreur du système (nature : {autre:?})"),
            };
        }
    };
    mot.into()
}

impl std::fmt::Display for ErreurStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&erreur_store(self))
    }
}

/// Database errors, said so that a volunteer knows what to do.
pub fn erreur_store(e: &ErreurStore) -> String {
    match e {
        ErreurStore::PhraseIncorrecte => "phrase secrète incorrecte : la base n'a pas pu être \
             déchiffrée (si la base n'est pas chiffrée, ajoutez --sans-chiffrement)"
            .into(),
        ErreurStore::BaseChiffree => "cette base est chiffrée : retirez --sans-chiffrement et \
             donnez sa phrase secrète (VIGIE_PASSPHRASE ou saisie au clavier)"
            .into(),
        ErreurStore::PasUneBaseVigie => "ce fichier n'est pas une base vigie".into(),
        ErreurStore::BaseTropRecente { base, binaire } => format!(
            "cette base a été écrite par une version plus récente de vigie (schéma {base}) ; \
             ce programme ne connaît que le schéma {binaire} : mettez vigie à jour"
        ),
        ErreurStore::Conflit { .. } => "un autre poste a modifié cette personne entre-temps".into(),
        ErreurStore::Introuvable => "cette personne n'existe plus dans la base".into(),
        ErreurStore::Anonymisee => {
            "ce dossier a été anonymisé (durée de conservation) : il ne peut plus être modifié"
                .into()
        }
        ErreurStore::ReferenceExistante(r) => format!("la référence {r} existe déjà"),
        ErreurStore::Fichier { chemin, erreur } => {
            format!(
                "impossible de créer {} : {}",
                chemin.display(),
                erreur_io(erreur)
            )
        }
        e if e.base_occupee() => "la base est occupée par un autre poste depuis trop \
             longtemps (import, démonstration ou purge en cours ?) : rien n'a été enregistré ; \
             réessayez dans un moment"
            .into(),
        e => format!(
            "erreur de la base de données : {}",
            e.panne().map(panne_sqlite).unwrap_or_default()
        ),
    }
}

/// SQLite's failures, in French (its own messages are English).
pub fn panne_sqlite(p: crate::store::PanneSqlite) -> String {
    use crate::store::PanneSqlite as P;
    match p {
        P::Occupee => "la base est occupée par un autre poste".into(),
        P::Endommagee => "le fichier est endommagé ou n'est pas une base : restaurez la \
             dernière sauvegarde (vigie restaurer)"
            .into(),
        P::DisquePlein => {
            "le disque est plein : libérez de la place, rien n'a été enregistré".into()
        }
        P::LectureSeule => {
            "le fichier ou son dossier est en lecture seule : rien n'a été enregistré".into()
        }
        P::OuvertureImpossible => {
            "le fichier ne peut pas être ouvert (droits, dossier absent)".into()
        }
        P::EntreeSortie => "la lecture ou l'écriture du fichier a échoué (disque, clé USB \
             retirée, partage réseau coupé ?)"
            .into(),
        P::ValeurIllisible(c) => {
            format!("une valeur enregistrée est illisible (colonne {})", c + 1)
        }
        P::Contrainte => {
            "une règle de la base a refusé l'écriture : rien n'a été enregistré".into()
        }
        P::Autre(code) => format!("erreur interne de SQLite (code {code})"),
    }
}

/// Errors of the command line and of start-up.
pub mod cli {
    pub const PREFIXE_ERREUR: &str = "vigie : erreur :";
    pub const PHRASE_DEMANDE: &str = "Phrase secrète de la base : ";
    pub const PHRASE_NOUVELLE: &str = "Nouvelle base chiffrée. Choisissez une phrase secrète \
         (10 caractères au moins ; quatre mots ou plus, c'est mieux) : ";
    pub const PHRASE_CONFIRMATION: &str = "Confirmez la phrase secrète : ";
    pub const PHRASE_DIFFERENTE: &str = "les deux saisies de la phrase secrète diffèrent";
    pub const PHRASE_ABSENTE: &str = "aucune phrase secrète : définissez VIGIE_PASSPHRASE, \
         lancez vigie dans un terminal, ou utilisez --sans-chiffrement pour une base non chiffrée";
    pub const BENEVOLE_DEMANDE: &str = "Votre nom (bénévole), pour signer vos saisies : ";
    pub const BENEVOLE_ABSENT: &str =
        "indiquez qui saisit : --benevole NOM ou la variable VIGIE_BENEVOLE";
    pub const DATE_DU_JOUR_INVALIDE: &str =
        "VIGIE_DATE invalide (formats admis : AAAA-MM-JJ ou JJ/MM/AAAA)";
    pub fn lecture_terminal(e: &std::io::Error) -> String {
        format!("lecture au clavier impossible : {}", super::erreur_io(e))
    }
    /// A reading command was pointed at a file that does not exist.
    pub fn base_absente(chemin: &std::path::Path) -> String {
        if chemin.is_dir() {
            return format!(
                "{} est un dossier : --db (ou VIGIE_DB) doit désigner le fichier de la base",
                chemin.display()
            );
        }
        format!(
            "aucune base à {} : vérifiez --db ou VIGIE_DB (cette commande ne fait que lire, elle \
             ne crée pas de base)",
            chemin.display()
        )
    }
    /// A reading command was pointed at an empty file.
    pub fn base_vide(chemin: &std::path::Path) -> String {
        format!(
            "{} est un fichier vide, pas une base vigie : vérifiez --db ou VIGIE_DB (cette \
             commande ne fait que lire, elle n'a pas touché au fichier)",
            chemin.display()
        )
    }
    /// The layout of `--help` (clap's own headings are English).
    pub const MODELE_AIDE: &str = "{about}\n\nUtilisation : {usage}\n\n{all-args}";

    /// A command-line usage error, in French, with the offending argument.
    pub fn erreur_arguments(e: &clap::Error) -> String {
        use clap::error::{ContextKind, ErrorKind};
        let quoi = e
            .get(ContextKind::InvalidArg)
            .or_else(|| e.get(ContextKind::InvalidSubcommand))
            .map(|v| format!(" : {v}"))
            .unwrap_or_default();
        let valeur = e
            .get(ContextKind::InvalidValue)
            .map(|v| format!(" (valeur donnée : {v})"))
            .unwrap_or_default();
        let phrase = match e.kind() {
            ErrorKind::UnknownArgument => "option inconnue",
            ErrorKind::InvalidSubcommand => "commande inconnue",
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => "valeur invalide",
            ErrorKind::MissingRequiredArgument => "argument obligatoire manquant",
            ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                "commande manquante"
            }
            ErrorKind::ArgumentConflict => "options incompatibles",
            ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
                "nombre de valeurs incorrect"
            }
            ErrorKind::NoEquals => "il faut écrire l'option avec « = »",
            _ => "arguments invalides",
        };
        // clap's "did you mean" (a near flag or command), kept: `--personne` → `--personnes`.
        let suggestion = e
            .get(ContextKind::SuggestedArg)
            .or_else(|| e.get(ContextKind::SuggestedSubcommand))
            .map(|v| {
                let v = match v {
                    clap::error::ContextValue::Strings(v) => v.join(" ou "),
                    autre => autre.to_string(),
                };
                format!(" (vouliez-vous dire {v} ?)")
            })
            .unwrap_or_default();
        format!("{phrase}{quoi}{valeur}{suggestion}. Voir « vigie --help ».")
    }
}

#[cfg(test)]
mod tests {
    use super::{erreur_io, panne_sqlite};
    use std::io::{Error, ErrorKind as K};

    #[test]
    fn system_errors_are_worded_in_french() {
        let cas = [
            (K::NotFound, "fichier ou dossier introuvable"),
            (K::PermissionDenied, "permission refusée"),
            (K::AlreadyExists, "existe déjà"),
            (K::StorageFull, "plus de place sur le disque"),
            (K::ReadOnlyFilesystem, "disque en lecture seule"),
            (K::IsADirectory, "c'est un dossier, pas un fichier"),
            (K::FileTooLarge, "fichier trop gros"),
        ];
        for (nature, attendu) in cas {
            assert_eq!(erreur_io(&Error::from(nature)), attendu);
        }
        // The system's English sentence never shows, even for a kind without French words.
        let os = Error::from_raw_os_error(13);
        assert_eq!(erreur_io(&os), "permission refusée");
        let autre = Error::other("Something broke in English");
        let texte = erreur_io(&autre);
        assert!(texte.starts_with("erreur du système (nature : "), "{texte}");
        assert!(!texte.contains("Something"), "{texte}");
        let code = erreur_io(&Error::from_raw_os_error(71));
        assert!(code.contains("code 71"), "{code}");
        assert!(!code.to_lowercase().contains("protocol error"), "{code}");
    }

    #[test]
    fn sqlite_failures_are_worded_in_french_without_its_english() {
        use crate::store::PanneSqlite as P;
        let toutes = [
            P::Occupee,
            P::Endommagee,
            P::DisquePlein,
            P::LectureSeule,
            P::OuvertureImpossible,
            P::EntreeSortie,
            P::ValeurIllisible(2),
            P::Contrainte,
            P::Autre(20),
        ];
        for p in toutes {
            let t = panne_sqlite(p);
            for anglais in [
                "database",
                "disk",
                "malformed",
                "locked",
                "error",
                "file is",
            ] {
                assert!(!t.contains(anglais), "{p:?}: {t}");
            }
        }
        assert!(panne_sqlite(P::ValeurIllisible(2)).contains("colonne 3"));
        assert!(panne_sqlite(P::Autre(20)).contains("code 20"));
        assert!(panne_sqlite(P::Endommagee).contains("vigie restaurer"));
    }
}
