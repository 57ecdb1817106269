//! French texts of the letters and evidence: the registered letter to the préfecture
//! (step 3 bis) and the chronology of attempts. Plain text, lines of at most 80 characters,
//! no-break spaces before « : » and inside « n° 452798 », typographic apostrophes.
//!
//! Never written: the volunteer's notes, the phone number, anyone else's data.

use crate::domain::moteur::{PanConnu, couverture, expiration_api};
use crate::domain::{Canal, Evenement, Resultat, TypeEvenement};
use crate::lettres::{Dossier, LARGEUR, a_droite, paragraphe};
use chrono::{Datelike, NaiveDate};

/// No-break space (before « : », after « n° », inside « » quotes).
const NBSP: char = '\u{a0}';

/// A date in letters: « 1er août 2023 », « 23 novembre 2026 » (no-break spaces inside).
pub fn date_lettre(d: NaiveDate) -> String {
    let jour = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    let mois = super::nom_mois(d.month());
    format!("{jour}{NBSP}{mois}{NBSP}{}", d.year())
}

/// « n° 123 » with a no-break space.
fn numero(n: &str) -> String {
    format!("n°{NBSP}{}", n.trim())
}

/// French typography for the letter: typographic apostrophe, no-break space before « : »
/// and « ; » (so that a line never starts with one).
fn typo(s: &str) -> String {
    insecables(&s.replace('\'', "’"))
}

/// No-break space before « : » and « ; », so that a wrapped line never starts with one.
fn insecables(s: &str) -> String {
    s.replace(" :", &format!("{NBSP}:"))
        .replace(" ;", &format!("{NBSP};"))
}

/// Lower-cases the first letter of a label, unless it starts an acronym (« API »).
fn minuscule_initiale(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(p), Some(q)) if !q.is_uppercase() => {
            p.to_lowercase().collect::<String>() + &s[p.len_utf8()..]
        }
        _ => s.to_string(),
    }
}

