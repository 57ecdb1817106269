//! The inner format of a contribution, version 1 (documented in docs/fichiers.md §6): a TOML
//! text, once decrypted. Counts are integers; distributions are lists of
//! `[valeur, occurrences]` pairs; `demarche` and `blocage` are tables keyed by their codes.

use super::{Contribution, ErreurFederation};
use crate::domain::{Blocage, Demarche, Departement, controle, date_iso, parse_date};
use crate::stats::{Compteurs, Distribution, Periode};
use std::collections::BTreeMap;
use toml::{Table, Value};

/// The format version written, and the only one read.
pub const VERSION: u32 = 1;
const NOM_FORMAT: &str = "vigie-contribution";

/// The plain counts, by key, in the order written.
fn champs(c: &mut Compteurs) -> [(&'static str, &mut u64); 20] {
    [
        ("personnes_suivies", &mut c.suivies),
        ("nouvelles_personnes", &mut c.nouvelles),
        ("ccc_sollicite", &mut c.ccc),
        ("ccc_resultat_connu", &mut c.ccc_connu),
        ("ccc_sans_aide", &mut c.ccc_sans_aide),
        ("ccc_attestation", &mut c.ccc_attestation),
        ("attente_ccc_personnes", &mut c.personnes_attente),
        ("pan_renseigne", &mut c.pan_renseigne),
        ("pan_inconnu", &mut c.pan_inconnu),
        ("pan_sollicite", &mut c.pan),
        ("pan_rdv_indisponible", &mut c.pan_rdv_indisponible),
        ("substitution_proposee", &mut c.substitution_proposee),
        ("pan_ou_substitution", &mut c.pan_ou_substitution),
        ("depot_substitution", &mut c.depot_substitution),
        ("recommande_envoye", &mut c.recommande),
        ("recours_avocat", &mut c.avocat),
        ("defenseur_droits_saisi", &mut c.defenseur),
        ("rupture_droits", &mut c.rupture),
        ("rupture_base", &mut c.rupture_base),
        ("resolus", &mut c.resolus),
    ]
}

fn entier(n: u64) -> Value {
    Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

fn distribution(d: &Distribution) -> Value {
    Value::Array(
        d.iter()
            .map(|(v, n)| Value::Array(vec![Value::Integer(*v), entier(*n)]))
            .collect(),
    )
}

fn bloc(c: &Compteurs) -> Table {
    let mut t = Table::new();
    let mut copie = c.clone();
    for (k, v) in champs(&mut copie).into_iter() {
        t.insert(k.into(), entier(*v));
    }
    let mut dem = Table::new();
    for d in Demarche::TOUS {
        dem.insert(d.code().into(), entier(c.demarche[d.rang()]));
    }
    t.insert("demarche".into(), Value::Table(dem));
    let mut blo = Table::new();
    for b in Blocage::TOUS {
        blo.insert(b.code().into(), entier(c.blocage[b.rang()]));
    }
    t.insert("blocage".into(), Value::Table(blo));
    t.insert("attente_ccc_minutes".into(), distribution(&c.attentes));
    t.insert("delai_resolution_jours".into(), distribution(&c.delais));
    t
}

/// The contribution as text (before encryption).
pub fn encoder(c: &Contribution) -> String {
    let mut t = Table::new();
    t.insert("format".into(), Value::String(NOM_FORMAT.into()));
    t.insert("version".into(), Value::Integer(i64::from(c.version)));
    t.insert("poste".into(), Value::String(c.poste.clone()));
    t.insert("du".into(), Value::String(date_iso(c.periode.du)));
    t.insert("au".into(), Value::String(date_iso(c.periode.au)));
    t.insert("ensemble".into(), Value::Table(bloc(&c.ensemble)));
    let mut deps = Table::new();
    for (d, compteurs) in &c.departements {
        if compteurs.suivies > 0 {
            deps.insert(d.code().into(), Value::Table(bloc(compteurs)));
        }
    }
    t.insert("departements".into(), Value::Table(deps));
    t.to_string()
}

fn erreur(champ: &str) -> ErreurFederation {
    ErreurFederation::Format(champ.to_string())
}

fn lire_entier(t: &Table, k: &str) -> Result<u64, ErreurFederation> {
    t.get(k)
        .and_then(Value::as_integer)
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(|| erreur(k))
}

fn lire_distribution(t: &Table, k: &str) -> Result<Distribution, ErreurFederation> {
    let mut d = BTreeMap::new();
    for paire in t
        .get(k)
        .and_then(Value::as_array)
        .ok_or_else(|| erreur(k))?
    {
        let p = paire.as_array().ok_or_else(|| erreur(k))?;
        let (Some(v), Some(n)) = (
            p.first().and_then(Value::as_integer),
            p.get(1)
                .and_then(Value::as_integer)
                .and_then(|n| u64::try_from(n).ok()),
        ) else {
            return Err(erreur(k));
        };
        if p.len() != 2 || d.insert(v, n).is_some() {
            return Err(erreur(k));
        }
    }
    Ok(d)
}

fn lire_bloc(t: &Table) -> Result<Compteurs, ErreurFederation> {
    let mut c = Compteurs::default();
    for (k, v) in champs(&mut c).into_iter() {
        *v = lire_entier(t, k)?;
    }
    let dem = t
        .get("demarche")
        .and_then(Value::as_table)
        .ok_or_else(|| erreur("demarche"))?;
    for d in Demarche::TOUS {
        c.demarche[d.rang()] = lire_entier(dem, d.code())?;
    }
    let blo = t
        .get("blocage")
        .and_then(Value::as_table)
        .ok_or_else(|| erreur("blocage"))?;
    for b in Blocage::TOUS {
        c.blocage[b.rang()] = lire_entier(blo, b.code())?;
    }
    c.attentes = lire_distribution(t, "attente_ccc_minutes")?;
    c.delais = lire_distribution(t, "delai_resolution_jours")?;
    if c.delais.values().sum::<u64>() != c.resolus {
        return Err(erreur("delai_resolution_jours"));
    }
    Ok(c)
}

/// Reads a decrypted contribution; refuses anything but version 1 of this format.
pub fn decoder(texte: &str) -> Result<Contribution, ErreurFederation> {
    let t: Table = texte.parse().map_err(|_| erreur("toml"))?;
    if t.get("format").and_then(Value::as_str) != Some(NOM_FORMAT) {
        return Err(erreur("format"));
    }
    let version = t
        .get("version")
        .and_then(Value::as_integer)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| erreur("version"))?;
    if version != VERSION {
        return Err(ErreurFederation::Version(version));
    }
    let poste = t
        .get("poste")
        .and_then(Value::as_str)
        .ok_or_else(|| erreur("poste"))?;
    if poste.trim().is_empty()
        || controle::verifier_texte(poste, controle::GenreTexte::Ligne).is_err()
    {
        return Err(ErreurFederation::PosteInvalide);
    }
    let date = |k: &str| {
        t.get(k)
            .and_then(Value::as_str)
            .and_then(|s| parse_date(s).ok())
            .ok_or_else(|| erreur(k))
    };
    let periode = Periode {
        du: date("du")?,
        au: date("au")?,
    };
    if Periode::mois_de(periode.du, 0) != Some(periode) {
        return Err(ErreurFederation::PeriodeNonMensuelle);
    }
    let ensemble = lire_bloc(
        t.get("ensemble")
            .and_then(Value::as_table)
            .ok_or_else(|| erreur("ensemble"))?,
    )?;
    let mut departements = BTreeMap::new();
    let deps = t
        .get("departements")
        .and_then(Value::as_table)
        .ok_or_else(|| erreur("departements"))?;
    for (code, v) in deps {
        let d = Departement::depuis_code(code).map_err(|_| erreur(code))?;
        let b = v.as_table().ok_or_else(|| erreur(code))?;
        departements.insert(d, lire_bloc(b)?);
    }
    Ok(Contribution {
        version,
        poste: poste.trim().to_string(),
        periode,
        ensemble,
        departements,
    })
}
