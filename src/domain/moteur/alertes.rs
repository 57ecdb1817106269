//! The warnings of an evaluation, always shown: missing evidence, lapsed or threatened
//! rights, a late renewal (fee and API lost), a préfecture's practice contrary to the
//! arrêté, four months of silence, an identity too incomplete for the letter the plan
//! needs, a CCC reached by phone only. Each has its §5 code where the contract has one.

use super::plan::Plan;
use super::plus_mois;
use super::{ConnaissancePrefecture, Echelle, GenreAction, Motif, Situation, moins_jours};
use crate::domain::Departement;
use crate::domain::regles::{CleRegle, Regles};
use crate::domain::{Blocage, Canal, Resultat, TypeEvenement};
use chrono::NaiveDate;

/// What the identity lacks for a letter to the préfecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct IdentiteManquante {
    pub date_naissance: bool,
    pub numero_etranger: bool,
    pub adresse: bool,
}

/// A warning always shown with the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Alerte {
    /// No evidence of the blocking: `captures` not filled in (`None`) or zero.
    PreuvesManquantes { captures: Option<u32> },
    /// Permit and API expired since `depuis`.
    DroitsRompus {
        #[serde(with = "crate::domain::date_serde")]
        depuis: NaiveDate,
    },
    /// The rights lapse on `le`, within the alert threshold.
    DroitsMenaces {
        #[serde(with = "crate::domain::date_serde")]
        le: NaiveDate,
        jours: i64,
    },
    /// Renewal window closed on `fermee_le` and nothing filed: L.436-5 fee, unless force
    /// majeure (a documented blocking is the argument).
    FenetreFermeeTaxe {
        #[serde(with = "crate::domain::date_serde")]
        fermee_le: NaiveDate,
        taxe_euros: u32,
        regle: CleRegle,
    },
    /// Same: a late request loses the API as of right (R.431-15-1).
    ApiNonDueSiTardif {
        #[serde(with = "crate::domain::date_serde")]
        fermee_le: NaiveDate,
    },
    /// The préfecture imposes postal deposit, contrary to the arrêté of 1 August 2023.
    PostalImpose { prefecture: Option<Departement> },
    /// Four months of silence since a deposit (or since the file was opened, for a file with
    /// no news): implicit rejection (R.432-1/2).
    SilenceVautRejet {
        #[serde(with = "crate::domain::date_serde")]
        depuis: NaiveDate,
        #[serde(with = "crate::domain::date_serde")]
        rejet_le: NaiveDate,
        /// `depuis` is the day the desk opened the file (the filing was earlier).
        au_plus_tard: bool,
    },
    /// A letter is the next step but the identity the préfecture needs is incomplete.
    IdentiteIncomplete(IdentiteManquante),
    /// A substitution offered by post or e-mail: allowed only at the person's request.
    SubstitutionADistance { canal: Canal },
    /// The CCC was only contacted by phone: no written trace.
    CccTelephoneSeulement,
}

impl Alerte {
    /// The §5 code (`None`: a warning for the desk only, not in the contract).
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            Alerte::PreuvesManquantes { .. } => "preuves_manquantes",
            Alerte::DroitsRompus { .. } => "droits_rompus",
            Alerte::DroitsMenaces { .. } => "droits_menaces",
            Alerte::FenetreFermeeTaxe { .. } => "fenetre_fermee_taxe",
            Alerte::ApiNonDueSiTardif { .. } => "api_non_due_si_tardif",
            Alerte::PostalImpose { .. } => "postal_impose_contraire_arrete",
            Alerte::SilenceVautRejet { .. } => "silence_vaut_rejet",
            Alerte::IdentiteIncomplete(_) => "identite_incomplete_pour_lettre",
            Alerte::SubstitutionADistance { .. } | Alerte::CccTelephoneSeulement => return None,
        })
    }
}

/// Renewals only: the window closed and nothing shows the request was filed. Said before
/// and after the permit's expiry: the fee (L.436-5) and the API lost as of right
/// (R.431-15-1).
fn renouvellement_tardif(s: &Situation, regles: &Regles) -> Vec<Alerte> {
    let Some(titre) = s.personne.titre_expire_le else {
        return Vec::new();
    };
    let fermee_le = moins_jours(titre, regles.renouvellement_fermeture_jours());
    if !s.est_renouvellement() || s.demande_deposee() || !s.aujourdhui.passe(fermee_le) {
        return Vec::new();
    }
    vec![
        Alerte::FenetreFermeeTaxe {
            fermee_le,
            taxe_euros: regles.taxe_retard_euros(),
            regle: CleRegle::TaxeRetard,
        },
        Alerte::ApiNonDueSiTardif { fermee_le },
    ]
}

