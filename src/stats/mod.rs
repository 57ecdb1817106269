//! Statistics (issue 7): FAS-like indicators, suppression, CSV (docs/fichiers.md §4).
//!
//! The store streams one row of facts per person followed (`requete`); everything else here is
//! pure: accumulating counts per block, building the table, primary and secondary suppression,
//! exact rounding, medians and the CSV bytes. The TUI screen draws from the same `Tableau`, so
//! what it shows is exactly what the export sends.

mod nombres;
pub mod requete;
mod suppression;

use crate::csvio::{Dialecte, Ecrivain, Sortie, echapper};
use crate::domain::{Blocage, Demarche, Departement, date_iso};
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub use nombres::{formater_demis, formater_dixiemes, mediane_demis, pourcentage_dixiemes};
pub use requete::{calculer, faits_personnes};
pub use suppression::{Groupe, groupes, supprimer};

// ---------------------------------------------------------------- period

/// A closed period [du, au].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periode {
    pub du: NaiveDate,
    pub au: NaiveDate,
}

impl Periode {
    /// The whole calendar month (annee, mois); `None` if invalid.
    pub fn mois(annee: i32, mois: u32) -> Option<Periode> {
        let du = NaiveDate::from_ymd_opt(annee, mois, 1)?;
        let suivant = if mois == 12 {
            NaiveDate::from_ymd_opt(annee.checked_add(1)?, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(annee, mois + 1, 1)?
        };
        Some(Periode {
            du,
            au: suivant.pred_opt()?,
        })
    }

    /// The whole calendar year.
    pub fn annee(annee: i32) -> Option<Periode> {
        Some(Periode {
            du: NaiveDate::from_ymd_opt(annee, 1, 1)?,
            au: NaiveDate::from_ymd_opt(annee, 12, 31)?,
        })
    }
}

// ---------------------------------------------------------------- indicators

/// The indicators of docs/fichiers.md §4, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicateur {
    PersonnesSuivies,
    NouvellesPersonnes,
    Demarche,
    Blocage,
    CccSollicite,
    CccSansAide,
    AttenteCccMedianeMinutes,
    PanInconnu,
    PanSollicite,
    PanRdvIndisponible,
    SubstitutionProposee,
    RecommandeEnvoye,
    RecoursAvocat,
    DefenseurDroitsSaisi,
    RuptureDroits,
    Resolus,
    DelaiResolutionMedianJours,
}

impl Indicateur {
    pub const TOUS: &'static [Indicateur] = &[
        Indicateur::PersonnesSuivies,
        Indicateur::NouvellesPersonnes,
        Indicateur::Demarche,
        Indicateur::Blocage,
        Indicateur::CccSollicite,
        Indicateur::CccSansAide,
        Indicateur::AttenteCccMedianeMinutes,
        Indicateur::PanInconnu,
        Indicateur::PanSollicite,
        Indicateur::PanRdvIndisponible,
        Indicateur::SubstitutionProposee,
        Indicateur::RecommandeEnvoye,
        Indicateur::RecoursAvocat,
        Indicateur::DefenseurDroitsSaisi,
        Indicateur::RuptureDroits,
        Indicateur::Resolus,
        Indicateur::DelaiResolutionMedianJours,
    ];

    /// The exact `indicateur` cell.
    pub fn code(self) -> &'static str {
        match self {
            Indicateur::PersonnesSuivies => "personnes_suivies",
            Indicateur::NouvellesPersonnes => "nouvelles_personnes",
            Indicateur::Demarche => "demarche",
            Indicateur::Blocage => "blocage",
            Indicateur::CccSollicite => "ccc_sollicite",
            Indicateur::CccSansAide => "ccc_sans_aide",
            Indicateur::AttenteCccMedianeMinutes => "attente_ccc_mediane_minutes",
            Indicateur::PanInconnu => "pan_inconnu",
            Indicateur::PanSollicite => "pan_sollicite",
            Indicateur::PanRdvIndisponible => "pan_rdv_indisponible",
            Indicateur::SubstitutionProposee => "substitution_proposee",
            Indicateur::RecommandeEnvoye => "recommande_envoye",
            Indicateur::RecoursAvocat => "recours_avocat",
            Indicateur::DefenseurDroitsSaisi => "defenseur_droits_saisi",
            Indicateur::RuptureDroits => "rupture_droits",
            Indicateur::Resolus => "resolus",
            Indicateur::DelaiResolutionMedianJours => "delai_resolution_median_jours",
        }
    }

    /// Medians are not counts of people: no small-count rule on their value, no (b) group.
    pub fn est_mediane(self) -> bool {
        matches!(
            self,
            Indicateur::AttenteCccMedianeMinutes | Indicateur::DelaiResolutionMedianJours
        )
    }
}

