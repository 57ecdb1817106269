//! French labels of the coded values, for screens, letters and plain-text output.

use crate::domain::moteur::Etape;
use crate::domain::{Blocage, Canal, Demarche, Resultat, TypeEvenement};

impl Demarche {
    pub fn libelle(self) -> &'static str {
        match self {
            Demarche::PremiereDemande => "Première demande",
            Demarche::Renouvellement => "Renouvellement",
            Demarche::Duplicata => "Duplicata",
            Demarche::ChangementSituation => "Changement de situation",
            Demarche::Naturalisation => "Naturalisation",
            Demarche::DocumentCirculation => "Document de circulation",
            Demarche::Autre => "Autre démarche",
        }
    }
}

impl Blocage {
    pub fn libelle(self) -> &'static str {
        match self {
            Blocage::Connexion => "Connexion (compte, FranceConnect, double authentification)",
            Blocage::NumeroEtranger => "Numéro étranger perdu ou inconnu",
            Blocage::DepotImpossible => "Dépôt impossible (formulaire, pièces, validation)",
            Blocage::ApiNonRenouvelee => "API non renouvelée",
            Blocage::RdvRetraitTitre => "Pas de rendez-vous pour retirer le titre",
            Blocage::SansNouvelles => "Sans nouvelles (dossier figé)",
            Blocage::ChangementAdresse => "Changement d'adresse",
            Blocage::Autre => "Autre blocage",
        }
    }
}

impl TypeEvenement {
    pub fn libelle(self) -> &'static str {
        match self {
            TypeEvenement::Visite => "Visite",
            TypeEvenement::Ccc => "CCC",
            TypeEvenement::Pan => "PAN",
            TypeEvenement::Substitution => "Substitution",
            TypeEvenement::Prefecture => "Préfecture",
            TypeEvenement::Recommande => "Recommandé",
            TypeEvenement::Avocat => "Avocat",
            TypeEvenement::DefenseurDroits => "Défenseur des droits",
            TypeEvenement::ApiDelivree => "API délivrée",
            TypeEvenement::Suivi => "Suivi",
            TypeEvenement::Cloture => "Clôture",
        }
    }
}

impl Canal {
    pub fn libelle(self) -> &'static str {
        match self {
            Canal::Formulaire => "formulaire",
            Canal::Telephone => "téléphone",
            Canal::Guichet => "guichet",
            Canal::Postal => "voie postale",
            Canal::Courriel => "courriel",
        }
    }
}

impl Resultat {
    pub fn libelle(self) -> &'static str {
        match self {
            Resultat::Resolu => "résolu",
            Resultat::SansAide => "sans aide",
            Resultat::RenvoiPrefecture => "renvoi vers la préfecture",
            Resultat::AttestationImpossibilite => "attestation d'impossibilité",
            Resultat::SansReponse => "sans réponse",
            Resultat::EnAttente => "en attente",
            Resultat::RdvDemande => "rendez-vous demandé",
            Resultat::RdvObtenu => "rendez-vous obtenu",
            Resultat::RdvIndisponible => "rendez-vous indisponible",
            Resultat::PasDePan => "pas de PAN",
            Resultat::SubstitutionProposee => "substitution proposée",
            Resultat::AucuneSolution => "aucune solution",
            Resultat::Demandee => "demandée",
            Resultat::Invitation => "invitation",
            Resultat::DepotEffectue => "dépôt effectué",
            Resultat::AttestationDepot => "attestation de dépôt reçue",
            Resultat::Refus => "refus",
            Resultat::Envoye => "envoyé",
            Resultat::ReponseRecue => "réponse reçue",
            Resultat::Oriente => "orienté",
            Resultat::RefereDepose => "référé déposé",
            Resultat::DecisionFavorable => "décision favorable",
            Resultat::DecisionDefavorable => "décision défavorable",
            Resultat::Saisi => "saisi",
            Resultat::Abandon => "abandon",
            Resultat::PerduDeVue => "perdu de vue",
        }
    }
}

impl Etape {
    pub fn libelle(self) -> &'static str {
        match self {
            Etape::Constat => "Constat",
            Etape::Ccc => "CCC",
            Etape::Pan => "PAN",
            Etape::Substitution => "Substitution",
            Etape::Recommande => "Recommandé",
            Etape::Recours => "Recours",
            Etape::Cloture => "Clôture",
        }
    }
}
