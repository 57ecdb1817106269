//! The registered letter with acknowledgement of receipt to the préfecture (step 3 bis).

use super::{NBSP, date_lettre, majuscule_initiale, minuscule_initiale, numero, typo};
use crate::domain::moteur::{PanConnu, couverture, expiration_api};
use crate::domain::{Canal, Evenement, Resultat, TypeEvenement};
use crate::lettres::{Dossier, a_droite, paragraphe};
use chrono::NaiveDate;

pub const OBJET: &str = "Impossibilité de déposer ma demande de titre de séjour sur l’ANEF \
     — demande de solution de substitution";

/// One fact of the letter, from one event (`None`: the event is not told to the préfecture:
/// visits, lawyer, Défenseur des droits, closure).
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
        TypeEvenement::Visite
        | TypeEvenement::Prefecture
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
        Some(Resultat::Resolu) => "le CCC m'a indiqué que le blocage était résolu, \
                                   mais je ne parviens toujours pas à déposer ma demande"
            .to_string(),
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
             numérique (PAN), le blocage a semblé résolu, mais je ne parviens toujours \
             pas à déposer ma demande."
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
            format!(
                "la préfecture m'a invité(e) à déposer ma demande {mode}{rdv}, sans que \
                 ce dépôt ait pu aboutir à ce jour."
            )
        }
        Some(Resultat::DepotEffectue) => format!(
            "j'ai déposé ma demande {mode}, sans recevoir à ce jour de récépissé ni \
             d'attestation."
        ),
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

/// The person's rights and their expiry, for the request (`None` when no date is known).
fn phrase_droits(d: &Dossier) -> Option<String> {
    let p = &d.personne;
    let auj = d.aujourdhui;
    let mut phrases = Vec::new();
    if let Some(t) = p.titre_expire_le {
        phrases.push(if t < auj {
            format!("Mon titre de séjour a expiré le {}.", date_lettre(t))
        } else {
            format!("Mon titre de séjour expire le {}.", date_lettre(t))
        });
    }
    if let Some(a) = expiration_api(p, &d.evenements) {
        phrases.push(if a < auj {
            format!(
                "Mon attestation de prolongation d'instruction a expiré le {}.",
                date_lettre(a)
            )
        } else {
            format!(
                "Mon attestation de prolongation d'instruction expire le {}.",
                date_lettre(a)
            )
        });
    }
    if phrases.is_empty() {
        return None;
    }
    match couverture(p, &d.evenements) {
        Some(c) if c < auj => phrases.push(
            "Je suis donc aujourd'hui sans document de séjour valable : je risque de perdre \
             mon droit au travail et mes droits aux prestations sociales (CAF, France Travail)."
                .to_string(),
        ),
        Some(c) => phrases.push(format!(
            "Sans dépôt de ma demande avant le {}, je risque de perdre mon droit au séjour, au \
             travail et aux prestations sociales (CAF, France Travail).",
            date_lettre(c)
        )),
        None => {}
    }
    Some(phrases.join(" "))
}

/// Whether the CCC gave a document attesting that online deposit is impossible.
fn attestation_ccc(d: &Dossier) -> bool {
    d.evenements.iter().any(|e| {
        e.type_evenement == TypeEvenement::Ccc
            && e.resultat == Some(Resultat::AttestationImpossibilite)
    })
}

/// The registered letter with acknowledgement of receipt to the préfecture (step 3 bis),
/// ready to print: lines of at most 80 characters, ending with a newline.
pub fn lettre(d: &Dossier) -> String {
    let d = &crate::textes::dossier_visible(d);
    let mut s = String::new();
    en_tete(&mut s, d);
    expose(&mut s, d);
    droit(&mut s, d);
    demande(&mut s, d);
    pieces_et_signature(&mut s, d);
    s
}

fn ligne(s: &mut String, texte: &str) {
    paragraphe(s, &typo(texte), "", "");
}

fn vide(s: &mut String) {
    s.push('\n');
}

/// Sender, addressee, date, mention, subject and salutation.
fn en_tete(s: &mut String, d: &Dossier) {
    let p = &d.personne;
    // Sender: the name only (vigie keeps no postal address: lines to fill by hand).
    paragraphe(s, &p.nom_complet(), "", "");
    ligne(
        s,
        "Adresse : .....................................................",
    );
    ligne(
        s,
        "Code postal et ville : ........................................",
    );
    vide(s);
    // Addressee.
    a_droite(
        s,
        &typo(&crate::textes::prefecture::destinataire(
            d.personne.departement,
        )),
    );
    for l in &d.adresse_prefecture {
        a_droite(s, &typo(l));
    }
    vide(s);
    a_droite(
        s,
        &format!("À .............., le {}", date_lettre(d.aujourdhui)),
    );
    vide(s);
    ligne(s, "Lettre recommandée avec demande d'avis de réception");
    vide(s);
    paragraphe(s, &typo(&format!("Objet : {OBJET}")), "", &" ".repeat(8));
    vide(s);
    ligne(s, "Madame, Monsieur,");
    vide(s);
}

