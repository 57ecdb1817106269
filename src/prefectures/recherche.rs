//! Finding départements from what a volunteer types.

use crate::domain::{Departement, replier};

/// Lower case, no accents, hyphens/apostrophes/underscores/dots as spaces, single spaces.
pub(super) fn normaliser(s: &str) -> String {
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

/// Every query word is the beginning of a distinct word of `nom`, in order.
fn mots_prefixes(requete: &[&str], nom: &str) -> bool {
    let mut mots = nom.split(' ');
    requete
        .iter()
        .all(|q| mots.by_ref().any(|m| m.starts_with(q)))
}

fn chef_lieu(d: Departement) -> String {
    super::repertoire()
        .map(|r| normaliser(&r.entree(d).coordonnees.prefecture_city))
        .unwrap_or_default()
}

pub(super) fn chercher(requete: &str) -> Vec<Departement> {
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
    // A code-like query that is not a code: "20" is Corsica, "97" the overseas départements.
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.bytes().all(|b| b.is_ascii_digit()) {
        if compact == "20" {
            return Departement::tous()
                .filter(|d| d.code().starts_with('2') && d.code().len() == 2)
                .filter(|d| d.code().ends_with(['A', 'B']))
                .collect();
        }
        return Departement::tous()
            .filter(|d| d.code().len() > compact.len() && d.code().starts_with(&compact))
            .collect();
    }
    let q = sans_article(&q).to_string();
    let noms: Vec<(Departement, String)> = Departement::tous()
        .map(|d| (d, sans_article(&normaliser(d.nom())).to_string()))
        .collect();
    // An exact name wins alone ("loire" is not Haute-Loire).
    let exacts: Vec<Departement> = noms
        .iter()
        .filter(|(_, n)| *n == q || n.replace(' ', "") == compact)
        .map(|(d, _)| *d)
        .collect();
    if !exacts.is_empty() {
        return exacts;
    }
    let mots: Vec<&str> = q.split(' ').collect();
    let villes: Vec<(Departement, String)> =
        Departement::tous().map(|d| (d, chef_lieu(d))).collect();
    // Names starting with the query, plus the département whose préfecture is in the town
    // typed ("saint denis": Seine-Saint-Denis and La Réunion).
    let trouves: Vec<Departement> = noms
        .iter()
        .zip(&villes)
        .filter(|((_, n), (_, v))| {
            mots_prefixes(&mots, n) || n.replace(' ', "").starts_with(&compact) || *v == q
        })
        .map(|((d, _), _)| *d)
        .collect();
    if !trouves.is_empty() {
        return trouves;
    }
    // Last resort: the beginning of a préfecture's town ("bord", "cayen").
    villes
        .iter()
        .filter(|(_, v)| mots_prefixes(&mots, v))
        .map(|(d, _)| *d)
        .collect()
}
