//! French texts of the escalation engine, the rules and the day's list: next steps and their
//! reasons, warnings, deadlines with days left, urgency levels readable without colour.
//!
//! Public helpers meant for the TUI and the CLI:
//! - [`texte_echeance`]: "API expire dans 6 j", "titre expiré depuis 12 j",
//!   "fenêtre de renouvellement : ouvre dans 10 j", "relance CCC due aujourd'hui";
//! - [`symbole_urgence`], [`libelle_urgence`], [`texte_urgence`]: "!!! droits rompus", …;
//! - [`libelle_action`]: a few words for a kind of next step;
//! - [`libelle_regle`], [`valeur_regle`]: a rule's name and value, for `vigie regles`;
//! - [`date_fr`]: a date as `JJ/MM/AAAA` in sentences.

use crate::domain::moteur::{
    Alerte, ConnaissancePrefecture, Echeance, Evaluation, GenreAction, GenreEcheance, Motif,
    NiveauUrgence, PanConnu, ProchaineEtape,
};
use crate::domain::regles::{CleRegle, ErreurRegle, Regle, Regles, Unite, Valeur};
use crate::domain::{Canal, Departement, Resultat, TypeEvenement};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

pub use super::date_fr;

/// `date_fr` with the day of the week, for headers: "lundi 23/11/2026".
pub fn date_longue(d: NaiveDate) -> String {
    let jour = match d.weekday() {
        chrono::Weekday::Mon => "lundi",
        chrono::Weekday::Tue => "mardi",
        chrono::Weekday::Wed => "mercredi",
        chrono::Weekday::Thu => "jeudi",
        chrono::Weekday::Fri => "vendredi",
        chrono::Weekday::Sat => "samedi",
        chrono::Weekday::Sun => "dimanche",
    };
    format!("{jour} {}", date_fr(d))
}

fn majuscule(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The préfecture in sentences: "la préfecture de la Gironde", or "la préfecture" when the
/// département is not known.
fn nom_prefecture(d: Option<Departement>) -> String {
    match d {
        Some(d) => super::prefecture::la_prefecture(d),
        None => "la préfecture".to_string(),
    }
}

/// The name of a known préfecture ("la préfecture de la Gironde"), empty when not known.
pub fn nom_prefecture_connue(p: &ConnaissancePrefecture) -> String {
    p.departement
        .map(super::prefecture::la_prefecture)
        .unwrap_or_default()
}

// ---------------------------------------------------------------- urgency

/// A symbol for an urgency level, readable without colour (wider is more urgent).
pub fn symbole_urgence(n: NiveauUrgence) -> &'static str {
    match n {
        NiveauUrgence::DroitsRompus => "!!!",
        NiveauUrgence::DroitsMenaces => "!!",
        NiveauUrgence::SuiviEnRetard => "!",
        NiveauUrgence::DuJour => "•",
        NiveauUrgence::AVenir => "-",
        NiveauUrgence::Aucune => ".",
    }
}

/// An urgency level in words.
pub fn libelle_urgence(n: NiveauUrgence) -> &'static str {
    match n {
        NiveauUrgence::DroitsRompus => "droits rompus",
        NiveauUrgence::DroitsMenaces => "droits menacés",
        NiveauUrgence::SuiviEnRetard => "relance en retard",
        NiveauUrgence::DuJour => "du jour",
        NiveauUrgence::AVenir => "à venir",
        NiveauUrgence::Aucune => "rien d'urgent",
    }
}

/// Symbol and words: "!! droits menacés".
pub fn texte_urgence(n: NiveauUrgence) -> String {
    format!("{} {}", symbole_urgence(n), libelle_urgence(n))
}

// ---------------------------------------------------------------- deadlines

