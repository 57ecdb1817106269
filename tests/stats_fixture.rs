//! Statistics on a hand-computed fixture: the expected CSV is written by hand, byte for byte.
//!
//! Period: November 2026. Twelve people in three départements (2A, 33, 75), events in October
//! and November (and one in December). P9 has only October events: not followed.
//! Hand computation (ensemble): 11 followed; 4 new (P2, P7, P10, P11); CCC 7 (P1 P2 P4 P6 P8
//! P10 P11), without real help 5 (P2 resolu and P6 attestation are helped); phone waits in
//! November 10 15 15 20 30 60 → median 17.5 (even count, with a tie; P8's October 45 is out);
//! PAN unknown 6 of 10 answered; rupture base 8 (P1 P2 P3 P4 P5 P8 P10 P12), in rupture 3:
//! P1 (C 10-20), P5 (C 11-29 = D2 − 1, its cloture is on 12-01), P10 (C 10-31, cloture 11-15 >
//! 11-01); not P2 (C = D2), not P3 (C 10-31, cloture exactly on 11-01 = C + 1 = D1), not P4
//! (C 11-29, cloture on 11-30 = C + 1), not P8 (C 2027), not P12 (cloture 10-26 ≤ D1);
//! resolved 4 with delays 18 (P2), 13 (P7), 31 (P8: first of its two), 5 (P10) → 15.5.

mod commun;

use commun::{P, ajouter, ev, fixture, ouvrir};
use vigie::domain::{Blocage, Demarche, Resultat, TypeEvenement};
use vigie::stats::{self, Format, Periode};
use vigie::textes::stats::LIBELLES;

fn novembre() -> Periode {
    Periode::mois(2026, 11).unwrap()
}

/// Prefixes each hand-written line with the period's two cells and joins with LF.
fn attendu(lignes: &[&str]) -> String {
    let mut s =
        String::from("du,au,departement,indicateur,modalite,valeur,base,pourcentage,statut\n");
    for l in lignes {
        s.push_str("2026-11-01,2026-11-30,");
        s.push_str(l);
        s.push('\n');
    }
    s
}

/// The true values of every row (before suppression decides what is written), as
/// `departement,indicateur,modalite,valeur,base`, one per line.
fn vraies(t: &stats::Tableau) -> String {
    let mut s = String::new();
    for l in &t.lignes {
        let valeur = match l.valeur {
            stats::Valeur::Compte(n) => n.to_string(),
            stats::Valeur::Mediane(Some(h)) => stats::formater_demis(h),
            stats::Valeur::Mediane(None) => String::new(),
        };
        let dep = l.departement.map(|d| d.code()).unwrap_or("ensemble");
        let base = l.base.map(|b| b.to_string()).unwrap_or_default();
        s.push_str(&format!(
            "{dep},{},{},{valeur},{base}\n",
            l.indicateur.code(),
            l.modalite
        ));
    }
    s
}

/// The hand-computed rows without their percentage and status cells.
fn vraies_attendues(lignes: &[&str]) -> String {
    let mut s = String::new();
    for l in lignes {
        let cellules: Vec<&str> = l.split(',').collect();
        s.push_str(&cellules[..5].join(","));
        s.push('\n');
    }
    s
}

