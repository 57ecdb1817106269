//! The facts of a letter: one sentence per event told to the préfecture.

use super::{NBSP, date_lettre, numero, typo};
use crate::domain::{Canal, Evenement, Resultat, TypeEvenement};

/// One fact of the letter, from one event (`None`: the event is not told to the préfecture:
/// visits, follow-ups, lawyer, Défenseur des droits, closure).
pub fn fait(e: &Evenement) -> Option<String> {
    let le = date_lettre(e.date);
    let ticket = e.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let texte = match e.type_evenement {
        TypeEvenement::Ccc => fait_ccc(e, ticket),
        TypeEvenement::Pan => fait_pan(e),
        TypeEvenement::Substitution => fait_substitution(e),
        TypeEvenement::Recommande => fait_recommande(e, ticket),
        TypeEvenement::ApiDelivree => match e.echeance {
            Some(f) => format!(
                "une attestation de prolongation d'instruction m'a été délivrée, valable \
                 jusqu'au {}.",
                date_lettre(f)
            ),
            None => "une attestation de prolongation d'instruction m'a été délivrée.".into(),
        },
        TypeEvenement::Prefecture => fait_prefecture(e, ticket),
        TypeEvenement::Visite
        | TypeEvenement::Suivi
        | TypeEvenement::Avocat
        | TypeEvenement::DefenseurDroits
        | TypeEvenement::Cloture => return None,
    };
    Some(typo(&format!("le {le}, {texte}")))
}

/// A CCC contact (phone or form), with its ticket and what came of it.
fn fait_ccc(e: &Evenement, ticket: Option<&str>) -> String {
    let r = e.resultat;
    let comment = match e.canal {
        Some(Canal::Telephone) => {
            let attente = e
                .attente_minutes
                .map(|m| format!(", après {m}{NBSP}minutes d'attente"))
                .unwrap_or_default();
            format!(
                "j'ai appelé le Centre de contact citoyen (CCC) de l'ANTS au \
                 0806{NBSP}001{NBSP}620{attente}"
            )
        }
        _ => "j'ai écrit au Centre de contact citoyen (CCC) de l'ANTS par le \
              formulaire de contact de l'ANEF"
            .to_string(),
    };
    let ticket = ticket
        .map(|t| format!(" (demande {})", numero(t)))
        .unwrap_or_default();
    let issue = match r {
        Some(Resultat::Resolu) => {
            "le CCC m'a indiqué que le blocage était résolu, mais il persiste".to_string()
        }
        Some(Resultat::SansAide) => "le CCC n'a pas pu résoudre le blocage".into(),
        Some(Resultat::RenvoiPrefecture) => {
            "le CCC n'a pas pu résoudre le blocage et m'a renvoyé(e) vers la préfecture".into()
        }
        Some(Resultat::AttestationImpossibilite) => "le CCC m'a remis un document \
             attestant de l'impossibilité de déposer ma demande en ligne"
            .into(),
        Some(Resultat::SansReponse) => "je n'ai reçu aucune réponse".into(),
        Some(Resultat::EnAttente) => "j'attends toujours sa réponse".into(),
        _ => String::new(),
    };
    if issue.is_empty() {
        format!("{comment}{ticket}.")
    } else {
        format!("{comment}{ticket} ; {issue}.")
    }
}

