//! The pure domain: people, events, départements, dates and their validation.
//! No I/O here, and neither ratatui nor rusqlite: everything is testable as plain values.

mod codes;
pub mod controle;
pub mod date_serde;
pub mod departements;
mod departements_table;
pub mod moteur;
pub mod recherche;
pub mod regles;

pub use codes::{Blocage, Canal, Demarche, Resultat, TypeEvenement};
pub use controle::{GenreTexte, verifier_texte};

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Why a single value was refused. The French wording (and `Display`) lives with the texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurValeur {
    Vide,
    CodeInconnu {
        attendus: String,
    },
    DateInvalide,
    DepartementInconnu,
    ReferenceInvalide,
    EntierInvalide,
    OuiNonInvalide,
    /// `attente_minutes` on anything but a `ccc` by `telephone`.
    AttenteHorsAppel,
    /// `attente_minutes` over 1440 (a day).
    AttenteTropLongue,
    /// A « numéro étranger » that is not 10 digits.
    NumeroEtrangerInvalide,
    NonAdmisPourType {
        type_evenement: &'static str,
    },
    RequisPourType {
        type_evenement: &'static str,
    },
    /// A control character where the contract forbids one (`code` its code point,
    /// `position` counted in characters from 1).
    CaractereControle {
        code: u32,
        position: usize,
    },
}

// ---------------------------------------------------------------- dates

/// Parses `AAAA-MM-JJ` or `JJ/MM/AAAA` (day and month may have one digit).
pub fn parse_date(s: &str) -> Result<NaiveDate, ErreurValeur> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ErreurValeur::Vide);
    }
    let nombres = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                    None
                } else {
                    p.parse::<u32>().ok()
                }
            })
            .collect()
    };
    let (a, m, j) = if s.contains('-') {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
            return Err(ErreurValeur::DateInvalide);
        }
        let n = nombres(parts).ok_or(ErreurValeur::DateInvalide)?;
        (n[0], n[1], n[2])
    } else if s.contains('/') {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
            return Err(ErreurValeur::DateInvalide);
        }
        let n = nombres(parts).ok_or(ErreurValeur::DateInvalide)?;
        (n[2], n[1], n[0])
    } else {
        return Err(ErreurValeur::DateInvalide);
    };
    let annee = i32::try_from(a).map_err(|_| ErreurValeur::DateInvalide)?;
    NaiveDate::from_ymd_opt(annee, m, j).ok_or(ErreurValeur::DateInvalide)
}

/// Optional date: an empty cell is `None`.
pub fn parse_date_opt(s: &str) -> Result<Option<NaiveDate>, ErreurValeur> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(s).map(Some)
    }
}

/// Output form of a date: `AAAA-MM-JJ`.
pub fn date_iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

// ---------------------------------------------------------------- départements

/// One of the 101 départements, by its index in the official order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct Departement(u8);

impl Departement {
    /// Every département in official order (`01` … `19`, `2A`, `2B`, `21` … `95`, `971` … `976`).
    pub fn tous() -> impl Iterator<Item = Departement> {
        (0..departements_table::DEPARTEMENTS.len()).map(|i| Departement(i as u8))
    }

    /// Parses a code: `01`–`95`, `2A`, `2B` (any case), `971`–`974`, `976`; `1` → `01`; `20` refused.
    pub fn depuis_code(s: &str) -> Result<Self, ErreurValeur> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ErreurValeur::Vide);
        }
        let mut code = s.to_ascii_uppercase();
        if code.len() == 1 && code.as_bytes()[0].is_ascii_digit() {
            code.insert(0, '0');
        }
        departements_table::DEPARTEMENTS
            .iter()
            .position(|(c, _)| *c == code)
            .map(|i| Departement(i as u8))
            .ok_or(ErreurValeur::DepartementInconnu)
    }

    pub fn code(self) -> &'static str {
        departements_table::DEPARTEMENTS[self.0 as usize].0
    }

    /// The département's name, as in the INSEE geographic code.
    pub fn nom(self) -> &'static str {
        departements_table::DEPARTEMENTS[self.0 as usize].1
    }

    /// Position in the official order (0 for `01`).
    pub fn rang(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for Departement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

// ---------------------------------------------------------------- small values

/// A file reference: 1–32 characters of `A-Z a-z 0-9 - _`.
pub fn valider_reference(s: &str) -> Result<String, ErreurValeur> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ErreurValeur::Vide);
    }
    if s.len() > 32
        || !s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ErreurValeur::ReferenceInvalide);
    }
    Ok(s.to_string())
}

