//! The ladder table of the engine tests: people, events and préfectures built relative to a
//! fixed today, and one row per path of the ladder (what is expected of the evaluation).

use chrono::{Days, NaiveDate};
use vigie::domain::moteur::{
    ConnaissancePrefecture, Etape, Evaluation, GenreAction, PanConnu, evaluer,
};
use vigie::domain::regles::Regles;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement,
};

pub fn jour() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Today shifted by `n` days (negative: in the past).
pub fn j(n: i64) -> NaiveDate {
    if n >= 0 {
        jour().checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        jour().checked_sub_days(Days::new((-n) as u64)).unwrap()
    }
}

pub fn personne(captures: Option<u32>) -> Personne {
    Personne {
        id: Some(1),
        reference: "R1".into(),
        nom: "Diallo".into(),
        prenom: Some("Awa".into()),
        telephone: None,
        departement: Departement::depuis_code("33").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::DepotImpossible,
        ouvert_le: j(-60),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: None,
        notes: None,
        captures,
        identite: Default::default(),
        version: 1,
    }
}

pub fn ev(
    t: TypeEvenement,
    date: i64,
    canal: Option<Canal>,
    r: Option<Resultat>,
    ech: Option<i64>,
) -> Evenement {
    let mut e = Evenement::nouveau(t, j(date));
    e.canal = canal;
    e.resultat = r;
    e.echeance = ech.map(j);
    e
}

pub fn ccc(date: i64, r: Resultat) -> Evenement {
    ev(
        TypeEvenement::Ccc,
        date,
        Some(Canal::Formulaire),
        Some(r),
        None,
    )
}

pub fn pan(date: i64, r: Resultat, ech: Option<i64>) -> Evenement {
    ev(TypeEvenement::Pan, date, None, Some(r), ech)
}

pub fn gironde(pan: PanConnu) -> ConnaissancePrefecture {
    ConnaissancePrefecture {
        departement: Departement::depuis_code("33").ok(),
        pan,
        ..ConnaissancePrefecture::default()
    }
}

pub struct Cas {
    pub nom: &'static str,
    pub captures: Option<u32>,
    pub titre: Option<i64>,
    pub api: Option<i64>,
    pub evenements: Vec<Evenement>,
    pub prefecture: ConnaissancePrefecture,
    pub etape: Etape,
    pub genre: GenreAction,
    pub mots: &'static [&'static str],
    pub alertes: &'static [&'static str],
}

pub fn cas(
    nom: &'static str,
    evenements: Vec<Evenement>,
    prefecture: ConnaissancePrefecture,
    etape: Etape,
    genre: GenreAction,
    mots: &'static [&'static str],
) -> Cas {
    Cas {
        nom,
        captures: Some(3),
        titre: None,
        api: None,
        evenements,
        prefecture,
        etape,
        genre,
        mots,
        alertes: &[],
    }
}

pub fn evaluer_cas(c: &Cas, regles: &Regles) -> Evaluation {
    let mut p = personne(c.captures);
    p.titre_expire_le = c.titre.map(j);
    p.api_expire_le = c.api.map(j);
    evaluer(&p, &c.evenements, &c.prefecture, regles, jour())
}

