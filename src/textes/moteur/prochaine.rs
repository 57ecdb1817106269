//! French texts of the recommended next step: a few words for the action, and the reason
//! built from the engine's facts (which event, which date, which rule, which préfecture),
//! with the legal basis of the step from the ladder data.

use super::{date_fr, nom_prefecture};
use crate::domain::moteur::{Echelle, GenreAction, Motif, OrigineMode, PanConnu, ProchaineEtape};
use crate::domain::regles::CleRegle;
use crate::domain::{Canal, Demarche, Resultat, TypeEvenement};
use chrono::NaiveDate;

// ---------------------------------------------------------------- next step

/// A few words for a kind of next step.
pub fn libelle_action(g: GenreAction) -> &'static str {
    match g {
        GenreAction::EcrireCcc => "Écrire au CCC (formulaire ANEF)",
        GenreAction::AttendreCcc => "Attendre la réponse du CCC",
        GenreAction::ReserverPan => "Prendre rendez-vous au PAN",
        GenreAction::AttendrePan => "Attendre le rendez-vous au PAN",
        GenreAction::AllerPan => "Aller au rendez-vous du PAN",
        GenreAction::DemanderSubstitution => "Demander la solution de substitution",
        GenreAction::AttendreSubstitution => "Attendre la réponse de la préfecture",
        GenreAction::DeposerSubstitution => "Déposer la demande en substitution",
        GenreAction::ReclamerAttestationDepot => "Réclamer la preuve du dépôt",
        GenreAction::EcrirePrefecture => "Écrire au service de la préfecture",
        GenreAction::AttendrePrefecture => "Attendre la réponse du service de la préfecture",
        GenreAction::EnvoyerRecommande => "Écrire en recommandé à la préfecture",
        GenreAction::AttendreRecommande => "Attendre la réponse au recommandé",
        GenreAction::SaisirAvocat => "Avocat (référé) et Défenseur des droits",
        GenreAction::SaisirDefenseur => "Saisir le Défenseur des droits",
        GenreAction::SuivreRecours => "Suivre le recours",
        GenreAction::DeposerRenouvellement => "Déposer la demande de renouvellement",
        GenreAction::EnregistrerResultat => "Enregistrer le résultat",
        GenreAction::Cloturer => "Clôturer le dossier (résolu)",
        GenreAction::Aucune => "Aucune : dossier clos",
    }
}

/// The short action shown in lists.
pub fn action(p: &ProchaineEtape) -> String {
    libelle_action(p.genre).to_string()
}

/// The steps to take the same day, in words: "le même jour : prendre rendez-vous au PAN,
/// écrire en recommandé à la préfecture" (empty when none).
pub fn paralleles(p: &ProchaineEtape) -> String {
    if p.paralleles.is_empty() {
        return String::new();
    }
    let v: Vec<String> = p
        .paralleles
        .iter()
        .map(|a| super::minuscule(libelle_action(*a)))
        .collect();
    format!("le même jour : {}", v.join(", "))
}

fn pan_presume(p: &ProchaineEtape) -> &'static str {
    match p.pan {
        PanConnu::Dedie => "PAN dédié à l'ANEF",
        PanConnu::General => "PAN général, qui doit aussi accompagner les démarches ANEF",
        PanConnu::Inconnu | PanConnu::Aucun => {
            "PAN présumé (général ou dédié, non vérifié) : selon le ministère, toutes les \
             préfectures en ont un ; si la permanence constate qu'il n'y en a pas, l'enregistrer"
        }
    }
}

fn mode(canal: Canal) -> &'static str {
    match canal {
        Canal::Postal => "par voie postale",
        Canal::Courriel => "par courriel",
        _ => "au guichet, sur rendez-vous individuel",
    }
}

fn deposer(p: &ProchaineEtape, nom: &str) -> String {
    let Motif::Substitution {
        canal,
        origine,
        postal_connu,
        courriel_connu,
        ..
    } = p.motif
    else {
        return format!("déposer la demande auprès de {nom} en substitution");
    };
    let mut s = format!("déposer la demande {} auprès de {nom}", mode(canal));
    match (origine, canal) {
        (OrigineMode::Enregistre, Canal::Guichet) | (OrigineMode::Arrete, _) => {
            let mut autres = Vec::new();
            if postal_connu == Some(true) {
                autres.push("par voie postale");
            }
            if courriel_connu == Some(true) {
                autres.push("par courriel");
            }
            if !autres.is_empty() {
                s.push_str(&format!(
                    " ; {nom} accepte aussi le dépôt {} si la personne le demande",
                    autres.join(" ou ")
                ));
            }
        }
        _ => s.push_str(
            " ; la personne peut demander le guichet : la voie postale ou le courriel sont \
             à son choix (arrêté du 1er août 2023)",
        ),
    }
    s
}

