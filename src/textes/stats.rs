//! French strings of the statistics (command `vigie export stats` and the statistics screen).

use crate::stats::Indicateur;
use std::path::Path;

pub const PERIODE_ABSENTE: &str = "période manquante : donnez --du DATE et --au DATE, \
     ou --mois AAAA-MM, ou --annee AAAA";
pub const DU_SANS_AU: &str = "--du est donné sans --au : donnez les deux dates de la période";
pub const AU_SANS_DU: &str = "--au est donné sans --du : donnez les deux dates de la période";
pub const SEUIL_NUL: &str = "--seuil doit valoir au moins 1";

pub fn date_invalide(option: &str, valeur: &str) -> String {
    format!(
        "{option} : « {valeur} » n'est pas une date valide (formats admis : AAAA-MM-JJ ou JJ/MM/AAAA)"
    )
}

pub fn mois_invalide(valeur: &str) -> String {
    format!("--mois : « {valeur} » n'est pas un mois valide (format AAAA-MM, par exemple 2026-11)")
}

pub fn annee_invalide(valeur: &str) -> String {
    format!("--annee : « {valeur} » n'est pas une année valide (format AAAA, par exemple 2026)")
}

pub fn periode_inversee(du: &str, au: &str) -> String {
    format!("période à l'envers : le {du} (--du) est après le {au} (--au)")
}

pub fn base_absente(chemin: &Path) -> String {
    format!(
        "aucune base à {} : vérifiez --db ou VIGIE_DB (les statistiques ne créent pas de base)",
        chemin.display()
    )
}

pub fn format_inconnu(valeur: &str) -> String {
    format!("--format : « {valeur} » inconnu (formats admis : csv, excel-fr)")
}

pub use super::donnees::ecriture_fichier as ecriture_impossible;

pub fn fichier_ecrit(chemin: &Path, lignes: usize) -> String {
    format!(
        "Statistiques anonymisées écrites dans {} ({lignes} lignes).",
        chemin.display()
    )
}

/// Short label of an indicator for the screen (at most 28 characters).
pub fn libelle_indicateur(i: Indicateur) -> &'static str {
    match i {
        Indicateur::PersonnesSuivies => "Personnes suivies",
        Indicateur::NouvellesPersonnes => "Nouvelles personnes",
        Indicateur::Demarche => "Démarche",
        Indicateur::Blocage => "Blocage",
        Indicateur::CccSollicite => "CCC sollicité",
        Indicateur::CccSansAide => "CCC sans aide réelle",
        Indicateur::AttenteCccMedianeMinutes => "Attente CCC médiane",
        Indicateur::PanInconnu => "PAN inconnu à l'accueil",
        Indicateur::PanSollicite => "PAN sollicité",
        Indicateur::PanRdvIndisponible => "PAN : pas de rendez-vous",
        Indicateur::SubstitutionProposee => "Substitution proposée",
        Indicateur::RecommandeEnvoye => "Recommandé envoyé",
        Indicateur::RecoursAvocat => "Recours à un avocat",
        Indicateur::DefenseurDroitsSaisi => "Défenseur des droits saisi",
        Indicateur::RuptureDroits => "Rupture de droits",
        Indicateur::Resolus => "Situations résolues",
        Indicateur::DelaiResolutionMedianJours => "Délai médian de résolution",
    }
}

/// Screen strings.
pub mod ecran {
    pub const TITRE: &str = " Statistiques ";
    pub const ENSEMBLE: &str = "ensemble";
    pub const BLOC: &str = "Bloc : ";
    pub const CE_MOIS: &str = "ce mois";
    pub const MOIS_DERNIER: &str = "mois dernier";
    pub const ANNEE: &str = "année";
    pub const DATES: &str = "dates";
    pub const A_CHARGER: &str = "Appuyez sur Entrée pour calculer les statistiques.";
    pub const SAISIE_DU: &str = "Du (JJ/MM/AAAA ou AAAA-MM-JJ) : ";
    pub const SAISIE_AU: &str = "Au : ";
    pub const SAISIE_AIDE: &str = "Tab : champ suivant · Entrée : valider · Échap : annuler";
    pub const FICHIER: &str = "Exporter vers le fichier : ";
    pub const FICHIER_AIDE: &str = "Entrée : écrire · Échap : annuler · Tab : format";
    pub const MASQUE_SECONDAIRE: &str = "masqué (secret secondaire)";
    pub const AUCUNE_VALEUR: &str = "aucune valeur";
    pub const NOM_VIDE: &str = "donnez un nom de fichier";
    pub const R_DATES: &str = "dates…";
    pub const R_DEPARTEMENTS: &str = "par département";
    pub const R_BLOC: &str = "département";
    pub const R_SEUIL: &str = "seuil";
    pub const R_EXPORTER: &str = "exporter";
    pub const R_FERMER: &str = "fermer";
    pub const R_PARCOURIR: &str = "parcourir";
    pub const R_CHAMP: &str = "champ suivant";
    pub const R_VALIDER: &str = "valider";
    pub const R_ANNULER: &str = "annuler";
    pub const R_ECRIRE: &str = "écrire le fichier";
    pub const R_FORMAT: &str = "format csv / excel-fr";

    pub fn masque(seuil: u64) -> String {
        format!("masqué (< {seuil})")
    }
    pub fn periode(du: &str, au: &str) -> String {
        format!("Période : du {du} au {au}")
    }
    pub fn seuil(k: u64) -> String {
        format!("seuil {k}")
    }
    pub fn bloc(nom: &str) -> String {
        format!("◀ {nom} ▶")
    }
    pub fn fichier_existe(chemin: &str) -> String {
        format!("{chemin} existe déjà : Entrée de nouveau pour le remplacer, Échap pour annuler")
    }
    pub fn format(nom: &str) -> String {
        format!("format : {nom}")
    }
    pub fn date_invalide(champ: &str) -> String {
        format!("date « {champ} » invalide (AAAA-MM-JJ ou JJ/MM/AAAA)")
    }
    pub fn base(n: u64) -> String {
        format!("sur {n}")
    }
    pub fn minutes(n: u64) -> String {
        format!("min ({n} appels)")
    }
    pub fn jours(n: u64) -> String {
        format!("jours ({n} pers.)")
    }
}
