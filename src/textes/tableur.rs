//! Messages and vocabulary of `vigie import --tableur` and of the import screen: the French
//! headers and labels a desk's sheet uses, the report of the mapping, the refusals.

use crate::domain::{Blocage, Canal, Demarche, Resultat, TypeEvenement};
use crate::tableur::lecture::ErreurLecture;
use crate::tableur::recette::ErreurRecette;
use crate::tableur::{Cible, Colonne, ErreurTableur, Vocabulaire};
use std::fmt;
use std::path::Path;

/// The headers that mean each §1 column, besides its own name.
type Synonymes = Vec<(&'static str, Vec<&'static str>)>;

/// The headers of who the person is.
fn synonymes() -> Synonymes {
    vec![
        (
            "reference",
            vec![
                "Référence",
                "Réf",
                "N° dossier",
                "Numéro",
                "Numéro de dossier",
                "Dossier",
                "N°",
                "No dossier",
                "Num dossier",
            ],
        ),
        (
            "nom",
            vec!["Nom de famille", "Nom usuel", "Nom de naissance"],
        ),
        ("prenom", vec!["Prénom", "Prénoms"]),
        (
            "date_naissance",
            vec![
                "Date de naissance",
                "Né le",
                "Née le",
                "Né(e) le",
                "Naissance",
                "DDN",
            ],
        ),
        ("nationalite", vec!["Nationalité", "Pays d'origine"]),
        (
            "numero_etranger",
            vec![
                "N° étranger",
                "Numéro étranger",
                "N° AGDREF",
                "Numéro AGDREF",
                "AGDREF",
            ],
        ),
        (
            "telephone",
            vec![
                "Téléphone",
                "Tél",
                "Tel",
                "Portable",
                "Mobile",
                "N° de téléphone",
            ],
        ),
        ("adresse", vec!["Adresse postale", "Domicile"]),
    ]
}

/// The headers of the file's own fields (département, procedure, dates…).
fn synonymes_dossier() -> Synonymes {
    vec![
        (
            "departement",
            vec!["Département", "Dép", "Dépt", "Dept", "Code postal", "CP"],
        ),
        (
            "demarche",
            vec![
                "Démarche",
                "Type de démarche",
                "Procédure",
                "Type de demande",
            ],
        ),
        (
            "blocage",
            vec![
                "Blocage",
                "Type de blocage",
                "Problème",
                "Difficulté",
                "Motif du blocage",
            ],
        ),
        (
            "captures",
            vec![
                "Captures",
                "Captures d'écran",
                "Nombre de captures",
                "Preuves",
            ],
        ),
        (
            "ouvert_le",
            vec![
                "Date d'ouverture",
                "Ouvert le",
                "Date 1er RDV",
                "Date premier RDV",
                "Date du premier rendez-vous",
                "Date d'accueil",
                "Ouverture",
            ],
        ),
        (
            "titre_expire_le",
            vec![
                "Fin du titre",
                "Expiration titre",
                "Expiration du titre",
                "Fin de validité du titre",
                "Titre valable jusqu'au",
                "Date d'expiration du titre",
            ],
        ),
        (
            "api_expire_le",
            vec![
                "Fin API",
                "Expiration API",
                "Fin de l'API",
                "API valable jusqu'au",
            ],
        ),
        (
            "pan_connu",
            vec![
                "Connaissait le PAN",
                "PAN connu",
                "Connaît le PAN",
                "Connaissance du PAN",
            ],
        ),
        (
            "notes",
            vec![
                "Note",
                "Commentaire",
                "Commentaires",
                "Observations",
                "Remarques",
            ],
        ),
    ]
}

/// The French words the matching needs: header synonyms, labels, yes and no.
pub fn vocabulaire() -> Vocabulaire {
    let mut synonymes = synonymes();
    synonymes.extend(synonymes_dossier());
    let codes = vec![
        (
            "demarche",
            libelles(Demarche::TOUS, |d| (d.code(), d.libelle())),
        ),
        (
            "blocage",
            libelles(Blocage::TOUS, |d| (d.code(), d.libelle())),
        ),
        (
            "type",
            libelles(TypeEvenement::TOUS, |d| (d.code(), d.libelle())),
        ),
        ("canal", libelles(Canal::TOUS, |d| (d.code(), d.libelle()))),
        (
            "resultat",
            libelles(Resultat::TOUS, |d| (d.code(), d.libelle())),
        ),
    ];
    Vocabulaire {
        synonymes,
        mots_vides: vec!["de", "du", "des", "d", "l", "la", "le", "les", "au", "aux"],
        codes,
        oui: vec!["oui", "o", "x", "vrai", "1", "yes", "y", "true"],
        non: vec!["non", "n", "faux", "0", "no", "false"],
        colonne: "Colonne",
    }
}