fn demarche(d: Demarche) -> &'static str {
    match d {
        Demarche::Renouvellement => "la demande de renouvellement",
        _ => "la demande",
    }
}

fn phrase(p: &ProchaineEtape) -> String {
    let nom = nom_prefecture(p.prefecture);
    match p.genre {
        GenreAction::EcrireCcc => "écrire au Centre de contact citoyen (CCC) par le formulaire \
             de contact de l'ANEF plutôt que par téléphone au 0806 001 620 : l'écrit laisse \
             une trace"
            .into(),
        GenreAction::AttendreCcc => "attendre la réponse du CCC".into(),
        GenreAction::ReserverPan => format!(
            "prendre rendez-vous au point d'accueil numérique de {nom}, {}",
            pan_presume(p)
        ),
        GenreAction::AttendrePan => format!("attendre le rendez-vous au PAN de {nom}"),
        GenreAction::AllerPan => format!(
            "aller au rendez-vous du PAN de {nom} avec les captures d'écran du blocage et \
             demander la solution de substitution si le blocage persiste"
        ),
        GenreAction::DemanderSubstitution => format!(
            "demander à {nom} de constater l'impossibilité technique et d'inviter la personne \
             à la solution de substitution (dépôt au guichet), en joignant l'attestation du \
             CCC : c'est l'exception prévue par l'arrêté du 1er août 2023"
        ),
        GenreAction::AttendreSubstitution => match p.motif {
            Motif::Attente {
                resultat: Some(Resultat::DepotEffectue),
                ..
            } => format!("attendre de {nom} la preuve du dépôt (récépissé ou attestation)"),
            _ => format!("attendre la réponse de {nom} à la demande de substitution"),
        },
        GenreAction::DeposerSubstitution => deposer(p, &nom),
        GenreAction::ReclamerAttestationDepot => format!(
            "réclamer à {nom} la preuve du dépôt (récépissé ou attestation de dépôt), par écrit"
        ),
        GenreAction::EcrirePrefecture => format!("écrire au service de {nom} : {}", objet(p)),
        GenreAction::AttendrePrefecture => format!("attendre la réponse du service de {nom}"),
        GenreAction::EnvoyerRecommande => format!(
            "écrire en recommandé avec accusé de réception à {nom} : {}",
            objet(p)
        ),
        GenreAction::AttendreRecommande => format!("attendre la réponse de {nom} au recommandé"),
        GenreAction::SaisirAvocat => "orienter vers un avocat pour un référé mesures utiles, \
             art. L.521-3 du code de justice administrative, avec l'aide juridictionnelle si \
             besoin, et saisir le Défenseur des droits"
            .into(),
        GenreAction::SaisirDefenseur => "saisir le Défenseur des droits, avec la chronologie des \
             démarches et le recommandé (décret n° 2011-904, art. 1)"
            .into(),
        GenreAction::SuivreRecours => {
            "faire le point avec l'avocat ou le Défenseur des droits".into()
        }
        GenreAction::DeposerRenouvellement => format!(
            "déposer {} en ligne sans attendre, puis enregistrer la clôture",
            demarche(p.demarche)
        ),
        GenreAction::EnregistrerResultat => match p.motif {
            Motif::Resolu { .. } => format!(
                "déposer {} en ligne, puis enregistrer la clôture (résolu = demande déposée, \
                 titre ou API obtenu)",
                demarche(p.demarche)
            ),
            _ => "enregistrer ce qui s'est passé (dépôt, refus, rendez-vous, titre ou API \
                  obtenu)"
                .into(),
        },
        GenreAction::Cloturer => "enregistrer la clôture du dossier (résolu)".into(),
        GenreAction::Aucune => "rien à faire".into(),
    }
}