/// The hand-computed true values of November (every count, unsuppressed).
const ENSEMBLE_K1: &[&str] = &[
    "ensemble,personnes_suivies,,11,,,ok",
    "ensemble,nouvelles_personnes,,4,,,ok",
    "ensemble,demarche,premiere_demande,2,11,18.2,ok",
    "ensemble,demarche,renouvellement,6,11,54.5,ok",
    "ensemble,demarche,duplicata,2,11,18.2,ok",
    "ensemble,demarche,changement_situation,0,11,0.0,ok",
    "ensemble,demarche,naturalisation,1,11,9.1,ok",
    "ensemble,demarche,document_circulation,0,11,0.0,ok",
    "ensemble,demarche,autre,0,11,0.0,ok",
    "ensemble,blocage,connexion,3,11,27.3,ok",
    "ensemble,blocage,numero_etranger,1,11,9.1,ok",
    "ensemble,blocage,depot_impossible,2,11,18.2,ok",
    "ensemble,blocage,api_non_renouvelee,2,11,18.2,ok",
    "ensemble,blocage,rdv_retrait_titre,1,11,9.1,ok",
    "ensemble,blocage,sans_nouvelles,1,11,9.1,ok",
    "ensemble,blocage,changement_adresse,0,11,0.0,ok",
    "ensemble,blocage,autre,1,11,9.1,ok",
    "ensemble,ccc_sollicite,,7,11,63.6,ok",
    "ensemble,ccc_sans_aide,,4,6,66.7,ok",
    "ensemble,ccc_attestation,,1,7,,ok",
    "ensemble,attente_ccc_mediane_minutes,,17.5,6,,ok",
    "ensemble,pan_inconnu,,6,10,60.0,ok",
    "ensemble,pan_sollicite,,3,11,27.3,ok",
    "ensemble,pan_rdv_indisponible,,1,3,33.3,ok",
    "ensemble,substitution_proposee,,2,3,66.7,ok",
    "ensemble,depot_substitution,,0,11,,ok",
    "ensemble,recommande_envoye,,1,11,9.1,ok",
    "ensemble,recours_avocat,,2,11,18.2,ok",
    "ensemble,defenseur_droits_saisi,,1,11,9.1,ok",
    "ensemble,rupture_droits,,3,8,37.5,ok",
    "ensemble,resolus,,4,11,36.4,ok",
    "ensemble,delai_resolution_median_jours,,15.5,4,,ok",
];

#[test]
fn fixture_ensemble_true_counts() {
    let dir = tempfile::tempdir().unwrap();
    let s = fixture(&dir.path().join("f.db"));
    let t = stats::calculer(&s, novembre(), false, 3).unwrap();
    assert_eq!(vraies(&t), vraies_attendues(ENSEMBLE_K1));
}