fn majuscule_initiale(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- the registered letter

pub const OBJET: &str = "Impossibilité de déposer ma demande de titre de séjour sur l’ANEF \
     — demande de solution de substitution";

/// One fact of the letter, from one event (`None`: the event is not told to the préfecture:
/// visits, lawyer, Défenseur des droits, closure).
pub fn fait(e: &Evenement) -> Option<String> {
    let le = date_lettre(e.date);
    let ticket = e.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let r = e.resultat;
    let texte = match e.type_evenement {
        TypeEvenement::Ccc => {
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
                    "le CCC n'a pas pu résoudre le blocage et m'a renvoyé(e) vers la préfecture"
                        .into()
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
        TypeEvenement::Pan => {
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
        TypeEvenement::Substitution => {
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
        TypeEvenement::Recommande => {
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
        TypeEvenement::ApiDelivree => match e.echeance {
            Some(f) => format!(
                "une attestation de prolongation d'instruction m'a été délivrée, valable \
                 jusqu'au {}.",
                date_lettre(f)
            ),
            None => "une attestation de prolongation d'instruction m'a été délivrée.".into(),
        },
        TypeEvenement::Visite
        | TypeEvenement::Avocat
        | TypeEvenement::DefenseurDroits
        | TypeEvenement::Cloture => return None,
    };
    Some(typo(&format!("le {le}, {texte}")))
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
    let p = &d.personne;
    let mut s = String::new();
    let ligne = |s: &mut String, texte: &str| paragraphe(s, &typo(texte), "", "");
    let vide = |s: &mut String| s.push('\n');

    // Sender: the name only (vigie keeps no postal address: lines to fill by hand).
    paragraphe(&mut s, &p.nom_complet(), "", "");
    ligne(
        &mut s,
        "Adresse : .....................................................",
    );
    ligne(
        &mut s,
        "Code postal et ville : ........................................",
    );
    vide(&mut s);
    // Addressee.
    a_droite(
        &mut s,
        &typo(&crate::textes::prefecture::destinataire(
            d.personne.departement,
        )),
    );
    for l in &d.adresse_prefecture {
        a_droite(&mut s, &typo(l));
    }
    vide(&mut s);
    a_droite(
        &mut s,
        &format!("À .............., le {}", date_lettre(d.aujourdhui)),
    );
    vide(&mut s);
    ligne(
        &mut s,
        "Lettre recommandée avec demande d'avis de réception",
    );
    vide(&mut s);
    paragraphe(
        &mut s,
        &typo(&format!("Objet : {OBJET}")),
        "",
        &" ".repeat(8),
    );
    vide(&mut s);
    ligne(&mut s, "Madame, Monsieur,");
    vide(&mut s);

    let demarche = minuscule_initiale(p.demarche.libelle());
    let blocage = minuscule_initiale(p.blocage.libelle());
    ligne(
        &mut s,
        &format!(
            "Je ne parviens pas à déposer ma demande ({demarche}) sur le téléservice de \
             l'Administration numérique des étrangers en France (ANEF), malgré les démarches \
             prévues par les textes. Le blocage rencontré{NBSP}: {blocage}."
        ),
    );
    vide(&mut s);

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
        ligne(&mut s, &format!("Voici les faits, dans l'ordre{NBSP}:"));
        for f in &faits {
            paragraphe(&mut s, &majuscule_initiale(f), "- ", "  ");
        }
        vide(&mut s);
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
        ligne(&mut s, &constats.join(" "));
        vide(&mut s);
    }

    ligne(
        &mut s,
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
        ligne(&mut s, &exceptions.join(" "));
    }
    vide(&mut s);

    let mut demande = "Je vous demande donc de bien vouloir me convoquer à un rendez-vous \
         individuel au guichet de la préfecture afin de déposer ma demande, ou, à défaut et \
         dans l'attente, de me délivrer une attestation de prolongation d'instruction ou tout \
         document préservant mes droits."
        .to_string();
    if let Some(droits) = phrase_droits(d) {
        demande.push(' ');
        demande.push_str(&droits);
    }
    ligne(&mut s, &demande);
    vide(&mut s);
    ligne(
        &mut s,
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations \
         distinguées.",
    );
    vide(&mut s);

    // Enclosures.
    ligne(&mut s, &format!("Pièces jointes{NBSP}:"));
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
        paragraphe(&mut s, &typo(piece), "- ", "  ");
    }
    ligne(&mut s, "- ..............................................");
    vide(&mut s);
    a_droite(&mut s, &typo("Signature :"));
    vide(&mut s);
    vide(&mut s);
    a_droite(&mut s, &p.nom_complet());
    s
}

// ---------------------------------------------------------------- the chronology

fn libelle_ticket(t: TypeEvenement) -> &'static str {
    match t {
        TypeEvenement::Recommande => "Numéro d'avis de réception",
        TypeEvenement::Avocat => "Numéro de l'affaire",
        TypeEvenement::Ccc => "Numéro de demande (ticket)",
        _ => "Numéro",
    }
}

fn libelle_echeance(e: &Evenement) -> &'static str {
    match (e.type_evenement, e.resultat) {
        (TypeEvenement::Pan, Some(Resultat::RdvObtenu)) => "Rendez-vous le",
        (TypeEvenement::Substitution, Some(Resultat::Invitation)) => "Rendez-vous le",
        (TypeEvenement::ApiDelivree, _) => "Valable jusqu'au",
        _ => "Relance prévue le",
    }
}

fn non_renseigne(v: Option<String>) -> String {
    v.unwrap_or_else(|| "non renseigné(e)".to_string())
}

/// The chronology of every attempt, for a lawyer or the Défenseur des droits: plain
/// text for printing and screen readers (labelled lines, no table, no drawing).
pub fn chronologie(d: &Dossier) -> String {
    let p = &d.personne;
    let auj = d.aujourdhui;
    let mut s = String::new();
    let champ = |s: &mut String, nom: &str, valeur: &str| {
        paragraphe(s, &format!("{nom}{NBSP}: {}", insecables(valeur)), "", "  ")
    };
    let vide = |s: &mut String| s.push('\n');

    paragraphe(
        &mut s,
        &format!("Chronologie des démarches — {}", p.nom_complet()),
        "",
        "",
    );
    paragraphe(
        &mut s,
        &format!(
            "Établie le {} à partir du dossier {} de la permanence.",
            date_lettre(auj),
            p.reference
        ),
        "",
        "",
    );
    vide(&mut s);
    champ(&mut s, "Personne", &p.nom_complet());
    champ(&mut s, "Démarche", p.demarche.libelle());
    champ(&mut s, "Blocage", p.blocage.libelle());
    let prefecture = crate::textes::prefecture::destinataire(p.departement);
    champ(
        &mut s,
        "Préfecture",
        &format!("{prefecture} ({})", p.departement.code()),
    );
    champ(&mut s, "Dossier ouvert le", &date_lettre(p.ouvert_le));
    let etat = |date: Option<NaiveDate>| {
        non_renseigne(date.map(|x| {
            if x < auj {
                format!("expiré le {}", date_lettre(x))
            } else {
                format!("expire le {}", date_lettre(x))
            }
        }))
    };
    champ(&mut s, "Titre de séjour", &etat(p.titre_expire_le));
    champ(
        &mut s,
        "Attestation de prolongation d'instruction (API)",
        &etat(expiration_api(p, &d.evenements)),
    );
    champ(
        &mut s,
        "PAN connu de la personne à l'accueil",
        &non_renseigne(
            p.pan_connu
                .map(|v| if v { "oui" } else { "non" }.to_string()),
        ),
    );
    champ(
        &mut s,
        "Preuves du blocage conservées",
        &non_renseigne(p.captures.map(|n| match n {
            0 => "aucune".to_string(),
            1 => "1 capture d'écran".to_string(),
            n => format!("{n} captures d'écran"),
        })),
    );
    vide(&mut s);

    let n = d.evenements.len();
    paragraphe(
        &mut s,
        &match n {
            0 => "Aucune démarche enregistrée.".to_string(),
            1 => "1 démarche enregistrée, par ordre de date.".to_string(),
            n => format!("{n} démarches enregistrées, par ordre de date."),
        },
        "",
        "",
    );
    for (i, e) in d.evenements.iter().enumerate() {
        vide(&mut s);
        paragraphe(
            &mut s,
            &format!(
                "{}. Le {}{NBSP}: {}",
                i + 1,
                date_lettre(e.date),
                e.type_evenement.libelle()
            ),
            "",
            "   ",
        );
        let sous = |s: &mut String, nom: &str, valeur: &str| {
            paragraphe(s, &format!("{nom}{NBSP}: {valeur}"), "   ", "     ")
        };
        if let Some(c) = e.canal {
            sous(&mut s, "Canal", c.libelle());
        }
        if let Some(r) = e.resultat {
            sous(&mut s, "Résultat", r.libelle());
        }
        if let Some(t) = e.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            sous(&mut s, libelle_ticket(e.type_evenement), t);
        }
        if let Some(m) = e.attente_minutes {
            sous(&mut s, "Attente au téléphone", &format!("{m} minutes"));
        }
        if let Some(ech) = e.echeance {
            sous(&mut s, libelle_echeance(e), &date_lettre(ech));
        }
        if !e.saisi_par.trim().is_empty() {
            let quand = e
                .saisi_le
                .get(..10)
                .and_then(|j| crate::domain::parse_date(j).ok())
                .map(|j| format!(", le {}", date_lettre(j)))
                .unwrap_or_default();
            sous(
                &mut s,
                "Enregistré par",
                &format!("{}{quand}", e.saisi_par.trim()),
            );
        }
    }
    vide(&mut s);

    let ev = &d.evaluation;
    paragraphe(
        &mut s,
        &format!("Situation au {}", date_lettre(auj)),
        "",
        "",
    );
    champ(&mut s, "Étape actuelle", ev.etape.libelle());
    champ(&mut s, "Prochaine étape recommandée", &ev.prochaine.action);
    // Under "Prochaine étape recommandée", the reason without its own "Prochaine étape :".
    let raison = &ev.prochaine.raison;
    let raison = raison
        .strip_prefix(crate::textes::moteur::PREFIXE_RAISON)
        .unwrap_or(raison);
    champ(&mut s, "Raison", raison);
    for e in &ev.echeances {
        champ(
            &mut s,
            "Échéance",
            &crate::textes::moteur::texte_echeance_date(e),
        );
    }
    for a in &ev.alertes {
        champ(&mut s, "Alerte", a);
    }
    s
}