fn libelles<T: Copy>(
    tous: &[T],
    f: impl Fn(T) -> (&'static str, &'static str),
) -> Vec<(&'static str, Vec<&'static str>)> {
    tous.iter()
        .map(|x| {
            let (code, libelle) = f(*x);
            (code, vec![libelle])
        })
        .collect()
}

/// The heading comment of a written recipe.
pub const ENTETE_RECETTE: &str = "Recette vigie : comment lire le tableur de la permanence \
(docs/fichiers.md §3b).\n\
[colonnes] : en-tête du tableur = colonne de vigie (reference, nom, prenom…), « dans_notes » \
(recopiée dans les notes\n\
sous la forme « Colonne : valeur ») ou « ignorer ».\n\
[valeurs.CHAMP] : valeur écrite dans le tableur = code de vigie.\n\
[[evenements]] : des colonnes qui donnent un événement par ligne (type, colonne de date, canal \
et résultat).\n\
Rejouez-la le mois suivant : vigie import --tableur F --recette CE_FICHIER";

/// `fichier:ligne: colonne: valeur: raison`, in the sheet's terms.
impl fmt::Display for ErreurTableur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let valeur: String = self
            .valeur
            .chars()
            .take(60)
            .map(|c| if c == '\n' { '/' } else { c })
            .collect();
        write!(
            f,
            "{}:{}: {}: {}: {}",
            self.fichier,
            self.ligne,
            super::visible_ligne(&self.colonne),
            super::visible_ligne(&valeur),
            self.raison
        )
    }
}

impl fmt::Display for ErreurLecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurLecture::MotDePasse => f.write_str(
                "le classeur est protégé par un mot de passe : vigie ne peut pas le lire. \
                 Ouvrez-le dans votre tableur, retirez le mot de passe (LibreOffice : Fichier, \
                 Propriétés, Sécurité ; Excel : Fichier, Informations, Protéger le classeur, \
                 Chiffrer avec mot de passe, laissez vide), enregistrez une copie et \
                 importez-la.",
            ),
            ErreurLecture::Classeur(m) => write!(
                f,
                "le fichier n'est pas un classeur lisible (.xlsx, .ods ou CSV) : {m}"
            ),
            ErreurLecture::FeuilleAbsente { nom, feuilles } => write!(
                f,
                "le classeur n'a pas de feuille « {nom} » ; ses feuilles : {}",
                feuilles.join(", ")
            ),
            ErreurLecture::Vide => f.write_str("le fichier ne contient aucune ligne"),
        }
    }
}

impl fmt::Display for ErreurRecette {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurRecette::Syntaxe(m) => write!(f, "recette illisible : {m}"),
            ErreurRecette::Cible { colonne, cible } => write!(
                f,
                "recette : la colonne « {colonne} » va vers « {cible} », qui n'est pas une \
                 colonne de vigie (reference, nom, prenom… ou dans_notes, ignorer)"
            ),
        }
    }
}

pub fn lecture_impossible(chemin: &Path, e: &dyn fmt::Display) -> String {
    format!("{} : {e}", chemin.display())
}

/// How a column's target is said in the report and on the screen.
pub fn cible(c: &Cible) -> String {
    match c {
        Cible::Champ(n) => (*n).to_string(),
        Cible::Notes => "dans les notes (« Colonne : valeur »)".to_string(),
        Cible::Ignoree => "ignorée".to_string(),
        Cible::Evenement => "événement (recette)".to_string(),
    }
}

/// The mapping used, one line per column of the sheet.
pub fn correspondance(colonnes: &[Colonne], ligne_entete: usize, feuille: &str) -> String {
    let mut s = if feuille.is_empty() {
        format!("En-têtes lus en ligne {ligne_entete}. Correspondance des colonnes :\n")
    } else {
        format!(
            "Feuille « {feuille} », en-têtes lus en ligne {ligne_entete}. Correspondance des \
             colonnes :\n"
        )
    };
    for c in colonnes {
        s.push_str(&format!(
            "  {} « {} » → {}{}\n",
            crate::tableur::lettre(c.position),
            super::visible_ligne(&c.en_tete),
            cible(&c.cible),
            if c.par_recette { " (recette)" } else { "" }
        ));
    }
    s
}