// ---------------------------------------------------------------- per-person facts

// The row itself is read by the store (`crate::store::FaitsPersonne`); what it means for
// the figures is here.
pub use crate::store::FaitsPersonne;

impl FaitsPersonne {
    /// Whether the rupture base applies: `titre_expire_le`, `api_expire_le` or an
    /// `api_delivree` event dated ≤ au.
    pub fn dans_base_rupture(&self) -> bool {
        self.titre_expire_le.is_some() || self.api_expire_le.is_some() || self.api_delivree
    }

    /// "Covered until": the latest of the permit, the API and the issued APIs' expiries.
    pub fn couvert_jusqu_au(&self) -> Option<NaiveDate> {
        [
            self.titre_expire_le,
            self.api_expire_le,
            self.api_delivree_echeance,
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// In rupture over [du, au]: C exists, C < au, and no `cloture` dated on or before
    /// max(du, C + 1 day).
    pub fn en_rupture(&self, p: Periode) -> bool {
        let Some(c) = self.couvert_jusqu_au() else {
            return false;
        };
        if c >= p.au {
            return false;
        }
        let lendemain = c.succ_opt().unwrap_or(c);
        let limite = p.du.max(lendemain);
        !matches!(self.premiere_cloture, Some(d) if d <= limite)
    }

    /// Days from opening to the first `cloture` `resolu` of the period.
    pub fn delai_resolution(&self) -> Option<i64> {
        self.premier_resolu
            .map(|d| d.signed_duration_since(self.ouvert_le).num_days())
    }
}

// ---------------------------------------------------------------- accumulation

/// The raw counts of one block (all people or one département).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compteurs {
    pub suivies: u64,
    pub nouvelles: u64,
    pub demarche: [u64; 7],
    pub blocage: [u64; 8],
    pub ccc: u64,
    pub ccc_sans_aide: u64,
    /// Waiting times of the phone `ccc` events of the period (events, not people).
    pub attentes: Vec<i64>,
    /// People behind `attentes`.
    pub personnes_attente: u64,
    pub pan_inconnu: u64,
    pub pan_renseigne: u64,
    pub pan: u64,
    pub pan_rdv_indisponible: u64,
    pub substitution_proposee: u64,
    pub pan_ou_substitution: u64,
    pub recommande: u64,
    pub avocat: u64,
    pub defenseur: u64,
    pub rupture: u64,
    pub rupture_base: u64,
    pub resolus: u64,
    pub delais: Vec<i64>,
}

impl Compteurs {
    fn ajouter(&mut self, f: &FaitsPersonne, p: Periode) {
        self.suivies += 1;
        if f.ouvert_le >= p.du && f.ouvert_le <= p.au {
            self.nouvelles += 1;
        }
        if let Some(n) = self.demarche.get_mut(f.demarche.rang()) {
            *n += 1;
        }
        if let Some(n) = self.blocage.get_mut(f.blocage.rang()) {
            *n += 1;
        }
        self.ccc += u64::from(f.ccc);
        self.ccc_sans_aide += u64::from(f.ccc && !f.ccc_aide);
        match f.pan_connu {
            Some(false) => {
                self.pan_inconnu += 1;
                self.pan_renseigne += 1;
            }
            Some(true) => self.pan_renseigne += 1,
            None => {}
        }
        self.pan += u64::from(f.pan);
        self.pan_rdv_indisponible += u64::from(f.pan_rdv_indisponible);
        self.substitution_proposee += u64::from(f.substitution_proposee);
        self.pan_ou_substitution += u64::from(f.pan_ou_substitution);
        self.recommande += u64::from(f.recommande_envoye);
        self.avocat += u64::from(f.avocat);
        self.defenseur += u64::from(f.defenseur_saisi);
        self.personnes_attente += u64::from(f.attente_telephone);
        if f.dans_base_rupture() {
            self.rupture_base += 1;
        }
        self.rupture += u64::from(f.en_rupture(p));
        if let Some(j) = f.delai_resolution() {
            self.resolus += 1;
            self.delais.push(j);
        }
    }
}

/// Folds people and waiting times into the `ensemble` block and one block per département.
#[derive(Debug, Clone)]
pub struct Accumulateur {
    pub periode: Periode,
    pub ensemble: Compteurs,
    pub departements: BTreeMap<Departement, Compteurs>,
}

impl Accumulateur {
    pub fn nouveau(periode: Periode) -> Self {
        Accumulateur {
            periode,
            ensemble: Compteurs::default(),
            departements: BTreeMap::new(),
        }
    }

