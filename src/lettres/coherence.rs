//! Coherence checks before a document is written: what a volunteer should know or fix
//! first. Values only; `crate::textes::lettres::avertissement` words them.

use super::Dossier;
use super::modeles::{Gabarit, Modele, Motif, gabarit, recommandes_envoyes};
use crate::domain::TypeEvenement;
use chrono::NaiveDate;

/// An identifier the préfecture needs to find the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifiantManquant {
    DateNaissance,
    Nationalite,
    NumeroEtranger,
    Adresse,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Avertissement {
    /// No CCC or PAN attempt recorded (nor, where the préfecture itself is the first
    /// step, any message to it): the letter has no prior step to cite.
    AucuneTentative,
    /// The préfecture's address is the shipped directory's (an old copy, never verified
    /// by this desk), or missing.
    AdresseIncertaine { vide: bool },
    /// Identifiers missing: lines to fill in by hand.
    IdentifiantsManquants(Vec<IdentifiantManquant>),
    /// A registered letter is already recorded as sent: the new letter is a reminder
    /// citing it.
    DejaEnvoyee { date: NaiveDate, ar: Option<String> },
    /// A reminder asked for, but no registered letter recorded as sent.
    RelanceSansLettre,
    /// A reminder before the reply deadline of the letter it cites.
    RelanceAvantDelai { delai_le: NaiveDate },
    /// The file is closed (its last closure event, on that day).
    DossierClos { le: NaiveDate },
}

/// The warnings for a document, in the order to show them.
pub fn avertissements(d: &Dossier, m: Modele) -> Vec<Avertissement> {
    let mut v = Vec::new();
    let g = gabarit(d, m);
    if let Some(e) = d.evenements.last()
        && e.type_evenement == TypeEvenement::Cloture
    {
        v.push(Avertissement::DossierClos { le: e.date });
    }
    let lettre = matches!(
        g,
        Gabarit::Recommande(_) | Gabarit::Relance(_) | Gabarit::Defenseur
    );
    let envoyes = recommandes_envoyes(d);
    if m == Modele::Recommande
        && let Some(e) = envoyes.last()
    {
        v.push(Avertissement::DejaEnvoyee {
            date: e.date,
            ar: e.ticket.clone().filter(|t| !t.trim().is_empty()),
        });
    }
    if g.est_relance() {
        match envoyes.last() {
            None => v.push(Avertissement::RelanceSansLettre),
            Some(e) => {
                let delai_le = e.date + chrono::Days::new(d.delai_reponse_jours.max(0) as u64);
                if delai_le > d.aujourdhui {
                    v.push(Avertissement::RelanceAvantDelai { delai_le });
                }
            }
        }
    }
    if lettre {
        let prefecture_premiere =
            matches!(g.motif(), Some(Motif::RetraitTitre | Motif::SansNouvelles))
                || g == Gabarit::Defenseur;
        let tente = d.evenements.iter().any(|e| match e.type_evenement {
            TypeEvenement::Ccc | TypeEvenement::Pan => true,
            TypeEvenement::Prefecture | TypeEvenement::Recommande => prefecture_premiere,
            _ => false,
        });
        if !tente {
            v.push(Avertissement::AucuneTentative);
        }
    }
    if matches!(g, Gabarit::Recommande(_) | Gabarit::Relance(_))
        && (d.adresse_verifiee_le.is_none() || d.adresse_prefecture.is_empty())
    {
        v.push(Avertissement::AdresseIncertaine {
            vide: d.adresse_prefecture.is_empty(),
        });
    }
    if g != Gabarit::Chronologie {
        let id = &d.personne.identite;
        let mut manque = Vec::new();
        if id.date_naissance.is_none() {
            manque.push(IdentifiantManquant::DateNaissance);
        }
        if lettre && vide(&id.nationalite) {
            manque.push(IdentifiantManquant::Nationalite);
        }
        if vide(&id.numero_etranger) {
            manque.push(IdentifiantManquant::NumeroEtranger);
        }
        if lettre && vide(&id.adresse) {
            manque.push(IdentifiantManquant::Adresse);
        }
        if !manque.is_empty() {
            v.push(Avertissement::IdentifiantsManquants(manque));
        }
    }
    v
}

fn vide(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}
