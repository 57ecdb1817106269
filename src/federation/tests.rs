use super::*;
use crate::domain::{Blocage, Demarche};
use crate::stats::FaitsPersonne;

fn acc(n: usize, dep: &str) -> Accumulateur {
    let p = Periode::mois(2026, 11).unwrap_or(Periode {
        du: chrono::NaiveDate::MIN,
        au: chrono::NaiveDate::MIN,
    });
    let mut a = Accumulateur::nouveau(p);
    let d = Departement::depuis_code(dep).unwrap();
    for i in 0..n {
        let mut f = FaitsPersonne::sans_attributs(d);
        f.demarche = Demarche::Renouvellement;
        f.blocage = Blocage::Connexion;
        f.ouvert_le = p.du;
        f.premier_resolu = (i % 2 == 0).then_some(p.au);
        a.ajouter_personne(&f);
        a.ajouter_attente(d, i as i64 * 5);
    }
    a
}

#[test]
fn encoding_round_trips_and_holds_no_date_but_the_period() {
    let c = Contribution::depuis("Permanence A", acc(7, "33"));
    let texte = encoder(&c);
    assert_eq!(decoder(&texte), Ok(c.clone()));
    assert!(texte.contains("version = 1"));
    let mut dates: Vec<&str> = texte.lines().filter(|l| l.contains("2026-")).collect();
    dates.sort();
    assert_eq!(dates, ["au = \"2026-11-30\"", "du = \"2026-11-01\""]);
}

#[test]
fn encrypted_to_the_key_only() {
    let (secret, public) = generer_cles();
    assert!(public.starts_with("age1") && secret.starts_with("AGE-SECRET-KEY-1"));
    let c = Contribution::depuis("Permanence A", acc(4, "75"));
    let chiffre = chiffrer(&c, &public).unwrap();
    assert!(!chiffre.contains("Permanence"));
    let cle = lire_cle(&format!("# une clé\n{secret}\n")).unwrap();
    assert_eq!(dechiffrer(&cle, chiffre.as_bytes()), Ok(c.clone()));
    let (autre, _) = generer_cles();
    let autre = lire_cle(&autre).unwrap();
    assert_eq!(
        dechiffrer(&autre, chiffre.as_bytes()),
        Err(ErreurFederation::MauvaiseCle)
    );
    assert_eq!(
        chiffrer(&c, "age1pasuneclé"),
        Err(ErreurFederation::DestinataireInvalide)
    );
    assert!(matches!(
        lire_cle("rien"),
        Err(ErreurFederation::CleInvalide)
    ));
}

#[test]
fn other_versions_and_broken_contents_are_refused() {
    let c = Contribution::depuis("A", acc(3, "33"));
    let texte = encoder(&c);
    assert_eq!(
        decoder(&texte.replace("version = 1", "version = 2")),
        Err(ErreurFederation::Version(2))
    );
    assert!(matches!(
        decoder(&texte.replace("resolus = 2", "resolus = 3")),
        Err(ErreurFederation::Format(_))
    ));
    assert_eq!(
        decoder(&texte.replace("au = \"2026-11-30\"", "au = \"2026-11-29\"")),
        Err(ErreurFederation::PeriodeNonMensuelle)
    );
}

#[test]
fn sums_and_refuses_duplicates_and_mixed_periods() {
    let a = Contribution::depuis("A", acc(3, "33"));
    let b = Contribution::depuis("B", acc(4, "33"));
    let somme = agreger(&[a.clone(), b.clone()]).unwrap();
    let mut seul = acc(3, "33");
    seul.ensemble.sommer(&acc(4, "33").ensemble);
    assert_eq!(somme.ensemble, seul.ensemble);
    assert_eq!(somme.ensemble.suivies, 7);
    assert_eq!(
        agreger(&[a.clone(), b.clone(), a.clone()]),
        Err(ErreurAgregation::PosteEnDouble {
            premier: 0,
            autre: 2
        })
    );
    let mut decembre = b.clone();
    decembre.periode = Periode::mois(2026, 12).unwrap();
    assert_eq!(
        agreger(&[a, decembre]),
        Err(ErreurAgregation::PeriodesDifferentes {
            premier: 0,
            autre: 1
        })
    );
    assert_eq!(agreger(&[]), Err(ErreurAgregation::Aucune));
}
