//! The ladders per blocking type, as data (`assets/echelles.toml`): for each blocking, its
//! steps in order, each with its legal basis (or "pratique") and whether it may run the same
//! day as the current step when a deadline leaves no time to wait.

use super::GenreAction;
use crate::domain::Blocage;
use std::sync::OnceLock;

/// The shipped ladders, embedded at build time.
pub const ECHELLES_LIVREES: &str = include_str!("../../../assets/echelles.toml");

/// Which ladder a person follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Echelle {
    /// The person cannot file (connexion, numéro étranger, dépôt impossible).
    Depot,
    /// A deposit was made (guichet, post): claim the proof, then a lawyer.
    ApresDepot,
    RetraitTitre,
    Api,
    SansNouvelles,
    Adresse,
    Autre,
}

impl Echelle {
    pub const TOUTES: [Echelle; 7] = [
        Echelle::Depot,
        Echelle::ApresDepot,
        Echelle::RetraitTitre,
        Echelle::Api,
        Echelle::SansNouvelles,
        Echelle::Adresse,
        Echelle::Autre,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Echelle::Depot => "depot",
            Echelle::ApresDepot => "apres_depot",
            Echelle::RetraitTitre => "retrait_titre",
            Echelle::Api => "api",
            Echelle::SansNouvelles => "sans_nouvelles",
            Echelle::Adresse => "adresse",
            Echelle::Autre => "autre",
        }
    }

    /// The ladder of a blocking type (from the data).
    pub fn de_blocage(b: Blocage) -> Echelle {
        echelles().blocages[b.rang()]
    }

    /// Whether this ladder is about filing a request (the substitution ladder of the arrêté).
    pub fn est_depot(self) -> bool {
        matches!(self, Echelle::Depot | Echelle::ApresDepot)
    }
}

/// One step of a ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pas {
    pub action: GenreAction,
    /// May run the same day as an earlier step when a deadline is near.
    pub parallele: bool,
    /// Its legal basis, in French, as written in the data ("Pratique…" when not law).
    pub base: String,
}

#[derive(Debug)]
struct Echelles {
    blocages: Vec<Echelle>,
    pas: Vec<Vec<Pas>>,
}

/// Parses the ladders file; every blocking has a ladder, every ladder at least one step.
fn lire(texte: &str) -> Result<Echelles, String> {
    let table: toml::Table = texte.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let blocs = table
        .get("blocages")
        .and_then(|v| v.as_table())
        .ok_or("[blocages] manquant")?;
    let mut blocages = Vec::new();
    for b in Blocage::TOUS {
        let code = blocs
            .get(b.code())
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("blocage {} sans échelle", b.code()))?;
        let e = Echelle::TOUTES
            .iter()
            .copied()
            .find(|e| e.code() == code)
            .ok_or_else(|| format!("échelle inconnue {code}"))?;
        blocages.push(e);
    }
    let echelle = table
        .get("echelle")
        .and_then(|v| v.as_table())
        .ok_or("[echelle] manquant")?;
    let mut pas = Vec::new();
    for e in Echelle::TOUTES {
        let liste = echelle
            .get(e.code())
            .and_then(|v| v.as_array())
            .ok_or_else(|| format!("échelle {} manquante", e.code()))?;
        let mut v = Vec::new();
        for p in liste {
            let code = p.get("action").and_then(|v| v.as_str()).unwrap_or("");
            let action = GenreAction::depuis_code(code)
                .ok_or_else(|| format!("action inconnue « {code} » ({})", e.code()))?;
            let parallele = p
                .get("parallele")
                .and_then(|v| v.as_bool())
                .ok_or_else(|| format!("{code} : parallele manquant"))?;
            let base = p
                .get("base")
                .and_then(|v| v.as_str())
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| format!("{code} : base manquante"))?;
            v.push(Pas {
                action,
                parallele,
                base: base.to_string(),
            });
        }
        if v.is_empty() {
            return Err(format!("échelle {} vide", e.code()));
        }
        pas.push(v);
    }
    Ok(Echelles { blocages, pas })
}

fn echelles() -> &'static Echelles {
    static E: OnceLock<Echelles> = OnceLock::new();
    // The shipped file is part of the binary and checked by the test
    // `shipped_ladders_parse_and_cover_every_blocking`.
    E.get_or_init(|| lire(ECHELLES_LIVREES).expect("assets/echelles.toml is valid (tested)"))
}

/// The steps of a ladder, in order.
pub fn pas(e: Echelle) -> &'static [Pas] {
    let i = Echelle::TOUTES.iter().position(|x| *x == e).unwrap_or(0);
    &echelles().pas[i]
}

/// The legal basis of an action on a ladder (the step it belongs to), if that step is on it.
pub fn base(e: Echelle, action: GenreAction) -> Option<&'static str> {
    let p = action.pas();
    pas(e)
        .iter()
        .find(|s| s.action == p)
        .map(|s| s.base.as_str())
}

/// The steps after the one `action` belongs to (all of them when it is not on the ladder).
pub fn apres(e: Echelle, action: GenreAction) -> &'static [Pas] {
    let v = pas(e);
    match v.iter().position(|s| s.action == action.pas()) {
        Some(i) => &v[i + 1..],
        None => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_ladders_parse_and_cover_every_blocking() {
        let e = lire(ECHELLES_LIVREES).unwrap();
        assert_eq!(e.blocages.len(), Blocage::TOUS.len());
        for l in &e.pas {
            assert!(!l.is_empty());
            // Every ladder ends with a lawyer (step 4).
            assert_eq!(l.last().map(|p| p.action), Some(GenreAction::SaisirAvocat));
        }
        assert_eq!(
            Echelle::de_blocage(Blocage::RdvRetraitTitre),
            Echelle::RetraitTitre
        );
        assert_eq!(pas(Echelle::Depot)[0].action, GenreAction::EcrireCcc);
    }

    #[test]
    fn a_broken_ladder_file_is_refused() {
        assert!(lire("[blocages]\nconnexion = \"depot\"\n").is_err());
        let faux = ECHELLES_LIVREES.replace("\"reserver_pan\"", "\"reserver\"");
        assert!(lire(&faux).unwrap_err().contains("reserver"));
    }
}