/// Four months since a deposit with no decision (an API shows the request is being
/// examined, not decided); for a file with no news, since the file was opened at the
/// latest.
fn silence(s: &Situation, regles: &Regles) -> Option<Alerte> {
    let mois = regles.silence_rejet_mois();
    let depot = s
        .actifs
        .iter()
        .filter(|e| {
            e.type_evenement == TypeEvenement::Substitution
                && matches!(
                    e.resultat,
                    Some(Resultat::DepotEffectue | Resultat::AttestationDepot)
                )
        })
        .map(|e| e.date)
        .min();
    let (depuis, au_plus_tard) = match depot {
        Some(d) => (d, false),
        None if s.personne.blocage == Blocage::SansNouvelles => (s.personne.ouvert_le, true),
        None => return None,
    };
    let rejet_le = plus_mois(depuis, mois);
    s.aujourdhui
        .atteint(rejet_le)
        .then_some(Alerte::SilenceVautRejet {
            depuis,
            rejet_le,
            au_plus_tard,
        })
}

/// The plan writes to the préfecture (or the Défenseur) and the identity lacks what the
/// letter needs to find the file.
fn identite(s: &Situation, plan: &Plan) -> Option<Alerte> {
    let lettre = |a: &GenreAction| {
        matches!(
            a,
            GenreAction::EnvoyerRecommande
                | GenreAction::EcrirePrefecture
                | GenreAction::ReclamerAttestationDepot
                | GenreAction::DemanderSubstitution
                | GenreAction::SaisirDefenseur
        )
    };
    if !lettre(&plan.decision.genre) && !plan.paralleles.iter().any(lettre) {
        return None;
    }
    let id = &s.personne.identite;
    let manque = IdentiteManquante {
        date_naissance: id.date_naissance.is_none(),
        // A lost numéro étranger is the blocking itself: the letter says so.
        numero_etranger: id.numero_etranger.is_none()
            && s.personne.blocage != Blocage::NumeroEtranger,
        adresse: id.adresse.as_deref().is_none_or(|a| a.trim().is_empty()),
    };
    (manque != IdentiteManquante::default()).then_some(Alerte::IdentiteIncomplete(manque))
}

/// Every CCC contact since the last closure was by phone, while the CCC or the PAN is the
/// step reached.
fn ccc_par_telephone_seulement(s: &Situation) -> bool {
    let mut ccc = s
        .actifs
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::Ccc)
        .peekable();
    ccc.peek().is_some()
        && ccc.all(|e| e.canal == Some(Canal::Telephone))
        && matches!(super::etape(s), super::Etape::Ccc | super::Etape::Pan)
}

/// The warnings, in the order they are shown.
pub(super) fn alertes(
    s: &Situation,
    plan: &Plan,
    prefecture: &ConnaissancePrefecture,
    regles: &Regles,
) -> Vec<Alerte> {
    let mut alertes = Vec::new();
    let captures = s.personne.captures;
    if captures.is_none_or(|n| n == 0) {
        alertes.push(Alerte::PreuvesManquantes { captures });
    }
    if s.cloture.is_some() {
        return alertes;
    }
    if let Some(depuis) = s.droits_rompus_depuis() {
        alertes.push(Alerte::DroitsRompus { depuis });
    } else if let Some(fin) = s.fin_droits
        && s.aujourdhui
            .atteint(moins_jours(fin, regles.alerte_droits_jours()))
    {
        let jours = s.aujourdhui.jours_jusqua(fin);
        alertes.push(Alerte::DroitsMenaces { le: fin, jours });
    }
    alertes.extend(renouvellement_tardif(s, regles));
    if prefecture.postal_impose && matches!(s.echelle, Echelle::Depot) {
        alertes.push(Alerte::PostalImpose {
            prefecture: prefecture.departement,
        });
    }
    alertes.extend(silence(s, regles));
    alertes.extend(identite(s, plan));
    if let Motif::Substitution {
        canal: canal @ (Canal::Postal | Canal::Courriel),
        ..
    } = plan.decision.motif
    {
        alertes.push(Alerte::SubstitutionADistance { canal });
    }
    if ccc_par_telephone_seulement(s) {
        alertes.push(Alerte::CccTelephoneSeulement);
    }
    alertes
}
