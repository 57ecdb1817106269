//! Property tests of the statistics: on random per-person facts (the pure part, many cases)
//! and on random databases (the SQL, checked against a naive computation from the events).

use chrono::NaiveDate;
use proptest::prelude::*;
use vigie::csvio::est_formule;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement,
};
use vigie::stats::{self, Accumulateur, FaitsPersonne, Format, Periode, Tableau};
use vigie::store::{Ouverture, Store, inserer_evenement, inserer_personne};
use vigie::textes::stats::LIBELLES;

const DEPS: [&str; 5] = ["01", "2A", "33", "75", "971"];

fn jour(n: u32) -> NaiveDate {
    // Day n after 2026-09-01 (the random world spans about four months).
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Days::new(u64::from(n))
}

fn date_opt() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![Just(None), (0u32..130).prop_map(|n| Some(jour(n)))]
}

prop_compose! {
    fn faits()(
        dep in 0usize..DEPS.len(),
        dem in 0usize..Demarche::TOUS.len(),
        blo in 0usize..Blocage::TOUS.len(),
        ouvert in 0u32..130,
        pan_connu in prop_oneof![Just(None), any::<bool>().prop_map(Some)],
        titre in date_opt(),
        api in date_opt(),
        api_delivree in any::<bool>(),
        api_ech in date_opt(),
        premiere_cloture in date_opt(),
        premier_resolu in date_opt(),
        b in proptest::collection::vec(any::<bool>(), 14),
    ) -> FaitsPersonne {
        FaitsPersonne {
            departement: Departement::depuis_code(DEPS[dep]).unwrap(),
            demarche: Demarche::TOUS[dem],
            blocage: Blocage::TOUS[blo],
            ouvert_le: jour(ouvert),
            pan_connu,
            titre_expire_le: titre,
            api_expire_le: api,
            api_delivree,
            api_delivree_echeance: if api_delivree { api_ech } else { None },
            premiere_cloture,
            premier_resolu,
            ccc: b[0],
            ccc_connu: b[0] && (b[1] || b[10]),
            ccc_aide: b[0] && b[1],
            ccc_attestation: b[0] && b[1] && b[11],
            pan: b[2],
            pan_rdv_indisponible: b[2] && b[3],
            substitution_proposee: (b[2] || b[4]) && b[5],
            pan_ou_substitution: b[2] || b[4],
            depot_substitution: b[4] && b[12],
            recommande_envoye: b[6],
            avocat: b[7],
            defenseur_saisi: b[8],
            attente_telephone: b[9],
        }
    }
}

/// Whole months only (the only periods that may leave): one to three months from
/// September 2026 on.
fn periode() -> impl Strategy<Value = Periode> {
    (0i32..4, 0i32..3).prop_map(|(a, l)| {
        let debut = Periode::mois_de(jour(0), a).unwrap();
        let fin = Periode::mois_de(jour(0), a + l).unwrap();
        Periode {
            du: debut.du,
            au: fin.au,
        }
    })
}

/// The CSV rows, parsed back (header dropped).
fn lignes_csv(t: &Tableau) -> Vec<Vec<String>> {
    let texte = String::from_utf8(t.ecrire(Format::Csv, &LIBELLES)).unwrap();
    let mut it = texte.lines();
    assert_eq!(
        it.next(),
        Some("du,au,departement,indicateur,modalite,valeur,base,pourcentage,statut")
    );
    it.map(|l| l.split(',').map(String::from).collect())
        .collect()
}

const MEDIANES: [&str; 2] = [
    "attente_ccc_mediane_minutes",
    "delai_resolution_median_jours",
];

