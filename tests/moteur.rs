//! The escalation engine: one table row per path of the ladder, deadlines, urgency order.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use vigie::domain::moteur::{
    ConnaissancePrefecture, Echeance, Etape, Evaluation, GenreAction, GenreEcheance, NiveauUrgence,
    PanConnu, evaluer,
};
use vigie::domain::regles::Regles;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement,
};
use vigie::textes::moteur::{self as t, texte_echeance};

fn jour() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Today shifted by `n` days (negative: in the past).
fn j(n: i64) -> NaiveDate {
    if n >= 0 {
        jour().checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        jour().checked_sub_days(Days::new((-n) as u64)).unwrap()
    }
}

fn personne(captures: Option<u32>) -> Personne {
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
        version: 1,
    }
}

fn ev(
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

fn ccc(date: i64, r: Resultat) -> Evenement {
    ev(
        TypeEvenement::Ccc,
        date,
        Some(Canal::Formulaire),
        Some(r),
        None,
    )
}

fn pan(date: i64, r: Resultat, ech: Option<i64>) -> Evenement {
    ev(TypeEvenement::Pan, date, None, Some(r), ech)
}

fn gironde(pan: PanConnu) -> ConnaissancePrefecture {
    ConnaissancePrefecture {
        departement: Departement::depuis_code("33").ok(),
        pan,
        ..ConnaissancePrefecture::default()
    }
}

struct Cas {
    nom: &'static str,
    captures: Option<u32>,
    titre: Option<i64>,
    api: Option<i64>,
    evenements: Vec<Evenement>,
    prefecture: ConnaissancePrefecture,
    etape: Etape,
    genre: GenreAction,
    mots: &'static [&'static str],
    alertes: &'static [&'static str],
}