/// A visit to the préfecture's digital help point.
fn fait_pan(e: &Evenement) -> String {
    let r = e.resultat;
    let rdv = e
        .echeance
        .map(|d| format!(" pour le {}", date_lettre(d)))
        .unwrap_or_default();
    match r {
        Some(Resultat::RdvDemande) => "j'ai demandé un rendez-vous au point d'accueil \
             numérique (PAN) de la préfecture."
            .to_string(),
        Some(Resultat::RdvObtenu) => {
            format!(
                "j'ai obtenu un rendez-vous au point d'accueil numérique (PAN) de la préfecture{rdv}."
            )
        }
        Some(Resultat::RdvIndisponible) => "j'ai cherché à prendre rendez-vous au point \
             d'accueil numérique (PAN) de la préfecture : aucun rendez-vous n'était \
             disponible."
            .into(),
        Some(Resultat::PasDePan) => "j'ai cherché à prendre rendez-vous au point \
             d'accueil numérique (PAN) de la préfecture : il n'existe pas de PAN pour \
             ces démarches."
            .into(),
        Some(Resultat::Resolu) => "lors de mon rendez-vous au point d'accueil \
             numérique (PAN), le blocage a semblé résolu, mais il persiste."
            .into(),
        Some(Resultat::SubstitutionProposee) => "lors de mon rendez-vous au point \
             d'accueil numérique (PAN), une solution de substitution m'a été proposée, \
             sans que je puisse encore déposer ma demande."
            .into(),
        Some(Resultat::AucuneSolution) => "lors de mon rendez-vous au point d'accueil \
             numérique (PAN), le blocage a été constaté mais aucune solution ne m'a été \
             proposée."
            .into(),
        _ => "je me suis adressé(e) au point d'accueil numérique (PAN) de la \
              préfecture."
            .into(),
    }
}

/// A substitution (deposit at the counter, by post or e-mail).
fn fait_substitution(e: &Evenement) -> String {
    let r = e.resultat;
    let mode = match e.canal {
        Some(Canal::Postal) => "par voie postale",
        Some(Canal::Courriel) => "par courriel",
        _ => "au guichet",
    };
    match r {
        Some(Resultat::Invitation) => {
            let rdv = e
                .echeance
                .map(|d| format!(" (rendez-vous le {})", date_lettre(d)))
                .unwrap_or_default();
            format!("la préfecture m'a invité(e) à déposer ma demande {mode}{rdv}.")
        }
        Some(Resultat::DepotEffectue) => format!(
            "j'ai déposé ma demande {mode}, sans recevoir à ce jour de récépissé ni \
             d'attestation."
        ),
        Some(Resultat::AttestationDepot) => {
            format!("j'ai reçu l'attestation du dépôt de ma demande {mode}.")
        }
        Some(Resultat::Demandee) => {
            format!("j'ai demandé à bénéficier de la solution de substitution ({mode}).")
        }
        Some(Resultat::Refus) => {
            format!("la préfecture a refusé le dépôt de ma demande {mode}.")
        }
        _ => format!("j'ai sollicité le dépôt de ma demande {mode}."),
    }
}

/// A registered letter already sent, with its acknowledgement number.
fn fait_recommande(e: &Evenement, ticket: Option<&str>) -> String {
    let r = e.resultat;
    let ar = ticket
        .map(|t| format!(" (accusé de réception {})", numero(t)))
        .unwrap_or_default();
    match r {
        Some(Resultat::ReponseRecue) => {
            "j'ai reçu une réponse de la préfecture, qui ne m'a pas permis de déposer \
             ma demande."
                .to_string()
        }
        _ => format!("je vous ai écrit par lettre recommandée{ar}, sans réponse utile."),
    }
}

/// A message to the préfecture's service (form, e-mail, phone, counter).
fn fait_prefecture(e: &Evenement, ticket: Option<&str>) -> String {
    let comment = match e.canal {
        Some(Canal::Formulaire) => "j'ai écrit à la préfecture par son formulaire de contact",
        Some(Canal::Courriel) => "j'ai écrit à la préfecture par courriel",
        Some(Canal::Telephone) => "j'ai appelé la préfecture",
        Some(Canal::Guichet) => "je me suis présenté(e) au guichet de la préfecture",
        _ => "je me suis adressé(e) à la préfecture",
    };
    let ticket = ticket
        .map(|t| format!(" (référence {})", numero(t)))
        .unwrap_or_default();
    let issue = match e.resultat {
        Some(Resultat::ReponseRecue) => " ; j'ai reçu une réponse, qui n'a pas réglé la situation",
        Some(Resultat::SansReponse) => " ; je n'ai reçu aucune réponse",
        _ => "",
    };
    format!("{comment}{ticket}{issue}.")
}
