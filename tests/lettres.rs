//! End-to-end tests of `vigie lettre` and `vigie chronologie` through the real binary (the
//! templates per blocking type: tests/lettres_modeles.rs; the reminder and desk templates:
//! tests/lettres_relance.rs; the PDF: tests/lettres_pdf.rs).

mod banc;

use std::process::Output;

use banc::Banc;

fn texte(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Awa Diallo (Gironde) with a CCC form, a CCC call, no PAN, and a neighbour whose data must
/// never appear in her documents.
fn banc_diallo() -> Banc {
    let b = Banc::new();
    b.importer(
        "P1,Diallo,Awa,06 11 22 33 44,33,renouvellement,depot_impossible,2026-10-01,2026-12-31,2026-11-30,non,NOTE-PERSONNE-SECRETE\n\
         P2,Voisine,Berthe,07 99 99 99 99,33,premiere_demande,connexion,2026-10-01,,,,NOTE-AUTRE\n",
        "P1,2026-10-01,visite,,,,,,NOTE-VISITE\n\
         P1,2026-10-02,ccc,formulaire,en_attente,2026-10-12,T-100,,NOTE-CCC\n\
         P1,2026-10-20,ccc,telephone,sans_aide,,T-101,35,\n\
         P1,2026-10-25,pan,,pas_de_pan,,,,\n\
         P2,2026-10-03,ccc,formulaire,en_attente,,T-999,,\n",
    );
    // Screenshots are recorded on the person's file (not in the CSV).
    let mut s = b.store();
    let mut p = s.personne_par_reference("P1").unwrap().unwrap();
    p.captures = Some(3);
    s.modifier_personne(&p).unwrap();
    b
}

/// The text on one line (line breaks and indents are layout, not wording).
fn a_plat(t: &str) -> String {
    t.split([' ', '\n'])
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn largeur_ok(t: &str) {
    for l in t.lines() {
        assert!(l.chars().count() <= 80, "ligne trop longue : {l:?}");
    }
}

#[test]
fn letter_is_filled_from_the_file_and_nothing_else() {
    let b = banc_diallo();
    let brut = texte(&b.vigie(&["lettre", "P1"]));
    largeur_ok(&brut);
    assert!(
        brut.ends_with("\n") && !brut.ends_with("\n\n\n"),
        "{brut:?}"
    );
    assert!(brut.contains("- 3 captures d’écran du blocage\n"), "{brut}");
    let t = a_plat(&brut);
    // Sender and addressee.
    assert!(brut.starts_with("Awa Diallo\n"), "{brut}");
    let adresse = vigie::prefectures::adresse_courrier_avec(
        &b.store(),
        vigie::domain::Departement::depuis_code("33").unwrap(),
    )
    .unwrap();
    assert!(adresse.len() >= 2, "{adresse:?}");
    for l in &adresse {
        assert!(t.contains(l.as_str()), "adresse manquante {l:?} dans\n{t}");
    }
    assert!(t.contains("le 23\u{a0}novembre\u{a0}2026"));
    assert!(
        t.contains("Objet\u{a0}: impossibilité technique de déposer ma demande (renouvellement)")
    );
    assert!(t.contains("Madame la Préfète, Monsieur le Préfet,"));
    // Facts in date order, with tickets and waiting time.
    let i100 = t.find("T-100").expect("ticket T-100");
    let i101 = t.find("T-101").expect("ticket T-101");
    let ipan = t.find("il n’existe pas de PAN").expect("PAN");
    assert!(i100 < i101 && i101 < ipan, "{t}");
    assert!(t.contains("35\u{a0}minutes"));
    assert!(t.contains("Le 2\u{a0}octobre\u{a0}2026, j’ai écrit au Centre de contact citoyen"));
    assert!(t.contains("aucune solution de substitution ne m’a été proposée"));
    // Legal basis.
    for s in [
        "3\u{a0}juin\u{a0}2022",
        "n°\u{a0}452798",
        "R.\u{a0}431-2",
        "1er\u{a0}août\u{a0}2023",
        "IOMV2311395A",
        "au moins deux",
        "n’est pas numérique",
    ] {
        assert!(t.contains(s), "{s:?} manque dans\n{t}");
    }
    // Request with the deadlines, enclosures with the screenshot count, signature.
    assert!(t.contains("titre de séjour expire le 31\u{a0}décembre\u{a0}2026"));
    assert!(t.contains("expire le 30\u{a0}novembre\u{a0}2026"));
    assert!(t.contains("compromet la continuité de mes droits"));
    assert!(!t.contains("sans document de séjour"));
    assert!(t.contains("Signature\u{a0}:"));
    assert!(t.trim_end().ends_with("Awa Diallo"));
    // Never: notes, phone, the other person's data.
    for interdit in [
        "NOTE-", "06 11", "Voisine", "Berthe", "T-999", "07 99", "P2",
    ] {
        assert!(
            !t.contains(interdit),
            "{interdit:?} ne doit pas figurer dans\n{t}"
        );
    }
}

#[test]
fn letter_to_a_file_is_the_same_text() {
    let b = banc_diallo();
    let sortie = b.racine.join("lettre.txt");
    let o = b.vigie(&["lettre", "P1", "--sortie", sortie.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let ecrit = std::fs::read_to_string(&sortie).unwrap();
    assert_eq!(ecrit, texte(&b.vigie(&["lettre", "P1"])));
}

#[test]
fn unknown_reference_is_a_clear_error() {
    let b = banc_diallo();
    for cmd in ["lettre", "chronologie"] {
        let o = b.vigie(&[cmd, "INCONNU"]);
        assert!(!o.status.success());
        assert!(o.stdout.is_empty());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("aucune personne") && err.contains("INCONNU"),
            "{err}"
        );
    }
}

#[test]
fn chronology_lists_every_event_in_order_with_the_next_step() {
    let b = banc_diallo();
    let t = texte(&b.vigie(&["chronologie", "P1"]));
    largeur_ok(&t);
    assert!(
        t.contains("Préfecture\u{a0}: Préfecture de la Gironde (33)"),
        "{t}"
    );
    assert!(t.contains("Titre de séjour\u{a0}: expire le 31\u{a0}décembre\u{a0}2026"));
    assert!(t.contains("4 démarches enregistrées"));
    let positions: Vec<usize> = [
        "1. Le 1er\u{a0}octobre\u{a0}2026\u{a0}: Visite",
        "2. Le 2\u{a0}octobre\u{a0}2026\u{a0}: CCC",
        "3. Le 20\u{a0}octobre\u{a0}2026\u{a0}: CCC",
        "4. Le 25\u{a0}octobre\u{a0}2026\u{a0}: PAN",
    ]
    .iter()
    .map(|s| {
        t.find(s)
            .unwrap_or_else(|| panic!("{s:?} manque dans\n{t}"))
    })
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
    assert!(t.contains("Numéro de demande (ticket)\u{a0}: T-100"));
    assert!(t.contains("Relance prévue le\u{a0}: 12\u{a0}octobre\u{a0}2026"));
    assert!(t.contains("Attente au téléphone\u{a0}: 35 minutes"));
    assert!(t.contains("Résultat\u{a0}: pas de PAN"));
    assert_eq!(
        t.matches("Enregistré par\u{a0}: Camille Testeuse").count(),
        4
    );
    // The engine's verdict, as the person's file shows it.
    let s = b.store();
    let p = s.personne_par_reference("P1").unwrap().unwrap();
    let regles = vigie::domain::regles::livrees();
    let jour = vigie::domain::parse_date("2026-11-23").unwrap();
    let ev = vigie::jour::evaluer_personne(&s, &regles, &p, jour).unwrap();
    assert!(t.contains(&format!("Étape actuelle\u{a0}: {}", ev.etape.libelle())));
    assert!(t.contains(&format!(
        "Prochaine étape recommandée\u{a0}: {}",
        vigie::textes::moteur::action(&ev.prochaine)
    )));
    // The reason is not introduced twice.
    assert!(!t.contains("Raison\u{a0}: Prochaine étape"), "{t}");
    for interdit in ["NOTE-", "06 11", "Voisine", "T-999"] {
        assert!(!t.contains(interdit), "{interdit:?} dans\n{t}");
    }
}