/// The CCC step: waiting, failures by PAN knowledge, attestation, solved.
pub fn cas_ccc(regles: &Regles) -> Vec<Cas> {
    use GenreAction as G;
    use Resultat as R;
    use TypeEvenement as T;
    let attente_ccc = regles.ccc_attente_reponse_jours();
    let inconnue = gironde(PanConnu::Inconnu);
    vec![
        cas(
            "nothing recorded",
            vec![],
            inconnue.clone(),
            Etape::Constat,
            G::EcrireCcc,
            &[
                "formulaire de contact de l'ANEF",
                "trace",
                "aucun contact avec le CCC",
                "0806 001 620",
            ],
        ),
        cas(
            "only a visit",
            vec![ev(T::Visite, -2, None, None, None)],
            inconnue.clone(),
            Etape::Constat,
            G::EcrireCcc,
            &["plutôt que par téléphone"],
        ),
        cas(
            "CCC awaiting answer within the rule",
            vec![ccc(1 - attente_ccc, R::EnAttente)],
            inconnue.clone(),
            Etape::Ccc,
            G::AttendreCcc,
            &["attendre la réponse du CCC", "sans réponse le 24/11/2026"],
        ),
        cas(
            "CCC awaiting answer past the rule, PAN dedicated",
            vec![ccc(-attente_ccc - 5, R::EnAttente)],
            gironde(PanConnu::Dedie),
            Etape::Ccc,
            G::ReserverPan,
            &[
                "prendre rendez-vous",
                "la préfecture de la Gironde",
                "CCC sans réponse",
            ],
        ),
        cas(
            "CCC without help, PAN unknown",
            vec![ccc(-3, R::SansAide)],
            inconnue.clone(),
            Etape::Ccc,
            G::VerifierPan,
            &[
                "vérifier si la préfecture de la Gironde a un point d'accueil numérique",
                "inconnu",
            ],
        ),
        cas(
            "CCC sends to the préfecture, general PAN",
            vec![ccc(-3, R::RenvoiPrefecture)],
            gironde(PanConnu::General),
            Etape::Ccc,
            G::ReserverPan,
            &["PAN général", "renvoi vers la préfecture"],
        ),
        cas(
            "CCC without answer, préfecture without PAN",
            vec![ccc(-3, R::SansReponse)],
            gironde(PanConnu::Aucun),
            Etape::Ccc,
            G::EcrireRecommande,
            &[
                "écrire en recommandé avec accusé de réception à la préfecture de la Gironde",
                "pas de PAN connu, aucune substitution proposée",
            ],
        ),
        cas(
            "CCC attestation of impossibility",
            vec![ccc(-1, R::AttestationImpossibilite)],
            inconnue.clone(),
            Etape::Ccc,
            G::DemanderSubstitution,
            &[
                "directement",
                "exception",
                "arrêté du 1er août 2023",
                "attestation d'impossibilité",
            ],
        ),
        cas(
            "CCC solved it",
            vec![ccc(-1, R::Resolu)],
            inconnue.clone(),
            Etape::Ccc,
            G::Cloturer,
            &["clôture", "résolu par le CCC le 22/11/2026"],
        ),
    ]
}

/// The PAN step: appointment requested, obtained, passed, failures, substitution.
pub fn cas_pan(regles: &Regles) -> Vec<Cas> {
    use GenreAction as G;
    use Resultat as R;
    let relance_pan = regles.pan_relance_jours();
    let inconnue = gironde(PanConnu::Inconnu);
    vec![
        cas(
            "PAN appointment requested recently",
            vec![ccc(-10, R::SansAide), pan(-2, R::RdvDemande, None)],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::AttendrePan,
            &["attendre le rendez-vous au PAN", "relancer le"],
        ),
        cas(
            "PAN appointment requested, no answer past the rule",
            vec![
                ccc(-40, R::SansAide),
                pan(-relance_pan - 1, R::RdvDemande, None),
            ],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::EcrireRecommande,
            &["écrire en recommandé", "sans réponse depuis"],
        ),
        cas(
            "PAN appointment obtained, ahead",
            vec![ccc(-10, R::SansAide), pan(-2, R::RdvObtenu, Some(5))],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::AllerPan,
            &[
                "aller au rendez-vous",
                "rendez-vous le 28/11/2026",
                "captures",
            ],
        ),
        cas(
            "PAN appointment obtained, passed without outcome",
            vec![ccc(-20, R::SansAide), pan(-12, R::RdvObtenu, Some(-2))],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::AllerPan,
            &["enregistrer le résultat", "passé sans résultat"],
        ),
        cas(
            "PAN unavailable",
            vec![ccc(-10, R::SansAide), pan(-2, R::RdvIndisponible, None)],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::EcrireRecommande,
            &[
                "recommandé",
                "aucun rendez-vous disponible",
                "aucune substitution proposée",
            ],
        ),
        cas(
            "no PAN found at the préfecture",
            vec![ccc(-10, R::SansAide), pan(-2, R::PasDePan, None)],
            inconnue.clone(),
            Etape::Pan,
            G::EcrireRecommande,
            &[
                "la préfecture de la Gironde",
                "pas de PAN, aucune substitution proposée",
            ],
        ),
        cas(
            "PAN proposed nothing",
            vec![ccc(-10, R::SansAide), pan(-2, R::AucuneSolution, None)],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::EcrireRecommande,
            &["aucune solution"],
        ),
        cas(
            "PAN offers substitution",
            vec![
                ccc(-10, R::SansAide),
                pan(-2, R::SubstitutionProposee, Some(7)),
            ],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::PreparerDepot,
            &[
                "guichet",
                "seulement si la personne le demande",
                "rendez-vous le 30/11/2026",
            ],
        ),
    ]
}

