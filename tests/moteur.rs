//! The escalation engine: one table row per path of the ladder, deadlines, urgency order.

use chrono::NaiveDate;
use proptest::prelude::*;
use vigie::domain::moteur::{
    ConnaissancePrefecture, Echeance, Evaluation, GenreEcheance, NiveauUrgence, PanConnu, evaluer,
};
use vigie::domain::regles::Regles;
use vigie::domain::{Canal, Evenement, Resultat, TypeEvenement};
use vigie::textes::moteur::{self as t, texte_echeance};

mod moteur_echelle;

use moteur_echelle::*;

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

/// A person with evidence, a permit and an API expiring in `titre` and `api` days, in a
/// préfecture with a dedicated PAN, under the shipped rules.
fn eval(titre: Option<i64>, api: Option<i64>, evs: &[Evenement]) -> Evaluation {
    let mut p = personne(Some(2));
    p.titre_expire_le = titre.map(j);
    p.api_expire_le = api.map(j);
    evaluer(
        &p,
        evs,
        &gironde(PanConnu::Dedie),
        &Regles::default(),
        jour(),
    )
}

#[test]
fn deadlines_of_rights_and_their_texts() {
    let regles = Regles::default();
    let ouverture = regles.renouvellement_ouverture_jours();
    let fermeture = regles.renouvellement_fermeture_jours();
    let alerte = regles.alerte_droits_jours();

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
}

#[test]
fn follow_up_deadlines_and_their_texts() {
    // Follow-up due today, then overdue.
    let attente = Regles::default().ccc_attente_reponse_jours();
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
    fn un_evenement()(t in 0u8..11, r in 0usize..8, c in 0usize..3, date in -120i64..1,
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

/// The engine answers in values: the reason carries its event's date, the date it waits
/// until and the rule that set it (none when the volunteer recorded the date), and the
/// warnings are typed.
#[test]
fn the_reason_and_warnings_are_typed_values() {
    use vigie::domain::moteur::{Alerte, GenreAction, Motif};
    use vigie::domain::regles::CleRegle;
    let regles = Regles::default();
    let attente = regles.ccc_attente_reponse_jours();
    let e = eval(None, None, &[ccc(-1, Resultat::EnAttente)]);
    assert_eq!(e.prochaine.genre, GenreAction::AttendreCcc);
    assert_eq!(
        e.prochaine.motif,
        Motif::Attente {
            evenement: TypeEvenement::Ccc,
            resultat: Some(Resultat::EnAttente),
            le: j(-1),
            jusquau: j(attente - 1),
            regle: Some(CleRegle::CccAttenteReponse),
            plafonne: false,
        }
    );
    assert_eq!(e.prochaine.prefecture, gironde(PanConnu::Dedie).departement);
    assert_eq!(e.prochaine.pan, PanConnu::Dedie);
    let mut enregistre = ccc(-1, Resultat::EnAttente);
    enregistre.echeance = Some(j(3));
    let e = eval(None, None, &[enregistre]);
    assert_eq!(
        e.prochaine.motif,
        Motif::Attente {
            evenement: TypeEvenement::Ccc,
            resultat: Some(Resultat::EnAttente),
            le: j(-1),
            jusquau: j(3),
            regle: None,
            plafonne: false,
        }
    );
    let e = eval(None, None, &[ccc(-attente - 4, Resultat::EnAttente)]);
    assert_eq!(
        e.prochaine.motif,
        Motif::SansReponse {
            evenement: TypeEvenement::Ccc,
            resultat: Some(Resultat::EnAttente),
            le: j(-attente - 4),
            jours: attente + 4,
            regle: Some(CleRegle::CccAttenteReponse),
        }
    );
    let mut p = personne(None);
    p.titre_expire_le = Some(j(-30));
    let e = evaluer(&p, &[], &gironde(PanConnu::Dedie), &regles, jour());
    assert_eq!(
        e.alertes,
        [
            Alerte::PreuvesManquantes { captures: None },
            Alerte::DroitsRompus { depuis: j(-30) },
            Alerte::FenetreFermeeTaxe {
                fermee_le: j(-30 - regles.renouvellement_fermeture_jours()),
                taxe_euros: regles.taxe_retard_euros(),
                regle: CleRegle::TaxeRetard,
            },
            Alerte::ApiNonDueSiTardif {
                fermee_le: j(-30 - regles.renouvellement_fermeture_jours()),
            },
        ]
    );
    assert_eq!(e.prochaine.motif, Motif::DroitsRompus { depuis: j(-30) });
}
