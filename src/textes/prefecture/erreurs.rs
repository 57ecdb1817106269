//! Messages of the préfecture directory: the command line's, and the words of the typed
//! errors of the shipped directory, the typed corrections and the exchange file.

use super::{date_fr, la_prefecture, libelle_champ, libelle_valeur};
use crate::domain::Departement;
use crate::prefectures::corrections::{
    ChampCorrection, ErreurDateVerification, ErreurEchange, ErreurLigne, ErreurSaisie,
    ErreurValeurCorrection, RaisonLigne,
};
use crate::prefectures::{
    Correction, ErreurFiche, ErreurRepertoire, Lieu, ProblemeFait, RepertoireIllisible,
};
use std::fmt;
use std::path::Path;

pub fn aucun_resultat(requete: &str) -> String {
    format!(
        "aucun département ne correspond à « {requete} » : tapez un numéro (33, 2A, 971) ou un nom (gironde, réunion)"
    )
}
pub const REQUETE_VIDE: &str =
    "indiquez un numéro (33, 2A, 971) ou un nom de département (gironde, réunion)";
pub fn repertoire_illisible(e: &str) -> String {
    format!("l'annuaire des préfectures fourni avec vigie est illisible ({e})")
}
pub fn corrections_non_lues(e: &str) -> String {
    format!("attention : corrections locales non lues ({e}) ; fiche sans corrections")
}
pub const VALEUR_VIDE: &str = "valeur obligatoire manquante";
pub const VALEUR_LONGUE: &str = "valeur trop longue (2000 caractères au plus)";
pub const DATE_FUTURE: &str = "la date de vérification est dans le futur";
pub const HORODATAGE_INVALIDE: &str = "date et heure de saisie attendues (AAAA-MM-JJ HH:MM:SS)";
pub const COLONNE_INCONNUE: &str = "colonne inconnue";
pub const COLONNE_REPETEE: &str = "colonne répétée";
pub const COLONNE_MANQUANTE: &str = "colonne obligatoire manquante";
pub fn valeur_admise(admises: &[&str]) -> String {
    format!("valeur inconnue (valeurs admises : {})", admises.join(", "))
}
pub fn champs_admis() -> String {
    valeur_admise(
        &ChampCorrection::TOUS
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>(),
    )
}
pub fn champ_inconnu(champ: &str) -> String {
    format!("champ « {champ} » : {}", champs_admis())
}
pub fn erreur_champ(champ: &str, raison: &str) -> String {
    format!("{champ} : {raison}")
}
pub fn nombre_cellules(lues: usize, attendues: usize) -> String {
    format!("{lues} cellules au lieu de {attendues}")
}
pub fn ligne_erreur(
    fichier: &str,
    ligne: u64,
    colonne: &str,
    valeur: &str,
    raison: &str,
) -> String {
    let valeur = crate::textes::visible_ligne(valeur);
    format!("{fichier}:{ligne}: {colonne}: {valeur}: {raison}")
}
pub fn liste_erreurs(erreurs: &[String]) -> String {
    let mut s = format!(
        "fichier refusé, rien n'a été importé ({} erreur{}) :",
        erreurs.len(),
        if erreurs.len() > 1 { "s" } else { "" }
    );
    for e in erreurs.iter().take(50) {
        s.push('\n');
        s.push_str(e);
    }
    if erreurs.len() > 50 {
        s.push_str(&format!("\n… et {} autres erreurs", erreurs.len() - 50));
    }
    s
}
pub fn pas_utf8(fichier: &str) -> String {
    format!(
        "{fichier} n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 (délimité par des virgules) » puis recommencez"
    )
}
pub fn point_virgule(fichier: &str) -> String {
    format!(
        "{fichier} est séparé par des points-virgules : enregistrez-le au format « CSV UTF-8 (délimité par des virgules) » puis recommencez"
    )
}
pub fn fichier_vide(fichier: &str) -> String {
    format!("{fichier} est vide : la ligne d'en-tête manque")
}
pub fn csv_illisible(fichier: &str, e: &str) -> String {
    format!("{fichier} : CSV illisible ({e})")
}
pub fn ecriture_impossible(e: &str) -> String {
    format!("écriture du CSV impossible : {e}")
}
pub use crate::textes::donnees::{
    ecriture_fichier as fichier_ecriture, lecture_fichier as fichier_lecture,
};
pub fn export_fait(n: usize, chemin: &Path) -> String {
    format!(
        "{n} correction{} écrite{} dans {}",
        if n > 1 { "s" } else { "" },
        if n > 1 { "s" } else { "" },
        chemin.display()
    )
}
pub fn import_fait(ajoutees: usize, deja: usize) -> String {
    format!("{ajoutees} correction(s) ajoutée(s), {deja} déjà présente(s)")
}
pub fn correction_enregistree(c: &Correction) -> String {
    format!(
        "Correction enregistrée pour {} : {} = {} (vérifié le {} par {})",
        la_prefecture(c.departement),
        libelle_champ(c.champ),
        libelle_valeur(c.champ, &c.valeur),
        date_fr(c.verifie_le),
        c.auteur
    )
}
pub fn departement_ambigu(requete: &str, deps: &[Departement]) -> String {
    let codes: Vec<String> = deps
        .iter()
        .map(|d| format!("{} {}", d.code(), d.nom()))
        .collect();
    format!(
        "« {requete} » désigne plusieurs départements ({}) : précisez le numéro",
        codes.join(", ")
    )
}