#[test]
fn fixture_per_departement_true_counts() {
    let dir = tempfile::tempdir().unwrap();
    let s = fixture(&dir.path().join("f.db"));
    let t = stats::calculer(&s, novembre(), true, 3).unwrap();
    let mut lignes: Vec<&str> = ENSEMBLE_K1.to_vec();
    lignes.extend_from_slice(&[
        // 2A: P5 P6 P11
        "2A,personnes_suivies,,3,,,ok",
        "2A,nouvelles_personnes,,1,,,ok",
        "2A,demarche,premiere_demande,0,3,0.0,ok",
        "2A,demarche,renouvellement,2,3,66.7,ok",
        "2A,demarche,duplicata,0,3,0.0,ok",
        "2A,demarche,changement_situation,0,3,0.0,ok",
        "2A,demarche,naturalisation,1,3,33.3,ok",
        "2A,demarche,document_circulation,0,3,0.0,ok",
        "2A,demarche,autre,0,3,0.0,ok",
        "2A,blocage,connexion,0,3,0.0,ok",
        "2A,blocage,numero_etranger,0,3,0.0,ok",
        "2A,blocage,depot_impossible,1,3,33.3,ok",
        "2A,blocage,api_non_renouvelee,1,3,33.3,ok",
        "2A,blocage,rdv_retrait_titre,0,3,0.0,ok",
        "2A,blocage,sans_nouvelles,1,3,33.3,ok",
        "2A,blocage,changement_adresse,0,3,0.0,ok",
        "2A,blocage,autre,0,3,0.0,ok",
        "2A,ccc_sollicite,,2,3,66.7,ok",
        "2A,ccc_sans_aide,,0,1,0.0,ok",
        "2A,ccc_attestation,,1,2,,ok",
        "2A,attente_ccc_mediane_minutes,,15,3,,ok",
        "2A,pan_inconnu,,2,3,66.7,ok",
        "2A,pan_sollicite,,1,3,33.3,ok",
        "2A,pan_rdv_indisponible,,0,1,0.0,ok",
        "2A,substitution_proposee,,1,1,100.0,ok",
        "2A,depot_substitution,,0,3,,ok",
        "2A,recommande_envoye,,0,3,0.0,ok",
        "2A,recours_avocat,,1,3,33.3,ok",
        "2A,defenseur_droits_saisi,,0,3,0.0,ok",
        "2A,rupture_droits,,1,1,100.0,ok",
        "2A,resolus,,0,3,0.0,ok",
        "2A,delai_resolution_median_jours,,,0,,ok",
        // 33: P1 P2 P3 P4 P10
        "33,personnes_suivies,,5,,,ok",
        "33,nouvelles_personnes,,2,,,ok",
        "33,demarche,premiere_demande,1,5,20.0,ok",
        "33,demarche,renouvellement,3,5,60.0,ok",
        "33,demarche,duplicata,1,5,20.0,ok",
        "33,demarche,changement_situation,0,5,0.0,ok",
        "33,demarche,naturalisation,0,5,0.0,ok",
        "33,demarche,document_circulation,0,5,0.0,ok",
        "33,demarche,autre,0,5,0.0,ok",
        "33,blocage,connexion,2,5,40.0,ok",
        "33,blocage,numero_etranger,1,5,20.0,ok",
        "33,blocage,depot_impossible,1,5,20.0,ok",
        "33,blocage,api_non_renouvelee,1,5,20.0,ok",
        "33,blocage,rdv_retrait_titre,0,5,0.0,ok",
        "33,blocage,sans_nouvelles,0,5,0.0,ok",
        "33,blocage,changement_adresse,0,5,0.0,ok",
        "33,blocage,autre,0,5,0.0,ok",
        "33,ccc_sollicite,,4,5,80.0,ok",
        "33,ccc_sans_aide,,3,4,75.0,ok",
        "33,ccc_attestation,,0,4,,ok",
        "33,attente_ccc_mediane_minutes,,20,2,,ok",
        "33,pan_inconnu,,2,4,50.0,ok",
        "33,pan_sollicite,,1,5,20.0,ok",
        "33,pan_rdv_indisponible,,1,1,100.0,ok",
        "33,substitution_proposee,,0,1,0.0,ok",
        "33,depot_substitution,,0,5,,ok",
        "33,recommande_envoye,,0,5,0.0,ok",
        "33,recours_avocat,,0,5,0.0,ok",
        "33,defenseur_droits_saisi,,0,5,0.0,ok",
        "33,rupture_droits,,2,5,40.0,ok",
        "33,resolus,,2,5,40.0,ok",
        "33,delai_resolution_median_jours,,11.5,2,,ok",
        // 75: P7 P8 P12 (P9 is not followed)
        "75,personnes_suivies,,3,,,ok",
        "75,nouvelles_personnes,,1,,,ok",
        "75,demarche,premiere_demande,1,3,33.3,ok",
        "75,demarche,renouvellement,1,3,33.3,ok",
        "75,demarche,duplicata,1,3,33.3,ok",
        "75,demarche,changement_situation,0,3,0.0,ok",
        "75,demarche,naturalisation,0,3,0.0,ok",
        "75,demarche,document_circulation,0,3,0.0,ok",
        "75,demarche,autre,0,3,0.0,ok",
        "75,blocage,connexion,1,3,33.3,ok",
        "75,blocage,numero_etranger,0,3,0.0,ok",
        "75,blocage,depot_impossible,0,3,0.0,ok",
        "75,blocage,api_non_renouvelee,0,3,0.0,ok",
        "75,blocage,rdv_retrait_titre,1,3,33.3,ok",
        "75,blocage,sans_nouvelles,0,3,0.0,ok",
        "75,blocage,changement_adresse,0,3,0.0,ok",
        "75,blocage,autre,1,3,33.3,ok",
        "75,ccc_sollicite,,1,3,33.3,ok",
        "75,ccc_sans_aide,,1,1,100.0,ok",
        "75,ccc_attestation,,0,1,,ok",
        "75,attente_ccc_mediane_minutes,,60,1,,ok",
        "75,pan_inconnu,,2,3,66.7,ok",
        "75,pan_sollicite,,1,3,33.3,ok",
        "75,pan_rdv_indisponible,,0,1,0.0,ok",
        "75,substitution_proposee,,1,1,100.0,ok",
        "75,depot_substitution,,0,3,,ok",
        "75,recommande_envoye,,1,3,33.3,ok",
        "75,recours_avocat,,1,3,33.3,ok",
        "75,defenseur_droits_saisi,,1,3,33.3,ok",
        "75,rupture_droits,,0,2,0.0,ok",
        "75,resolus,,2,3,66.7,ok",
        "75,delai_resolution_median_jours,,22,2,,ok",
    ]);
    assert_eq!(vraies(&t), vraies_attendues(&lignes));
}