/// The name of a kind of deadline: "API", "titre", "relance CCC"…
pub fn libelle_echeance(g: GenreEcheance) -> &'static str {
    match g {
        GenreEcheance::TitreExpiration => "titre",
        GenreEcheance::ApiExpiration => "API",
        GenreEcheance::RenouvellementOuverture | GenreEcheance::RenouvellementFermeture => {
            "fenêtre de renouvellement"
        }
        GenreEcheance::Suivi(t) => match t {
            TypeEvenement::Ccc => "relance CCC",
            TypeEvenement::Pan => "suivi PAN",
            TypeEvenement::Substitution => "suivi substitution",
            TypeEvenement::Recommande => "relance recommandé",
            TypeEvenement::Avocat => "suivi avocat",
            TypeEvenement::DefenseurDroits => "suivi Défenseur des droits",
            TypeEvenement::Visite => "rendez-vous à la permanence",
            TypeEvenement::ApiDelivree => "API",
            TypeEvenement::Cloture => "suivi",
        },
        GenreEcheance::RendezVous(t) => match t {
            TypeEvenement::Substitution => "rendez-vous de dépôt en préfecture",
            _ => "rendez-vous PAN",
        },
    }
}

fn jours(n: i64) -> String {
    format!("{} j", n.abs())
}

/// A deadline with its days left, e.g. "API expire dans 6 j", "titre expiré depuis 12 j",
/// "fenêtre de renouvellement : ouvre dans 10 j", "relance CCC due aujourd'hui".
pub fn texte_echeance(e: &Echeance) -> String {
    let j = e.jours;
    let nom = libelle_echeance(e.genre);
    match e.genre {
        GenreEcheance::TitreExpiration | GenreEcheance::ApiExpiration => match j {
            j if j > 0 => format!("{nom} expire dans {}", jours(j)),
            0 => format!("{nom} expire aujourd'hui"),
            _ => format!("{nom} expiré{} depuis {}", accord_api(e.genre), jours(j)),
        },
        GenreEcheance::RenouvellementOuverture => match j {
            j if j > 0 => format!("{nom} : ouvre dans {}", jours(j)),
            0 => format!("{nom} : ouvre aujourd'hui"),
            _ => format!("{nom} : ouverte depuis {}", jours(j)),
        },
        GenreEcheance::RenouvellementFermeture => match j {
            j if j > 0 => format!("{nom} : ferme dans {}", jours(j)),
            0 => format!("{nom} : ferme aujourd'hui"),
            _ => format!("{nom} : fermée depuis {} (demande tardive taxée)", jours(j)),
        },
        GenreEcheance::RendezVous(_) => match j {
            j if j > 0 => format!("{nom} dans {}", jours(j)),
            0 => format!("{nom} aujourd'hui"),
            _ => format!("{nom} passé depuis {} : noter son résultat", jours(j)),
        },
        GenreEcheance::Suivi(_) => match j {
            j if j > 0 => format!("{nom} {} dans {}", participe_du(nom), jours(j)),
            0 => format!("{nom} {} aujourd'hui", participe_du(nom)),
            _ => format!("{nom} en retard de {}", jours(j)),
        },
    }
}

/// « due » for a feminine follow-up (« relance »), « dû » for a masculine one (« suivi »).
fn participe_du(nom: &str) -> &'static str {
    if nom.starts_with("relance") || nom.starts_with("API") {
        "due"
    } else {
        "dû"
    }
}

fn accord_api(g: GenreEcheance) -> &'static str {
    if g == GenreEcheance::ApiExpiration {
        "e"
    } else {
        ""
    }
}

/// A deadline with its date: "API expire dans 6 j (29/11/2026)".
pub fn texte_echeance_date(e: &Echeance) -> String {
    format!("{} ({})", texte_echeance(e), date_fr(e.date))
}

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
        Motif::PanEchec { le, resultat } => match resultat {
            Resultat::RdvIndisponible => format!(
                "PAN : aucun rendez-vous disponible le {}, aucune substitution proposée",
                date_fr(*le)
            ),
            Resultat::PasDePan => "pas de PAN, aucune substitution proposée".into(),
            _ => format!(
                "le PAN n'a proposé aucune solution le {}, aucune substitution proposée",
                date_fr(*le)
            ),
        },
        Motif::SubstitutionProposee {
            le,
            rdv,
            canal,
            rdv_passe,
        } => {
            let mut s = format!("substitution proposée le {}", date_fr(*le));
            match rdv {
                Some(d) if *rdv_passe => s.push_str(&format!(
                    " ; rendez-vous du {} passé : enregistrer le dépôt ou le refus",
                    date_fr(*d)
                )),
                Some(d) => s.push_str(&format!(" ; rendez-vous le {}", date_fr(*d))),
                None => {}
            }
            if let Some(c) = canal {
                s.push_str(&format!(" ; mode indiqué : {}", c.libelle()));
            }
            s
        }
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
        Motif::Recours { avocat, defenseur } => {
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
            let d = if *defenseur {
                "Défenseur des droits saisi"
            } else {
                "Défenseur des droits pas encore saisi"
            };
            format!("{a} ; {d}")
        }
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