// ---------------------------------------------------------------- typed errors

impl fmt::Display for RepertoireIllisible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&repertoire_illisible(&self.0.to_string()))
    }
}

impl fmt::Display for ErreurFiche {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurFiche::Repertoire(e) => write!(f, "{e}"),
            ErreurFiche::Store(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Display for Lieu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lieu::Fait {
                numero,
                departement,
            } => write!(f, "prefectures-faits.toml fait n° {numero} ({departement})"),
            Lieu::Sources(cle) => write!(f, "[sources.{cle}]"),
            Lieu::Ccc => f.write_str("[ccc]"),
            Lieu::Anef => f.write_str("[anef]"),
        }
    }
}

impl fmt::Display for ErreurRepertoire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurRepertoire::Csv(e) => write!(f, "{e}"),
            ErreurRepertoire::Toml(e) => write!(f, "prefectures-faits.toml : {e}"),
            ErreurRepertoire::SansLigne(d) => {
                write!(f, "prefectures.csv : pas de ligne pour {}", d.code())
            }
            ErreurRepertoire::NombreLignes { lues, attendues } => {
                write!(f, "prefectures.csv : {lues} lignes au lieu de {attendues}")
            }
            ErreurRepertoire::SourcesManquantes(cle) => {
                write!(f, "prefectures-faits.toml : [sources.{cle}] manque")
            }
            ErreurRepertoire::Fait { lieu, probleme } => match probleme {
                ProblemeFait::DepartementInconnu => write!(f, "{lieu} : département inconnu"),
                ProblemeFait::ChampInvalide(champ) => {
                    write!(f, "{lieu} : champ « {champ} » ou valeur invalide")
                }
                ProblemeFait::TexteVide => write!(f, "{lieu} : texte vide"),
                ProblemeFait::SourceVide => write!(f, "{lieu} : source vide"),
                ProblemeFait::Date(date) => write!(f, "{lieu} : date « {date} »"),
                ProblemeFait::DateSansNote => {
                    write!(f, "{lieu} : date « aucune » sans note_date")
                }
            },
        }
    }
}

impl fmt::Display for ErreurValeurCorrection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurValeurCorrection::Vide => f.write_str(VALEUR_VIDE),
            ErreurValeurCorrection::TropLongue => f.write_str(VALEUR_LONGUE),
            ErreurValeurCorrection::NonAdmise(admises) => f.write_str(&valeur_admise(admises)),
            ErreurValeurCorrection::Controle(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Display for ErreurDateVerification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurDateVerification::Date(e) => write!(f, "{e}"),
            ErreurDateVerification::Future => f.write_str(DATE_FUTURE),
        }
    }
}

impl fmt::Display for ErreurSaisie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurSaisie::ChampInconnu(champ) => f.write_str(&champ_inconnu(champ)),
            ErreurSaisie::Valeur(e) => f.write_str(&erreur_champ("valeur", &e.to_string())),
            ErreurSaisie::VerifieLe(e) => f.write_str(&erreur_champ("verifie_le", &e.to_string())),
            ErreurSaisie::Source(e) => f.write_str(&erreur_champ("source", &e.to_string())),
        }
    }
}

impl fmt::Display for RaisonLigne {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RaisonLigne::ColonneInconnue => f.write_str(COLONNE_INCONNUE),
            RaisonLigne::ColonneRepetee => f.write_str(COLONNE_REPETEE),
            RaisonLigne::ColonneManquante => f.write_str(COLONNE_MANQUANTE),
            RaisonLigne::NombreCellules { lues, attendues } => {
                f.write_str(&nombre_cellules(*lues, *attendues))
            }
            RaisonLigne::Csv(e) => f.write_str(e),
            RaisonLigne::Lecture(r) => write!(f, "{r}"),
            RaisonLigne::Departement(e) => write!(f, "{e}"),
            RaisonLigne::ChampInconnu => f.write_str(&champs_admis()),
            RaisonLigne::Valeur(e) => write!(f, "{e}"),
            RaisonLigne::VerifieLe(e) => write!(f, "{e}"),
            RaisonLigne::Horodatage => f.write_str(HORODATAGE_INVALIDE),
        }
    }
}

impl fmt::Display for ErreurLigne {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ligne_erreur(
            &self.fichier,
            self.ligne as u64,
            &self.colonne,
            &self.valeur,
            &self.raison.to_string(),
        ))
    }
}

impl fmt::Display for ErreurEchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurEchange::PasUtf8 { fichier } => f.write_str(&pas_utf8(fichier)),
            ErreurEchange::PointVirgule { fichier } => f.write_str(&point_virgule(fichier)),
            ErreurEchange::Vide { fichier } => f.write_str(&fichier_vide(fichier)),
            ErreurEchange::Illisible { fichier, detail } => {
                f.write_str(&csv_illisible(fichier, detail))
            }
            ErreurEchange::Lignes(v) => {
                let lignes: Vec<String> = v.iter().map(|e| e.to_string()).collect();
                f.write_str(&liste_erreurs(&lignes))
            }
            ErreurEchange::Ecriture(e) => f.write_str(&ecriture_impossible(e)),
            ErreurEchange::EcritureFichier { chemin, erreur } => {
                f.write_str(&fichier_ecriture(chemin, erreur))
            }
            ErreurEchange::LectureFichier { chemin, erreur } => {
                f.write_str(&fichier_lecture(chemin, erreur))
            }
            ErreurEchange::Store(e) => write!(f, "{e}"),
        }
    }
}