/// An integer ≥ 0 written with digits only (`attente_minutes`, a count of screenshots), or
/// empty for "unknown".
pub fn parse_entier_opt(s: &str) -> Result<Option<u32>, ErreurValeur> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErreurValeur::EntierInvalide);
    }
    s.parse::<u32>()
        .map(Some)
        .map_err(|_| ErreurValeur::EntierInvalide)
}

/// `oui`, `non` or empty.
pub fn parse_oui_non(s: &str) -> Result<Option<bool>, ErreurValeur> {
    match s.trim() {
        "" => Ok(None),
        "oui" => Ok(Some(true)),
        "non" => Ok(Some(false)),
        _ => Err(ErreurValeur::OuiNonInvalide),
    }
}

pub fn oui_non(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "oui",
        Some(false) => "non",
        None => "",
    }
}

/// Folds case and French accents, for searching ("Réunion" matches "reunion").
pub fn replier(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => {
                "a"
            }
            'ç' | 'Ç' => "c",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
            'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
            'ÿ' | 'Ÿ' | 'ý' | 'Ý' => "y",
            'ñ' | 'Ñ' => "n",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            '’' | '\'' => "'",
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push_str(r);
    }
    out
}

// ---------------------------------------------------------------- person and event

/// A person followed by the desk (docs/fichiers.md §1, plus what the database keeps).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Personne {
    /// Database id; `None` before it is stored.
    pub id: Option<i64>,
    pub reference: String,
    pub nom: String,
    pub prenom: Option<String>,
    pub telephone: Option<String>,
    pub departement: Departement,
    pub demarche: Demarche,
    pub blocage: Blocage,
    #[serde(with = "date_serde")]
    pub ouvert_le: NaiveDate,
    #[serde(with = "date_serde::option")]
    pub titre_expire_le: Option<NaiveDate>,
    #[serde(with = "date_serde::option")]
    pub api_expire_le: Option<NaiveDate>,
    pub pan_connu: Option<bool>,
    pub notes: Option<String>,
    /// Step 0 (Constat): how many screenshots or error messages of the blocking were kept;
    /// `None` when nobody said.
    pub captures: Option<u32>,
    /// What a letter needs for the préfecture to find the file (all optional, all personal
    /// data: erased and anonymized like the name).
    pub identite: Identite,
    /// Optimistic-concurrency version, incremented on every change.
    pub version: i64,
}

/// The identifiers of docs/fichiers.md §1 used by letters.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Identite {
    #[serde(with = "date_serde::option")]
    pub date_naissance: Option<NaiveDate>,
    pub nationalite: Option<String>,
    /// The AGDREF « numéro étranger », always 10 digits once validated.
    pub numero_etranger: Option<String>,
    /// Postal address, line breaks allowed (the sender block of letters).
    pub adresse: Option<String>,
}

impl Identite {
    /// Whether no identifier is known.
    pub fn est_vide(&self) -> bool {
        self == &Identite::default()
    }
}

/// The « numéro étranger »: 10 digits; spaces and dots are ignored.
pub fn valider_numero_etranger(s: &str) -> Result<Option<String>, ErreurValeur> {
    let chiffres: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}'))
        .collect();
    if chiffres.is_empty() {
        return Ok(None);
    }
    if chiffres.len() != 10 || !chiffres.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErreurValeur::NumeroEtrangerInvalide);
    }
    Ok(Some(chiffres))
}

impl Personne {
    /// "Prénom NOM" for display.
    pub fn nom_complet(&self) -> String {
        match &self.prenom {
            Some(p) if !p.is_empty() => format!("{} {}", p, self.nom),
            _ => self.nom.clone(),
        }
    }
}