#[test]
fn fixture_default_threshold_masks_small_cells() {
    let dir = tempfile::tempdir().unwrap();
    let s = fixture(&dir.path().join("f.db"));
    let t = stats::calculer(&s, novembre(), false, 5).unwrap();
    let csv = String::from_utf8(t.ecrire(Format::Csv, &LIBELLES)).unwrap();
    assert_eq!(
        csv,
        attendu(&[
            "ensemble,personnes_suivies,,11,,,ok",
            "ensemble,nouvelles_personnes,,,,,masque",
            "ensemble,demarche,premiere_demande,,11,,masque",
            "ensemble,demarche,renouvellement,6,11,54.5,ok",
            "ensemble,demarche,duplicata,,11,,masque",
            "ensemble,demarche,changement_situation,0,11,0.0,ok",
            "ensemble,demarche,naturalisation,,11,,masque",
            "ensemble,demarche,document_circulation,0,11,0.0,ok",
            "ensemble,demarche,autre,0,11,0.0,ok",
            "ensemble,blocage,connexion,,11,,masque",
            "ensemble,blocage,numero_etranger,,11,,masque",
            "ensemble,blocage,depot_impossible,,11,,masque",
            "ensemble,blocage,api_non_renouvelee,,11,,masque",
            "ensemble,blocage,rdv_retrait_titre,,11,,masque",
            "ensemble,blocage,sans_nouvelles,,11,,masque",
            "ensemble,blocage,changement_adresse,0,11,0.0,ok",
            "ensemble,blocage,autre,,11,,masque",
            "ensemble,ccc_sollicite,,7,11,63.6,ok",
            // 4 of the 6 people whose CCC answered (the one still waiting is not counted).
            "ensemble,ccc_sans_aide,,,6,,masque",
            "ensemble,ccc_attestation,,,7,,masque",
            "ensemble,attente_ccc_mediane_minutes,,17.5,6,,ok",
            "ensemble,pan_inconnu,,6,10,60.0,ok",
            "ensemble,pan_sollicite,,,11,,masque",
            "ensemble,pan_rdv_indisponible,,,,,masque",
            "ensemble,substitution_proposee,,,,,masque",
            "ensemble,depot_substitution,,0,11,0.0,ok",
            "ensemble,recommande_envoye,,,11,,masque",
            "ensemble,recours_avocat,,,11,,masque",
            "ensemble,defenseur_droits_saisi,,,11,,masque",
            "ensemble,rupture_droits,,,8,,masque",
            "ensemble,resolus,,,11,,masque",
            "ensemble,delai_resolution_median_jours,,,,,masque",
        ])
    );
}