// ---------------------------------------------------------------- warnings

pub const ALERTE_CCC_TELEPHONE: &str = "Le CCC n'a été contacté que par téléphone : écrire aussi \
     par le formulaire de contact de l'ANEF pour garder une trace écrite.";

/// Missing evidence of the blocking (step 0).
pub fn alerte_preuves(captures: Option<u32>) -> String {
    match captures {
        None => "Preuves du blocage non renseignées : faire et garder des captures d'écran \
                 des messages d'erreur de l'ANEF."
            .into(),
        Some(_) => "Aucune capture d'écran du blocage enregistrée : en faire et les garder \
                    (messages d'erreur de l'ANEF)."
            .into(),
    }
}

pub fn alerte_droits_rompus(depuis: NaiveDate) -> String {
    format!(
        "Droits rompus depuis le {} (titre et API expirés) : risque de perte du droit au \
         travail, des prestations de la CAF et de France Travail.",
        date_fr(depuis)
    )
}

pub fn alerte_renouvellement_tardif(fermee_le: NaiveDate, taxe: u32) -> String {
    format!(
        "Fenêtre de renouvellement fermée le {} : une demande tardive coûte {taxe} € \
         (CESEDA R.431-5) ; déposer sans attendre.",
        date_fr(fermee_le)
    )
}

pub fn alerte_postal_impose(prefecture: Option<Departement>) -> String {
    let nom = nom_prefecture(prefecture);
    format!(
        "{} impose le dépôt par voie postale : c'est contraire à l'arrêté du 1er août 2023, \
         qui ne le prévoit que si la personne le demande ; la règle est le dépôt au guichet \
         sur rendez-vous.",
        majuscule(&nom)
    )
}

pub fn alerte_substitution_a_distance(c: Canal) -> String {
    format!(
        "Substitution par {} : admise seulement si la personne l'a demandée (arrêté du \
         1er août 2023) ; sinon, exiger un rendez-vous au guichet.",
        c.libelle()
    )
}

/// A warning of the engine in French.
pub fn alerte(a: &Alerte) -> String {
    match *a {
        Alerte::PreuvesManquantes { captures } => alerte_preuves(captures),
        Alerte::DroitsRompus { depuis } => alerte_droits_rompus(depuis),
        Alerte::RenouvellementTardif {
            fermee_le,
            taxe_euros,
            ..
        } => alerte_renouvellement_tardif(fermee_le, taxe_euros),
        Alerte::PostalImpose { prefecture } => alerte_postal_impose(prefecture),
        Alerte::SubstitutionADistance { canal } => alerte_substitution_a_distance(canal),
        Alerte::CccTelephoneSeulement => ALERTE_CCC_TELEPHONE.to_string(),
    }
}

/// Every warning of an evaluation, in French, in the engine's order.
pub fn alertes(e: &Evaluation) -> Vec<String> {
    e.alertes.iter().map(alerte).collect()
}

// ---------------------------------------------------------------- rules

