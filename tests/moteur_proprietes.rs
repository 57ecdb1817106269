//! The planner's invariants over random histories, deadlines, blockings, procedures and
//! préfectures: no recommended waiting step ends after the person's rights lapse (and none
//! is recommended once they have lapsed), every waiting step has a follow-up date, and no
//! open file is without a next action. And the evaluation's horizon holds: on any day before
//! it, the evaluation is today's with its day counts shifted (the day list keeps evaluations
//! in the base on that promise).

mod moteur_echelle;

use moteur_echelle::*;
use proptest::prelude::*;
use vigie::domain::moteur::{
    ConnaissancePrefecture, GenreAction, PanConnu, couverture, evaluer, evaluer_jusqua,
};
use vigie::domain::regles::Regles;
use vigie::domain::{Blocage, Demarche, Evenement, Personne, TypeEvenement};

prop_compose! {
    fn un_evenement()(t in 0usize..11, r in 0usize..8, c in 0usize..4, date in -400i64..1,
                      ech in proptest::option::of(-90i64..200)) -> Evenement {
        let t = TypeEvenement::TOUS[t % TypeEvenement::TOUS.len()];
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
    /// A person (expiries, blocking, procedure), their préfecture and their events.
    fn une_situation()(titre in proptest::option::of(-300i64..400),
                       api in proptest::option::of(-300i64..400),
                       blocage in 0usize..8, demarche in 0usize..7, pan in 0usize..4,
                       postal in any::<bool>(),
                       evs in proptest::collection::vec(un_evenement(), 0..9),
    ) -> (Personne, ConnaissancePrefecture, Vec<Evenement>) {
        let mut p = personne(Some(1));
        p.titre_expire_le = titre.map(j);
        p.api_expire_le = api.map(j);
        p.blocage = Blocage::TOUS[blocage];
        p.demarche = Demarche::TOUS[demarche];
        let pref = ConnaissancePrefecture {
            pan: [PanConnu::Dedie, PanConnu::General, PanConnu::Aucun, PanConnu::Inconnu][pan],
            postal_impose: postal,
            ..gironde(PanConnu::Inconnu)
        };
        (p, pref, evs)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_wait_past_the_lapse_and_never_stuck(
        (p, pref, evs) in une_situation(),
    ) {
        let e = evaluer(&p, &evs, &pref, &Regles::default(), jour());
        let fin = couverture(&p, &evs);
        let genre = e.prochaine.genre;
        if !e.est_close() {
            prop_assert_ne!(genre, GenreAction::Aucune);
        }
        let mut actions = vec![genre];
        actions.extend(e.prochaine.paralleles.iter().copied());
        for a in &actions {
            if a.est_attente() {
                let relance = e.relance();
                prop_assert!(relance.is_some(), "{:?} without a follow-up date", a);
                if let (Some(r), Some(f)) = (relance, fin) {
                    prop_assert!(f >= jour(), "{:?} recommended after the lapse {}", a, f);
                    prop_assert!(r <= f, "{:?} follows up on {} after the lapse {}", a, r, f);
                }
            }
        }
        prop_assert!(!e.prochaine.paralleles.contains(&genre));
        prop_assert!(e.prochaine.paralleles.iter().all(|a| !a.est_attente()));
        // The renewal-only rules never apply to another procedure.
        if p.demarche != Demarche::Renouvellement {
            prop_assert!(e.alertes.iter().all(|a| !matches!(
                a.code(), Some("fenetre_fermee_taxe" | "api_non_due_si_tardif"))));
        }
    }

    #[test]
    fn before_its_horizon_an_evaluation_only_shifts_its_day_counts(
        (p, pref, evs) in une_situation(),
        plus_tard in 1i64..500,
        visite_du_jour in any::<bool>(),
    ) {
        let mut evs = evs;
        if visite_du_jour {
            // Drawn often: its raise of the urgency holds today only.
            evs.push(Evenement::nouveau(TypeEvenement::Visite, jour()));
        }
        let regles = Regles::default();
        let (e, horizon) = evaluer_jusqua(&p, &evs, &pref, &regles, jour());
        prop_assert!(horizon > jour());
        prop_assert_eq!(&e, &evaluer(&p, &evs, &pref, &regles, jour()));
        let reste = (horizon - jour()).num_days();
        // A day drawn before the horizon, and its last day.
        for k in [plus_tard.min(reste - 1), reste - 1] {
            if k > 0 && k < 2000 {
                let mut decalee = e.clone();
                decalee.decaler(k);
                let (ce_jour, h) = evaluer_jusqua(&p, &evs, &pref, &regles, j(k));
                prop_assert_eq!(&decalee, &ce_jour, "day +{} of a horizon of {} days", k, reste);
                prop_assert_eq!(h, horizon);
            }
        }
    }
}