/// Checks the layout promise of both documents: no line wider than `LARGEUR`.
pub fn lignes_trop_longues(texte: &str) -> Vec<&str> {
    texte
        .lines()
        .filter(|l| l.chars().count() > LARGEUR)
        .collect()
}

// ---------------------------------------------------------------- command-line messages

pub fn reference_inconnue(reference: &str) -> String {
    format!(
        "aucune personne n'a la référence « {} » dans cette base (vérifiez la référence, ou \
         cherchez-la avec « vigie aujourdhui --tous »)",
        reference.trim()
    )
}

pub fn ecriture_fichier(chemin: &std::path::Path, e: &std::io::Error) -> String {
    if chemin.is_dir() {
        return format!(
            "impossible d'écrire {} : {}",
            chemin.display(),
            super::erreur_io(&std::io::Error::from(std::io::ErrorKind::IsADirectory))
        );
    }
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        return format!(
            "{} existe déjà : vigie ne remplace jamais un document (il a pu être complété à la \
             main) ; choisissez un autre nom avec --sortie, ou supprimez d'abord l'ancien fichier",
            chemin.display()
        );
    }
    format!(
        "impossible d'écrire {} : {}",
        chemin.display(),
        super::erreur_io(e)
    )
}

pub fn document_ecrit(quoi: &str, chemin: &std::path::Path) -> String {
    format!("{quoi} écrite dans {}", chemin.display())
}