/// The blocking, the facts in order and what the person observed.
fn expose(s: &mut String, d: &Dossier) {
    let p = &d.personne;
    let demarche = minuscule_initiale(p.demarche.libelle());
    let blocage = minuscule_initiale(p.blocage.libelle());
    ligne(
        s,
        &format!(
            "Je ne parviens pas à déposer ma demande ({demarche}) sur le téléservice de \
             l'Administration numérique des étrangers en France (ANEF), malgré les démarches \
             prévues par les textes. Le blocage rencontré{NBSP}: {blocage}."
        ),
    );
    vide(s);

    let faits: Vec<String> = d.evenements.iter().filter_map(fait).collect();
    let pan_evenement = d
        .evenements
        .iter()
        .any(|e| e.type_evenement == TypeEvenement::Pan);
    let substitution = d.evenements.iter().any(|e| {
        matches!(
            (e.type_evenement, e.resultat),
            (TypeEvenement::Substitution, Some(Resultat::Invitation))
                | (TypeEvenement::Pan, Some(Resultat::SubstitutionProposee))
        )
    });
    if !faits.is_empty() {
        ligne(s, &format!("Voici les faits, dans l'ordre{NBSP}:"));
        for f in &faits {
            paragraphe(s, &majuscule_initiale(f), "- ", "  ");
        }
        vide(s);
    }
    let mut constats = Vec::new();
    if !pan_evenement && d.prefecture.pan == PanConnu::Aucun {
        constats.push(
            "À ma connaissance, la préfecture ne dispose pas d'un point d'accueil numérique \
             pour les démarches sur l'ANEF."
                .to_string(),
        );
    }
    if !substitution {
        constats.push("À ce jour, aucune solution de substitution ne m'a été proposée.".into());
    }
    match p.captures {
        Some(n) if n > 0 => constats.push(format!(
            "J'ai conservé {n}{NBSP}capture{s} d'écran du blocage, jointe{s} à ce courrier.",
            s = if n > 1 { "s" } else { "" }
        )),
        _ => {}
    }
    if !constats.is_empty() {
        ligne(s, &constats.join(" "));
        vide(s);
    }
}

/// The law: the Conseil d'État, the CESEDA, the arrêté and its exceptions that apply.
fn droit(s: &mut String, d: &Dossier) {
    ligne(
        s,
        &format!(
            "Or le Conseil d'État (Section, 3{NBSP}juin{NBSP}2022, {}) a jugé que, lorsque le \
             recours à un téléservice est imposé pour obtenir un titre de séjour, il incombe à \
             l'administration de garantir aux demandeurs qui se heurtent, malgré \
             l'accompagnement prévu, à l'impossibilité d'utiliser ce téléservice la \
             possibilité de recourir à une solution de substitution. L'article R.{NBSP}431-2 \
             du code de l'entrée et du séjour des étrangers et du droit d'asile (CESEDA) \
             prévoit cet accompagnement puis cette solution de substitution, et l'arrêté du \
             {} (NOR{NBSP}: IOMV2311395A) en précise les modalités{NBSP}: la demande est \
             déposée auprès de la préfecture, lors d'un rendez-vous physique individuel \
             systématiquement proposé, dont les modalités de prise comprennent au moins deux \
             moyens, dont l'un n'est pas numérique.",
            numero("452798"),
            date_lettre(NaiveDate::from_ymd_opt(2023, 8, 1).unwrap_or_default()),
        ),
    );
    let mut exceptions = Vec::new();
    if attestation_ccc(d) {
        exceptions.push(
            "Le même arrêté permet, par exception, de bénéficier de la solution de \
             substitution sur production d'un document du centre de contact citoyen attestant \
             de l'impossibilité de déposer la demande en ligne : c'est mon cas, ce document est \
             joint à ce courrier.",
        );
    }
    if d.prefecture.postal_impose {
        exceptions.push(
            "Le dépôt par voie postale ou électronique n'est prévu par l'arrêté que si \
             l'étranger en fait la demande : il ne peut pas être imposé, la règle étant le \
             rendez-vous individuel au guichet.",
        );
    }
    if !exceptions.is_empty() {
        ligne(s, &exceptions.join(" "));
    }
    vide(s);
}

/// The request, the rights at stake and the closing formula.
fn demande(s: &mut String, d: &Dossier) {
    let mut demande = "Je vous demande donc de bien vouloir me convoquer à un rendez-vous \
         individuel au guichet de la préfecture afin de déposer ma demande, ou, à défaut et \
         dans l'attente, de me délivrer une attestation de prolongation d'instruction ou tout \
         document préservant mes droits."
        .to_string();
    if let Some(droits) = phrase_droits(d) {
        demande.push(' ');
        demande.push_str(&droits);
    }
    ligne(s, &demande);
    vide(s);
    ligne(
        s,
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations \
         distinguées.",
    );
    vide(s);
}

/// The enclosures and the signature.
fn pieces_et_signature(s: &mut String, d: &Dossier) {
    let p = &d.personne;
    // Enclosures.
    ligne(s, &format!("Pièces jointes{NBSP}:"));
    let mut pieces = Vec::new();
    if let Some(n) = p.captures.filter(|n| *n > 0) {
        pieces.push(format!(
            "{n}{NBSP}capture{s} d'écran du blocage",
            s = if n > 1 { "s" } else { "" }
        ));
    }
    let tickets: Vec<String> = d
        .evenements
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::Ccc)
        .filter_map(|e| e.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty()))
        .map(numero)
        .collect();
    if !tickets.is_empty() {
        pieces.push(format!(
            "copie des échanges avec le CCC (demande{} {})",
            if tickets.len() > 1 { "s" } else { "" },
            tickets.join(", ")
        ));
    }
    if attestation_ccc(d) {
        pieces.push("attestation du CCC de l'impossibilité de déposer en ligne".into());
    }
    if p.titre_expire_le.is_some() {
        pieces.push("copie de mon titre de séjour".into());
    }
    if expiration_api(p, &d.evenements).is_some() {
        pieces.push("copie de ma dernière attestation de prolongation d'instruction".into());
    }
    pieces.push("copie de ma pièce d'identité".into());
    for piece in &pieces {
        paragraphe(s, &typo(piece), "- ", "  ");
    }
    ligne(s, "- ..............................................");
    vide(s);
    a_droite(s, &typo("Signature :"));
    vide(s);
    vide(s);
    a_droite(s, &p.nom_complet());
}