/// Substitution: invitations, remote modes, passed appointments, deposit, refusal.
pub fn cas_substitution(_regles: &Regles) -> Vec<Cas> {
    use GenreAction as G;
    use Resultat as R;
    use TypeEvenement as T;
    let inconnue = gironde(PanConnu::Inconnu);
    vec![
        Cas {
            alertes: &["impose le dépôt par voie postale", "contraire à l'arrêté"],
            ..cas(
                "substitution invitation in a préfecture imposing postal deposit",
                vec![ev(
                    T::Substitution,
                    -1,
                    Some(Canal::Guichet),
                    Some(R::Invitation),
                    Some(10),
                )],
                ConnaissancePrefecture {
                    postal_impose: true,
                    ..gironde(PanConnu::Aucun)
                },
                Etape::Substitution,
                G::PreparerDepot,
                &["préparer le dépôt au guichet de la préfecture de la Gironde"],
            )
        },
        Cas {
            alertes: &[
                "Substitution par voie postale",
                "si la personne l'a demandée",
            ],
            ..cas(
                "substitution offered by post",
                vec![ev(
                    T::Substitution,
                    -1,
                    Some(Canal::Postal),
                    Some(R::Invitation),
                    None,
                )],
                inconnue.clone(),
                Etape::Substitution,
                G::PreparerDepot,
                &["mode indiqué : voie postale"],
            )
        },
        cas(
            "substitution appointment passed without deposit recorded",
            vec![ev(
                T::Substitution,
                -20,
                Some(Canal::Guichet),
                Some(R::Invitation),
                Some(-3),
            )],
            inconnue.clone(),
            Etape::Substitution,
            G::PreparerDepot,
            &["rendez-vous du 20/11/2026 passé : enregistrer le dépôt ou le refus"],
        ),
        cas(
            "deposit made",
            vec![ev(
                T::Substitution,
                -3,
                Some(Canal::Guichet),
                Some(R::DepotEffectue),
                None,
            )],
            inconnue.clone(),
            Etape::Substitution,
            G::AttendreAttestation,
            &["attestation de dépôt", "dépôt du 20/11/2026"],
        ),
        cas(
            "substitution refused",
            vec![ev(
                T::Substitution,
                -3,
                Some(Canal::Guichet),
                Some(R::Refus),
                None,
            )],
            inconnue.clone(),
            Etape::Substitution,
            G::SaisirAvocat,
            &[
                "référé mesures utiles",
                "L.521-3",
                "Défenseur des droits",
                "refusée",
            ],
        ),
    ]
}

/// The registered letter, and lower-step events that do not take the person back down.
pub fn cas_recommande_sans_recul(regles: &Regles) -> Vec<Cas> {
    use GenreAction as G;
    use Resultat as R;
    use TypeEvenement as T;
    let delai_recommande = regles.recommande_sans_reponse_jours();
    vec![
        cas(
            "registered letter sent, waiting",
            vec![ev(T::Recommande, -10, None, Some(R::Envoye), None)],
            gironde(PanConnu::Aucun),
            Etape::Recommande,
            G::AttendreReponseRecommande,
            &["attendre la réponse de la préfecture de la Gironde au recommandé"],
        ),
        cas(
            "registered letter unanswered past the rule",
            vec![ev(
                T::Recommande,
                -delai_recommande - 10,
                None,
                Some(R::Envoye),
                None,
            )],
            gironde(PanConnu::Aucun),
            Etape::Recommande,
            G::SaisirAvocat,
            &[
                "avocat",
                "référé mesures utiles",
                "Défenseur des droits",
                "sans réponse depuis",
            ],
        ),
        cas(
            "a new CCC attempt after a lawyer was engaged keeps the stage",
            vec![
                ev(T::Recommande, -40, None, Some(R::Envoye), None),
                ev(T::Avocat, -20, None, Some(R::Oriente), None),
                ccc(-1, R::SansAide),
            ],
            gironde(PanConnu::Dedie),
            Etape::Recours,
            G::SuivreRecours,
            &["recours"],
        ),
        cas(
            "a failed CCC contact after a letter keeps waiting for the answer",
            vec![
                ev(T::Recommande, -10, None, Some(R::Envoye), None),
                ccc(-1, R::SansAide),
            ],
            gironde(PanConnu::Dedie),
            Etape::Recommande,
            G::AttendreReponseRecommande,
            &["recommandé"],
        ),
        cas(
            "a failed CCC contact does not hide an unanswered letter",
            vec![
                ev(
                    T::Recommande,
                    -delai_recommande - 10,
                    None,
                    Some(R::Envoye),
                    None,
                ),
                ccc(-1, R::SansAide),
            ],
            gironde(PanConnu::Aucun),
            Etape::Recommande,
            G::SaisirAvocat,
            &["avocat", "sans réponse depuis"],
        ),
        cas(
            "an attestation after a PAN failure still opens substitution",
            vec![
                pan(-20, R::RdvIndisponible, None),
                ccc(-1, R::AttestationImpossibilite),
            ],
            gironde(PanConnu::Dedie),
            Etape::Pan,
            G::DemanderSubstitution,
            &["substitution"],
        ),
        Cas {
            titre: Some(-30),
            alertes: &["Droits rompus"],
            ..cas(
                "rights lapsed with a lawyer already engaged: follow the remedy",
                vec![
                    ev(T::Avocat, -20, None, Some(R::Oriente), None),
                    ccc(-1, R::SansAide),
                ],
                gironde(PanConnu::Dedie),
                Etape::Recours,
                G::SuivreRecours,
                &["recours"],
            )
        },
        cas(
            "answer to the letter without substitution",
            vec![ev(T::Recommande, -3, None, Some(R::ReponseRecue), None)],
            gironde(PanConnu::Aucun),
            Etape::Recommande,
            G::SaisirAvocat,
            &["réponse au recommandé reçue", "avocat"],
        ),
    ]
}

