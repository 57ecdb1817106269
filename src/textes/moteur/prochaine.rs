//! French texts of the recommended next step: a few words for the action, and the reason
//! built from the engine's facts (which event, which date, which préfecture).

use super::{date_fr, nom_prefecture};
use crate::domain::moteur::{GenreAction, Motif, PanConnu, ProchaineEtape};
use crate::domain::{Canal, Resultat};
use chrono::NaiveDate;

// ---------------------------------------------------------------- next step

/// A few words for a kind of next step.
pub fn libelle_action(g: GenreAction) -> &'static str {
    match g {
        GenreAction::EcrireCcc => "Écrire au CCC (formulaire ANEF)",
        GenreAction::AttendreCcc => "Attendre la réponse du CCC",
        GenreAction::VerifierPan => "Vérifier si la préfecture a un PAN, puis le réserver",
        GenreAction::ReserverPan => "Prendre rendez-vous au PAN",
        GenreAction::AttendrePan => "Attendre le rendez-vous au PAN",
        GenreAction::AllerPan => "Aller au rendez-vous du PAN",
        GenreAction::DemanderSubstitution => "Demander la substitution (attestation du CCC)",
        GenreAction::PreparerDepot => "Préparer le dépôt au guichet",
        GenreAction::AttendreAttestation => "Attendre l'attestation de dépôt",
        GenreAction::EcrireRecommande => "Écrire en recommandé à la préfecture",
        GenreAction::AttendreReponseRecommande => "Attendre la réponse au recommandé",
        GenreAction::SaisirAvocat => "Avocat (référé) et Défenseur des droits",
        GenreAction::SuivreRecours => "Suivre le recours",
        GenreAction::Cloturer => "Clôturer le dossier (résolu)",
        GenreAction::Aucune => "Aucune : dossier clos",
    }
}

/// The short action shown in lists.
pub fn action(p: &ProchaineEtape) -> String {
    libelle_action(p.genre).to_string()
}

fn phrase(p: &ProchaineEtape) -> String {
    let nom = nom_prefecture(p.prefecture);
    let motif = &p.motif;
    match p.genre {
        GenreAction::EcrireCcc => "écrire au Centre de contact citoyen (CCC) par le formulaire \
             de contact de l'ANEF plutôt que par téléphone au 0806 001 620 : l'écrit laisse \
             une trace"
            .into(),
        GenreAction::AttendreCcc => "attendre la réponse du CCC".into(),
        GenreAction::VerifierPan => format!(
            "vérifier si {nom} a un point d'accueil numérique, ou PAN, pour l'ANEF : l'annuaire \
             ne le dit pas (PAN inconnu) ; s'il existe, y prendre rendez-vous, sinon écrire en \
             recommandé"
        ),
        GenreAction::ReserverPan => format!(
            "prendre rendez-vous au point d'accueil numérique de {nom}, {}",
            match p.pan {
                PanConnu::Dedie => "PAN dédié à l'ANEF",
                _ => "PAN général, qui doit aussi accompagner les démarches ANEF",
            }
        ),
        GenreAction::AttendrePan => format!("attendre le rendez-vous au PAN de {nom}"),
        GenreAction::AllerPan => match motif {
            Motif::PanRdvPasse { .. } => format!(
                "enregistrer le résultat du rendez-vous au PAN de {nom} : résolu, substitution \
                 proposée ou aucune solution"
            ),
            _ => format!(
                "aller au rendez-vous du PAN de {nom} avec les captures d'écran du blocage et \
                 demander la solution de substitution si le blocage persiste"
            ),
        },
        GenreAction::DemanderSubstitution => format!(
            "demander directement à {nom} la solution de substitution (dépôt au guichet) en \
             joignant l'attestation d'impossibilité du CCC : c'est l'exception prévue par \
             l'arrêté du 1er août 2023"
        ),
        GenreAction::PreparerDepot => format!(
            "préparer le dépôt au guichet de {nom}, sur rendez-vous individuel : c'est la \
             solution de substitution ; voie postale ou courriel seulement si la personne le \
             demande"
        ),
        GenreAction::AttendreAttestation => {
            "attendre l'attestation de dépôt ou l'API, puis clôturer le dossier".into()
        }
        GenreAction::EcrireRecommande => {
            format!("écrire en recommandé avec accusé de réception à {nom}")
        }
        GenreAction::AttendreReponseRecommande => {
            format!("attendre la réponse de {nom} au recommandé")
        }
        GenreAction::SaisirAvocat => "orienter vers un avocat pour un référé mesures utiles, \
             art. L.521-3 du code de justice administrative, avec l'aide juridictionnelle si \
             besoin, et saisir le Défenseur des droits"
            .into(),
        GenreAction::SuivreRecours => "suivre le recours".into(),
        GenreAction::Cloturer => "enregistrer la clôture du dossier (résolu)".into(),
        GenreAction::Aucune => "rien à faire".into(),
    }
}

fn sans_pan(p: &ProchaineEtape) -> &'static str {
    if p.genre == GenreAction::EcrireRecommande && p.pan == PanConnu::Aucun {
        " ; pas de PAN connu, aucune substitution proposée"
    } else {
        ""
    }
}

