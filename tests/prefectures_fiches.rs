//! The préfecture cards and names as worded for the screen, the command line and letters:
//! the shipped facts and the local corrections, seen through `textes::prefecture`.

use chrono::NaiveDate;
use vigie::domain::Departement;
use vigie::domain::moteur::PanConnu;
use vigie::prefectures::corrections::{ChampCorrection, Correction, departager};
use vigie::prefectures::{Doute, Fiche, repertoire};
use vigie::textes::prefecture::{adresse_courrier, destinataire, fiche_texte, la_prefecture};

fn dep(code: &str) -> Departement {
    Departement::depuis_code(code).unwrap()
}

fn jour(s: &str) -> NaiveDate {
    vigie::domain::parse_date(s).unwrap()
}

fn correction(
    code: &str,
    champ: ChampCorrection,
    valeur: &str,
    verifie: &str,
    auteur: &str,
    saisi: &str,
) -> Correction {
    Correction {
        departement: dep(code),
        champ,
        valeur: valeur.into(),
        verifie_le: jour(verifie),
        source: String::new(),
        auteur: auteur.into(),
        saisi_le: saisi.into(),
    }
}

#[test]
fn names_of_the_prefectures_in_sentences_and_on_letters() {
    assert_eq!(la_prefecture(dep("974")), "la préfecture de La Réunion");
    assert_eq!(la_prefecture(dep("59")), "la préfecture du Nord");
    assert_eq!(la_prefecture(dep("01")), "la préfecture de l'Ain");
    assert_eq!(la_prefecture(dep("40")), "la préfecture des Landes");
    assert_eq!(destinataire(dep("33")), "Préfecture de la Gironde");
    assert_eq!(destinataire(dep("75")), "Préfecture de police de Paris");
}

#[test]
fn staleness_caveats_are_visible_on_the_cards() {
    for c in ["41", "45", "69", "80", "30"] {
        let e = repertoire().unwrap().entree(dep(c));
        assert!(
            e.coordonnees.doutes().contains(&Doute::TelephoneSurtaxe),
            "{c}"
        );
        assert!(fiche_texte(&Fiche::livree(dep(c)).unwrap()).contains("à tarif spécial"));
    }
    assert!(
        !repertoire()
            .unwrap()
            .entree(dep("33"))
            .coordonnees
            .doutes()
            .contains(&Doute::TelephoneSurtaxe)
    );
    let moselle = fiche_texte(&Fiche::livree(dep("57")).unwrap());
    assert!(
        moselle.contains(
            "https://www.moselle.gouv.fr (adresse déduite : l'annuaire n'en donne aucune"
        )
    );
    let guadeloupe = fiche_texte(&Fiche::livree(dep("971")).unwrap());
    assert!(guadeloupe.contains("adresse déduite, pas celle de l'annuaire"));
    let aveyron = fiche_texte(&Fiche::livree(dep("12")).unwrap());
    assert!(aveyron.contains("prefecture@aveyron.fr (adresse hors gouv.fr"));
    assert!(aveyron.contains("faite au plus tard en juillet 2022"));
}

#[test]
fn every_card_renders_with_the_ccc_contact_and_sources() {
    for d in Departement::tous() {
        let f = Fiche::livree(d).unwrap();
        let t = fiche_texte(&f);
        assert!(t.contains("0806 001 620"), "{}", d.code());
        assert!(t.contains("particuliers/#/contact"));
        assert!(t.contains(&f.entree.coordonnees.postal_code));
        assert!(!t.contains('│') && !t.contains('─'));
        // Every fact of the entry appears with its source line.
        for fait in &f.entree.faits {
            assert!(t.contains(&fait.source.reference), "{}", d.code());
        }
    }
    let guyane = fiche_texte(&Fiche::livree(dep("973")).unwrap());
    assert!(guyane.contains("Le rendez-vous au PAN est donné par le CCC"));
    assert!(guyane.contains("(novembre 2021)"));
    let alpes = fiche_texte(&Fiche::livree(dep("04")).unwrap());
    assert!(alpes.contains("e-MERAUDE") && alpes.contains("(19/04/2023)"));
    let nice = fiche_texte(&Fiche::livree(dep("06")).unwrap());
    assert!(nice.contains("source non datée : communiqué daté du « vendredi 4 juillet »"));
}