    /// Adds one person followed in the period.
    pub fn ajouter_personne(&mut self, f: &FaitsPersonne) {
        self.ensemble.ajouter(f, self.periode);
        self.departements
            .entry(f.departement)
            .or_default()
            .ajouter(f, self.periode);
    }

    /// Adds the waiting time of one phone `ccc` event of the period, for a person living in
    /// `departement` (that person is followed, since the event is in the period).
    pub fn ajouter_attente(&mut self, departement: Departement, minutes: i64) {
        self.ensemble.attentes.push(minutes);
        self.departements
            .entry(departement)
            .or_default()
            .attentes
            .push(minutes);
    }

    /// The finished table: rows, primary then secondary suppression.
    pub fn tableau(mut self, seuil: u64, par_departement: bool) -> Tableau {
        let mut lignes = Vec::new();
        lignes_bloc(&mut lignes, None, &mut self.ensemble);
        if par_departement {
            // BTreeMap order is the official order (`Departement` orders by rank).
            for (d, c) in self.departements.iter_mut() {
                if c.suivies > 0 {
                    lignes_bloc(&mut lignes, Some(*d), c);
                }
            }
        }
        let seuil = seuil.max(1);
        supprimer(&mut lignes, seuil, par_departement);
        Tableau {
            periode: self.periode,
            seuil,
            par_departement,
            lignes,
        }
    }
}

fn lignes_bloc(out: &mut Vec<Ligne>, departement: Option<Departement>, c: &mut Compteurs) {
    let debut = out.len();
    let suivies = c.suivies;
    let mut ligne = |indicateur: Indicateur, modalite: &'static str, valeur, base| {
        out.push(Ligne {
            departement,
            indicateur,
            modalite,
            valeur,
            base,
            personnes: None,
            statut: Statut::Ok,
        })
    };
    use Indicateur as I;
    use Valeur::{Compte, Mediane};
    ligne(I::PersonnesSuivies, "", Compte(suivies), None);
    ligne(I::NouvellesPersonnes, "", Compte(c.nouvelles), None);
    for d in Demarche::TOUS {
        let n = c.demarche.get(d.rang()).copied().unwrap_or(0);
        ligne(I::Demarche, d.code(), Compte(n), Some(suivies));
    }
    for b in Blocage::TOUS {
        let n = c.blocage.get(b.rang()).copied().unwrap_or(0);
        ligne(I::Blocage, b.code(), Compte(n), Some(suivies));
    }
    ligne(I::CccSollicite, "", Compte(c.ccc), Some(suivies));
    ligne(I::CccSansAide, "", Compte(c.ccc_sans_aide), Some(c.ccc));
    let n_attentes = c.attentes.len() as u64;
    let personnes_attente = c.personnes_attente;
    ligne(
        I::AttenteCccMedianeMinutes,
        "",
        Mediane(mediane_demis(&mut c.attentes)),
        Some(n_attentes),
    );
    ligne(
        I::PanInconnu,
        "",
        Compte(c.pan_inconnu),
        Some(c.pan_renseigne),
    );
    ligne(I::PanSollicite, "", Compte(c.pan), Some(suivies));
    ligne(
        I::PanRdvIndisponible,
        "",
        Compte(c.pan_rdv_indisponible),
        Some(c.pan),
    );
    ligne(
        I::SubstitutionProposee,
        "",
        Compte(c.substitution_proposee),
        Some(c.pan_ou_substitution),
    );
    ligne(I::RecommandeEnvoye, "", Compte(c.recommande), Some(suivies));
    ligne(I::RecoursAvocat, "", Compte(c.avocat), Some(suivies));
    ligne(
        I::DefenseurDroitsSaisi,
        "",
        Compte(c.defenseur),
        Some(suivies),
    );
    ligne(
        I::RuptureDroits,
        "",
        Compte(c.rupture),
        Some(c.rupture_base),
    );
    ligne(I::Resolus, "", Compte(c.resolus), Some(suivies));
    let n_delais = c.delais.len() as u64;
    ligne(
        I::DelaiResolutionMedianJours,
        "",
        Mediane(mediane_demis(&mut c.delais)),
        Some(n_delais),
    );
    for l in &mut out[debut..] {
        if l.indicateur == I::AttenteCccMedianeMinutes {
            l.personnes = Some(personnes_attente);
        }
    }
}

