//! French texts of the letters and evidence: the values given to the templates of
//! `assets/modeles/` (`contexte`), the facts of each event (`fait`), the warnings before
//! writing, and the command-line messages. Plain text, lines of at most 80 characters,
//! no-break spaces before « : » and inside « n° 452798 », typographic apostrophes.
//!
//! Never written in a letter: the volunteer's notes (the chronology shows them only with
//! `--avec-notes`), the phone number, anyone else's data.

use crate::lettres::modeles::{self, ErreurModele, Gabarit, Modele};
use crate::lettres::{Avertissement, Dossier, IdentifiantManquant, LARGEUR};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

mod chronologie;
mod contexte;
mod lettre;

pub use contexte::{Options, contexte};
pub use lettre::fait;

/// A document written from a template, and the refusal of a desk's template if there was one
/// (the shipped template was used instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub texte: String,
    pub refus: Option<String>,
}

/// A desk's own template file (`config::modeles_locaux`): its name, path and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeleLocal {
    pub nom: String,
    pub chemin: std::path::PathBuf,
    pub source: String,
}

/// Writes a document from its template and the fragments it includes: a desk's own file of
/// the same name (`locaux`) replaces a shipped one when it parses; a malformed one is refused
/// whole (file, line, problem) and the shipped one used. If the rendering with the desk's
/// files fails, the document is written from the shipped files only. Stored text is made
/// visible first.
pub fn rediger(d: &Dossier, g: Gabarit, options: Options, locaux: &[ModeleLocal]) -> Redaction {
    let d = &crate::textes::dossier_visible(d);
    let valeurs = contexte(d, g, options);
    let nom = g.fichier();
    let livrees = modeles::sources_livrees(g);
    let mut sources = livrees.clone();
    let mut refus = Vec::new();
    let mut remplaces = Vec::new();
    for l in locaux.iter().filter(|l| livrees.contains_key(&l.nom)) {
        match modeles::verifier(&l.nom, &l.source) {
            Ok(()) => {
                sources.insert(l.nom.clone(), l.source.clone());
                remplaces.push(l);
            }
            Err(e) => refus.push(modele_refuse(&l.chemin, &e)),
        }
    }
    let rendu = match modeles::rendre(&nom, &sources, &valeurs) {
        Ok(t) => Ok(t),
        Err(e) if !remplaces.is_empty() => {
            let chemin = remplaces
                .iter()
                .find(|l| Some(&l.nom) == e.fichier.as_ref())
                .or(remplaces.first())
                .map(|l| l.chemin.clone())
                .unwrap_or_default();
            refus.push(modele_refuse(&chemin, &e));
            modeles::rendre(&nom, &livrees, &valeurs)
        }
        Err(e) => Err(e),
    };
    let texte = match rendu {
        Ok(t) => crate::lettres::mise_en_forme::mettre_en_forme(&t),
        Err(e) => format!("{}\n", modele_refuse(Path::new(&nom), &e)),
    };
    Redaction {
        texte,
        refus: (!refus.is_empty()).then(|| refus.join("\n")),
    }
}

/// A document from its shipped template.
pub fn document(d: &Dossier, m: Modele, options: Options) -> String {
    rediger(d, crate::lettres::gabarit(d, m), options, &[]).texte
}

/// The registered letter for the person's blocking type (a reminder once one was sent).
pub fn lettre(d: &Dossier) -> String {
    document(d, Modele::Recommande, Options::default())
}

/// The chronology of every attempt, for a lawyer or the Défenseur des droits (no notes).
pub fn chronologie(d: &Dossier) -> String {
    document(d, Modele::Chronologie, Options::default())
}

/// A desk's template refused whole: file, line, problem.
pub fn modele_refuse(chemin: &Path, e: &ErreurModele) -> String {
    let ligne = e.ligne.map(|l| format!(":{l}")).unwrap_or_default();
    format!(
        "{}{ligne} : modèle refusé ({}) ; le modèle livré avec vigie est utilisé",
        chemin.display(),
        e.probleme
    )
}

