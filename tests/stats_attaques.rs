//! The three attacks of issue 16 on the statistics, each shown to fail, and the CCC outcome
//! rule (a contact still awaiting an answer is not "no help").

mod banc;
mod commun;

use commun::{P, ajouter, ev, ouvrir};
use vigie::domain::{Blocage, Canal, Demarche, Resultat, TypeEvenement};
use vigie::stats::{self, Faille, Periode};

fn personne(dep: &'static str) -> P {
    P {
        dep,
        demarche: Demarche::Renouvellement,
        blocage: Blocage::Connexion,
        ouvert: "2026-01-10",
        pan: Some(true),
        titre: Some("2026-03-01"),
        api: None,
    }
}

/// 5 people in 33 and 1 in 75, all with lapsed rights, seen in November 2026.
fn base_33_75(dir: &std::path::Path) -> std::path::PathBuf {
    let chemin = dir.join("x.db");
    let mut s = ouvrir(&chemin);
    for (n, dep) in ["33", "33", "33", "33", "33", "75"].into_iter().enumerate() {
        let visite = ev("2026-11-05", TypeEvenement::Visite, None, None, None, None);
        ajouter(&mut s, n, &personne(dep), vec![visite]);
    }
    chemin
}

/// The written rows (header dropped) of `vigie export stats`.
fn exporter(db: &std::path::Path, args: &[&str]) -> Vec<Vec<String>> {
    let o = banc::commande(db, None)
        .args(["export", "stats"])
        .args(args)
        .env("VIGIE_BENEVOLE", "Test")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn the_base_of_a_masked_block_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_33_75(dir.path());
    let lignes = exporter(&db, &["--mois", "2026-11", "--par-departement"]);
    let ligne = |dep: &str, ind: &str, m: &str| {
        lignes
            .iter()
            .find(|l| l[2] == dep && l[3] == ind && l[4] == m)
            .unwrap()
            .clone()
    };
    assert_eq!(ligne("75", "personnes_suivies", "")[8], "masque");
    assert_eq!(ligne("33", "personnes_suivies", "")[8], "masque_secondaire");
    assert_eq!(ligne("ensemble", "personnes_suivies", "")[5], "6");
    // No row of 33 says "5" anywhere: not as a base, not as a value.
    for l in lignes.iter().filter(|l| l[2] == "33") {
        assert!(l[5] != "5" && l[6] != "5", "{l:?}");
        assert!(l[7].is_empty(), "{l:?}");
    }
}

#[test]
fn a_masked_total_never_leaves_all_its_cells_published() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_33_75(dir.path());
    let lignes = exporter(&db, &["--mois", "2026-11", "--par-departement"]);
    let mut blocs: Vec<String> = lignes.iter().map(|l| l[2].clone()).collect();
    blocs.dedup();
    for bloc in blocs {
        let total = lignes
            .iter()
            .find(|l| l[2] == bloc && l[3] == "personnes_suivies")
            .unwrap();
        if total[8] == "ok" {
            continue;
        }
        for ind in ["demarche", "blocage"] {
            let masquees = lignes
                .iter()
                .filter(|l| l[2] == bloc && l[3] == ind && l[8] != "ok")
                .count();
            assert!(
                masquees >= 1,
                "{bloc} {ind}: the sum of its cells is the total"
            );
        }
    }
    // 33's renouvellement (5 = all of 33) is hidden with the total.
    let r = lignes
        .iter()
        .find(|l| l[2] == "33" && l[3] == "demarche" && l[4] == "renouvellement")
        .unwrap();
    assert_eq!(r[8], "masque_secondaire");
}

#[test]
fn periods_that_are_not_whole_months_and_small_thresholds_never_pass_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_33_75(dir.path());
    let s = ouvrir(&db);
    let juin = Periode::mois(2026, 6).unwrap();
    let plus_un_jour = Periode {
        du: juin.du,
        au: juin.au.succ_opt().unwrap(),
    };
    assert!(juin.mois_entiers() && !plus_un_jour.mois_entiers());
    let t = stats::calculer(&s, plus_un_jour, false, 5).unwrap();
    assert_eq!(stats::auditer(&t), Err(vec![Faille::PeriodeNonEntiere]));
    let t = stats::calculer(&s, juin, false, 5).unwrap();
    assert_eq!(stats::auditer(&t), Ok(()));
    // A table asked with K = 1 is built with the minimum, 3: nothing below it is published.
    let nov = Periode::mois(2026, 11).unwrap();
    let t = stats::calculer(&s, nov, true, 1).unwrap();
    assert_eq!(t.seuil, 3);
    assert_eq!(stats::auditer(&t), Ok(()));
    let mut faux = t.clone();
    faux.seuil = 1;
    assert!(
        stats::auditer(&faux)
            .unwrap_err()
            .contains(&Faille::SeuilTropBas(1))
    );
}

#[test]
fn the_audit_catches_a_cell_recoverable_by_subtraction() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_33_75(dir.path());
    let s = ouvrir(&db);
    let mut t = stats::calculer(&s, Periode::mois(2026, 11).unwrap(), true, 5).unwrap();
    assert_eq!(stats::auditer(&t), Ok(()));
    // Publish 33's total again (what the old rule did): 6 − 5 gives 75's 1 back.
    let i = t
        .lignes
        .iter()
        .position(|l| l.departement.is_some_and(|d| d.code() == "33"))
        .unwrap();
    t.lignes[i].statut = stats::Statut::Ok;
    let failles = stats::auditer(&t).unwrap_err();
    assert!(
        failles
            .iter()
            .any(|f| matches!(f, Faille::SeuleInconnue { .. })),
        "{failles:?}"
    );
}

#[test]
fn ccc_without_help_counts_only_known_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("x.db");
    let mut s = ouvrir(&chemin);
    let ccc = |r| {
        ev(
            "2026-11-05",
            TypeEvenement::Ccc,
            Some(Canal::Formulaire),
            Some(r),
            None,
            None,
        )
    };
    // 3 still waiting, 4 without help, 3 helped (one of them with the attestation).
    let mut n = 0;
    for (r, fois) in [
        (Resultat::EnAttente, 3),
        (Resultat::SansAide, 4),
        (Resultat::Resolu, 2),
        (Resultat::AttestationImpossibilite, 1),
    ] {
        for _ in 0..fois {
            ajouter(&mut s, n, &personne("33"), vec![ccc(r)]);
            n += 1;
        }
    }
    let t = stats::calculer(&s, Periode::mois(2026, 11).unwrap(), false, 3).unwrap();
    let l = |i| t.ligne(None, i).unwrap().clone();
    use stats::Indicateur as I;
    let sans_aide = l(I::CccSansAide);
    assert_eq!(
        (sans_aide.compte(), sans_aide.base),
        (Some(4), Some(7)),
        "en_attente is neither in the count nor in the base"
    );
    let att = l(I::CccAttestation);
    assert_eq!((att.compte(), att.base), (Some(1), Some(10)));
    assert_eq!(att.statut, stats::Statut::Masque);
}