/// The name of a rule, for `vigie regles`.
pub fn libelle_regle(c: CleRegle) -> &'static str {
    match c {
        CleRegle::ApiValidite => "Validité d'une attestation de prolongation d'instruction (API)",
        CleRegle::ApiSecondeValidite => "Validité de la seconde API",
        CleRegle::ApiSecondeDepuis => "Seconde API à validité étendue, délivrée depuis le",
        CleRegle::RenouvellementOuverture => {
            "Ouverture de la fenêtre de renouvellement, avant l'expiration du titre"
        }
        CleRegle::RenouvellementFermeture => {
            "Fermeture de la fenêtre de renouvellement, avant l'expiration du titre"
        }
        CleRegle::TaxeRetard => "Taxe pour une demande de renouvellement tardive",
        CleRegle::CccAttenteReponse => "Attente d'une réponse du CCC avant de passer au PAN",
        CleRegle::PanRelance => "Relance d'une demande de rendez-vous au PAN sans réponse",
        CleRegle::RecommandeSansReponse => {
            "Attente d'une réponse au recommandé avant l'avocat et le Défenseur des droits"
        }
        CleRegle::DepotAttestation => "Attente de l'attestation après un dépôt en substitution",
        CleRegle::AlerteDroits => "Seuil d'alerte avant la fin du titre ou de l'API",
    }
}

/// A rule's value with its unit: "120 jours", "3 mois", "180 €", "30/06/2024".
pub fn valeur_regle(r: &Regle) -> String {
    match (r.valeur, r.cle.unite()) {
        (Valeur::Date(d), _) => date_fr(d),
        (Valeur::Nombre(n), Unite::Jours) => format!("{n} jour{}", if n > 1 { "s" } else { "" }),
        (Valeur::Nombre(n), Unite::Mois) => format!("{n} mois"),
        (Valeur::Nombre(n), Unite::Euros) => format!("{n} €"),
        (Valeur::Nombre(n), Unite::Date) => n.to_string(),
    }
}

/// The lines printed by `vigie regles`.
pub fn lignes_regles(
    regles: &Regles,
    fichier: &Path,
    etat: &crate::domain::regles::EtatSurcharge,
) -> Vec<String> {
    use crate::domain::regles::EtatSurcharge;
    let mut l = vec![format!(
        "Règles de délais en vigueur ({} règles)",
        regles.toutes().len()
    )];
    l.push(match etat {
        EtatSurcharge::Absente => format!(
            "Fichier local : aucun ({} absent) : règles livrées avec vigie.",
            fichier.display()
        ),
        EtatSurcharge::Appliquee => format!(
            "Fichier local utilisé : {} (règles marquées « local »).",
            fichier.display()
        ),
        EtatSurcharge::Refusee => format!(
            "Fichier local REFUSÉ : {} (voir les erreurs ci-dessus) : règles livrées avec vigie.",
            fichier.display()
        ),
    });
    for r in regles.toutes() {
        l.push(String::new());
        l.push(format!(
            "{} : {}{}",
            libelle_regle(r.cle),
            valeur_regle(r),
            if r.surchargee { " (local)" } else { "" }
        ));
        l.push(format!(
            "  clé : {}.{}",
            r.cle.code(),
            r.cle.unite().champ()
        ));
        l.push(format!("  source : {}", r.source));
        l.push(format!("  vérifiée le : {}", date_fr(r.verifie_le)));
    }
    l
}

/// The override file could not be read.
pub fn lecture_regles_impossible(chemin: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::InvalidData {
        return format!(
            "{} : le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8) ; les règles livrées \
             avec vigie restent en vigueur",
            chemin.display()
        );
    }
    format!(
        "{} : lecture impossible ({e}) ; les règles livrées avec vigie restent en vigueur",
        chemin.display()
    )
}

