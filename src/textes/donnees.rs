//! Messages of the CSV import, the full export and the demo generator.

use crate::csvio::import::{BilanImport, ErreurDonnees};
use crate::csvio::{ErreurCellule, ErreurTable, Place, Raison};
use std::fmt;

/// How many errors an import lists before summing up the rest.
pub const ERREURS_AFFICHEES: usize = 50;

/// `fichier:ligne: colonne: valeur: raison`.
impl fmt::Display for ErreurCellule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}: {}",
            self.fichier,
            self.ligne,
            self.colonne,
            valeur_lisible(&self.valeur),
            self.raison
        )
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Colonne(nom) => f.write_str(nom),
            Place::Position(i) => write!(f, "colonne {i}"),
            Place::Ligne => f.write_str(LIGNE_ENTIERE),
        }
    }
}

impl fmt::Display for Raison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Raison::Valeur(e) => write!(f, "{e}"),
            Raison::ColonneInconnue { admises } => f.write_str(&colonne_inconnue(admises)),
            Raison::ColonneRepetee => f.write_str(COLONNE_REPETEE),
            Raison::ColonneAbsente => f.write_str(COLONNE_ABSENTE),
            Raison::NombreCellules {
                trouvees,
                attendues,
            } => f.write_str(&nombre_cellules(*trouvees, *attendues)),
            Raison::GuillemetNonFerme {
                trouvees,
                attendues,
            } => f.write_str(&guillemet_non_ferme(*trouvees, *attendues)),
            Raison::CsvIllisible(detail) => f.write_str(&csv_illisible(detail)),
            Raison::ReferenceEnDouble { premiere } => f.write_str(&reference_en_double(*premiere)),
            Raison::ReferenceEnBase => f.write_str(REFERENCE_EN_BASE),
            Raison::ReferenceInconnue => f.write_str(REFERENCE_INCONNUE),
        }
    }
}

impl fmt::Display for ErreurTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurTable::PasUtf8 { fichier, ligne } => f.write_str(&pas_utf8(fichier, *ligne)),
            ErreurTable::PointVirgule { fichier } => f.write_str(&point_virgule(fichier)),
            ErreurTable::Vide { fichier } => f.write_str(&fichier_vide(fichier)),
            ErreurTable::Cellules(v) => {
                let lignes: Vec<String> = v.iter().map(|e| e.to_string()).collect();
                f.write_str(&lignes.join("\n"))
            }
        }
    }
}

impl fmt::Display for ErreurDonnees {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurDonnees::Table(e) => write!(f, "{e}"),
            ErreurDonnees::Cellule(e) => write!(f, "{e}"),
            ErreurDonnees::Lecture { fichier, nature } => f.write_str(&lecture_fichier(
                std::path::Path::new(fichier),
                &std::io::Error::from(*nature),
            )),
            ErreurDonnees::Modifie { fichier } => f.write_str(&fichier_modifie(fichier)),
        }
    }
}

/// A value as shown in an error line: on one line, and not endless.
fn valeur_lisible(v: &str) -> String {
    let mut s = String::new();
    for (i, c) in v.chars().enumerate() {
        if i >= 60 {
            s.push('…');
            break;
        }
        match c {
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c => s.push_str(&super::visible_ligne(c.encode_utf8(&mut [0; 4]))),
        }
    }
    s
}

pub fn fichier_modifie(fichier: &str) -> String {
    format!(
        "{fichier} a changé pendant l'import, entre sa vérification et son écriture : rien \
         n'a été importé. Relancez l'import une fois le fichier enregistré."
    )
}

pub fn pas_utf8(fichier: &str, ligne: usize) -> String {
    format!(
        "{fichier}:{ligne}: le fichier n'est pas encodé en UTF-8 (sans doute un export « CSV » \
         Windows-1252 d'un tableur). vigie lit tel quel le tableur de la permanence : \
         « vigie import --tableur {fichier} » (ajoutez --essai pour vérifier sans rien écrire). \
         Pour cet import strict, réenregistrez-le en « CSV UTF-8 » (LibreOffice : Enregistrer \
         sous, Texte CSV, jeu de caractères Unicode (UTF-8)), puis relancez l'import."
    )
}

pub fn point_virgule(fichier: &str) -> String {
    format!(
        "{fichier}:1: le fichier est séparé par des points-virgules ; l'import strict attend des \
         virgules. vigie lit tel quel le tableur de la permanence : « vigie import --tableur \
         {fichier} » (ajoutez --essai pour vérifier sans rien écrire). Pour cet import strict, \
         réenregistrez-le avec la virgule comme séparateur de champ (LibreOffice : Enregistrer \
         sous, Texte CSV, cochez « Éditer les paramètres du filtre », séparateur « , »), puis \
         relancez l'import."
    )
}

pub fn fichier_vide(fichier: &str) -> String {
    format!("{fichier}:1: le fichier est vide : il faut au moins la ligne d'en-tête")
}

