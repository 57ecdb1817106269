use super::*;
use crate::csvio::{echapper, est_formule};

fn d(a: i32, m: u32, j: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(a, m, j).unwrap()
}

fn ligne(
    dep: Option<&str>,
    ind: Indicateur,
    modalite: &'static str,
    v: u64,
    base: Option<u64>,
) -> Ligne {
    Ligne::nouvelle(
        dep.map(|c| Departement::depuis_code(c).unwrap()),
        ind,
        modalite,
        Valeur::Compte(v),
        base,
    )
}

#[test]
fn percentage_rounds_half_up_exactly() {
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(49, 400)), "12.3"); // 12.25
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(1, 8)), "12.5");
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(1, 3)), "33.3");
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(2, 3)), "66.7");
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(1, 16)), "6.3"); // 6.25
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(3, 16)), "18.8"); // 18.75
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(0, 7)), "0.0");
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(7, 7)), "100.0");
    // 0.05 boundary that floating point gets wrong: 1/2000 = 0.05 % → 0.1
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(1, 2000)), "0.1");
    assert_eq!(formater_dixiemes(pourcentage_dixiemes(1, 2001)), "0.0");
    assert_eq!(
        pourcentage_dixiemes(u64::MAX, u64::MAX),
        1000,
        "no overflow on huge counts"
    );
}

#[test]
fn medians_odd_even_and_negative() {
    assert_eq!(mediane_demis(&mut []), None);
    assert_eq!(mediane_demis(&mut [7]).map(formater_demis).unwrap(), "7");
    assert_eq!(
        mediane_demis(&mut [3, 1, 2]).map(formater_demis).unwrap(),
        "2"
    );
    assert_eq!(
        mediane_demis(&mut [10, 15, 30, 5])
            .map(formater_demis)
            .unwrap(),
        "12.5"
    );
    assert_eq!(
        mediane_demis(&mut [12, 12]).map(formater_demis).unwrap(),
        "12"
    );
    assert_eq!(
        mediane_demis(&mut [-2, -1]).map(formater_demis).unwrap(),
        "-1.5"
    );
    assert_eq!(
        mediane_demis(&mut [0, -1]).map(formater_demis).unwrap(),
        "-0.5"
    );
    assert_eq!(
        mediane_demis(&mut [0, 1]).map(formater_demis).unwrap(),
        "0.5"
    );
}

#[test]
fn formula_prefix() {
    for s in ["=1+1", "+33", "-x", "@a", "\tx", "\rx", "\nx"] {
        assert_eq!(echapper(s), format!("'{s}"));
        assert!(est_formule(s));
        assert!(!est_formule(&echapper(s)));
    }
    assert_eq!(echapper("ensemble"), "ensemble");
    assert_eq!(echapper(""), "");
}

#[test]
fn periods() {
    assert_eq!(
        Periode::mois(2026, 2),
        Some(Periode {
            du: d(2026, 2, 1),
            au: d(2026, 2, 28)
        })
    );
    assert_eq!(
        Periode::mois(2026, 12),
        Some(Periode {
            du: d(2026, 12, 1),
            au: d(2026, 12, 31)
        })
    );
    assert_eq!(Periode::mois(2026, 13), None);
    assert_eq!(
        Periode::annee(2028),
        Some(Periode {
            du: d(2028, 1, 1),
            au: d(2028, 12, 31)
        })
    );
}