fn erreur_regle(e: &ErreurRegle) -> String {
    match e {
        ErreurRegle::Syntaxe { ligne, message } => match ligne {
            Some(n) => format!("ligne {n} : fichier TOML invalide ({message})"),
            None => format!("fichier TOML invalide ({message})"),
        },
        ErreurRegle::CleInconnue(c) => format!(
            "clé « {c} » inconnue (clés admises : {})",
            CleRegle::TOUTES
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ErreurRegle::PasUneSection(c) => {
            format!("clé « {c} » : une section [{c}] est attendue, pas une valeur")
        }
        ErreurRegle::ChampInconnu { cle, champ } => {
            format!("clé « {cle}.{champ} » inconnue")
        }
        ErreurRegle::ChampManquant { cle, champ } => {
            format!(
                "clé « {cle}.{champ} » manquante (chaque règle surchargée doit être complète : valeur, source, verifie_le)"
            )
        }
        ErreurRegle::MauvaisType {
            cle,
            champ,
            attendu,
        } => format!("clé « {cle}.{champ} » : type incorrect ({attendu} attendu)"),
        ErreurRegle::Negatif { cle, champ, valeur } => {
            format!(
                "clé « {cle}.{champ} » : valeur négative ({valeur}) : une durée est positive ou nulle"
            )
        }
        ErreurRegle::TropGrand { cle, champ, valeur } => {
            format!("clé « {cle}.{champ} » : valeur trop grande ({valeur})")
        }
        ErreurRegle::SectionManquante(c) => format!("règle [{c}] manquante"),
        ErreurRegle::FenetreIncoherente {
            ouverture,
            fermeture,
        } => format!(
            "clés « renouvellement_ouverture.jours » ({ouverture}) et \
             « renouvellement_fermeture.jours » ({fermeture}) : la fenêtre doit ouvrir avant \
             de fermer"
        ),
    }
}

/// Every error of a refused override file, each naming the file, the key and the problem,
/// then one line saying the shipped rules stay in force.
pub fn erreurs_regles(chemin: &Path, erreurs: &[ErreurRegle]) -> Vec<String> {
    let mut v: Vec<String> = erreurs
        .iter()
        .map(|e| format!("{} : {}", chemin.display(), erreur_regle(e)))
        .collect();
    v.push(format!(
        "{} : fichier de règles refusé ; les règles livrées avec vigie restent en vigueur",
        chemin.display()
    ));
    v
}

// ---------------------------------------------------------------- `vigie aujourdhui`

/// The header line of the day's list: date and counts.
pub fn entete_jour(date: NaiveDate, d: &crate::jour::Decompte, tous: bool) -> String {
    let titre = if tous {
        "Toutes les personnes suivies"
    } else {
        "Liste du jour"
    };
    let mut parties = Vec::new();
    for (i, n) in NiveauUrgence::TOUS.iter().enumerate() {
        if d.par_niveau[i] > 0 {
            parties.push(format!("{} : {}", libelle_urgence(*n), d.par_niveau[i]));
        }
    }
    let personnes = if d.total > 1 { "personnes" } else { "personne" };
    let detail = if parties.is_empty() {
        String::new()
    } else {
        format!(" ({})", parties.join(", "))
    };
    let visites = match d.visites {
        0 => String::new(),
        1 => " ; 1 visite aujourd'hui".into(),
        n => format!(" ; {n} visites aujourd'hui"),
    };
    format!(
        "{titre} du {} : {} {personnes}{detail}{visites}.",
        date_longue(date),
        d.total
    )
}

pub const LISTE_VIDE: &str = "Aucune personne à voir aujourd'hui.";

/// One person of the day's list, on one line, in words (no symbol, no colour): number,
/// urgency, reference, name, département, stage, next step, main deadline with days left.
pub fn ligne_jour(numero: usize, l: &crate::jour::LigneJour) -> String {
    let p = &l.personne;
    let e = &l.evaluation;
    let echeance = match e.echeance_principale() {
        Some(ech) => texte_echeance_date(ech),
        None => "aucune".into(),
    };
    let visite = if l.visite_du_jour {
        " Venue aujourd'hui."
    } else {
        ""
    };
    format!(
        "{numero}. {}. {}, {}, {} {}. Étape : {}. Prochaine étape : {}. Échéance : {}.{visite}",
        majuscule(libelle_urgence(e.urgence)),
        p.reference,
        p.nom_complet(),
        p.departement.code(),
        p.departement.nom(),
        e.etape.libelle(),
        action(&e.prochaine).to_lowercase_first(),
        echeance,
    )
}

trait MinusculeInitiale {
    fn to_lowercase_first(&self) -> String;
}

impl MinusculeInitiale for String {
    fn to_lowercase_first(&self) -> String {
        let mut c = self.chars();
        match c.next() {
            Some(p) => p.to_lowercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    }
}

/// Standard output could not be written.
pub fn ecriture_impossible(e: &std::io::Error) -> String {
    format!("écriture impossible sur la sortie : {e}")
}

/// `vigie regles` ends with this error when the override file was refused.
pub fn surcharge_refusee(chemin: &Path) -> String {
    format!(
        "fichier de règles local refusé : {} (les règles livrées, affichées ci-dessus, restent en vigueur)",
        chemin.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(genre: GenreEcheance, jours: i64) -> Echeance {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        Echeance {
            genre,
            date,
            jours,
            niveau: NiveauUrgence::AVenir,
        }
    }

    #[test]
    fn urgency_is_readable_without_colour() {
        let symboles: std::collections::HashSet<_> = NiveauUrgence::TOUS
            .iter()
            .map(|n| symbole_urgence(*n))
            .collect();
        let mots: std::collections::HashSet<_> = NiveauUrgence::TOUS
            .iter()
            .map(|n| libelle_urgence(*n))
            .collect();
        assert_eq!(symboles.len(), NiveauUrgence::TOUS.len());
        assert_eq!(mots.len(), NiveauUrgence::TOUS.len());
        assert_eq!(
            texte_urgence(NiveauUrgence::DroitsMenaces),
            "!! droits menacés"
        );
    }

    #[test]
    fn deadline_texts_by_sign() {
        use GenreEcheance as G;
        let cas = [
            (G::TitreExpiration, 3, "titre expire dans 3 j"),
            (G::TitreExpiration, 0, "titre expire aujourd'hui"),
            (G::ApiExpiration, -1, "API expirée depuis 1 j"),
            (
                G::RenouvellementOuverture,
                0,
                "fenêtre de renouvellement : ouvre aujourd'hui",
            ),
            (
                G::RenouvellementFermeture,
                -4,
                "fenêtre de renouvellement : fermée depuis 4 j (demande tardive taxée)",
            ),
            (
                G::Suivi(TypeEvenement::Recommande),
                2,
                "relance recommandé due dans 2 j",
            ),
            (
                G::Suivi(TypeEvenement::Substitution),
                -7,
                "suivi substitution en retard de 7 j",
            ),
            (G::Suivi(TypeEvenement::Pan), 12, "suivi PAN dû dans 12 j"),
            (
                G::RendezVous(TypeEvenement::Pan),
                12,
                "rendez-vous PAN dans 12 j",
            ),
            (
                G::RendezVous(TypeEvenement::Substitution),
                -2,
                "rendez-vous de dépôt en préfecture passé depuis 2 j : noter son résultat",
            ),
            (
                G::Suivi(TypeEvenement::Avocat),
                0,
                "suivi avocat dû aujourd'hui",
            ),
        ];
        for (g, j, attendu) in cas {
            assert_eq!(texte_echeance(&e(g, j)), attendu);
        }
        assert_eq!(
            texte_echeance_date(&e(G::ApiExpiration, 6)),
            "API expire dans 6 j (23/11/2026)"
        );
        assert_eq!(
            date_longue(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            "dimanche 29/11/2026"
        );
    }

    #[test]
    fn the_prefecture_is_named_from_its_departement() {
        let dep = |c| Departement::depuis_code(c).unwrap();
        let g = crate::prefectures::connaissance(dep("33"));
        assert_eq!(nom_prefecture_connue(&g), "la préfecture de la Gironde");
        assert_eq!(
            nom_prefecture_connue(&crate::prefectures::connaissance(dep("75"))),
            "la Préfecture de police de Paris"
        );
        assert_eq!(
            nom_prefecture_connue(&ConnaissancePrefecture::default()),
            ""
        );
        assert!(alerte_postal_impose(None).starts_with("La préfecture impose"));
    }

    #[test]
    fn every_rule_has_a_label_and_prints_with_its_unit() {
        let r = Regles::default();
        for regle in r.toutes() {
            assert!(!libelle_regle(regle.cle).is_empty());
            let v = valeur_regle(regle);
            match regle.cle.unite() {
                Unite::Jours => assert!(v.ends_with("jours") || v.ends_with("jour")),
                Unite::Mois => assert!(v.ends_with("mois")),
                Unite::Euros => assert!(v.ends_with('€')),
                Unite::Date => assert_eq!(v.len(), 10),
            }
        }
    }
}