/// One thing that happened (docs/fichiers.md §2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evenement {
    pub id: Option<i64>,
    pub date: NaiveDate,
    pub type_evenement: TypeEvenement,
    pub canal: Option<Canal>,
    pub resultat: Option<Resultat>,
    pub echeance: Option<NaiveDate>,
    pub ticket: Option<String>,
    pub attente_minutes: Option<u32>,
    pub notes: Option<String>,
    /// Which volunteer entered it, and when (ISO date-time); empty before storing.
    pub saisi_par: String,
    pub saisi_le: String,
}

/// A field of an event, to say where a rule is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChampEvenement {
    Canal,
    Resultat,
    Echeance,
    AttenteMinutes,
}

impl ChampEvenement {
    /// The CSV column name.
    pub fn colonne(self) -> &'static str {
        match self {
            ChampEvenement::Canal => "canal",
            ChampEvenement::Resultat => "resultat",
            ChampEvenement::Echeance => "echeance",
            ChampEvenement::AttenteMinutes => "attente_minutes",
        }
    }
}

impl Evenement {
    /// A new event of this type dated `date`, every other field empty.
    pub fn nouveau(type_evenement: TypeEvenement, date: NaiveDate) -> Self {
        Evenement {
            id: None,
            date,
            type_evenement,
            canal: None,
            resultat: None,
            echeance: None,
            ticket: None,
            attente_minutes: None,
            notes: None,
            saisi_par: String::new(),
            saisi_le: String::new(),
        }
    }

    /// Checks the per-type rules of docs/fichiers.md §2; returns every broken rule.
    pub fn valider(&self) -> Vec<(ChampEvenement, ErreurValeur)> {
        let t = self.type_evenement;
        let mut erreurs = Vec::new();
        let nom = t.code();
        match self.canal {
            Some(c) if !t.canaux().contains(&c) => erreurs.push((
                ChampEvenement::Canal,
                if t.canaux().is_empty() {
                    ErreurValeur::NonAdmisPourType {
                        type_evenement: nom,
                    }
                } else {
                    ErreurValeur::CodeInconnu {
                        attendus: liste_codes(t.canaux().iter().map(|c| c.code())),
                    }
                },
            )),
            None if !t.canaux().is_empty() => erreurs.push((
                ChampEvenement::Canal,
                ErreurValeur::RequisPourType {
                    type_evenement: nom,
                },
            )),
            _ => {}
        }
        match self.resultat {
            Some(r) if !t.resultats().contains(&r) => erreurs.push((
                ChampEvenement::Resultat,
                if t.resultats().is_empty() {
                    ErreurValeur::NonAdmisPourType {
                        type_evenement: nom,
                    }
                } else {
                    ErreurValeur::CodeInconnu {
                        attendus: liste_codes(t.resultats().iter().map(|r| r.code())),
                    }
                },
            )),
            None if !t.resultats().is_empty() => erreurs.push((
                ChampEvenement::Resultat,
                ErreurValeur::RequisPourType {
                    type_evenement: nom,
                },
            )),
            _ => {}
        }
        if t.echeance_requise() && self.echeance.is_none() {
            erreurs.push((
                ChampEvenement::Echeance,
                ErreurValeur::RequisPourType {
                    type_evenement: nom,
                },
            ));
        }
        // docs/fichiers.md §2: 0–1440 minutes, only on a `ccc` by `telephone`.
        match self.attente_minutes {
            Some(_) if !(t == TypeEvenement::Ccc && self.canal == Some(Canal::Telephone)) => {
                erreurs.push((
                    ChampEvenement::AttenteMinutes,
                    ErreurValeur::AttenteHorsAppel,
                ));
            }
            Some(n) if n > 1440 => {
                erreurs.push((
                    ChampEvenement::AttenteMinutes,
                    ErreurValeur::AttenteTropLongue,
                ));
            }
            _ => {}
        }
        erreurs
    }
}