pub fn colonne_inconnue(admises: &[&str]) -> String {
    format!(
        "colonne inconnue (colonnes admises : {})",
        admises.join(", ")
    )
}

pub const COLONNE_REPETEE: &str = "colonne présente deux fois dans l'en-tête";
pub const COLONNE_ABSENTE: &str = "colonne obligatoire absente de l'en-tête";
pub const LIGNE_ENTIERE: &str = "(ligne)";

pub fn nombre_cellules(trouvees: usize, attendues: usize) -> String {
    format!("{trouvees} cellule(s) au lieu de {attendues} (celles de l'en-tête)")
}

/// The wrong cell count comes with a line break inside a cell: most likely a `"` opened and
/// never closed, which swallowed the next lines.
pub fn guillemet_non_ferme(trouvees: usize, attendues: usize) -> String {
    format!(
        "{trouvees} cellule(s) au lieu de {attendues} (celles de l'en-tête) : un guillemet \
         ouvert dans cette ligne n'est sans doute pas refermé, ce qui avale les lignes suivantes"
    )
}

pub fn csv_illisible(detail: &str) -> String {
    format!("ligne CSV illisible ({detail})")
}

pub const AUCUN_FICHIER: &str =
    "rien à importer : indiquez --personnes FICHIER et/ou --evenements FICHIER";

pub fn reference_en_double(premiere: usize) -> String {
    format!("référence en double dans le fichier (déjà à la ligne {premiere})")
}

pub const REFERENCE_EN_BASE: &str = "cette référence est déjà dans la base (pour passer les \
     personnes déjà présentes, relancez avec --ignorer-existants)";

pub const REFERENCE_INCONNUE: &str =
    "référence inconnue : ni dans le fichier des personnes importé, ni dans la base";

pub use super::erreur_io;

pub fn lecture_fichier(chemin: &std::path::Path, e: &std::io::Error) -> String {
    format!("impossible de lire {} : {}", chemin.display(), erreur_io(e))
}

pub fn ecriture_fichier(chemin: &std::path::Path, e: &std::io::Error) -> String {
    format!(
        "impossible d'écrire {} : {}",
        chemin.display(),
        erreur_io(e)
    )
}

/// After the first `ERREURS_AFFICHEES` errors of a refused import.
pub fn erreurs_non_affichees(reste: usize) -> String {
    format!("… et {reste} autre(s) erreur(s) non affichée(s)")
}

/// The summary of a refused import, after the listed errors.
pub fn import_refuse(total: usize) -> String {
    format!(
        "import refusé : {total} erreur(s), rien n'a été écrit dans la base. Corrigez les \
         fichiers et relancez."
    )
}

pub fn import_termine(b: &BilanImport) -> String {
    let mut s = format!(
        "Import terminé : {} personne(s) ajoutée(s), {} événement(s) ajouté(s).",
        b.personnes_ajoutees, b.evenements_ajoutes
    );
    if b.evenements_identiques > 0 {
        s.push_str(&format!(
            "\n{} événement(s) identique(s) à un événement déjà enregistré : ignoré(s).",
            b.evenements_identiques
        ));
    }
    if b.personnes_existantes > 0 {
        s.push_str(&format!(
            "\n{} personne(s) déjà présente(s) dans la base : ignorée(s) (--ignorer-existants).",
            b.personnes_existantes
        ));
    }
    s
}

pub fn detail_journal_import(b: &BilanImport) -> String {
    format!(
        "{} personnes, {} événements ajoutés ; {} événements identiques et {} personnes \
         existantes ignorés",
        b.personnes_ajoutees, b.evenements_ajoutes, b.evenements_identiques, b.personnes_existantes
    )
}

pub const DONNEES_PERSONNELLES: &str = "Attention : ces fichiers contiennent des données \
     personnelles (noms, téléphones, notes, situations administratives). Conservez-les en lieu \
     sûr, ne les envoyez pas par courriel non chiffré, et supprimez-les dès qu'ils ne servent plus.";

pub fn export_termine(
    personnes: usize,
    fichier_personnes: &std::path::Path,
    evenements: usize,
    fichier_evenements: &std::path::Path,
) -> String {
    format!(
        "Export terminé : {personnes} personne(s) dans {}, {evenements} événement(s) dans {}.",
        fichier_personnes.display(),
        fichier_evenements.display()
    )
}

pub fn demo_base_non_vide(n: i64) -> String {
    format!(
        "la base contient déjà {n} personne(s) : la démonstration ne remplit qu'une base vide. \
         Choisissez un autre fichier, par exemple --db /tmp/demo.db --sans-chiffrement"
    )
}

pub const DEMO_ZERO: &str = "--personnes doit valoir au moins 1";

pub fn demo_terminee(personnes: usize, evenements: usize, secondes: f64) -> String {
    format!(
        "Démonstration : {personnes} personne(s) fictive(s) et {evenements} événement(s) créés \
         en {secondes:.1} s. Essayez : vigie aujourdhui"
    )
}

/// Who signs the demo's events when no volunteer is named.
pub const BENEVOLE_DEMO: &str = "démo";
