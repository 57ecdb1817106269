//! A registered letter recorded as sent makes the next letter a reminder that cites it by
//! date and AR number, and never cites itself; the coherence warnings come first, on
//! standard error; a desk's own template replaces a shipped one, a malformed one is refused
//! whole with file, line and problem.

mod banc;

use banc::{Banc, erreur, ok};

fn a_plat(t: &str) -> String {
    t.split([' ', '\n'])
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn banc() -> Banc {
    let b = Banc::new();
    b.importer(
        "P1,Diallo,Awa,06 11 22 33 44,33,premiere_demande,depot_impossible,2026-09-01,,,non,\n",
        "P1,2026-09-02,ccc,formulaire,sans_reponse,,T-100,,\n\
         P1,2026-09-20,pan,,rdv_indisponible,,,,\n",
    );
    b
}

fn evenements(b: &Banc, lignes: &str) {
    let e = b.fichier("e2.csv", format!("{}\n{lignes}", banc::ENTETE_E));
    let o = b.vigie(&["import", "--evenements", e.to_str().unwrap()]);
    ok(&o);
}

#[test]
fn a_letter_recorded_as_sent_makes_the_next_one_a_reminder_citing_it() {
    let b = banc();
    // Before: the registered letter itself, no reminder.
    let o = b.vigie(&["lettre", "P1"]);
    let t = a_plat(&ok(&o));
    assert!(t.contains("constater l’impossibilité technique"), "{t}");
    assert!(!t.contains("relance"), "{t}");
    assert!(!t.contains("lettre recommandée du"), "{t}");

    evenements(&b, "P1,2026-10-15,recommande,,envoye,,1A 234 567,,\n");
    let o = b.vigie(&["lettre", "P1"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let t = a_plat(&ok(&o));
    assert!(
        err.contains("déjà enregistrée comme envoyée le 15\u{a0}octobre\u{a0}2026"),
        "{err}"
    );
    assert!(
        t.contains("Objet\u{a0}: relance – ma lettre recommandée du 15\u{a0}octobre\u{a0}2026 (avis de réception n°\u{a0}1A 234 567)"),
        "{t}"
    );
    assert!(t.contains("Par lettre recommandée avec demande d’avis de réception du 15\u{a0}octobre\u{a0}2026 (n°\u{a0}1A 234 567)"), "{t}");
    // Cited as the earlier letter, never told again as a fact of its own.
    assert!(
        !t.contains("je vous ai écrit par lettre recommandée"),
        "{t}"
    );
    assert_eq!(
        t.matches("1A 234 567").count(),
        3,
        "objet, rappel, pièce jointe : {t}"
    );
    assert!(t.contains("copie de ma lettre recommandée du 15\u{a0}octobre\u{a0}2026 et de son avis de réception (n°\u{a0}1A 234 567)"));
    assert!(t.contains("Je vous demande donc à nouveau"));

    // A second letter: the reminder cites the latest, and recalls the first.
    evenements(&b, "P1,2026-11-20,recommande,,envoye,,2B 999,,\n");
    let t = a_plat(&ok(&b.vigie(&["lettre", "P1", "--modele", "relance"])));
    assert!(
        t.contains(
            "ma lettre recommandée du 20\u{a0}novembre\u{a0}2026 (avis de réception n°\u{a0}2B 999)"
        ),
        "{t}"
    );
    assert!(
        t.contains(
            "Je vous avais déjà écrit en ce sens le 15\u{a0}octobre\u{a0}2026 (n°\u{a0}1A 234 567)"
        ),
        "{t}"
    );
    let err = String::from_utf8_lossy(&b.vigie(&["lettre", "P1", "--modele", "relance"]).stderr)
        .to_string();
    assert!(
        err.contains("court jusqu’au") || err.contains("court jusqu'au"),
        "{err}"
    );
}

#[test]
fn a_reminder_after_a_reply_never_says_no_answer_came() {
    let b = banc();
    evenements(
        &b,
        "P1,2026-09-25,recommande,,envoye,,1A 1,,\nP1,2026-10-20,recommande,,reponse_recue,,,,\n",
    );
    let t = a_plat(&ok(&b.vigie(&["lettre", "P1"])));
    assert!(
        t.contains("Votre réponse du 20\u{a0}octobre\u{a0}2026 n’a pas réglé ma situation."),
        "{t}"
    );
    assert!(t.contains("restée sans suite"), "{t}");
    assert!(!t.contains("À ce jour, je n’ai reçu aucune réponse"), "{t}");
    assert!(
        t.contains("- copie de la réponse de la préfecture du 20\u{a0}octobre\u{a0}2026"),
        "{t}"
    );
    assert!(!t.contains("restée sans réponse"), "{t}");
}

#[test]
fn a_reminder_without_a_recorded_letter_leaves_its_date_to_fill() {
    let b = banc();
    let o = b.vigie(&["lettre", "P1", "--modele", "relance"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(
        err.contains("aucune lettre recommandée n'est enregistrée"),
        "{err}"
    );
    let t = a_plat(&ok(&o));
    assert!(
        t.contains("ma lettre recommandée du ...................."),
        "{t}"
    );
}

#[test]
fn warnings_before_writing_and_unknown_template() {
    let b = banc();
    let o = b.vigie(&["lettre", "P1", "--modele", "ccc"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(
        err.contains("identifiants manquants (date de naissance, numéro étranger)"),
        "{err}"
    );
    ok(&o);
    let e = erreur(&b.vigie(&["lettre", "P1", "--modele", "avocat"]));
    assert!(e.contains("modèle inconnu « avocat »"), "{e}");
}

#[test]
fn a_desk_template_replaces_the_shipped_one_and_a_broken_one_is_refused_whole() {
    let b = banc();
    let config = b.racine.join("maison/.config/vigie");
    std::fs::create_dir_all(&config).unwrap();
    let fichier = config.join("ccc.txt");
    std::fs::write(&fichier, "Bonjour, ici {{ personne.nom_complet }}.\n").unwrap();
    let t = ok(&b.vigie(&["lettre", "P1", "--modele", "ccc"]));
    assert_eq!(t, "Bonjour, ici Awa Diallo.\n");
    // A fragment too.
    std::fs::write(config.join("_fin.txt"), "FIN DU BUREAU\n").unwrap();
    let t = ok(&b.vigie(&["lettre", "P1"]));
    assert!(t.trim_end().ends_with("FIN DU BUREAU"), "{t}");
    // Malformed: refused whole, file and line named, the shipped template used.
    std::fs::write(
        &fichier,
        "Bonjour\n{% if personne.nom_complet %}\nsans fin\n",
    )
    .unwrap();
    let o = b.vigie(&["lettre", "P1", "--modele", "ccc"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains(&format!("{}:", fichier.display())), "{err}");
    assert!(err.contains("modèle refusé"), "{err}");
    let t = ok(&o);
    assert!(t.contains("Je vous demande une réponse écrite"), "{t}");
    // An unknown value: refused at rendering, with its line.
    std::fs::write(&fichier, "Bonjour\n\n{{ personne.inconnu }}\n").unwrap();
    let o = b.vigie(&["lettre", "P1", "--modele", "ccc"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains(&format!("{}:3", fichier.display())), "{err}");
    assert!(ok(&o).contains("Je vous demande une réponse écrite"));
}