/// What a letter to the préfecture is about, per ladder.
fn objet(p: &ProchaineEtape) -> &'static str {
    match p.echelle {
        Echelle::Depot => {
            "signaler l'impossibilité de déposer sur l'ANEF et demander d'être invité·e à la \
             solution de substitution"
        }
        Echelle::ApresDepot => "réclamer la preuve du dépôt et une décision",
        Echelle::RetraitTitre => "demander le rendez-vous de remise du titre accordé",
        Echelle::Api => {
            "demander l'attestation de prolongation de l'instruction, due pour une demande \
             complète déposée dans les délais (CESEDA R.431-15-1)"
        }
        Echelle::SansNouvelles => "demander l'état d'avancement du dossier et une décision",
        Echelle::Adresse => "signaler le changement d'adresse impossible à déclarer sur l'ANEF",
        Echelle::Autre => "exposer le blocage et demander une solution",
    }
}

fn nom_evenement(t: TypeEvenement) -> &'static str {
    match t {
        TypeEvenement::Ccc => "demande au CCC",
        TypeEvenement::Pan => "demande de rendez-vous au PAN",
        TypeEvenement::Substitution => "demande de substitution",
        TypeEvenement::Prefecture => "message au service de la préfecture",
        TypeEvenement::Recommande => "recommandé",
        _ => "démarche",
    }
}

/// The rule behind a date, in a few words ("délai d'usage des permanences de 15 j").
fn regle(r: Option<CleRegle>, jours: i64) -> String {
    match r {
        Some(_) => format!("délai d'usage des permanences de {jours} j, pas un délai légal"),
        None => "date enregistrée".into(),
    }
}

fn echec(
    evenement: TypeEvenement,
    resultat: Resultat,
    le: NaiveDate,
    p: &ProchaineEtape,
) -> String {
    let d = date_fr(le);
    match (evenement, resultat) {
        (TypeEvenement::Pan, Resultat::RdvIndisponible) => {
            format!("PAN : aucun rendez-vous disponible le {d}, aucune substitution proposée")
        }
        (TypeEvenement::Pan, Resultat::PasDePan) => {
            format!("pas de PAN constaté le {d}, aucune substitution proposée")
        }
        (TypeEvenement::Pan, Resultat::AucuneSolution) => format!(
            "le PAN n'a proposé aucune solution le {d} alors que le blocage persiste : étape 4, \
             un avocat"
        ),
        (TypeEvenement::Substitution, Resultat::Refus) => format!("substitution refusée le {d}"),
        (TypeEvenement::Ccc, r) => {
            let sans_pan = if p.genre == GenreAction::EnvoyerRecommande && p.pan == PanConnu::Aucun
            {
                " ; pas de PAN, aucune substitution proposée"
            } else {
                ""
            };
            format!("CCC du {d} : {}{sans_pan}", r.libelle())
        }
        (t, r) => format!("{} du {d} : {}", nom_evenement(t), r.libelle()),
    }
}

fn recours(avocat: Option<Resultat>, le: NaiveDate, defenseur: bool) -> String {
    let a = match avocat {
        None => "pas encore d'avocat : en chercher un (aide juridictionnelle)",
        Some(Resultat::RefereDepose) => "référé déposé : suivre l'audience et la décision",
        Some(Resultat::DecisionFavorable) => {
            "ordonnance favorable : vérifier que la préfecture l'exécute (rendez-vous, \
             enregistrement), sinon revenir vers l'avocat"
        }
        Some(Resultat::DecisionDefavorable) => {
            "décision défavorable : voir les suites avec l'avocat"
        }
        Some(_) => "orienté vers un avocat pour un référé mesures utiles",
    };
    let d = if defenseur {
        "Défenseur des droits saisi"
    } else {
        "Défenseur des droits pas encore saisi"
    };
    format!("{a} ; {d} ; dernière nouvelle le {}", date_fr(le))
}

