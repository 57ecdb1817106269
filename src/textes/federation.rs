//! French strings of the federation commands (docs/fichiers.md §6).

use crate::federation::{ErreurAgregation, ErreurFederation};
use std::path::Path;

impl std::fmt::Display for ErreurFederation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErreurFederation::DestinataireInvalide => f.write_str(
                "--destinataire : ce n'est pas une clé publique age (elle commence par age1…, \
                 voir le fichier federation.pub de la fédération)",
            ),
            ErreurFederation::CleInvalide => f.write_str(
                "la clé privée n'est pas une clé age (fichier federation.cle écrit par \
                 vigie federation cles)",
            ),
            ErreurFederation::MauvaiseCle => f.write_str(
                "ce fichier n'a pas été chiffré pour cette clé (mauvaise clé de fédération)",
            ),
            ErreurFederation::Illisible => f.write_str(
                "fichier illisible : modifié, tronqué, ou ce n'est pas une contribution chiffrée",
            ),
            ErreurFederation::Format(champ) => {
                write!(f, "contribution mal formée (champ « {champ} »)")
            }
            ErreurFederation::Version(v) => write!(
                f,
                "contribution au format version {v}, que cette version de vigie ne lit pas \
                 (version lue : {})",
                crate::federation::VERSION
            ),
            ErreurFederation::PosteInvalide => {
                f.write_str("nom de poste vide ou contenant un caractère de contrôle")
            }
            ErreurFederation::PeriodeNonMensuelle => {
                f.write_str("la période de la contribution n'est pas un mois entier")
            }
        }
    }
}

pub fn dans_fichier(chemin: &Path, e: &ErreurFederation) -> String {
    format!("{} : {e}", chemin.display())
}

pub fn agregation(e: &ErreurAgregation, fichiers: &[std::path::PathBuf]) -> String {
    let nom = |i: &usize| {
        fichiers
            .get(*i)
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    match e {
        ErreurAgregation::Aucune => "aucune contribution à additionner".into(),
        ErreurAgregation::PeriodesDifferentes { premier, autre } => format!(
            "périodes différentes : {} et {} ne portent pas sur le même mois ; rien n'est écrit",
            nom(premier),
            nom(autre)
        ),
        ErreurAgregation::PosteEnDouble { premier, autre } => format!(
            "le même poste apparaît deux fois : {} et {} ; chaque poste ne compte qu'une fois, \
             rien n'est écrit",
            nom(premier),
            nom(autre)
        ),
    }
}

pub const POSTE_VIDE: &str = "--poste : donnez le nom de la permanence (une ligne, non vide)";

pub fn cles_ecrites(prive: &Path, public: &Path, cle: &str) -> String {
    format!(
        "Clés de la fédération écrites : {} (privée, à garder secrète) et {} (publique, à \
         envoyer aux permanences).\nClé publique : {cle}",
        prive.display(),
        public.display()
    )
}

pub fn contribution_ecrite(chemin: &Path, poste: &str) -> String {
    format!(
        "Contribution de « {poste} » chiffrée pour la fédération écrite dans {} \
         (aucune donnée personnelle, comptes exacts : seule la fédération peut la lire).",
        chemin.display()
    )
}

pub fn postes_additionnes(postes: &[String]) -> String {
    format!(
        "{} poste(s) additionné(s) : {}",
        postes.len(),
        postes.join(", ")
    )
}

pub fn existe_deja(chemin: &Path) -> String {
    format!(
        "{} existe déjà : une clé de fédération n'est jamais remplacée (choisissez un autre dossier)",
        chemin.display()
    )
}