#[test]
fn primary_masks_small_counts_and_small_bases() {
    use Indicateur as I;
    let mut l = vec![
        ligne(None, I::PersonnesSuivies, "", 10, None),
        ligne(None, I::NouvellesPersonnes, "", 4, None),
        ligne(None, I::CccSollicite, "", 0, Some(10)),
        ligne(None, I::CccSansAide, "", 0, Some(3)),
        ligne(None, I::PanSollicite, "", 5, Some(10)),
    ];
    l.push(Ligne {
        valeur: Valeur::Mediane(Some(3)),
        ..ligne(None, I::AttenteCccMedianeMinutes, "", 0, Some(4))
    });
    l.push(Ligne {
        valeur: Valeur::Mediane(Some(1)),
        ..ligne(None, I::DelaiResolutionMedianJours, "", 0, Some(5))
    });
    supprimer(&mut l, 5, false);
    let st: Vec<Statut> = l.iter().map(|l| l.statut).collect();
    use Statut::*;
    assert_eq!(st, vec![Ok, Masque, Ok, Masque, Ok, Masque, Ok]);
    let c = l[3].cellules();
    assert_eq!(
        (c.valeur.as_str(), c.base.as_str(), c.pourcentage.as_str()),
        ("", "", "")
    );
    let c = l[2].cellules();
    assert_eq!(
        (c.valeur.as_str(), c.base.as_str(), c.pourcentage.as_str()),
        ("0", "10", "0.0")
    );
    assert_eq!(l[6].cellules().valeur, "0.5");
}

#[test]
fn secondary_masks_smallest_then_repeats_across_groups() {
    use Indicateur as I;
    // ensemble: 20 people; demarche 3 (masked), 8, 9 → the 8 gets masque_secondaire.
    let mut l = vec![ligne(None, I::PersonnesSuivies, "", 20, None)];
    for (m, v) in [
        ("premiere_demande", 3),
        ("renouvellement", 9),
        ("duplicata", 8),
    ] {
        l.push(ligne(None, I::Demarche, m, v, Some(20)));
    }
    supprimer(&mut l, 5, false);
    let st: Vec<Statut> = l.iter().map(|l| l.statut).collect();
    assert_eq!(
        st,
        vec![
            Statut::Ok,
            Statut::Masque,
            Statut::Ok,
            Statut::MasqueSecondaire
        ]
    );
    // A tie goes to the first in output order.
    let mut l = vec![ligne(None, I::PersonnesSuivies, "", 20, None)];
    for (m, v) in [
        ("premiere_demande", 3),
        ("renouvellement", 6),
        ("duplicata", 6),
        ("autre", 5),
    ] {
        l.push(ligne(None, I::Demarche, m, v, Some(20)));
    }
    supprimer(&mut l, 5, false);
    assert_eq!(l[4].statut, Statut::MasqueSecondaire);
    assert_eq!(l[2].statut, Statut::Ok);
}

#[test]
fn masked_total_needs_no_secondary() {
    use Indicateur as I;
    let mut l = vec![ligne(None, I::PersonnesSuivies, "", 4, None)];
    for (m, v) in [("premiere_demande", 2), ("renouvellement", 2)] {
        l.push(ligne(None, I::Demarche, m, v, Some(4)));
    }
    supprimer(&mut l, 5, false);
    assert!(l.iter().all(|l| l.statut == Statut::Masque));
    // Published total, one masked cell, no published non-zero cell: the first published zero
    // is masked (the relation then has two unknown terms).
    let mut l = vec![
        ligne(None, I::CccSansAide, "", 0, Some(10)),
        ligne(Some("33"), I::CccSansAide, "", 0, Some(3)),
        ligne(Some("75"), I::CccSansAide, "", 0, Some(7)),
    ];
    supprimer(&mut l, 5, true);
    let st: Vec<Statut> = l.iter().map(|l| l.statut).collect();
    assert_eq!(
        st,
        vec![Statut::Ok, Statut::Masque, Statut::MasqueSecondaire]
    );
}

#[test]
fn cross_departement_groups_cascade_into_blocks() {
    use Indicateur as I;
    // ensemble 30 = 33:12 + 75:14 + 69:4 ; 69's personnes_suivies masked → (b) masks 33's.
    // Then 33's block total is masked: its (a) groups are not examined further.
    let mut l = vec![ligne(None, I::PersonnesSuivies, "", 30, None)];
    for (dep, n) in [("33", 12), ("69", 4), ("75", 14)] {
        l.push(ligne(Some(dep), I::PersonnesSuivies, "", n, None));
    }
    supprimer(&mut l, 5, true);
    let st: Vec<Statut> = l.iter().map(|l| l.statut).collect();
    assert_eq!(
        st,
        vec![
            Statut::Ok,
            Statut::MasqueSecondaire,
            Statut::Masque,
            Statut::Ok
        ]
    );
    // Without --par-departement there are no (b) groups.
    supprimer(&mut l, 5, false);
    assert_eq!(l[1].statut, Statut::Ok);
}

