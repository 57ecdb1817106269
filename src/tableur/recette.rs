//! A recipe: how to read one desk's sheet (which column is which field, which value is which
//! code, which columns make events), as a TOML file a person can read and edit
//! (docs/fichiers.md §3b).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The target of a column that is no §1 field: its cells go into the notes as « Colonne :
/// valeur » lines.
pub const DANS_NOTES: &str = "dans_notes";
/// The target of a column left out on purpose.
pub const IGNORER: &str = "ignorer";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recette {
    /// The sheet to read (a workbook's first sheet otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feuille: Option<String>,
    /// The row of the headers, as the spreadsheet numbers it (found otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ligne_entete: Option<usize>,
    /// Header → a §1 column name, `dans_notes` or `ignorer`.
    #[serde(default)]
    pub colonnes: BTreeMap<String, String>,
    /// Per field, a value written in the sheet → the code to use.
    #[serde(default)]
    pub valeurs: BTreeMap<String, BTreeMap<String, String>>,
    /// Columns that make one event per row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evenements: Vec<RecetteEvenement>,
}

/// One event per row where any of its columns is filled: its type, its date column, and for
/// each other field of §2 either a column of the sheet or a value for every row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecetteEvenement {
    /// The type code (`ccc`, `pan`…) or its label.
    #[serde(rename = "type")]
    pub type_evenement: String,
    /// The column of the event's date.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colonne_canal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resultat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colonne_resultat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colonne_echeance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colonne_ticket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colonne_attente: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colonne_notes: Option<String>,
}

impl RecetteEvenement {
    /// Every column this event reads, with the §2 field it fills.
    pub fn colonnes(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![("date", self.date.as_str())];
        for (champ, c) in [
            ("canal", &self.colonne_canal),
            ("resultat", &self.colonne_resultat),
            ("echeance", &self.colonne_echeance),
            ("ticket", &self.colonne_ticket),
            ("attente_minutes", &self.colonne_attente),
            ("notes", &self.colonne_notes),
        ] {
            if let Some(c) = c {
                v.push((champ, c.as_str()));
            }
        }
        v
    }
}

/// Why a recipe file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurRecette {
    /// Not TOML, or a key this format does not have: the parser's message.
    Syntaxe(String),
    /// A column target that is no §1 field, `dans_notes` or `ignorer`.
    Cible { colonne: String, cible: String },
}

impl Recette {
    /// Reads a recipe; `champs` are the §1 column names a column may target.
    pub fn lire(texte: &str, champs: &[&str]) -> Result<Recette, ErreurRecette> {
        let r: Recette =
            toml::from_str(texte).map_err(|e| ErreurRecette::Syntaxe(e.to_string()))?;
        for (colonne, cible) in &r.colonnes {
            if cible != DANS_NOTES && cible != IGNORER && !champs.contains(&cible.as_str()) {
                return Err(ErreurRecette::Cible {
                    colonne: colonne.clone(),
                    cible: cible.clone(),
                });
            }
        }
        Ok(r)
    }

    /// The recipe as TOML, after `entete` (comment lines for the reader).
    pub fn ecrire(&self, entete: &str) -> String {
        let corps = toml::to_string(self).unwrap_or_default();
        let mut s = String::new();
        for l in entete.lines() {
            s.push_str("# ");
            s.push_str(l);
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&corps);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let mut r = Recette {
            ligne_entete: Some(2),
            ..Recette::default()
        };
        r.colonnes.insert("Nom de famille".into(), "nom".into());
        r.colonnes.insert("Suivi par".into(), DANS_NOTES.into());
        r.valeurs
            .entry("demarche".into())
            .or_default()
            .insert("Renouv.".into(), "renouvellement".into());
        r.evenements.push(RecetteEvenement {
            type_evenement: "ccc".into(),
            date: "Date appel CCC".into(),
            canal: Some("telephone".into()),
            colonne_resultat: Some("Résultat CCC".into()),
            ..RecetteEvenement::default()
        });
        let texte = r.ecrire("Recette\nà relire");
        assert!(texte.starts_with("# Recette\n# à relire\n"));
        assert_eq!(Recette::lire(&texte, &["nom"]).unwrap(), r);
        assert!(matches!(
            Recette::lire("[colonnes]\n\"X\" = \"nimporte\"\n", &["nom"]),
            Err(ErreurRecette::Cible { .. })
        ));
        assert!(matches!(
            Recette::lire("inconnue = 1\n", &["nom"]),
            Err(ErreurRecette::Syntaxe(_))
        ));
    }
}