/// Lapsed rights, remedies, closure and reopening, missing evidence.
pub fn cas_recours_cloture_preuves(_regles: &Regles) -> Vec<Cas> {
    use GenreAction as G;
    use Resultat as R;
    use TypeEvenement as T;
    let inconnue = gironde(PanConnu::Inconnu);
    vec![
        Cas {
            titre: Some(-40),
            api: Some(-5),
            alertes: &["Droits rompus depuis le 18/11/2026"],
            ..cas(
                "rights already lapsed while at the CCC",
                vec![ccc(-3, R::SansAide)],
                gironde(PanConnu::Dedie),
                Etape::Ccc,
                G::SaisirAvocat,
                &[
                    "droits rompus depuis le 18/11/2026",
                    "référé mesures utiles",
                ],
            )
        },
        cas(
            "lawyer engaged",
            vec![ev(T::Avocat, -3, None, Some(R::Oriente), None)],
            inconnue.clone(),
            Etape::Recours,
            G::SuivreRecours,
            &["suivre le recours", "Défenseur des droits pas encore saisi"],
        ),
        cas(
            "favourable decision and Défenseur des droits",
            vec![
                ev(T::Avocat, -30, None, Some(R::RefereDepose), None),
                ev(T::DefenseurDroits, -20, None, Some(R::Saisi), None),
                ev(T::Avocat, -3, None, Some(R::DecisionFavorable), None),
            ],
            inconnue.clone(),
            Etape::Recours,
            G::SuivreRecours,
            &["rendez-vous ordonné", "Défenseur des droits saisi"],
        ),
        Cas {
            titre: Some(-40),
            api: Some(-5),
            ..cas(
                "closed file",
                vec![
                    ccc(-20, R::SansAide),
                    ev(T::Cloture, -2, None, Some(R::Abandon), None),
                ],
                inconnue.clone(),
                Etape::Cloture,
                G::Aucune,
                &["dossier clos le 21/11/2026 : abandon"],
            )
        },
        cas(
            "closed then reopened by a new CCC contact",
            vec![
                ev(T::Cloture, -30, None, Some(R::PerduDeVue), None),
                ccc(-1, R::EnAttente),
            ],
            inconnue.clone(),
            Etape::Ccc,
            G::AttendreCcc,
            &["attendre la réponse du CCC"],
        ),
        Cas {
            captures: None,
            alertes: &["Preuves du blocage non renseignées"],
            ..cas(
                "evidence never asked",
                vec![],
                inconnue.clone(),
                Etape::Constat,
                G::EcrireCcc,
                &["formulaire"],
            )
        },
        Cas {
            captures: Some(0),
            alertes: &["Aucune capture d'écran"],
            ..cas(
                "no screenshot kept, phone contact only",
                vec![ev(
                    T::Ccc,
                    -2,
                    Some(Canal::Telephone),
                    Some(R::SansAide),
                    None,
                )],
                gironde(PanConnu::Dedie),
                Etape::Ccc,
                G::ReserverPan,
                &["PAN dédié à l'ANEF"],
            )
        },
    ]
}