pub const LETTRE: &str = "Lettre recommandée";
pub const CHRONOLOGIE: &str = "Chronologie";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::moteur::{ConnaissancePrefecture, evaluer};
    use crate::domain::{Blocage, Demarche, Departement, Personne, parse_date};

    #[test]
    fn engine_sentences_get_no_break_spaces_before_colons_and_semicolons() {
        assert_eq!(
            insecables("mesures utiles ; Défenseur : saisi"),
            "mesures utiles\u{a0}; Défenseur\u{a0}: saisi"
        );
    }
    use crate::regles::Regles;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    /// The text on one line (line breaks and indents are layout, not wording).
    fn a_plat(t: &str) -> String {
        t.split([' ', '\n'])
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn evenement(t: TypeEvenement, date: &str, r: Option<Resultat>) -> Evenement {
        let mut e = Evenement::nouveau(t, d(date));
        e.resultat = r;
        e
    }

    fn dossier(evenements: Vec<Evenement>, pan: PanConnu, captures: Option<u32>) -> Dossier {
        let personne = Personne {
            id: Some(1),
            reference: "R1".into(),
            nom: "N'Diaye".into(),
            prenom: Some("Omar".into()),
            telephone: Some("0600000000".into()),
            departement: Departement::depuis_code("22").unwrap(),
            demarche: Demarche::PremiereDemande,
            blocage: Blocage::ApiNonRenouvelee,
            ouvert_le: d("2026-09-01"),
            titre_expire_le: None,
            api_expire_le: Some(d("2026-11-01")),
            pan_connu: None,
            notes: Some("NOTE".into()),
            captures,
            version: 1,
        };
        let prefecture = ConnaissancePrefecture {
            nom: "la préfecture des Côtes-d'Armor".into(),
            pan,
            ..ConnaissancePrefecture::default()
        };
        let aujourdhui = d("2026-11-23");
        let evaluation = evaluer(
            &personne,
            &evenements,
            &prefecture,
            &Regles::default(),
            aujourdhui,
        );
        Dossier {
            personne,
            evenements,
            adresse_prefecture: vec!["1 place".into()],
            prefecture,
            evaluation,
            aujourdhui,
        }
    }

    #[test]
    fn dates_in_letters() {
        assert_eq!(date_lettre(d("2023-08-01")), "1er\u{a0}août\u{a0}2023");
        assert_eq!(date_lettre(d("2026-11-23")), "23\u{a0}novembre\u{a0}2026");
    }

    #[test]
    fn each_event_type_tells_its_fact_or_nothing() {
        let mut ccc = evenement(TypeEvenement::Ccc, "2026-10-02", Some(Resultat::SansAide));
        ccc.canal = Some(Canal::Telephone);
        ccc.ticket = Some(" T-7 ".into());
        ccc.attente_minutes = Some(12);
        let f = fait(&ccc).unwrap();
        assert!(
            f.starts_with("le 2\u{a0}octobre\u{a0}2026, j’ai appelé"),
            "{f}"
        );
        assert!(
            f.contains("12\u{a0}minutes") && f.contains("n°\u{a0}T-7"),
            "{f}"
        );
        assert!(f.contains("\u{a0}; le CCC n’a pas pu"), "{f}");

        let mut pan = evenement(TypeEvenement::Pan, "2026-10-05", Some(Resultat::RdvObtenu));
        pan.echeance = Some(d("2026-10-20"));
        assert!(
            fait(&pan)
                .unwrap()
                .contains("pour le 20\u{a0}octobre\u{a0}2026")
        );

        let mut sub = evenement(
            TypeEvenement::Substitution,
            "2026-10-06",
            Some(Resultat::Refus),
        );
        sub.canal = Some(Canal::Postal);
        assert!(
            fait(&sub)
                .unwrap()
                .contains("refusé le dépôt de ma demande par voie postale")
        );

        let mut ar = evenement(
            TypeEvenement::Recommande,
            "2026-10-07",
            Some(Resultat::Envoye),
        );
        ar.ticket = Some("1A 234".into());
        assert!(
            fait(&ar)
                .unwrap()
                .contains("accusé de réception n°\u{a0}1A 234")
        );

        for t in [
            TypeEvenement::Visite,
            TypeEvenement::Avocat,
            TypeEvenement::DefenseurDroits,
            TypeEvenement::Cloture,
        ] {
            let mut e = evenement(t, "2026-10-08", None);
            e.notes = Some("NOTE".into());
            assert_eq!(fait(&e), None, "{t:?}");
        }
    }

    #[test]
    fn letter_says_what_the_prefecture_did_not_offer() {
        let brut = lettre(&dossier(Vec::new(), PanConnu::Aucun, None));
        assert!(lignes_trop_longues(&brut).is_empty());
        let t = a_plat(&brut);
        assert!(
            t.contains("ne dispose pas d’un point d’accueil numérique"),
            "{t}"
        );
        assert!(t.contains("aucune solution de substitution ne m’a été proposée"));
        assert!(!t.contains("capture"), "{t}");
        assert!(!t.contains("Voici les faits"));
        // The API is past: the letter says rights are lapsed.
        assert!(t.contains("a expiré le 1er\u{a0}novembre\u{a0}2026"), "{t}");
        assert!(t.contains("sans document de séjour valable"));
        assert!(t.contains("Omar N’Diaye") || t.contains("Omar N'Diaye"));
        assert!(!t.contains("NOTE") && !t.contains("0600000000") && !t.contains("R1"));
        assert!(!t.contains(" :"), "espace ordinaire avant deux-points");
    }

    #[test]
    fn letter_invokes_the_exceptions_of_the_arrete_when_they_apply() {
        let mut ccc = evenement(
            TypeEvenement::Ccc,
            "2026-10-02",
            Some(Resultat::AttestationImpossibilite),
        );
        ccc.canal = Some(Canal::Formulaire);
        let mut dos = dossier(vec![ccc], PanConnu::Inconnu, None);
        let t = a_plat(&lettre(&dos));
        assert!(t.contains("par exception, de bénéficier de la solution de substitution"));
        assert!(t.contains("- attestation du CCC"));
        assert!(!t.contains("ne peut pas être imposé"));
        dos.prefecture.postal_impose = true;
        dos.evenements.clear();
        let t = a_plat(&lettre(&dos));
        assert!(t.contains("il ne peut pas être imposé"), "{t}");
        assert!(!t.contains("par exception"));
    }

    #[test]
    fn letter_with_an_offer_and_evidence() {
        let offre = evenement(
            TypeEvenement::Pan,
            "2026-10-05",
            Some(Resultat::SubstitutionProposee),
        );
        let brut = lettre(&dossier(vec![offre], PanConnu::Aucun, Some(1)));
        assert!(brut.contains("- 1\u{a0}capture d’écran du blocage\n"));
        let t = a_plat(&brut);
        assert!(!t.contains("aucune solution de substitution ne m’a été proposée"));
        assert!(!t.contains("ne dispose pas d’un point d’accueil"));
        assert!(t.contains("1\u{a0}capture d’écran du blocage, jointe à ce courrier"));
    }

    #[test]
    fn chronology_without_events_still_gives_the_next_step() {
        let dos = dossier(Vec::new(), PanConnu::Inconnu, None);
        let t = chronologie(&dos);
        assert!(t.contains("Aucune démarche enregistrée."));
        assert!(t.contains(&dos.evaluation.prochaine.action));
        assert!(t.contains("Preuves du blocage conservées\u{a0}: non renseigné(e)"));
        assert!(!t.contains("NOTE") && !t.contains("0600000000"));
        assert!(lignes_trop_longues(&t).is_empty());
    }
}