fn echec_pan(le: NaiveDate, resultat: Resultat) -> String {
    match resultat {
        Resultat::RdvIndisponible => format!(
            "PAN : aucun rendez-vous disponible le {}, aucune substitution proposée",
            date_fr(le)
        ),
        Resultat::PasDePan => "pas de PAN, aucune substitution proposée".into(),
        _ => format!(
            "le PAN n'a proposé aucune solution le {}, aucune substitution proposée",
            date_fr(le)
        ),
    }
}

fn substitution_proposee(
    le: NaiveDate,
    rdv: Option<NaiveDate>,
    canal: Option<Canal>,
    rdv_passe: bool,
) -> String {
    let mut s = format!("substitution proposée le {}", date_fr(le));
    match rdv {
        Some(d) if rdv_passe => s.push_str(&format!(
            " ; rendez-vous du {} passé : enregistrer le dépôt ou le refus",
            date_fr(d)
        )),
        Some(d) => s.push_str(&format!(" ; rendez-vous le {}", date_fr(d))),
        None => {}
    }
    if let Some(c) = canal {
        s.push_str(&format!(" ; mode indiqué : {}", c.libelle()));
    }
    s
}

fn recours(avocat: Option<Resultat>, defenseur: bool) -> String {
    let a = match avocat {
        None => "pas encore d'avocat : en chercher un (aide juridictionnelle)",
        Some(Resultat::RefereDepose) => "référé déposé : attendre la décision",
        Some(Resultat::DecisionFavorable) => {
            "décision favorable : demander à la préfecture le rendez-vous ordonné"
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
    format!("{a} ; {d}")
}

fn precision(p: &ProchaineEtape) -> String {
    match &p.motif {
        Motif::AucunContactCcc => "aucun contact avec le CCC enregistré".into(),
        Motif::CccEnAttente { le, jusquau, .. } => format!(
            "demande au CCC du {} ; sans réponse le {}, passer à l'étape suivante",
            date_fr(*le),
            date_fr(*jusquau)
        ),
        Motif::CccEchec { le, resultat } => format!(
            "CCC du {} : {}{}",
            date_fr(*le),
            resultat.libelle(),
            sans_pan(p)
        ),
        Motif::CccSansReponseDansLeDelai { le, jours, .. } => format!(
            "CCC sans réponse depuis le {}, soit {jours} j{}",
            date_fr(*le),
            sans_pan(p)
        ),
        Motif::CccAttestation { le } => {
            format!("attestation d'impossibilité du CCC du {}", date_fr(*le))
        }
        Motif::PanDemande { le, relance, .. } => format!(
            "rendez-vous demandé le {} ; relancer le {} sans réponse",
            date_fr(*le),
            date_fr(*relance)
        ),
        Motif::PanDemandeSansReponse { le, jours, .. } => format!(
            "demande de rendez-vous au PAN du {} sans réponse depuis {jours} j, aucune \
             substitution proposée",
            date_fr(*le)
        ),
        Motif::PanRdv { rdv: Some(d) } => format!("rendez-vous le {}", date_fr(*d)),
        Motif::PanRdv { rdv: None } => "date du rendez-vous non enregistrée".into(),
        Motif::PanRdvPasse { rdv } => {
            format!(
                "rendez-vous du {} passé sans résultat enregistré",
                date_fr(*rdv)
            )
        }
        Motif::PanEchec { le, resultat } => echec_pan(*le, *resultat),
        Motif::SubstitutionProposee {
            le,
            rdv,
            canal,
            rdv_passe,
        } => substitution_proposee(*le, *rdv, *canal, *rdv_passe),
        Motif::DepotEffectue { le, jusquau, .. } => format!(
            "dépôt du {} ; sans nouvelles le {}, relancer la préfecture",
            date_fr(*le),
            date_fr(*jusquau)
        ),
        Motif::SubstitutionRefusee { le } => {
            format!("substitution refusée le {}", date_fr(*le))
        }
        Motif::RecommandeEnvoye { le, jusquau, .. } => format!(
            "recommandé envoyé le {} ; sans réponse le {}, orienter vers un avocat",
            date_fr(*le),
            date_fr(*jusquau)
        ),
        Motif::RecommandeSansReponse { le, jours, .. } => format!(
            "recommandé du {} sans réponse depuis {jours} jours",
            date_fr(*le)
        ),
        Motif::RecommandeReponse { le } => format!(
            "réponse au recommandé reçue le {} sans substitution enregistrée ; si elle en \
             propose une, enregistrer l'invitation",
            date_fr(*le)
        ),
        Motif::DroitsRompus { depuis } => format!(
            "droits rompus depuis le {} : titre et API expirés",
            date_fr(*depuis)
        ),
        Motif::Recours { avocat, defenseur } => recours(*avocat, *defenseur),
        Motif::Resolu { le, par } => {
            format!(
                "blocage résolu par le {} le {}",
                par.libelle(),
                date_fr(*le)
            )
        }
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
/// réception à la préfecture de la Gironde (pas de PAN, aucune substitution proposée)."
pub fn raison(p: &ProchaineEtape) -> String {
    format!("{PREFIXE_RAISON}{} ({}).", phrase(p), precision(p))
}
