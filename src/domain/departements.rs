//! Finding départements from what a volunteer types: a number (`33`, `2a`, `971`, `1`), a
//! name with or without accents, case, hyphens, apostrophes, articles and small words
//! (`cotes armor`, `la reunion`), or the town of the préfecture (`bordeaux`, `saint denis`).
//! The one matcher of vigie: the préfecture panel, the CLI and the person form all use it.
//!
//! The domain knows the names; the préfecture towns come from the directory, so the caller
//! passes them (`villes`), which keeps this module pure.

use super::{Departement, replier};

/// Why a typed département was not resolved to exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurDepartement {
    /// Nothing typed.
    Vide,
    /// Nothing matches.
    Inconnu,
    /// Several départements match, in official order.
    Ambigu(Vec<Departement>),
}

/// Lower case, no accents, hyphens/apostrophes/underscores/dots as spaces, single spaces.
pub fn normaliser(s: &str) -> String {
    replier(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Leading articles a volunteer may type or omit ("la reunion", "reunion").
fn sans_article(s: &str) -> &str {
    for a in ["la ", "le ", "les ", "l "] {
        if let Some(reste) = s.strip_prefix(a) {
            return reste;
        }
    }
    s
}

/// Every query word is the beginning of a distinct word of `nom`, in order (so words may be
/// left out: "cotes armor" is "cotes d armor").
fn mots_prefixes(requete: &[&str], nom: &str) -> bool {
    let mut mots = nom.split(' ');
    requete
        .iter()
        .all(|q| mots.by_ref().any(|m| m.starts_with(q)))
}

/// A code-like query that is not a code: "20" is Corsica, "97" the overseas départements.
fn par_debut_de_code(chiffres: &str) -> Vec<Departement> {
    if chiffres == "20" {
        return Departement::tous()
            .filter(|d| d.code().starts_with('2') && d.code().len() == 2)
            .filter(|d| d.code().ends_with(['A', 'B']))
            .collect();
    }
    Departement::tous()
        .filter(|d| d.code().len() > chiffres.len() && d.code().starts_with(chiffres))
        .collect()
}

/// The départements a query designates, in official order; empty when nothing matches.
/// An exact code or name gives one département ("loire" is not Haute-Loire); otherwise the
/// names whose words start with the query's words, plus the département whose préfecture is
/// in the town typed ("saint denis": Seine-Saint-Denis and La Réunion); as a last resort,
/// the beginning of a préfecture's town ("bord", "cayen"). `villes` gives the town of each
/// département's préfecture, when known.
pub fn chercher<S: AsRef<str>>(
    requete: &str,
    villes: impl Fn(Departement) -> Option<S>,
) -> Vec<Departement> {
    let brut = requete.trim();
    if brut.is_empty() {
        return Vec::new();
    }
    if let Ok(d) = Departement::depuis_code(brut) {
        return vec![d];
    }
    let q = normaliser(brut);
    if q.is_empty() {
        return Vec::new();
    }
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.bytes().all(|b| b.is_ascii_digit()) {
        return par_debut_de_code(&compact);
    }
    let q = sans_article(&q).to_string();
    let noms: Vec<(Departement, String)> = Departement::tous()
        .map(|d| (d, sans_article(&normaliser(d.nom())).to_string()))
        .collect();
    let exacts: Vec<Departement> = noms
        .iter()
        .filter(|(_, n)| *n == q || n.replace(' ', "") == compact)
        .map(|(d, _)| *d)
        .collect();
    if !exacts.is_empty() {
        return exacts;
    }
    let mots: Vec<&str> = q.split(' ').collect();
    let villes: Vec<String> = Departement::tous()
        .map(|d| {
            villes(d)
                .map(|v| normaliser(v.as_ref()))
                .unwrap_or_default()
        })
        .collect();
    let trouves: Vec<Departement> = noms
        .iter()
        .zip(&villes)
        .filter(|((_, n), v)| {
            mots_prefixes(&mots, n) || n.replace(' ', "").starts_with(&compact) || **v == q
        })
        .map(|((d, _), _)| *d)
        .collect();
    if !trouves.is_empty() {
        return trouves;
    }
    Departement::tous()
        .zip(&villes)
        .filter(|(_, v)| !v.is_empty() && mots_prefixes(&mots, v))
        .map(|(d, _)| d)
        .collect()
}

/// The one département a field designates, or why not.
pub fn designer<S: AsRef<str>>(
    requete: &str,
    villes: impl Fn(Departement) -> Option<S>,
) -> Result<Departement, ErreurDepartement> {
    if requete.trim().is_empty() {
        return Err(ErreurDepartement::Vide);
    }
    let mut trouves = chercher(requete, villes);
    match trouves.len() {
        0 => Err(ErreurDepartement::Inconnu),
        1 => Ok(trouves.remove(0)),
        _ => Err(ErreurDepartement::Ambigu(trouves)),
    }
}

/// No préfecture town known: names and codes only.
pub fn sans_villes(_: Departement) -> Option<&'static str> {
    None
}

impl TryFrom<u8> for super::Departement {
    type Error = super::ErreurValeur;

    /// A rank read back (a kept evaluation): refused outside the table.
    fn try_from(rang: u8) -> Result<Self, super::ErreurValeur> {
        if usize::from(rang) < super::departements_table::DEPARTEMENTS.len() {
            Ok(super::Departement(rang))
        } else {
            Err(super::ErreurValeur::DepartementInconnu)
        }
    }
}

impl From<super::Departement> for u8 {
    fn from(d: super::Departement) -> u8 {
        d.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dep(code: &str) -> Departement {
        Departement::depuis_code(code).unwrap()
    }

    fn codes(v: &[Departement]) -> Vec<&'static str> {
        v.iter().map(|d| d.code()).collect()
    }

    /// A few préfecture towns, as the directory gives them.
    fn villes(d: Departement) -> Option<&'static str> {
        match d.code() {
            "33" => Some("Bordeaux"),
            "93" => Some("Bobigny"),
            "973" => Some("Cayenne"),
            "974" => Some("Saint-Denis"),
            _ => None,
        }
    }

    fn c(q: &str) -> Vec<&'static str> {
        codes(&chercher(q, villes))
    }

    #[test]
    fn codes_names_and_towns() {
        for d in Departement::tous() {
            assert_eq!(chercher(d.code(), sans_villes), vec![d]);
            assert_eq!(chercher(&d.code().to_lowercase(), sans_villes), vec![d]);
        }
        assert_eq!(c("1"), ["01"]);
        assert_eq!(c("20"), ["2A", "2B"]);
        assert_eq!(c("97"), ["971", "972", "973", "974", "976"]);
        assert_eq!(c("cotes armor"), ["22"]);
        assert_eq!(c("Côtes-d'Armor"), ["22"]);
        assert_eq!(c("COTES D ARMOR"), ["22"]);
        assert_eq!(c("cotes darmor"), ["22"]);
        assert_eq!(c("la reunion"), ["974"]);
        assert_eq!(c("loire"), ["42"]);
        assert_eq!(c("seine"), ["76", "77", "92", "93"]);
        assert_eq!(c("saint denis"), ["93", "974"]);
        assert_eq!(c("Saint-Denis"), ["93", "974"]);
        assert_eq!(codes(&chercher("saint denis", sans_villes)), ["93"]);
        assert_eq!(c("bordeaux"), ["33"]);
        assert_eq!(c("cayen"), ["973"]);
        for q in ["", "  ", "-", "xyz", "96", "975", "2C", "girondeee"] {
            assert!(chercher(q, villes).is_empty(), "{q}");
        }
    }

    #[test]
    fn designating_one_departement() {
        assert_eq!(designer("33", villes), Ok(dep("33")));
        assert_eq!(designer(" cotes armor ", villes), Ok(dep("22")));
        assert_eq!(designer("cotes armor", sans_villes), Ok(dep("22")));
        assert_eq!(designer("Réunion", sans_villes), Ok(dep("974")));
        assert_eq!(designer("cote d'or", sans_villes), Ok(dep("21")));
        assert_eq!(designer("", villes), Err(ErreurDepartement::Vide));
        assert_eq!(designer("   ", villes), Err(ErreurDepartement::Vide));
        assert_eq!(designer("xyz", villes), Err(ErreurDepartement::Inconnu));
        assert_eq!(
            designer("saint denis", villes),
            Err(ErreurDepartement::Ambigu(vec![dep("93"), dep("974")]))
        );
        assert_eq!(
            designer("20", villes),
            Err(ErreurDepartement::Ambigu(vec![dep("2A"), dep("2B")]))
        );
        assert!(matches!(
            designer("Haute", sans_villes),
            Err(ErreurDepartement::Ambigu(v)) if v.len() > 2
        ));
    }

    /// Every name, however it is written or shortened, designates its département alone.
    #[test]
    fn every_name_written_loosely_designates_its_departement() {
        const PETITS_MOTS: [&str; 7] = ["de", "du", "d", "et", "la", "le", "l"];
        for d in Departement::tous() {
            let nom = d.nom();
            let plie = replier(nom);
            let espaces = normaliser(nom);
            let sans_petits_mots = espaces
                .split(' ')
                .filter(|m| !PETITS_MOTS.contains(m))
                .collect::<Vec<_>>()
                .join(" ");
            for q in [
                nom.to_string(),
                nom.to_uppercase(),
                plie,
                espaces.clone(),
                espaces.replace(' ', "-"),
                sans_petits_mots,
            ] {
                assert_eq!(designer(&q, villes), Ok(d), "{q}");
            }
        }
    }

    proptest! {
        /// Whatever is typed: no panic, official order, no duplicate, and a single match
        /// is what `designer` returns.
        #[test]
        fn any_text_gives_an_ordered_answer(q in "\\PC{0,12}") {
            let v = chercher(&q, villes);
            for w in v.windows(2) {
                prop_assert!(w[0].rang() < w[1].rang());
            }
            match designer(&q, villes) {
                Ok(d) => prop_assert_eq!(v, vec![d]),
                Err(ErreurDepartement::Vide) => prop_assert!(q.trim().is_empty()),
                Err(ErreurDepartement::Inconnu) => prop_assert!(v.is_empty()),
                Err(ErreurDepartement::Ambigu(a)) => {
                    prop_assert!(a.len() > 1);
                    prop_assert_eq!(a, v);
                }
            }
        }

        /// Case, accents and separators never change the answer.
        #[test]
        fn case_accents_and_separators_do_not_matter(i in 0usize..101, tiret in any::<bool>()) {
            let d = Departement::tous().nth(i).unwrap();
            let nom = d.nom();
            let sep = if tiret { "-" } else { " " };
            let variante = replier(nom).to_uppercase().replace(['-', '\'', ' '], sep);
            prop_assert_eq!(chercher(&variante, villes), chercher(nom, villes));
        }
    }
}