fn cas(
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

fn evaluer_cas(c: &Cas, regles: &Regles) -> Evaluation {
    let mut p = personne(c.captures);
    p.titre_expire_le = c.titre.map(j);
    p.api_expire_le = c.api.map(j);
    evaluer(&p, &c.evenements, &c.prefecture, regles, jour())
}

#[test]
fn every_path_of_the_ladder() {
    use GenreAction as G;
    use Resultat as R;
    use TypeEvenement as T;
    let regles = Regles::default();
    let attente_ccc = regles.ccc_attente_reponse_jours();
    let relance_pan = regles.pan_relance_jours();
    let delai_recommande = regles.recommande_sans_reponse_jours();
    let inconnue = gironde(PanConnu::Inconnu);
    let table = vec![
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
    ];
    assert!(table.len() >= 15);
    for c in &table {
        let e = evaluer_cas(c, &regles);
        let (action, raison) = (t::action(&e.prochaine), t::raison(&e.prochaine));
        let alertes = t::alertes(&e);
        eprintln!("{}: {action} | {raison} | {alertes:?}", c.nom);
        assert_eq!(e.etape, c.etape, "{}: stage", c.nom);
        assert_eq!(e.prochaine.genre, c.genre, "{}: next step", c.nom);
        assert_eq!(e.prochaine.etape, c.genre.etape(), "{}", c.nom);
        assert!(!action.is_empty(), "{}", c.nom);
        assert!(
            raison.starts_with("Prochaine étape : "),
            "{}: {}",
            c.nom,
            raison
        );
        for mot in c.mots {
            assert!(
                raison.contains(mot),
                "{}: « {mot} » absent de « {} »",
                c.nom,
                raison
            );
        }
        let alertes = alertes.join("\n");
        for mot in c.alertes {
            assert!(
                alertes.contains(mot),
                "{}: « {mot} » absent de {alertes}",
                c.nom
            );
        }
        // Missing evidence is always pointed out, and only then.
        let manque = c.captures.is_none_or(|n| n == 0);
        let signale = alertes.contains("capture");
        assert_eq!(manque, signale, "{}: {alertes}", c.nom);
        if c.etape == Etape::Cloture {
            assert_eq!(e.urgence, NiveauUrgence::Aucune, "{}", c.nom);
        }
    }
}

#[test]
fn phone_only_ccc_contact_is_flagged() {
    let regles = Regles::default();
    let tel = ev(
        TypeEvenement::Ccc,
        -2,
        Some(Canal::Telephone),
        Some(Resultat::SansAide),
        None,
    );
    let e = evaluer(
        &personne(Some(1)),
        std::slice::from_ref(&tel),
        &gironde(PanConnu::Dedie),
        &regles,
        jour(),
    );
    assert!(
        t::alertes(&e)
            .iter()
            .any(|a| a.contains("que par téléphone"))
    );
    let e = evaluer(
        &personne(Some(1)),
        &[tel, ccc(-1, Resultat::SansAide)],
        &gironde(PanConnu::Dedie),
        &regles,
        jour(),
    );
    assert!(
        !t::alertes(&e)
            .iter()
            .any(|a| a.contains("que par téléphone"))
    );
}

fn echeance(e: &Evaluation, g: GenreEcheance) -> Option<&Echeance> {
    e.echeances.iter().find(|x| x.genre == g)
}

#[test]
fn deadlines_and_their_texts() {
    let regles = Regles::default();
    let ouverture = regles.renouvellement_ouverture_jours();
    let fermeture = regles.renouvellement_fermeture_jours();
    let alerte = regles.alerte_droits_jours();
    let pref = gironde(PanConnu::Dedie);
    let eval = |titre: Option<i64>, api: Option<i64>, evs: &[Evenement]| {
        let mut p = personne(Some(2));
        p.titre_expire_le = titre.map(j);
        p.api_expire_le = api.map(j);
        evaluer(&p, evs, &pref, &regles, jour())
    };

    // Window not open yet.
    let e = eval(Some(ouverture + 10), None, &[]);
    let o = echeance(&e, GenreEcheance::RenouvellementOuverture).unwrap();
    assert_eq!(o.jours, 10);
    assert_eq!(
        texte_echeance(o),
        "fenêtre de renouvellement : ouvre dans 10 j"
    );
    assert_eq!(e.urgence, NiveauUrgence::AVenir);
    assert_eq!(e.echeance_principale().unwrap().jours, 10);

    // Window open: its closing date.
    let e = eval(Some(fermeture + 4), None, &[]);
    let f = echeance(&e, GenreEcheance::RenouvellementFermeture).unwrap();
    assert_eq!(f.jours, 4);
    assert!(echeance(&e, GenreEcheance::RenouvellementOuverture).is_none());
    assert_eq!(
        texte_echeance(f),
        "fenêtre de renouvellement : ferme dans 4 j"
    );

    // Window closed, permit still valid beyond the alert: late, with the tax.
    let e = eval(Some(fermeture - 5), None, &[]);
    assert_eq!(e.urgence, NiveauUrgence::SuiviEnRetard);
    assert!(
        t::alertes(&e)
            .iter()
            .any(|a| a.contains(&format!("{} €", regles.taxe_retard_euros())))
    );

    // Permit within the alert threshold: rights threatened.
    let e = eval(Some(alerte), None, &[]);
    assert_eq!(e.urgence, NiveauUrgence::DroitsMenaces);
    assert_eq!(
        e.echeance_principale().unwrap().genre,
        GenreEcheance::TitreExpiration
    );
    let e = eval(Some(alerte + 1), None, &[]);
    assert_ne!(e.urgence, NiveauUrgence::DroitsMenaces);

    // Permit expired but the API covers: the API is the deadline, the permit is informative.
    let e = eval(Some(-12), Some(6), &[]);
    assert_eq!(e.urgence, NiveauUrgence::DroitsMenaces);
    let p = e.echeance_principale().unwrap();
    assert_eq!(p.genre, GenreEcheance::ApiExpiration);
    assert_eq!(texte_echeance(p), "API expire dans 6 j");
    let t = echeance(&e, GenreEcheance::TitreExpiration).unwrap();
    assert_eq!(texte_echeance(t), "titre expiré depuis 12 j");
    assert_eq!(t.niveau, NiveauUrgence::Aucune);
    assert!(echeance(&e, GenreEcheance::RenouvellementFermeture).is_none());

    // The latest API delivered counts even when the person's field is older.
    let api = ev(
        TypeEvenement::ApiDelivree,
        -3,
        None,
        None,
        Some(alerte + 60),
    );
    let e = eval(Some(-100), Some(-10), &[api]);
    assert_eq!(e.urgence, NiveauUrgence::AVenir);
    assert_eq!(
        echeance(&e, GenreEcheance::ApiExpiration).unwrap().jours,
        alerte + 60
    );

    // Both lapsed.
    let e = eval(Some(-30), Some(-12), &[]);
    assert_eq!(e.urgence, NiveauUrgence::DroitsRompus);
    assert_eq!(
        texte_echeance(e.echeance_principale().unwrap()),
        "API expirée depuis 12 j"
    );

    // Follow-up due today, then overdue.
    let attente = regles.ccc_attente_reponse_jours();
    let e = eval(None, None, &[ccc(-attente, Resultat::EnAttente)]);
    let s = echeance(&e, GenreEcheance::Suivi(TypeEvenement::Ccc)).unwrap();
    assert_eq!(s.jours, 0);
    assert_eq!(texte_echeance(s), "relance CCC due aujourd'hui");
    assert_eq!(e.urgence, NiveauUrgence::DuJour);
    let e = eval(
        None,
        None,
        &[
            ccc(-20, Resultat::SansAide),
            pan(-9, Resultat::RdvObtenu, Some(-2)),
        ],
    );
    assert_eq!(e.urgence, NiveauUrgence::SuiviEnRetard);
    assert_eq!(
        texte_echeance(e.echeance_principale().unwrap()),
        "rendez-vous PAN passé depuis 2 j : noter son résultat"
    );
    // A PAN appointment ahead is an appointment, not a follow-up to chase.
    let e = eval(
        None,
        None,
        &[
            ccc(-20, Resultat::SansAide),
            pan(-9, Resultat::RdvObtenu, Some(12)),
        ],
    );
    assert_eq!(e.urgence, NiveauUrgence::AVenir);
    assert_eq!(
        texte_echeance(e.echeance_principale().unwrap()),
        "rendez-vous PAN dans 12 j"
    );
    // A PAN appointment requested is a follow-up.
    let e = eval(
        None,
        None,
        &[
            ccc(-20, Resultat::SansAide),
            pan(-2, Resultat::RdvDemande, Some(5)),
        ],
    );
    assert_eq!(
        texte_echeance(e.echeance_principale().unwrap()),
        "suivi PAN dû dans 5 j"
    );

    // A visit today makes a person of the day.
    let e = eval(
        None,
        None,
        &[ev(TypeEvenement::Visite, 0, None, None, None)],
    );
    assert_eq!(e.urgence, NiveauUrgence::DuJour);
    assert!(e.echeances.is_empty());
}

#[test]
fn proposed_api_expiry_follows_rank_and_date() {
    use vigie::domain::moteur::echeance_api_proposee;
    let regles = Regles::default();
    let premiere = echeance_api_proposee(&[], jour(), &regles);
    let mois = |d: NaiveDate| {
        (d.year_ce().1 as i64 * 12 + chrono::Datelike::month(&d) as i64)
            - (jour().year_ce().1 as i64 * 12 + chrono::Datelike::month(&jour()) as i64)
    };
    use chrono::Datelike;
    assert_eq!(mois(premiere), regles.api_validite_mois() as i64);
    let api = ev(TypeEvenement::ApiDelivree, -90, None, None, Some(0));
    let seconde = echeance_api_proposee(&[api], jour(), &regles);
    assert_eq!(mois(seconde), regles.api_seconde_validite_mois() as i64);
}

// ---------------------------------------------------------------- urgency order

fn type_de(i: u8) -> TypeEvenement {
    TypeEvenement::TOUS[i as usize % TypeEvenement::TOUS.len()]
}

prop_compose! {
    fn un_evenement()(t in 0u8..9, r in 0usize..8, c in 0usize..3, date in -120i64..1,
                      ech in proptest::option::of(-60i64..60)) -> Evenement {
        let t = type_de(t);
        let mut e = Evenement::nouveau(t, j(date));
        let rs = t.resultats();
        e.resultat = if rs.is_empty() { None } else { Some(rs[r % rs.len()]) };
        let cs = t.canaux();
        e.canal = if cs.is_empty() { None } else { Some(cs[c % cs.len()]) };
        e.echeance = if t.echeance_requise() { Some(j(ech.unwrap_or(30))) } else { ech.map(j) };
        e
    }
}

prop_compose! {
    fn une_situation()(titre in proptest::option::of(-200i64..400),
                       api in proptest::option::of(-200i64..400),
                       captures in proptest::option::of(0u32..4),
                       pan in 0usize..4,
                       postal in any::<bool>(),
                       evs in proptest::collection::vec(un_evenement(), 0..7)) -> Evaluation {
        let mut p = personne(captures);
        p.titre_expire_le = titre.map(j);
        p.api_expire_le = api.map(j);
        let pref = ConnaissancePrefecture {
            pan: [PanConnu::Dedie, PanConnu::General, PanConnu::Aucun, PanConnu::Inconnu][pan],
            postal_impose: postal,
            ..gironde(PanConnu::Inconnu)
        };
        evaluer(&p, &evs, &pref, &Regles::default(), jour())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Each level means what it says, and the person's level is the most pressing deadline's.
    #[test]
    fn urgency_levels_match_days_left(e in une_situation()) {
        let alerte = Regles::default().alerte_droits_jours();
        for w in e.echeances.windows(2) {
            prop_assert!((w[0].niveau, w[0].jours) <= (w[1].niveau, w[1].jours));
        }
        for x in &e.echeances {
            prop_assert_eq!(x.jours, (x.date - jour()).num_days());
            match x.niveau {
                NiveauUrgence::DroitsRompus | NiveauUrgence::SuiviEnRetard => prop_assert!(x.jours < 0),
                NiveauUrgence::DroitsMenaces => prop_assert!((0..=alerte).contains(&x.jours)),
                NiveauUrgence::DuJour => prop_assert_eq!(x.jours, 0),
                NiveauUrgence::AVenir => prop_assert!(x.jours > 0),
                // Only a right that another right outlasts is merely informative.
                NiveauUrgence::Aucune => prop_assert!(matches!(x.genre,
                    GenreEcheance::TitreExpiration | GenreEcheance::ApiExpiration)),
            }
        }
        if e.est_close() {
            prop_assert_eq!(e.urgence, NiveauUrgence::Aucune);
        } else if let Some(p) = e.echeance_principale() {
            prop_assert!(e.urgence <= p.niveau);
        }
        if !e.alertes.is_empty() {
            prop_assert!(t::alertes(&e).iter().all(|a| !a.is_empty()));
        }
    }

    /// The day's order is a total order: antisymmetric, transitive, and within one level
    /// fewer days left always comes first.
    #[test]
    fn urgency_order_is_total_and_follows_days(v in proptest::collection::vec(une_situation(), 3..12)) {
        let mut tries = v.clone();
        tries.sort_by_key(|e| e.cle_urgence());
        for w in tries.windows(2) {
            let (a, b) = (w[0].cle_urgence(), w[1].cle_urgence());
            prop_assert!(a <= b);
            if a.0 == b.0 {
                prop_assert!(a.1 <= b.1);
            }
        }
        for a in &v {
            for b in &v {
                prop_assert_eq!(a.cle_urgence().cmp(&b.cle_urgence()),
                                b.cle_urgence().cmp(&a.cle_urgence()).reverse());
                for c in &v {
                    if a.cle_urgence() <= b.cle_urgence() && b.cle_urgence() <= c.cle_urgence() {
                        prop_assert!(a.cle_urgence() <= c.cle_urgence());
                    }
                }
            }
        }
    }

    /// For people covered by an API only, fewer days left is never less urgent.
    #[test]
    fn fewer_days_left_is_never_less_urgent(a in -200i64..400, b in -200i64..400) {
        let regles = Regles::default();
        let eval = |n: i64| {
            let mut p = personne(Some(1));
            p.api_expire_le = Some(j(n));
            evaluer(&p, &[], &gironde(PanConnu::Dedie), &regles, jour())
        };
        let (ea, eb) = (eval(a), eval(b));
        if a <= b {
            prop_assert!(ea.cle_urgence() <= eb.cle_urgence());
        } else {
            prop_assert!(ea.cle_urgence() >= eb.cle_urgence());
        }
    }
}