pub fn liste_codes<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    codes.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: i32, m: u32, j: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(a, m, j).unwrap()
    }

    #[test]
    fn numero_etranger_is_ten_digits_spaces_and_dots_ignored() {
        assert_eq!(
            valider_numero_etranger("75 12.345 678"),
            Ok(Some("7512345678".into()))
        );
        assert_eq!(valider_numero_etranger("  "), Ok(None));
        for faux in ["751234567", "75123456789", "75123456A8", "75-12345678"] {
            assert_eq!(
                valider_numero_etranger(faux),
                Err(ErreurValeur::NumeroEtrangerInvalide),
                "{faux}"
            );
        }
    }

    #[test]
    fn waiting_minutes_only_on_a_ccc_call_and_at_most_a_day() {
        let jour = d(2026, 11, 2);
        let mut e = Evenement::nouveau(TypeEvenement::Ccc, jour);
        e.canal = Some(Canal::Telephone);
        e.resultat = Some(Resultat::SansAide);
        e.attente_minutes = Some(1440);
        assert!(e.valider().is_empty());
        e.attente_minutes = Some(1441);
        assert_eq!(
            e.valider(),
            vec![(
                ChampEvenement::AttenteMinutes,
                ErreurValeur::AttenteTropLongue
            )]
        );
        e.canal = Some(Canal::Formulaire);
        e.attente_minutes = Some(10);
        assert_eq!(
            e.valider(),
            vec![(
                ChampEvenement::AttenteMinutes,
                ErreurValeur::AttenteHorsAppel
            )]
        );
    }

    #[test]
    fn new_events_of_the_contract() {
        let jour = d(2026, 11, 2);
        let mut s = Evenement::nouveau(TypeEvenement::Suivi, jour);
        assert_eq!(
            s.valider(),
            vec![(
                ChampEvenement::Echeance,
                ErreurValeur::RequisPourType {
                    type_evenement: "suivi"
                }
            )]
        );
        s.echeance = Some(d(2026, 11, 20));
        assert!(s.valider().is_empty());
        let mut p = Evenement::nouveau(TypeEvenement::Prefecture, jour);
        p.canal = Some(Canal::Postal);
        p.resultat = Some(Resultat::Envoye);
        assert_eq!(
            p.valider().len(),
            1,
            "postal is not a channel to the service"
        );
        p.canal = Some(Canal::Courriel);
        assert!(p.valider().is_empty());
        let mut sub = Evenement::nouveau(TypeEvenement::Substitution, jour);
        sub.canal = Some(Canal::Guichet);
        for r in [Resultat::Demandee, Resultat::AttestationDepot] {
            sub.resultat = Some(r);
            assert!(sub.valider().is_empty(), "{r}");
        }
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(parse_date("2026-11-23"), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date("2026-1-3"), Ok(d(2026, 1, 3)));
        assert_eq!(parse_date("23/11/2026"), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date("3/1/2026"), Ok(d(2026, 1, 3)));
        assert_eq!(parse_date(" 03/01/2026 "), Ok(d(2026, 1, 3)));
        for bad in [
            "2026-02-30",
            "31/04/2026",
            "2026/11/23",
            "23-11-2026",
            "26-11-23",
            "23/11/26",
            "2026-11",
            "2026-+1-01",
            "hier",
            "2026-011-01",
        ] {
            assert_eq!(parse_date(bad), Err(ErreurValeur::DateInvalide), "{bad}");
        }
        assert_eq!(parse_date(""), Err(ErreurValeur::Vide));
        assert_eq!(parse_date_opt("  "), Ok(None));
        assert_eq!(date_iso(d(2026, 1, 3)), "2026-01-03");
    }

    #[test]
    fn all_101_departements_in_official_order() {
        let codes: Vec<&str> = Departement::tous().map(|d| d.code()).collect();
        assert_eq!(codes.len(), 101);
        assert_eq!(&codes[17..22], &["18", "19", "2A", "2B", "21"]);
        assert_eq!(&codes[95..], &["95", "971", "972", "973", "974", "976"]);
        for c in &codes {
            assert_eq!(Departement::depuis_code(c).map(|d| d.code()), Ok(*c));
        }
    }

    #[test]
    fn departement_codes_normalised_or_refused() {
        assert_eq!(Departement::depuis_code("1").map(|d| d.code()), Ok("01"));
        assert_eq!(Departement::depuis_code("2a").map(|d| d.code()), Ok("2A"));
        assert_eq!(
            Departement::depuis_code("2b").map(|d| d.nom()),
            Ok("Haute-Corse")
        );
        for bad in ["20", "0", "96", "975", "977", "100", "2C", "A", "001"] {
            assert_eq!(
                Departement::depuis_code(bad),
                Err(ErreurValeur::DepartementInconnu),
                "{bad}"
            );
        }
        assert_eq!(Departement::depuis_code(""), Err(ErreurValeur::Vide));
    }

    #[test]
    fn references() {
        assert!(valider_reference("A-12_b").is_ok());
        assert!(valider_reference(&"x".repeat(32)).is_ok());
        assert_eq!(
            valider_reference(&"x".repeat(33)),
            Err(ErreurValeur::ReferenceInvalide)
        );
        assert_eq!(
            valider_reference("é1"),
            Err(ErreurValeur::ReferenceInvalide)
        );
        assert_eq!(
            valider_reference("a b"),
            Err(ErreurValeur::ReferenceInvalide)
        );
        assert_eq!(valider_reference(""), Err(ErreurValeur::Vide));
    }

    #[test]
    fn enum_codes_round_trip() {
        for t in TypeEvenement::TOUS {
            assert_eq!(TypeEvenement::depuis_code(t.code()), Ok(*t));
        }
        assert!(Demarche::depuis_code("Renouvellement").is_err());
        assert_eq!(Blocage::TOUS.len(), 8);
        assert_eq!(Demarche::TOUS.len(), 7);
    }

    #[test]
    fn event_rules_per_type() {
        let jour = d(2026, 11, 23);
        let mut e = Evenement::nouveau(TypeEvenement::Ccc, jour);
        let champs = |e: &Evenement| e.valider().into_iter().map(|(c, _)| c).collect::<Vec<_>>();
        assert_eq!(
            champs(&e),
            vec![ChampEvenement::Canal, ChampEvenement::Resultat]
        );
        e.canal = Some(Canal::Guichet);
        e.resultat = Some(Resultat::SansAide);
        assert_eq!(champs(&e), vec![ChampEvenement::Canal]);
        e.canal = Some(Canal::Formulaire);
        assert!(e.valider().is_empty());
        e.resultat = Some(Resultat::Envoye);
        assert_eq!(champs(&e), vec![ChampEvenement::Resultat]);

        let mut v = Evenement::nouveau(TypeEvenement::Visite, jour);
        assert!(v.valider().is_empty());
        v.resultat = Some(Resultat::Resolu);
        v.canal = Some(Canal::Postal);
        assert_eq!(
            champs(&v),
            vec![ChampEvenement::Canal, ChampEvenement::Resultat]
        );

        let mut a = Evenement::nouveau(TypeEvenement::ApiDelivree, jour);
        assert_eq!(champs(&a), vec![ChampEvenement::Echeance]);
        a.echeance = Some(d(2027, 2, 23));
        assert!(a.valider().is_empty());

        // Every allowed combination is accepted.
        for t in TypeEvenement::TOUS {
            for r in t.resultats() {
                let mut e = Evenement::nouveau(*t, jour);
                e.resultat = Some(*r);
                e.canal = t.canaux().first().copied();
                e.echeance = Some(jour);
                assert!(e.valider().is_empty(), "{t} {r}");
            }
        }
    }

    #[test]
    fn folding_for_search() {
        assert_eq!(replier("La Réunion"), "la reunion");
        assert_eq!(replier("CÔTE-D'OR"), "cote-d'or");
        assert_eq!(replier("Œuvre"), "oeuvre");
    }
}

/// What unit tests across the crate build their people from.
#[cfg(test)]
pub(crate) mod essais {
    use super::*;

    /// A renewal blocked at login, opened on 1 January 2026 in `departement`, nothing else
    /// filled in.
    pub fn personne(reference: &str, nom: &str, departement: &str) -> Personne {
        Personne {
            id: None,
            reference: reference.into(),
            nom: nom.into(),
            prenom: None,
            telephone: None,
            departement: Departement::depuis_code(departement).expect("a département"),
            demarche: Demarche::Renouvellement,
            blocage: Blocage::Connexion,
            ouvert_le: parse_date("2026-01-01").expect("a date"),
            titre_expire_le: None,
            api_expire_le: None,
            pan_connu: None,
            notes: None,
            captures: None,
            identite: Default::default(),
            version: 1,
        }
    }
}