/// A desk's template file that cannot be read (`None`: not UTF-8).
pub fn modele_illisible(chemin: &Path, e: Option<&std::io::Error>) -> String {
    match e {
        None => format!(
            "{} : modèle refusé (le fichier n'est pas en UTF-8) ; le modèle livré avec vigie \
             est utilisé",
            chemin.display()
        ),
        Some(e) => format!(
            "{} : modèle illisible ({e}) ; le modèle livré avec vigie est utilisé",
            chemin.display()
        ),
    }
}

/// A warning before writing, in a sentence.
pub fn avertissement(a: &Avertissement) -> String {
    match a {
        Avertissement::AucuneTentative => "attention : aucune démarche auprès du CCC ni du PAN \
             n'est enregistrée ; la lettre n'a aucune démarche préalable à citer (enregistrez-les \
             d'abord, ou commencez par le message au CCC : --modele ccc)"
            .to_string(),
        Avertissement::AdresseIncertaine { vide: true } => "attention : l'annuaire ne donne pas \
             l'adresse de la préfecture ; écrivez-la à la main, ou enregistrez-la dans la fiche \
             de la préfecture (touche p)"
            .to_string(),
        Avertissement::AdresseIncertaine { vide: false } => "attention : l'adresse de la \
             préfecture vient de l'annuaire livré, une copie ancienne jamais vérifiée ; \
             vérifiez-la sur le site de la préfecture avant l'envoi (puis enregistrez-la dans sa \
             fiche)"
            .to_string(),
        Avertissement::IdentifiantsManquants(v) => {
            let noms: Vec<&str> = v
                .iter()
                .map(|i| match i {
                    IdentifiantManquant::DateNaissance => "date de naissance",
                    IdentifiantManquant::Nationalite => "nationalité",
                    IdentifiantManquant::NumeroEtranger => "numéro étranger",
                    IdentifiantManquant::Adresse => "adresse",
                })
                .collect();
            format!(
                "attention : identifiants manquants ({}) ; la préfecture en a besoin pour \
                 retrouver le dossier : une ligne est laissée à remplir à la main",
                noms.join(", ")
            )
        }
        Avertissement::DejaEnvoyee { date, ar } => format!(
            "une lettre recommandée est déjà enregistrée comme envoyée le {}{} : le document \
             est une relance qui la cite",
            date_lettre(*date),
            ar.as_deref()
                .map(|t| format!(" (avis de réception {})", numero(t)))
                .unwrap_or_default()
        ),
        Avertissement::RelanceSansLettre => "attention : aucune lettre recommandée n'est \
             enregistrée comme envoyée ; la relance laisse sa date et son numéro d'avis de \
             réception à remplir à la main"
            .to_string(),
        Avertissement::DossierClos { le } => format!(
            "attention : ce dossier est clos depuis le {} ; vérifiez que la démarche est \
             toujours d'actualité avant d'envoyer quoi que ce soit",
            date_lettre(*le)
        ),
        Avertissement::RelanceAvantDelai { delai_le } => format!(
            "attention : le délai de réponse de la lettre recommandée court jusqu'au {} ; une \
             relance avant cette date est prématurée",
            date_lettre(*delai_le)
        ),
    }
}

/// The name of a document, for the messages (« Lettre recommandée écrite dans … »).
pub fn nom_document(m: Modele) -> &'static str {
    match m {
        Modele::Recommande => LETTRE,
        Modele::Relance => "Relance",
        Modele::Ccc => "Message au CCC",
        Modele::Defenseur => "Saisine du Défenseur des droits",
        Modele::Chronologie => CHRONOLOGIE,
    }
}

/// The title of a PDF (its metadata), for a screen reader.
pub fn titre_pdf(m: Modele, d: &Dossier) -> String {
    format!("{} — {}", nom_document(m), d.personne.nom_complet())
}

