//! The warnings of an evaluation, always shown: missing evidence, lapsed rights, a late
//! renewal, a préfecture's practice contrary to the arrêté, a CCC reached by phone only.

use super::{Alerte, ConnaissancePrefecture, Etape, Motif, Situation, moins_jours};
use crate::domain::regles::{CleRegle, Regles};
use crate::domain::{Canal, TypeEvenement};

/// The renewal window closed while the permit is still valid and no API shows a request.
fn renouvellement_tardif(s: &Situation, regles: &Regles) -> Option<Alerte> {
    let titre = s.personne.titre_expire_le?;
    let fermee_le = moins_jours(titre, regles.renouvellement_fermeture_jours());
    let tardif = s.api.is_none() && titre >= s.aujourdhui && fermee_le < s.aujourdhui;
    tardif.then_some(Alerte::RenouvellementTardif {
        fermee_le,
        taxe_euros: regles.taxe_retard_euros(),
        regle: CleRegle::TaxeRetard,
    })
}

/// Every CCC contact since the last closure was by phone, while the CCC or the PAN is the
/// step reached.
fn ccc_par_telephone_seulement(s: &Situation, etape: Etape) -> bool {
    let mut ccc = s
        .actifs
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::Ccc)
        .peekable();
    ccc.peek().is_some()
        && ccc.all(|e| e.canal == Some(Canal::Telephone))
        && matches!(etape, Etape::Ccc | Etape::Pan)
}

/// The warnings, in the order they are shown.
pub(super) fn alertes(
    s: &Situation,
    etape: Etape,
    motif: &Motif,
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
    }
    alertes.extend(renouvellement_tardif(s, regles));
    if prefecture.postal_impose {
        alertes.push(Alerte::PostalImpose {
            prefecture: prefecture.departement,
        });
    }
    if let Motif::SubstitutionProposee {
        canal: Some(canal @ (Canal::Postal | Canal::Courriel)),
        ..
    } = *motif
    {
        alertes.push(Alerte::SubstitutionADistance { canal });
    }
    if ccc_par_telephone_seulement(s, etape) {
        alertes.push(Alerte::CccTelephoneSeulement);
    }
    alertes
}