/// Checks every published invariant on the written table.
fn verifier(t: &Tableau) {
    // The audit (the export's guard) finds nothing.
    assert_eq!(stats::auditer(t), Ok(()), "{t:?}");
    let k = t.seuil;
    assert!(k >= 3);
    let lignes = lignes_csv(t);
    assert_eq!(lignes.len(), t.lignes.len());
    for (l, vraie) in lignes.iter().zip(&t.lignes) {
        assert_eq!(l.len(), 9);
        for i in [0, 1, 2, 3, 4, 8] {
            assert!(!est_formule(&l[i]), "formula-like text cell {:?}", l[i]);
        }
        let (valeur, base, pct, statut) = (&l[5], &l[6], &l[7], l[8].as_str());
        // The base is written only when it is 0 or at least K, and only when the row it is
        // the value of is published.
        if !base.is_empty() {
            let b: u64 = base.parse().unwrap();
            assert!(b == 0 || b >= k, "base {b} written with K {k}");
            assert_eq!(Some(b), vraie.base);
            if let Some(ind) = vraie.indicateur.base_ligne() {
                let source = lignes
                    .iter()
                    .find(|x| x[2] == l[2] && x[3] == ind.code())
                    .unwrap();
                assert_eq!(source[8], "ok", "base {l:?} of a masked row {source:?}");
                assert_eq!(&source[5], base);
            }
        }
        // Every count below K is masked.
        if let stats::Valeur::Compte(n) = vraie.valeur {
            assert!(n == 0 || n >= k || statut != "ok", "{l:?}");
        }
        // No published row about fewer than K people.
        if let Some(b) = vraie.base {
            assert!(statut != "ok" || b == 0 || b >= k, "{l:?}");
        }
        if let Some(n) = vraie.personnes {
            assert!(statut != "ok" || n == 0 || n >= k, "{l:?}");
        }
        match statut {
            "ok" => {
                if !MEDIANES.contains(&l[3].as_str()) {
                    let v: u64 = valeur.parse().unwrap();
                    assert!(v == 0 || v >= k, "published small count {l:?}");
                }
            }
            "masque" | "masque_secondaire" => {
                assert!(valeur.is_empty() && pct.is_empty(), "{l:?}");
            }
            autre => panic!("statut {autre}"),
        }
        // Percentages consistent with valeur/base: t = round half up of 1000 v / b, exactly:
        // 2b·t ≤ 2000v + b < 2b·(t + 1).
        if !pct.is_empty() {
            let v: u128 = valeur.parse().unwrap();
            let b: u128 = base.parse().unwrap();
            assert!(b > 0);
            let (ent, dec) = pct.split_once('.').unwrap();
            assert_eq!(dec.len(), 1);
            let t: u128 = ent.parse::<u128>().unwrap() * 10 + dec.parse::<u128>().unwrap();
            assert!(
                2 * b * t <= 2000 * v + b && 2000 * v + b < 2 * b * (t + 1),
                "{l:?}"
            );
        } else if statut == "ok" && !MEDIANES.contains(&l[3].as_str()) && !base.is_empty() {
            assert_eq!(
                base, "0",
                "a published count with a base has a percentage: {l:?}"
            );
        }
    }
    // Groups (a) and (b), rebuilt from the CSV alone.
    let cle = |l: &Vec<String>| (l[2].clone(), l[3].clone(), l[4].clone());
    let trouver = |dep: &str, ind: &str, m: &str| {
        lignes
            .iter()
            .find(|l| l[2] == dep && l[3] == ind && l[4] == m)
            .unwrap()
    };
    let mut groupes: Vec<(&Vec<String>, Vec<&Vec<String>>)> = Vec::new();
    let mut blocs: Vec<String> = lignes.iter().map(|l| l[2].clone()).collect();
    blocs.dedup();
    for bloc in &blocs {
        let total = trouver(bloc, "personnes_suivies", "");
        for ind in ["demarche", "blocage"] {
            let cellules = lignes
                .iter()
                .filter(|l| &l[2] == bloc && l[3] == ind)
                .collect();
            groupes.push((total, cellules));
        }
    }
    if t.par_departement {
        for total in lignes.iter().filter(|l| l[2] == "ensemble") {
            if MEDIANES.contains(&total[3].as_str()) {
                continue;
            }
            let (_, ind, m) = cle(total);
            let cellules = lignes
                .iter()
                .filter(|l| l[2] != "ensemble" && l[3] == ind && l[4] == m)
                .collect();
            groupes.push((total, cellules));
        }
    }
    for (total, cellules) in groupes {
        // No relation has exactly one unknown term, counting the total as a term.
        let inconnues =
            cellules.iter().filter(|l| l[8] != "ok").count() + usize::from(total[8] != "ok");
        assert_ne!(
            inconnues, 1,
            "one unknown in the relation of {total:?}: {cellules:?}"
        );
    }
    // Blocks: ensemble first, then départements in official order, each with people.
    assert_eq!(blocs[0], "ensemble");
    let rangs: Vec<usize> = blocs[1..]
        .iter()
        .map(|c| Departement::depuis_code(c).unwrap().rang())
        .collect();
    assert!(rangs.windows(2).all(|w| w[0] < w[1]));
    for bloc in &blocs[1..] {
        assert_ne!(trouver(bloc, "personnes_suivies", "")[8], "0");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn suppression_and_rounding_invariants(
        gens in proptest::collection::vec(faits(), 0..60),
        attentes in proptest::collection::vec((0usize..DEPS.len(), 0i64..120), 0..20),
        p in periode(),
        k in 3u64..8,
        par_departement in any::<bool>(),
    ) {
        let mut acc = Accumulateur::nouveau(p);
        for f in &gens {
            acc.ajouter_personne(f);
        }
        for (d, m) in attentes {
            let dep = Departement::depuis_code(DEPS[d]).unwrap();
            if gens.iter().any(|f| f.departement == dep) {
                acc.ajouter_attente(dep, m);
            }
        }
        let t = acc.clone().tableau(k, par_departement);
        verifier(&t);
        // The ensemble block is the same with or without the département blocks.
        let autre = acc.tableau(k, !par_departement);
        prop_assert!(t.bloc(None).eq(autre.bloc(None)));
        prop_assert_eq!(t.bloc(None).count(), 32);
    }
}

// ---------------------------------------------------------------- random databases

#[derive(Debug, Clone)]
struct PersonneAleatoire {
    dep: usize,
    dem: usize,
    blo: usize,
    ouvert: u32,
    pan: Option<bool>,
    titre: Option<NaiveDate>,
    api: Option<NaiveDate>,
    evenements: Vec<(u32, usize, usize, usize, u32, u32)>,
}

fn personne_aleatoire() -> impl Strategy<Value = PersonneAleatoire> {
    (
        0usize..DEPS.len(),
        0usize..7,
        0usize..8,
        0u32..130,
        prop_oneof![Just(None), any::<bool>().prop_map(Some)],
        date_opt(),
        date_opt(),
        proptest::collection::vec(
            (
                0u32..130,
                0usize..9,
                0usize..8,
                0usize..3,
                0u32..130,
                0u32..90,
            ),
            0..6,
        ),
    )
        .prop_map(
            |(dep, dem, blo, ouvert, pan, titre, api, evenements)| PersonneAleatoire {
                dep,
                dem,
                blo,
                ouvert,
                pan,
                titre,
                api,
                evenements,
            },
        )
}

fn evenement(e: &(u32, usize, usize, usize, u32, u32)) -> Evenement {
    let t = TypeEvenement::TOUS[e.1 % TypeEvenement::TOUS.len()];
    let mut ev = Evenement::nouveau(t, jour(e.0));
    ev.resultat = (!t.resultats().is_empty()).then(|| t.resultats()[e.2 % t.resultats().len()]);
    ev.canal = (!t.canaux().is_empty()).then(|| t.canaux()[e.3 % t.canaux().len()]);
    if t == TypeEvenement::ApiDelivree || e.3 == 0 {
        ev.echeance = Some(jour(e.4));
    }
    if t == TypeEvenement::Ccc && e.3 != 2 {
        ev.attente_minutes = Some(e.5);
    }
    ev
}

/// The facts of one person computed naively from all of its events.
fn faits_naifs(p: &Personne, evs: &[Evenement], per: Periode) -> Option<FaitsPersonne> {
    let dans = |e: &&Evenement| e.date >= per.du && e.date <= per.au;
    let de = |t: TypeEvenement| {
        evs.iter()
            .filter(dans)
            .filter(move |e| e.type_evenement == t)
    };
    let a = |t: TypeEvenement, r: Resultat| de(t).any(|e| e.resultat == Some(r));
    if !evs.iter().any(|e| dans(&e)) {
        return None;
    }
    let api_del: Vec<&Evenement> = evs
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::ApiDelivree && e.date <= per.au)
        .collect();
    use Resultat as R;
    use TypeEvenement as T;
    Some(FaitsPersonne {
        departement: p.departement,
        demarche: p.demarche,
        blocage: p.blocage,
        ouvert_le: p.ouvert_le,
        pan_connu: p.pan_connu,
        titre_expire_le: p.titre_expire_le,
        api_expire_le: p.api_expire_le,
        api_delivree: !api_del.is_empty(),
        api_delivree_echeance: api_del.iter().filter_map(|e| e.echeance).max(),
        premiere_cloture: evs
            .iter()
            .filter(|e| e.type_evenement == T::Cloture && e.date <= per.au)
            .map(|e| e.date)
            .min(),
        premier_resolu: de(T::Cloture)
            .filter(|e| e.resultat == Some(R::Resolu))
            .map(|e| e.date)
            .min(),
        ccc: de(T::Ccc).next().is_some(),
        ccc_connu: de(T::Ccc).any(|e| e.resultat.is_some_and(|r| r != R::EnAttente)),
        ccc_aide: a(T::Ccc, R::Resolu) || a(T::Ccc, R::AttestationImpossibilite),
        ccc_attestation: a(T::Ccc, R::AttestationImpossibilite),
        pan: de(T::Pan).next().is_some(),
        pan_rdv_indisponible: a(T::Pan, R::RdvIndisponible),
        substitution_proposee: a(T::Pan, R::SubstitutionProposee)
            || a(T::Substitution, R::Invitation),
        pan_ou_substitution: de(T::Pan).next().is_some() || de(T::Substitution).next().is_some(),
        depot_substitution: a(T::Substitution, R::DepotEffectue),
        recommande_envoye: a(T::Recommande, R::Envoye),
        avocat: de(T::Avocat).next().is_some(),
        defenseur_saisi: a(T::DefenseurDroits, R::Saisi),
        attente_telephone: de(T::Ccc)
            .any(|e| e.canal == Some(Canal::Telephone) && e.attente_minutes.is_some()),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn sql_matches_naive_computation(
        gens in proptest::collection::vec(personne_aleatoire(), 0..25),
        per in periode(),
        k in 3u64..6,
        par_departement in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::ouvrir(&Ouverture {
            chemin: dir.path().join("p.db"),
            phrase: None,
            sans_chiffrement: true,
            benevole: "Test".into(),
        })
        .unwrap();
        s.ecrire(|tx, b| {
            for (i, g) in gens.iter().enumerate() {
                let p = Personne {
                    id: None,
                    reference: format!("R{i}"),
                    nom: "-x".into(),
                    prenom: None,
                    telephone: None,
                    departement: Departement::depuis_code(DEPS[g.dep]).unwrap(),
                    demarche: Demarche::TOUS[g.dem],
                    blocage: Blocage::TOUS[g.blo],
                    ouvert_le: jour(g.ouvert),
                    titre_expire_le: g.titre,
                    api_expire_le: g.api,
                    pan_connu: g.pan,
                    notes: None,
                    captures: None,
                    identite: Default::default(),
                    version: 1,
                };
                let id = inserer_personne(tx, &p, b)?;
                for e in &g.evenements {
                    inserer_evenement(tx, id, &evenement(e), b, "2026-01-01 00:00:00")?;
                }
            }
            Ok(())
        })
        .unwrap();

        // Naive: every person and every event loaded.
        let mut attendus = Vec::new();
        let mut acc = Accumulateur::nouveau(per);
        for p in s.personnes().unwrap() {
            let evs = s.evenements(p.id.unwrap()).unwrap();
            if let Some(f) = faits_naifs(&p, &evs, per) {
                acc.ajouter_personne(&f);
                attendus.push(format!("{f:?}"));
            }
            for e in &evs {
                if e.type_evenement == TypeEvenement::Ccc
                    && e.canal == Some(Canal::Telephone)
                    && e.date >= per.du
                    && e.date <= per.au
                    && let Some(m) = e.attente_minutes
                {
                    acc.ajouter_attente(p.departement, i64::from(m));
                }
            }
        }
        let mut obtenus = Vec::new();
        stats::faits_personnes(&s, per, |f, _| obtenus.push(format!("{f:?}"))).unwrap();
        attendus.sort();
        obtenus.sort();
        prop_assert_eq!(&obtenus, &attendus);

        let t = stats::calculer(&s, per, par_departement, k).unwrap();
        prop_assert_eq!(&t, &acc.tableau(k, par_departement));
        verifier(&t);
    }
}