// ---------------------------------------------------------------- the table

/// The `statut` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statut {
    Ok,
    Masque,
    MasqueSecondaire,
}

impl Statut {
    pub fn code(self) -> &'static str {
        match self {
            Statut::Ok => "ok",
            Statut::Masque => "masque",
            Statut::MasqueSecondaire => "masque_secondaire",
        }
    }
}

/// The true value of a row, before suppression decides what is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Valeur {
    /// A count (of people, for every indicator but the medians).
    Compte(u64),
    /// A median in half-units (`25` is 12.5); `None` when there is no value at all.
    Mediane(Option<i64>),
}

/// One row of the table, with its true value and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ligne {
    /// `None`: the `ensemble` block.
    pub departement: Option<Departement>,
    pub indicateur: Indicateur,
    /// Empty, or a `demarche` / `blocage` code.
    pub modalite: &'static str,
    pub valeur: Valeur,
    /// `None` for plain counts.
    pub base: Option<u64>,
    /// The number of people behind the row when the base counts something else (the
    /// waiting-time median counts events): never written, only used for suppression.
    pub personnes: Option<u64>,
    pub statut: Statut,
}

/// The cells of a row as written (decimal point; the excel-fr writer swaps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cellules {
    pub departement: String,
    pub indicateur: &'static str,
    pub modalite: &'static str,
    pub valeur: String,
    pub base: String,
    pub pourcentage: String,
    pub statut: &'static str,
}

impl Ligne {
    pub fn compte(&self) -> Option<u64> {
        match self.valeur {
            Valeur::Compte(n) => Some(n),
            Valeur::Mediane(_) => None,
        }
    }

    pub fn publiee(&self) -> bool {
        self.statut == Statut::Ok
    }

    /// The base as written: only when it is 0 or at least `seuil`.
    pub fn base_publiee(&self, seuil: u64) -> Option<u64> {
        self.base.filter(|&b| b == 0 || b >= seuil)
    }

    /// The percentage in tenths, as written (published counts with a non-zero base).
    pub fn pourcentage_dixiemes(&self) -> Option<u64> {
        match (self.valeur, self.base, self.statut) {
            (Valeur::Compte(v), Some(b), Statut::Ok) if b > 0 => Some(pourcentage_dixiemes(v, b)),
            _ => None,
        }
    }