fn precision(p: &ProchaineEtape) -> String {
    match &p.motif {
        Motif::AucunContact => "aucune démarche enregistrée".into(),
        Motif::Attente {
            evenement,
            resultat,
            le,
            jusquau,
            regle: r,
            plafonne,
        } => {
            let quoi = match resultat {
                Some(Resultat::DepotEffectue) => "dépôt",
                _ => nom_evenement(*evenement),
            };
            let pourquoi = if *plafonne {
                "au plus tard : les droits tombent ce jour-là, aucune attente ne va au-delà".into()
            } else {
                regle(*r, (*jusquau - *le).num_days())
            };
            format!(
                "{quoi} du {} ; relancer le {} ({pourquoi})",
                date_fr(*le),
                date_fr(*jusquau),
            )
        }
        Motif::SansReponse {
            evenement,
            le,
            jours,
            regle: r,
            ..
        } => format!(
            "{} du {} sans réponse depuis {jours} j ({} dépassé)",
            nom_evenement(*evenement),
            date_fr(*le),
            match r {
                Some(_) => "délai d'usage des permanences",
                None => "date de relance enregistrée",
            }
        ),
        Motif::Echec {
            evenement,
            resultat,
            le,
        } => echec(*evenement, *resultat, *le, p),
        Motif::CccAttestation { le } => {
            format!("attestation d'impossibilité du CCC du {}", date_fr(*le))
        }
        Motif::RendezVous { rdv, passe, le, .. } => match (rdv, passe) {
            (Some(d), true) => format!(
                "rendez-vous du {} passé sans résultat enregistré : résolu, substitution \
                 proposée, dépôt ou aucune solution",
                date_fr(*d)
            ),
            (Some(d), false) => format!(
                "rendez-vous le {} (obtenu le {})",
                date_fr(*d),
                date_fr(*le)
            ),
            (None, _) => format!(
                "rendez-vous obtenu le {}, date non enregistrée",
                date_fr(*le)
            ),
        },
        Motif::Substitution { le, origine, .. } => format!(
            "substitution proposée le {} ; mode {}",
            date_fr(*le),
            match origine {
                OrigineMode::Enregistre => "enregistré sur l'invitation",
                OrigineMode::Impose => "imposé par la préfecture",
                OrigineMode::Arrete => "de l'arrêté du 1er août 2023 : le guichet",
            }
        ),
        Motif::DepotSansPreuve { le, jours, .. } => format!(
            "dépôt du {} sans preuve depuis {jours} j (délai d'usage des permanences dépassé)",
            date_fr(*le)
        ),
        Motif::SilenceRejet { le, rejet_le } => format!(
            "dépôt du {} sans décision : le silence vaut rejet implicite depuis le {} \
             (CESEDA R.432-1 et R.432-2, quatre mois sur un dossier complet)",
            date_fr(*le),
            date_fr(*rejet_le)
        ),
        Motif::DroitsRompus { depuis } => format!(
            "droits rompus depuis le {} : titre et API expirés",
            date_fr(*depuis)
        ),
        Motif::Recours {
            avocat,
            le,
            defenseur,
        } => recours(*avocat, *le, *defenseur),
        Motif::Resolu { le, par } => format!(
            "blocage levé par le {} le {}, mais rien n'est encore déposé",
            par.libelle(),
            date_fr(*le)
        ),
        Motif::Reponse { evenement, le } => format!(
            "réponse au {} reçue le {}",
            nom_evenement(*evenement),
            date_fr(*le)
        ),
        Motif::Obtenu { le, par } => match par {
            TypeEvenement::Substitution => format!("preuve du dépôt reçue le {}", date_fr(*le)),
            _ => format!("API délivrée le {}", date_fr(*le)),
        },
        Motif::Clos { le, resultat } => format!(
            "dossier clos le {}{} ; un nouvel événement le rouvre",
            date_fr(*le),
            resultat
                .map(|r| format!(" : {}", r.libelle()))
                .unwrap_or_default()
        ),
    }
}

/// How every reason starts (the TUI and `aujourdhui` show it as a sentence of its own).
pub const PREFIXE_RAISON: &str = "Prochaine étape : ";

/// The reason in plain French, e.g. "Prochaine étape : écrire en recommandé avec accusé de
/// réception à la préfecture de la Gironde (…; pas de PAN, aucune substitution proposée ;
/// base : …)."
pub fn raison(p: &ProchaineEtape) -> String {
    let base = match p.base {
        Some(b) if p.genre != GenreAction::Aucune => format!(" ; base : {b}"),
        _ => String::new(),
    };
    let meme_jour = match paralleles(p) {
        m if m.is_empty() => String::new(),
        m => format!(" ; {m}, sans attendre : une échéance ne laisse pas le temps"),
    };
    format!(
        "{PREFIXE_RAISON}{}{meme_jour} ({}{base}).",
        phrase(p),
        precision(p)
    )
}