#[test]
fn groups_order_blocks_then_cross() {
    let mut acc = Accumulateur::nouveau(Periode::mois(2026, 11).unwrap());
    let f = FaitsPersonne {
        ouvert_le: d(2026, 1, 1),
        ..FaitsPersonne::sans_attributs(Departement::depuis_code("33").unwrap())
    };
    acc.ajouter_personne(&f);
    let t = acc.tableau(1, true);
    let g = groupes(&t.lignes, true);
    // 2 blocks × 2 (a) groups, then one (b) group per ensemble row that counts people.
    let par_ligne = t
        .lignes
        .iter()
        .filter(|l| l.departement.is_none() && !l.indicateur.est_mediane())
        .count();
    assert_eq!(g.len(), 4 + par_ligne);
    assert_eq!(g[0].cellules.len(), 7);
    assert_eq!(g[1].cellules.len(), 8);
    assert_eq!(g[2].total, t.lignes.len() / 2);
    assert!(g[4..].windows(2).all(|w| w[0].total < w[1].total));
}

#[test]
fn a_masked_total_with_all_its_cells_published_gets_one_of_them_masked() {
    use Indicateur as I;
    // ensemble 30 = 33:12 + 69:4 + 75:14. The (b) group masks 33's total (12); 33's demarche
    // group then has one unknown, its masked total: its smallest published non-zero cell
    // (renouvellement 12) is masked on the next pass, else 12 − 0 would give it back.
    let mut l = vec![ligne(None, I::PersonnesSuivies, "", 30, None)];
    l.push(ligne(Some("33"), I::PersonnesSuivies, "", 12, None));
    l.push(ligne(
        Some("33"),
        I::Demarche,
        "premiere_demande",
        0,
        Some(12),
    ));
    l.push(ligne(
        Some("33"),
        I::Demarche,
        "renouvellement",
        12,
        Some(12),
    ));
    l.push(ligne(Some("69"), I::PersonnesSuivies, "", 4, None));
    l.push(ligne(Some("75"), I::PersonnesSuivies, "", 14, None));
    supprimer(&mut l, 5, true);
    let st: Vec<Statut> = l.iter().map(|l| l.statut).collect();
    use Statut::*;
    assert_eq!(
        st,
        vec![Ok, MasqueSecondaire, Ok, MasqueSecondaire, Masque, Ok]
    );
    // And the base of 33's rows is not written: it is the masked 12.
    assert_eq!(l[2].cellules().base, "");
    assert_eq!(l[2].cellules().pourcentage, "");
    assert_eq!(l[2].cellules().valeur, "0");
}

#[test]
fn waiting_median_of_few_people_is_masked_even_with_many_events() {
    use Indicateur as I;
    let attente = |personnes| Ligne {
        valeur: Valeur::Mediane(Some(40)),
        personnes: Some(personnes),
        ..ligne(None, I::AttenteCccMedianeMinutes, "", 0, Some(9))
    };
    // Each in its own block (département), with a published total.
    let mut l = Vec::new();
    for (dep, personnes) in [("33", 2), ("69", 5), ("75", 0)] {
        l.push(ligne(Some(dep), I::PersonnesSuivies, "", 20, None));
        let mut a = attente(personnes);
        a.departement = Departement::depuis_code(dep).ok();
        l.push(a);
    }
    supprimer(&mut l, 5, false);
    assert_eq!(l[1].statut, Statut::Masque);
    assert_eq!(
        l[1].cellules().base,
        "9",
        "the event count is still a base ≥ K"
    );
    assert_eq!(l[1].cellules().valeur, "");
    assert_eq!(l[3].statut, Statut::Ok);
    assert_eq!(l[3].cellules().valeur, "20");
    assert_eq!(l[5].statut, Statut::Ok);
}