    /// The written cells (formula protection applied to the text cells).
    pub fn cellules(&self, seuil: u64) -> Cellules {
        let valeur = if self.publiee() {
            match self.valeur {
                Valeur::Compte(n) => n.to_string(),
                Valeur::Mediane(Some(h)) => formater_demis(h),
                Valeur::Mediane(None) => String::new(),
            }
        } else {
            String::new()
        };
        Cellules {
            departement: echapper_texte(self.departement.map(|d| d.code()).unwrap_or("ensemble")),
            indicateur: self.indicateur.code(),
            modalite: self.modalite,
            valeur,
            base: self
                .base_publiee(seuil)
                .map(|b| b.to_string())
                .unwrap_or_default(),
            pourcentage: self
                .pourcentage_dixiemes()
                .map(formater_dixiemes)
                .unwrap_or_default(),
            statut: self.statut.code(),
        }
    }
}

/// The statistics of one period, ready to write or to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tableau {
    pub periode: Periode,
    pub seuil: u64,
    pub par_departement: bool,
    pub lignes: Vec<Ligne>,
}

/// Output format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// docs/fichiers.md §4: comma, decimal point, LF.
    Csv,
    /// Semicolon, decimal comma, UTF-8 BOM, CRLF (French spreadsheet software).
    ExcelFr,
}

impl Format {
    pub fn depuis_code(s: &str) -> Option<Format> {
        match s.trim() {
            "csv" => Some(Format::Csv),
            "excel-fr" => Some(Format::ExcelFr),
            _ => None,
        }
    }
}

pub const ENTETE: [&str; 9] = [
    "du",
    "au",
    "departement",
    "indicateur",
    "modalite",
    "valeur",
    "base",
    "pourcentage",
    "statut",
];

impl Tableau {
    /// The départements that have a block, in output order.
    pub fn departements(&self) -> Vec<Departement> {
        let mut v: Vec<Departement> = self.lignes.iter().filter_map(|l| l.departement).collect();
        v.dedup();
        v
    }

    /// The rows of one block (`None`: `ensemble`).
    pub fn bloc(&self, departement: Option<Departement>) -> impl Iterator<Item = &Ligne> {
        self.lignes
            .iter()
            .filter(move |l| l.departement == departement)
    }

    /// Every written row as text cells, header first.
    pub fn cellules(&self) -> Vec<[String; 9]> {
        let du = echapper_texte(&date_iso(self.periode.du));
        let au = echapper_texte(&date_iso(self.periode.au));
        let mut out = vec![ENTETE.map(String::from)];
        for l in &self.lignes {
            let c = l.cellules(self.seuil);
            out.push([
                du.clone(),
                au.clone(),
                c.departement,
                echapper_texte(c.indicateur),
                echapper_texte(c.modalite),
                c.valeur,
                c.base,
                c.pourcentage,
                echapper_texte(c.statut),
            ]);
        }
        out
    }

    /// The file's bytes.
    pub fn ecrire(&self, format: Format) -> Vec<u8> {
        // Writing to memory does not fail (every row has the header's nine cells).
        self.ecrire_dans(Vec::new(), format).unwrap_or_default()
    }

    /// Writes the file to `sortie` and returns it.
    pub fn ecrire_dans<W: std::io::Write>(&self, sortie: W, format: Format) -> std::io::Result<W> {
        let dialecte = match format {
            Format::Csv => Dialecte::Virgule,
            Format::ExcelFr => Dialecte::ExcelFr,
        };
        let mut w = Ecrivain::avec(sortie, dialecte)?;
        let mut lignes = self.cellules().into_iter();
        if let Some(entete) = lignes.next() {
            w.entete(&entete.each_ref().map(String::as_str))?;
        }
        for ligne in lignes {
            let cellules: Vec<String> = ligne
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    // valeur and pourcentage are numbers: decimal comma in excel-fr.
                    if format == Format::ExcelFr && (i == 5 || i == 7) {
                        c.replace('.', ",")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            let sorties: Vec<Sortie<'_>> = cellules
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if (5..=7).contains(&i) {
                        Sortie::Nombre(c)
                    } else {
                        Sortie::Texte(c)
                    }
                })
                .collect();
            w.ligne(&sorties)?;
        }
        w.terminer()
    }
}

/// A text cell escaped against formulas (docs/fichiers.md §3), owned.
fn echapper_texte(s: &str) -> String {
    echapper(s).into_owned()
}

#[cfg(test)]
mod tests;