#[test]
fn most_recently_verified_correction_wins_whatever_the_order() {
    let ancienne = correction(
        "33",
        ChampCorrection::Pan,
        "aucun",
        "2026-10-01",
        "Awa",
        "2026-11-20 10:00:00",
    );
    let recente = correction(
        "33",
        ChampCorrection::Pan,
        "dedie",
        "2026-11-12",
        "Jean",
        "2026-11-12 09:00:00",
    );
    let note1 = correction(
        "33",
        ChampCorrection::Note,
        "appeler le matin",
        "2026-11-01",
        "Awa",
        "2026-11-01 09:00:00",
    );
    let note2 = correction(
        "33",
        ChampCorrection::Note,
        "file d'attente longue",
        "2026-11-02",
        "Jean",
        "2026-11-02 09:00:00",
    );
    let toutes = vec![
        ancienne.clone(),
        recente.clone(),
        note1.clone(),
        note2.clone(),
    ];
    let (actives, historique) = departager(toutes.clone());
    assert_eq!(actives, vec![recente.clone(), note2.clone(), note1.clone()]);
    assert_eq!(historique, vec![ancienne.clone()]);
    let mut inverse = toutes;
    inverse.reverse();
    assert_eq!(departager(inverse), (actives, historique));

    let f = Fiche::avec(dep("33"), vec![ancienne, recente]).unwrap();
    assert_eq!(f.connaissance().pan, PanConnu::Dedie);
    let t = fiche_texte(&f);
    let i_corr = t.find("CORRECTIONS LOCALES").unwrap();
    assert!(i_corr < t.find("ADRESSE POUR UN RECOMMANDÉ").unwrap());
    assert!(t.contains("vérifié le 12/11/2026 par Jean, saisi le 12/11/2026 à 09:00"));
    assert!(t.contains("Historique"));
    assert!(t.contains("vérifié le 01/10/2026 par Awa"));
}

#[test]
fn corrections_override_substitution_and_address() {
    let c = vec![
        correction(
            "33",
            ChampCorrection::PostalImpose,
            "non",
            "2026-11-10",
            "A",
            "2026-11-10 10:00:00",
        ),
        correction(
            "33",
            ChampCorrection::Guichet,
            "oui",
            "2026-11-10",
            "A",
            "2026-11-10 10:00:00",
        ),
        correction(
            "33",
            ChampCorrection::Adresse,
            "2, esplanade Charles-de-Gaulle\nCS 41397\n33077 Bordeaux Cedex",
            "2026-11-10",
            "A",
            "2026-11-10 10:00:00",
        ),
        correction(
            "59",
            ChampCorrection::Guichet,
            "oui",
            "2026-11-10",
            "A",
            "2026-11-10 10:00:00",
        ),
    ];
    let f = Fiche::avec(dep("33"), c).unwrap();
    let k = f.connaissance();
    assert!(!k.postal_impose);
    assert_eq!(k.guichet, Some(true));
    assert_eq!(
        adresse_courrier(&f),
        [
            "Préfecture de la Gironde",
            "2, esplanade Charles-de-Gaulle",
            "CS 41397",
            "33077 Bordeaux Cedex"
        ]
    );
    assert_eq!(f.adresse_courrier(), adresse_courrier(&f)[1..]);
    assert!(!fiche_texte(&f).contains("Dépôt postal imposé, contrairement"));
    // The correction of another département is ignored.
    assert_eq!(f.corrections.len(), 3);
}