pub fn pdf_impossible(e: &crate::lettres::pdf::ErreurPdf) -> String {
    match e {
        crate::lettres::pdf::ErreurPdf::Police => {
            "PDF impossible : la police embarquée est illisible (installation abîmée)".into()
        }
        crate::lettres::pdf::ErreurPdf::Ecriture(d) => format!("PDF impossible : {d}"),
    }
}

pub fn modele_inconnu(m: &str) -> String {
    format!(
        "modèle inconnu « {} » : choisissez recommande, relance, ccc, defenseur ou chronologie",
        m.trim()
    )
}

/// No-break space (before « : », after « n° », inside « » quotes).
const NBSP: char = '\u{a0}';

/// A date in letters: « 1er août 2023 », « 23 novembre 2026 » (no-break spaces inside).
pub fn date_lettre(d: NaiveDate) -> String {
    let jour = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    let mois = super::nom_mois(d.month());
    format!("{jour}{NBSP}{mois}{NBSP}{}", d.year())
}

/// « n° 123 » with a no-break space.
fn numero(n: &str) -> String {
    format!("n°{NBSP}{}", n.trim())
}

/// French typography for the letter: typographic apostrophe, no-break space before « : »
/// and « ; » (so that a line never starts with one).
fn typo(s: &str) -> String {
    insecables(&s.replace('\'', "’"))
}

/// No-break space before « : » and « ; », so that a wrapped line never starts with one.
fn insecables(s: &str) -> String {
    s.replace(" :", &format!("{NBSP}:"))
        .replace(" ;", &format!("{NBSP};"))
}

/// Lower-cases the first letter of a label, unless it starts an acronym (« API »).
fn minuscule_initiale(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(p), Some(q)) if !q.is_uppercase() => {
            p.to_lowercase().collect::<String>() + &s[p.len_utf8()..]
        }
        _ => s.to_string(),
    }
}

fn majuscule_initiale(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Checks the layout promise of both documents: no line wider than `LARGEUR` columns.
pub fn lignes_trop_longues(texte: &str) -> Vec<&str> {
    texte
        .lines()
        .filter(|l| crate::mise_en_page::largeur(l) > LARGEUR)
        .collect()
}

// ---------------------------------------------------------------- command-line messages

pub fn reference_inconnue(reference: &str) -> String {
    format!(
        "aucune personne n'a la référence « {} » dans cette base (vérifiez la référence, ou \
         cherchez-la avec « vigie aujourdhui --tous »)",
        reference.trim()
    )
}

/// `est_dossier`: the path names a folder (the caller looked).
pub fn ecriture_fichier(chemin: &std::path::Path, est_dossier: bool, e: &std::io::Error) -> String {
    if est_dossier {
        return crate::textes::donnees::ecriture_fichier(
            chemin,
            &std::io::Error::from(std::io::ErrorKind::IsADirectory),
        );
    }
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        return format!(
            "{} existe déjà : vigie ne remplace jamais un document (il a pu être complété à la \
             main) ; choisissez un autre nom avec --sortie, ou supprimez d'abord l'ancien fichier",
            chemin.display()
        );
    }
    crate::textes::donnees::ecriture_fichier(chemin, e)
}

pub fn document_ecrit(quoi: &str, chemin: &std::path::Path) -> String {
    format!("{quoi} : écrit dans {}", chemin.display())
}

/// Under the file-name field of the TUI preview.
pub const ASTUCE_PDF: &str = "Un nom en .pdf écrit le PDF à imprimer (A4).";

pub const PDF_SANS_SORTIE: &str = "--pdf demande un fichier : ajoutez --sortie FICHIER (le texte et le PDF sont écrits côte à côte)";

pub const LETTRE: &str = "Lettre recommandée";
pub const CHRONOLOGIE: &str = "Chronologie";

#[cfg(test)]
mod tests;
