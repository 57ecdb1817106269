use super::*;
use crate::domain::moteur::{ConnaissancePrefecture, PanConnu, evaluer};
use crate::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement, parse_date,
};
use crate::lettres::{Dossier, Modele};

#[test]
fn engine_sentences_get_no_break_spaces_before_colons_and_semicolons() {
    assert_eq!(
        insecables("mesures utiles ; Défenseur : saisi"),
        "mesures utiles\u{a0}; Défenseur\u{a0}: saisi"
    );
}
use crate::domain::regles::Regles;

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

/// The text on one line (line breaks and indents are layout, not wording).
fn a_plat(t: &str) -> String {
    t.split([' ', '\n'])
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn evenement(t: TypeEvenement, date: &str, r: Option<Resultat>) -> Evenement {
    let mut e = Evenement::nouveau(t, d(date));
    e.resultat = r;
    e
}

fn dossier(evenements: Vec<Evenement>, pan: PanConnu, captures: Option<u32>) -> Dossier {
    let personne = Personne {
        id: Some(1),
        reference: "R1".into(),
        nom: "N'Diaye".into(),
        prenom: Some("Omar".into()),
        telephone: Some("0600000000".into()),
        departement: Departement::depuis_code("22").unwrap(),
        demarche: Demarche::PremiereDemande,
        blocage: Blocage::ApiNonRenouvelee,
        ouvert_le: d("2026-09-01"),
        titre_expire_le: None,
        api_expire_le: Some(d("2026-11-01")),
        pan_connu: None,
        notes: Some("NOTE".into()),
        captures,
        identite: Default::default(),
        version: 1,
    };
    let prefecture = ConnaissancePrefecture {
        departement: Departement::depuis_code("22").ok(),
        pan,
        ..ConnaissancePrefecture::default()
    };
    let aujourdhui = d("2026-11-23");
    let evaluation = evaluer(
        &personne,
        &evenements,
        &prefecture,
        &Regles::default(),
        aujourdhui,
    );
    Dossier {
        personne,
        evenements,
        adresse_prefecture: vec!["1 place".into()],
        adresse_verifiee_le: None,
        prefecture,
        evaluation,
        delai_reponse_jours: 30,
        fenetre_fermee_le: None,
        aujourdhui,
    }
}

#[test]
fn dates_in_letters() {
    assert_eq!(date_lettre(d("2023-08-01")), "1er\u{a0}août\u{a0}2023");
    assert_eq!(date_lettre(d("2026-11-23")), "23\u{a0}novembre\u{a0}2026");
}

#[test]
fn each_event_type_tells_its_fact_or_nothing() {
    let mut ccc = evenement(TypeEvenement::Ccc, "2026-10-02", Some(Resultat::SansAide));
    ccc.canal = Some(Canal::Telephone);
    ccc.ticket = Some(" T-7 ".into());
    ccc.attente_minutes = Some(12);
    let f = fait(&ccc).unwrap();
    assert!(
        f.starts_with("le 2\u{a0}octobre\u{a0}2026, j’ai appelé"),
        "{f}"
    );
    assert!(
        f.contains("12\u{a0}minutes") && f.contains("n°\u{a0}T-7"),
        "{f}"
    );
    assert!(f.contains("\u{a0}; le CCC n’a pas pu"), "{f}");

    let mut pan = evenement(TypeEvenement::Pan, "2026-10-05", Some(Resultat::RdvObtenu));
    pan.echeance = Some(d("2026-10-20"));
    assert!(
        fait(&pan)
            .unwrap()
            .contains("pour le 20\u{a0}octobre\u{a0}2026")
    );

    let mut sub = evenement(
        TypeEvenement::Substitution,
        "2026-10-06",
        Some(Resultat::Refus),
    );
    sub.canal = Some(Canal::Postal);
    assert!(
        fait(&sub)
            .unwrap()
            .contains("refusé le dépôt de ma demande par voie postale")
    );

    let mut ar = evenement(
        TypeEvenement::Recommande,
        "2026-10-07",
        Some(Resultat::Envoye),
    );
    ar.ticket = Some("1A 234".into());
    assert!(
        fait(&ar)
            .unwrap()
            .contains("accusé de réception n°\u{a0}1A 234")
    );

    for t in [
        TypeEvenement::Visite,
        TypeEvenement::Avocat,
        TypeEvenement::DefenseurDroits,
        TypeEvenement::Cloture,
    ] {
        let mut e = evenement(t, "2026-10-08", None);
        e.notes = Some("NOTE".into());
        assert_eq!(fait(&e), None, "{t:?}");
    }
}

#[test]
fn letter_says_what_the_prefecture_did_not_offer_and_never_harms() {
    let mut dos = dossier(Vec::new(), PanConnu::Aucun, None);
    dos.personne.blocage = Blocage::DepotImpossible;
    let brut = lettre(&dos);
    assert!(lignes_trop_longues(&brut).is_empty());
    let t = a_plat(&brut);
    assert!(
        t.contains("ne dispose pas d’un point d’accueil numérique"),
        "{t}"
    );
    assert!(t.contains("aucune solution de substitution ne m’a été proposée"));
    assert!(!t.contains("capture d’écran du blocage, jointe"), "{t}");
    assert!(!t.contains("démarches suivantes"));
    // The expiry is a date; never a self-declared irregular stay, never an API before filing.
    assert!(t.contains("a expiré le 1er\u{a0}novembre\u{a0}2026"), "{t}");
    assert!(!t.contains("sans document de séjour valable"));
    assert!(
        !t.contains("me délivrer une attestation de prolongation"),
        "{t}"
    );
    assert!(t.contains("Madame la Préfète, Monsieur le Préfet,"));
    assert!(t.contains("Omar N’Diaye"));
    assert!(!t.contains("NOTE") && !t.contains("0600000000"));
    assert!(!t.contains(" :"), "espace ordinaire avant deux-points");
}

#[test]
fn letter_invokes_the_exceptions_of_the_arrete_when_they_apply() {
    let mut ccc = evenement(
        TypeEvenement::Ccc,
        "2026-10-02",
        Some(Resultat::AttestationImpossibilite),
    );
    ccc.canal = Some(Canal::Formulaire);
    let mut dos = dossier(vec![ccc], PanConnu::Inconnu, None);
    dos.personne.blocage = Blocage::DepotImpossible;
    let t = a_plat(&lettre(&dos));
    assert!(
        t.contains("Par exception, le même arrêté permet de bénéficier"),
        "{t}"
    );
    assert!(
        t.contains("- le document du Centre de contact citoyen attestant"),
        "{t}"
    );
    assert!(!t.contains("ne peut pas m’être imposé"));
    dos.prefecture.postal_impose = true;
    dos.evenements.clear();
    let t = a_plat(&lettre(&dos));
    assert!(t.contains("il ne peut pas m’être imposé"), "{t}");
    assert!(!t.contains("Par exception"));
}

#[test]
fn letter_with_an_offer_and_evidence() {
    let offre = evenement(
        TypeEvenement::Pan,
        "2026-10-05",
        Some(Resultat::SubstitutionProposee),
    );
    let mut dos = dossier(vec![offre], PanConnu::Aucun, Some(1));
    dos.personne.blocage = Blocage::DepotImpossible;
    let brut = lettre(&dos);
    assert!(brut.contains("- 1 capture d’écran du blocage\n"), "{brut}");
    let t = a_plat(&brut);
    assert!(!t.contains("aucune solution de substitution ne m’a été proposée"));
    assert!(!t.contains("ne dispose pas d’un point d’accueil"));
    assert!(
        t.contains("1 capture d’écran du blocage, jointe à ce courrier"),
        "{t}"
    );
}

#[test]
fn chronology_without_events_still_gives_the_next_step() {
    let dos = dossier(Vec::new(), PanConnu::Inconnu, None);
    let t = chronologie(&dos);
    assert!(t.contains("Aucune démarche enregistrée."));
    assert!(
        t.contains(
            &crate::mise_en_page::envelopper(
                &crate::textes::moteur::action(&dos.evaluation.prochaine),
                &crate::mise_en_page::Habillage::simple(1000)
            )[0]
            .replace('\'', "’")
        )
    );
    assert!(t.contains("Preuves du blocage conservées\u{a0}: non renseigné(e)"));
    assert!(!t.contains("NOTE") && !t.contains("0600000000"));
    assert!(lignes_trop_longues(&t).is_empty());
}

#[test]
fn notes_only_with_the_option() {
    let mut e = evenement(TypeEvenement::Visite, "2026-10-08", None);
    e.notes = Some("NOTE-VISITE\nsuite".into());
    let dos = dossier(vec![e], PanConnu::Inconnu, None);
    assert!(!chronologie(&dos).contains("NOTE-VISITE"));
    let avec = document(&dos, Modele::Chronologie, Options { avec_notes: true });
    assert!(
        a_plat(&avec).contains("Notes\u{a0}: NOTE-VISITE suite"),
        "{avec}"
    );
}

#[test]
fn a_postal_deposit_the_person_did_not_ask_for_is_refused_and_a_closed_file_warned() {
    let mut inv = evenement(
        TypeEvenement::Substitution,
        "2026-10-06",
        Some(Resultat::Invitation),
    );
    inv.canal = Some(Canal::Postal);
    let mut dos = dossier(vec![inv], PanConnu::Inconnu, None);
    dos.personne.blocage = Blocage::DepotImpossible;
    let t = a_plat(&lettre(&dos));
    assert!(t.contains("il ne peut pas m’être imposé"), "{t}");
    assert!(t.contains("je ne l’ai pas demandé"), "{t}");
    assert!(
        !crate::lettres::avertissements(&dos, Modele::Recommande)
            .iter()
            .any(|a| matches!(a, crate::lettres::Avertissement::DossierClos { .. }))
    );
    dos.evenements.push(evenement(
        TypeEvenement::Cloture,
        "2026-11-01",
        Some(Resultat::Resolu),
    ));
    let a = crate::lettres::avertissements(&dos, Modele::Recommande);
    assert!(
        a.contains(&crate::lettres::Avertissement::DossierClos {
            le: d("2026-11-01")
        }),
        "{a:?}"
    );
}
