//! The letter templates (`assets/modeles/`, minijinja): which one a document uses, the shipped
//! sources, and rendering. A desk overrides a template with a file of the same name in its
//! configuration folder (`config::modele_local` reads it); a malformed one is refused whole
//! and the shipped template is used.
//!
//! What a template receives is built by `crate::textes::lettres::contexte` (values already
//! worded in French); what it returns is laid out by `super::mise_en_forme`.

use super::Dossier;
use crate::domain::{Blocage, Resultat, TypeEvenement};
use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;

/// A document a volunteer asks for (`vigie lettre --modele M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modele {
    /// The registered letter for the person's blocking type (a reminder once one was sent).
    Recommande,
    /// A reminder after the reply deadline of a registered letter.
    Relance,
    /// The message to paste into the ANEF contact form (CCC).
    Ccc,
    /// The referral to the Défenseur des droits.
    Defenseur,
    /// The chronology for a lawyer.
    Chronologie,
}

impl Modele {
    pub const TOUS: [Modele; 5] = [
        Modele::Recommande,
        Modele::Relance,
        Modele::Ccc,
        Modele::Defenseur,
        Modele::Chronologie,
    ];

    /// The code on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Modele::Recommande => "recommande",
            Modele::Relance => "relance",
            Modele::Ccc => "ccc",
            Modele::Defenseur => "defenseur",
            Modele::Chronologie => "chronologie",
        }
    }

    pub fn depuis_code(s: &str) -> Option<Modele> {
        Modele::TOUS.into_iter().find(|m| m.code() == s.trim())
    }
}

/// The kind of registered letter, from the blocking type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Motif {
    /// The request cannot be filed online (account, numéro étranger, form, other).
    DepotImpossible,
    /// The API was not renewed.
    ApiNonRenouvelee,
    /// The permit is granted, no appointment to collect it.
    RetraitTitre,
    /// The file is stuck without news.
    SansNouvelles,
    /// The change of address cannot be made.
    ChangementAdresse,
}

impl Motif {
    pub const TOUS: [Motif; 5] = [
        Motif::DepotImpossible,
        Motif::ApiNonRenouvelee,
        Motif::RetraitTitre,
        Motif::SansNouvelles,
        Motif::ChangementAdresse,
    ];

    pub fn depuis_blocage(b: Blocage) -> Motif {
        match b {
            Blocage::ApiNonRenouvelee => Motif::ApiNonRenouvelee,
            Blocage::RdvRetraitTitre => Motif::RetraitTitre,
            Blocage::SansNouvelles => Motif::SansNouvelles,
            Blocage::ChangementAdresse => Motif::ChangementAdresse,
            Blocage::Connexion | Blocage::NumeroEtranger | Blocage::DepotImpossible => {
                Motif::DepotImpossible
            }
            Blocage::Autre => Motif::DepotImpossible,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Motif::DepotImpossible => "depot_impossible",
            Motif::ApiNonRenouvelee => "api_non_renouvelee",
            Motif::RetraitTitre => "rdv_retrait_titre",
            Motif::SansNouvelles => "sans_nouvelles",
            Motif::ChangementAdresse => "changement_adresse",
        }
    }
}

/// One template file: what a document is written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gabarit {
    Recommande(Motif),
    Relance(Motif),
    Ccc,
    Defenseur,
    Chronologie,
}

impl Gabarit {
    /// Every shipped template.
    pub fn tous() -> Vec<Gabarit> {
        let mut v: Vec<Gabarit> = Motif::TOUS.into_iter().map(Gabarit::Recommande).collect();
        v.push(Gabarit::Relance(Motif::DepotImpossible));
        v.extend([Gabarit::Ccc, Gabarit::Defenseur, Gabarit::Chronologie]);
        v
    }

    /// The file name, in `assets/modeles/` and in a desk's configuration folder.
    pub fn fichier(self) -> String {
        match self {
            Gabarit::Recommande(m) => format!("recommande_{}.txt", m.code()),
            // One reminder for every blocking type: the motive is a value in it.
            Gabarit::Relance(_) => "relance.txt".into(),
            Gabarit::Ccc => "ccc.txt".into(),
            Gabarit::Defenseur => "defenseur.txt".into(),
            Gabarit::Chronologie => "chronologie.txt".into(),
        }
    }

    /// The shipped source.
    pub fn source_livree(self) -> &'static str {
        match self {
            Gabarit::Recommande(Motif::DepotImpossible) => {
                include_str!("../../assets/modeles/recommande_depot_impossible.txt")
            }
            Gabarit::Recommande(Motif::ApiNonRenouvelee) => {
                include_str!("../../assets/modeles/recommande_api_non_renouvelee.txt")
            }
            Gabarit::Recommande(Motif::RetraitTitre) => {
                include_str!("../../assets/modeles/recommande_rdv_retrait_titre.txt")
            }
            Gabarit::Recommande(Motif::SansNouvelles) => {
                include_str!("../../assets/modeles/recommande_sans_nouvelles.txt")
            }
            Gabarit::Recommande(Motif::ChangementAdresse) => {
                include_str!("../../assets/modeles/recommande_changement_adresse.txt")
            }
            Gabarit::Relance(_) => include_str!("../../assets/modeles/relance.txt"),
            Gabarit::Ccc => include_str!("../../assets/modeles/ccc.txt"),
            Gabarit::Defenseur => include_str!("../../assets/modeles/defenseur.txt"),
            Gabarit::Chronologie => include_str!("../../assets/modeles/chronologie.txt"),
        }
    }

    pub fn motif(self) -> Option<Motif> {
        match self {
            Gabarit::Recommande(m) | Gabarit::Relance(m) => Some(m),
            _ => None,
        }
    }

    pub fn est_relance(self) -> bool {
        matches!(self, Gabarit::Relance(_))
    }
}