/// Threshold 2 with département blocks: every kind of secondary suppression, hand-computed.
/// Pass 1, (a): ensemble demarche has only `naturalisation` (1) masked → the smallest published
/// non-zero cell is a tie premiere_demande 2 / duplicata 2 → the first, premiere_demande;
/// 2A demarche has only `naturalisation` masked → renouvellement (2).
/// (b): blocage connexion 3 = 2A 0 + 33 2 + 75 1 (masked) → 33's 2; ccc_sollicite 7 = 2A 2 +
/// 33 4 + 75 1 (masked) → 2A's 2; rupture_droits 3 = 2A 1 (masked) + 33 2 + 75 0 → 33's 2.
/// Groups whose total is masked (ensemble naturalisation, recommande_envoye…) need nothing.
/// Pass 2 changes nothing.
#[test]
fn fixture_excel_fr() {
    let dir = tempfile::tempdir().unwrap();
    let s = fixture(&dir.path().join("f.db"));
    let t = stats::calculer(&s, novembre(), false, 3).unwrap();
    let octets = t.ecrire(Format::ExcelFr, &LIBELLES);
    let texte = String::from_utf8(octets).unwrap();
    assert!(texte.starts_with("\u{feff}Du;Au;Département;Nom du département;Indicateur;"));
    assert!(
        texte.contains(
            "\r\n2026-11-01;2026-11-30;ensemble;Ensemble des personnes;ccc_sans_aide;\
             CCC sans aide concrète (réponses connues);;;4;6;66,7;ok;publié\r\n"
        ),
        "{texte}"
    );
    assert!(texte.contains(";attente_ccc_mediane_minutes;"));
    assert!(texte.contains(";;;17,5;6;;ok;publié\r\n"));
    assert!(texte.contains(";blocage;Personnes suivies, par blocage;connexion;"));
    assert_eq!(texte.lines().count(), 33);
    // Dates keep their dashes.
    assert!(!texte.contains("2026,11"));
}

/// 48 people in one département: 3 of 48 is 6.25 % → 6.3; 9 of 48 is 18.75 % → 18.8.
#[test]
fn rounding_of_exact_halves_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = ouvrir(&dir.path().join("r.db"));
    for i in 0..48 {
        let p = P {
            dep: "69",
            demarche: Demarche::Renouvellement,
            blocage: Blocage::Connexion,
            ouvert: "2026-01-05",
            pan: None,
            titre: None,
            api: None,
        };
        let mut evs = vec![ev(
            "2026-11-03",
            TypeEvenement::Visite,
            None,
            None,
            None,
            None,
        )];
        if i < 3 {
            evs.push(ev(
                "2026-11-04",
                TypeEvenement::Recommande,
                None,
                Some(Resultat::Envoye),
                None,
                None,
            ));
        }
        if i < 9 {
            evs.push(ev(
                "2026-11-04",
                TypeEvenement::Avocat,
                None,
                Some(Resultat::Oriente),
                None,
                None,
            ));
        }
        ajouter(&mut s, i + 1, &p, evs);
    }
    let t = stats::calculer(&s, novembre(), false, 3).unwrap();
    let csv = String::from_utf8(t.ecrire(Format::Csv, &LIBELLES)).unwrap();
    assert!(
        csv.contains("\n2026-11-01,2026-11-30,ensemble,recommande_envoye,,3,48,6.3,ok\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\n2026-11-01,2026-11-30,ensemble,recours_avocat,,9,48,18.8,ok\n"),
        "{csv}"
    );
}

/// The 6 phone waits of November come from 5 people (P6 called twice): with K = 6 the median
/// is about fewer than K people and is masked, although its base (events) is 6.
#[test]
fn waiting_median_masked_when_fewer_than_k_people_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = fixture(&dir.path().join("f.db"));
    let csv = |k| {
        String::from_utf8(
            stats::calculer(&s, novembre(), false, k)
                .unwrap()
                .ecrire(Format::Csv, &LIBELLES),
        )
        .unwrap()
    };
    assert!(
        csv(6)
            .contains("\n2026-11-01,2026-11-30,ensemble,attente_ccc_mediane_minutes,,,6,,masque\n")
    );
    assert!(
        csv(5)
            .contains("\n2026-11-01,2026-11-30,ensemble,attente_ccc_mediane_minutes,,17.5,6,,ok\n")
    );
}
