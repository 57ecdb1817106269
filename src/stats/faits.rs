//! What one person followed in a period contributes to the figures, folded in Rust from the
//! covered event rows (docs/fichiers.md §4; issue 17: no conditional aggregate in SQL).

use super::Periode;
use crate::domain::{Blocage, Canal, Demarche, Departement, Resultat, TypeEvenement};
use crate::store::{EvenementStats, PersonneStats};
use chrono::NaiveDate;

/// What the statistics need to know about one person followed in the period (at least one
/// event dated in [du, au]). Event-derived flags only look at events dated in the period,
/// except `api_delivree_*` and `premiere_cloture`, which look at events dated ≤ au.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaitsPersonne {
    pub departement: Departement,
    pub demarche: Demarche,
    pub blocage: Blocage,
    pub ouvert_le: NaiveDate,
    pub pan_connu: Option<bool>,
    pub titre_expire_le: Option<NaiveDate>,
    pub api_expire_le: Option<NaiveDate>,
    /// An `api_delivree` event dated ≤ au exists.
    pub api_delivree: bool,
    /// Latest `echeance` of the `api_delivree` events dated ≤ au.
    pub api_delivree_echeance: Option<NaiveDate>,
    /// Earliest `cloture` event (any result) dated ≤ au.
    pub premiere_cloture: Option<NaiveDate>,
    /// Earliest `cloture` `resolu` dated in the period.
    pub premier_resolu: Option<NaiveDate>,
    pub ccc: bool,
    /// A `ccc` event of the period has a known outcome (its `resultat` is not `en_attente`).
    pub ccc_connu: bool,
    /// A `ccc` event of the period has `resolu` or `attestation_impossibilite`.
    pub ccc_aide: bool,
    /// A `ccc` event of the period has `attestation_impossibilite`.
    pub ccc_attestation: bool,
    pub pan: bool,
    pub pan_rdv_indisponible: bool,
    pub substitution_proposee: bool,
    pub pan_ou_substitution: bool,
    /// A `substitution` event `depot_effectue` in the period.
    pub depot_substitution: bool,
    pub recommande_envoye: bool,
    pub avocat: bool,
    pub defenseur_saisi: bool,
    /// A phone `ccc` event of the period has `attente_minutes` (the person is behind the
    /// waiting-time median).
    pub attente_telephone: bool,
}

impl FaitsPersonne {
    /// A person with no event folded in yet; `completer` gives the attributes.
    pub fn sans_attributs(departement: Departement) -> Self {
        FaitsPersonne {
            departement,
            demarche: Demarche::Autre,
            blocage: Blocage::Autre,
            ouvert_le: NaiveDate::MIN,
            pan_connu: None,
            titre_expire_le: None,
            api_expire_le: None,
            api_delivree: false,
            api_delivree_echeance: None,
            premiere_cloture: None,
            premier_resolu: None,
            ccc: false,
            ccc_connu: false,
            ccc_aide: false,
            ccc_attestation: false,
            pan: false,
            pan_rdv_indisponible: false,
            substitution_proposee: false,
            pan_ou_substitution: false,
            depot_substitution: false,
            recommande_envoye: false,
            avocat: false,
            defenseur_saisi: false,
            attente_telephone: false,
        }
    }

    /// The person's own attributes (what the events do not say).
    pub fn completer(&mut self, p: &PersonneStats) {
        self.departement = p.departement;
        self.demarche = p.demarche;
        self.blocage = p.blocage;
        self.ouvert_le = p.ouvert_le;
        self.pan_connu = p.pan_connu;
        self.titre_expire_le = p.titre_expire_le;
        self.api_expire_le = p.api_expire_le;
    }

    /// A person with no event folded in yet.
    pub fn de(p: &PersonneStats) -> Self {
        let mut f = Self::sans_attributs(p.departement);
        f.completer(p);
        f
    }

    /// Folds one event dated ≤ au (`dans_periode`: dated ≥ du too).
    pub fn ajouter(&mut self, e: &EvenementStats, dans_periode: bool) {
        use Resultat as R;
        use TypeEvenement as T;
        let r = e.resultat;
        match e.type_evenement {
            T::ApiDelivree => {
                self.api_delivree = true;
                self.api_delivree_echeance = self.api_delivree_echeance.max(e.echeance);
            }
            T::Cloture => {
                self.premiere_cloture =
                    Some(self.premiere_cloture.map_or(e.date, |d| d.min(e.date)));
                if dans_periode && r == Some(R::Resolu) {
                    self.premier_resolu =
                        Some(self.premier_resolu.map_or(e.date, |d| d.min(e.date)));
                }
            }
            _ => {}
        }
        if !dans_periode {
            return;
        }
        match e.type_evenement {
            T::Ccc => {
                self.ccc = true;
                self.ccc_connu |= r.is_some_and(|r| r != R::EnAttente);
                self.ccc_aide |= matches!(r, Some(R::Resolu | R::AttestationImpossibilite));
                self.ccc_attestation |= r == Some(R::AttestationImpossibilite);
                self.attente_telephone |=
                    e.canal == Some(Canal::Telephone) && e.attente_minutes.is_some();
            }
            T::Pan => {
                self.pan = true;
                self.pan_ou_substitution = true;
                self.pan_rdv_indisponible |= r == Some(R::RdvIndisponible);
                self.substitution_proposee |= r == Some(R::SubstitutionProposee);
            }
            T::Substitution => {
                self.pan_ou_substitution = true;
                self.substitution_proposee |= r == Some(R::Invitation);
                self.depot_substitution |= r == Some(R::DepotEffectue);
            }
            T::Recommande => self.recommande_envoye |= r == Some(R::Envoye),
            T::Avocat => self.avocat = true,
            T::DefenseurDroits => self.defenseur_saisi |= r == Some(R::Saisi),
            _ => {}
        }
    }

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