pub fn references_generees(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "1 référence créée (pas de numéro de dossier sur la ligne).".to_string(),
        n => format!("{n} références créées (pas de numéro de dossier sur ces lignes)."),
    }
}

pub fn essai_ok(personnes: usize, evenements: usize) -> String {
    format!(
        "Essai : {personnes} personne(s) et {evenements} événement(s) seraient importés. Rien n'a \
         été écrit ; relancez sans --essai pour importer."
    )
}

pub fn essai_refuse(n: usize) -> String {
    format!(
        "Essai : {n} erreur(s) ; rien ne serait importé. Corrigez le tableur (ou la recette) et \
         relancez."
    )
}

pub fn recette_ecrite(chemin: &Path) -> String {
    format!(
        "Recette écrite dans {} : relisez-la, corrigez-la au besoin, et rejouez-la avec \
         --recette.",
        chemin.display()
    )
}

pub fn modele_ecrit(chemin: &Path) -> String {
    format!(
        "Modèle écrit dans {} : une ligne d'en-têtes et une ligne d'exemple à remplacer.",
        chemin.display()
    )
}

/// The sheet name of the .xlsx template.
pub const MODELE_FEUILLE: &str = "Personnes";

pub const MODELE_FORMAT: &str =
    "le modèle s'écrit en .xlsx ou en .csv : donnez un nom de fichier qui finit ainsi";

pub const TABLEUR_ET_CSV: &str =
    "--tableur ne se combine pas avec --personnes ou --evenements : importez l'un ou l'autre";

pub const ESSAI_SANS_TABLEUR: &str =
    "--essai, --recette, --ecrire-recette et --feuille vont avec --tableur";

/// The French headers of the template, in the order of §1, and one example row.
pub const MODELE_ENTETES: &[&str] = &[
    "N° dossier",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Nationalité",
    "N° étranger",
    "Téléphone",
    "Adresse",
    "Département",
    "Démarche",
    "Blocage",
    "Captures",
    "Date d'ouverture",
    "Fin du titre",
    "Fin API",
    "Connaissait le PAN",
    "Notes",
];

pub const MODELE_EXEMPLE: &[&str] = &[
    "",
    "EXEMPLE",
    "Awa",
    "14/02/1990",
    "sénégalaise",
    "",
    "06 11 22 33 44",
    "12 rue des Lilas / 93200 Saint-Denis",
    "Seine-Saint-Denis",
    "Renouvellement",
    "Dépôt impossible",
    "2",
    "05/03/2026",
    "30/04/2026",
    "",
    "Non",
    "Ligne d'exemple : remplacez-la (laissez le N° dossier vide, vigie en crée un).",
];

// ------------------------------------------------------------------ the import screen

pub const ECRAN_IMPORT: &str = "Importer un tableur";
pub const ECRAN_FICHIER: &str = "Tableur à importer : ";
pub const ECRAN_FICHIER_AIDE: &str =
    "Chemin d'un fichier .xlsx, .ods ou .csv (depuis le dossier courant), puis Entrée.";
pub const ECRAN_CORRIGER: &str =
    "L'essai a trouvé des erreurs : changez la correspondance (← →, x) ou corrigez le tableur.";
pub const TOUCHE_IGNORER: &str = "ignorer la colonne";
pub const TOUCHE_IMPORTER: &str = "importer un tableur";

pub fn ecran_titre(fichier: &str, feuille: &str, ligne: usize) -> String {
    if feuille.is_empty() {
        format!("{fichier} — en-têtes en ligne {ligne} — ↑↓ colonne, ← → destination, x ignorer")
    } else {
        format!(
            "{fichier}, feuille « {feuille} » — en-têtes en ligne {ligne} — ↑↓ colonne, ← → \
             destination, x ignorer"
        )
    }
}

pub fn ecran_colonne(
    lettre: &str,
    en_tete: &str,
    cible: &str,
    exemple: &str,
    invalides: usize,
) -> String {
    let erreurs = match invalides {
        0 => String::new(),
        1 => " — 1 cellule invalide".to_string(),
        n => format!(" — {n} cellules invalides"),
    };
    format!("{lettre} « {en_tete} » → {cible} (ex. : {exemple}){erreurs}")
}

pub fn ecran_essai_ok(personnes: usize, evenements: usize) -> String {
    format!(
        "Essai réussi : {personnes} personne(s) et {evenements} événement(s) à importer. \
         Entrée importe."
    )
}