/// The registered letters recorded as sent, in date order (the earlier letters a reminder
/// cites).
pub fn recommandes_envoyes(d: &Dossier) -> Vec<&crate::domain::Evenement> {
    d.evenements
        .iter()
        .filter(|e| {
            e.type_evenement == TypeEvenement::Recommande
                && e.resultat != Some(Resultat::ReponseRecue)
        })
        .collect()
}

/// The template a request gives for this person: the registered letter follows the
/// person's blocking type, and becomes the reminder once a registered letter is recorded
/// as sent (a letter never cites itself as an earlier one).
pub fn gabarit(d: &Dossier, m: Modele) -> Gabarit {
    let motif = Motif::depuis_blocage(d.personne.blocage);
    match m {
        Modele::Recommande if recommandes_envoyes(d).is_empty() => Gabarit::Recommande(motif),
        Modele::Recommande | Modele::Relance => Gabarit::Relance(motif),
        Modele::Ccc => Gabarit::Ccc,
        Modele::Defenseur => Gabarit::Defenseur,
        Modele::Chronologie => Gabarit::Chronologie,
    }
}

/// The shared pieces the templates include (`{% include "_faits.txt" %}`): a desk may
/// override them too.
pub const FRAGMENTS: [(&str, &str); 8] = [
    (
        "_expediteur.txt",
        include_str!("../../assets/modeles/_expediteur.txt"),
    ),
    (
        "_faits.txt",
        include_str!("../../assets/modeles/_faits.txt"),
    ),
    (
        "_droits.txt",
        include_str!("../../assets/modeles/_droits.txt"),
    ),
    (
        "_teleservice.txt",
        include_str!("../../assets/modeles/_teleservice.txt"),
    ),
    (
        "_force_majeure.txt",
        include_str!("../../assets/modeles/_force_majeure.txt"),
    ),
    (
        "_demande.txt",
        include_str!("../../assets/modeles/_demande.txt"),
    ),
    ("_fin.txt", include_str!("../../assets/modeles/_fin.txt")),
    (
        "_lisez-moi.txt",
        include_str!("../../assets/modeles/_lisez-moi.txt"),
    ),
];

/// Every file name a desk may override: the templates, then the fragments.
pub fn noms_de_fichiers() -> Vec<String> {
    let mut v: Vec<String> = Gabarit::tous().into_iter().map(Gabarit::fichier).collect();
    v.extend(FRAGMENTS.iter().map(|(n, _)| n.to_string()));
    v
}

/// The sources a template is rendered from: the shipped ones, every fragment included.
pub fn sources_livrees(g: Gabarit) -> BTreeMap<String, String> {
    let mut m: BTreeMap<String, String> = FRAGMENTS
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    m.insert(g.fichier(), g.source_livree().to_string());
    m
}

/// Why a template was refused: its line (when known) and the engine's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErreurModele {
    /// The file at fault (a template or a fragment it includes), when known.
    pub fichier: Option<String>,
    pub ligne: Option<usize>,
    pub probleme: String,
}

impl From<minijinja::Error> for ErreurModele {
    fn from(e: minijinja::Error) -> Self {
        ErreurModele {
            fichier: e.name().map(str::to_string),
            ligne: e.line(),
            probleme: e
                .detail()
                .map(str::to_string)
                .unwrap_or_else(|| e.kind().to_string()),
        }
    }
}

fn environnement() -> Environment<'static> {
    let mut env = Environment::new();
    // `{% if %}` lines leave no blank line; a value never defined is an error, not a blank.
    if let Ok(s) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(s);
    }
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
}

/// Checks that a source parses (a desk's file, before it replaces a shipped template).
pub fn verifier(nom: &str, source: &str) -> Result<(), ErreurModele> {
    let env = environnement();
    env.template_from_named_str(nom, source)?;
    Ok(())
}

/// Renders template `nom` of `sources` (the template and the fragments it includes) with
/// its values: the text before layout.
pub fn rendre(
    nom: &str,
    sources: &BTreeMap<String, String>,
    valeurs: &Value,
) -> Result<String, ErreurModele> {
    let mut env = environnement();
    let s = sources.clone();
    env.set_loader(move |n| Ok(s.get(n).cloned()));
    let t = env.get_template(nom)?;
    Ok(t.render(valeurs)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_parses() {
        for g in Gabarit::tous() {
            assert_eq!(verifier(&g.fichier(), g.source_livree()), Ok(()), "{g:?}");
        }
        for (n, s) in FRAGMENTS {
            assert_eq!(verifier(n, s), Ok(()), "{n}");
        }
    }

    #[test]
    fn a_broken_template_says_its_line() {
        let e = verifier("x.txt", "a\nb\n{% if %}\n").unwrap_err();
        assert_eq!(e.ligne, Some(3), "{e:?}");
        let sources =
            BTreeMap::from([("x.txt".to_string(), "a\n{{ inconnu.champ }}\n".to_string())]);
        let e = rendre("x.txt", &sources, &Value::from(())).unwrap_err();
        assert_eq!(e.ligne, Some(2), "{e:?}");
        assert_eq!(e.fichier.as_deref(), Some("x.txt"));
    }

    #[test]
    fn codes_round_trip() {
        for m in Modele::TOUS {
            assert_eq!(Modele::depuis_code(m.code()), Some(m));
        }
        assert_eq!(Modele::depuis_code("lettre"), None);
    }
}
