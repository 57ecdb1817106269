//! First run on a terminal (through `script`, util-linux): three tries for a weak or
//! mismatched new phrase and for a wrong one, the base's path and the lost-phrase warning on
//! creation, the volunteer's name asked once and kept.

mod banc;

use banc::Banc;
use std::process::{Command, Stdio};

const BONNE: &str = "quatre mots bien choisis";

/// `vigie ARGS` on `b`'s encrypted base on a pseudo-terminal, typing `saisie`; the volunteer
/// comes from the environment only when `benevole` is given. Returns (success, everything shown).
fn terminal(b: &Banc, args: &str, saisie: &str, benevole: Option<&str>) -> (bool, String) {
    use std::io::Write;
    let commande = format!(
        "{} --db {} {args}",
        env!("CARGO_BIN_EXE_vigie"),
        b.db.display()
    );
    let mut script = Command::new("script");
    banc::epingler(&mut script, &b.racine);
    script
        .args(["-qec", &commande, "/dev/null"])
        .env("VIGIE_DATE", banc::JOUR)
        .env_remove("VIGIE_PASSPHRASE")
        .env_remove("VIGIE_DB")
        .env_remove("VIGIE_BENEVOLE");
    if let Some(n) = benevole {
        script.env("VIGIE_BENEVOLE", n);
    }
    let mut enfant = script
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux)");
    enfant
        .stdin
        .take()
        .expect("stdin")
        .write_all(saisie.as_bytes())
        .expect("typing");
    let o = enfant.wait_with_output().expect("script");
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

#[test]
#[cfg_attr(
    not(vigie_script),
    ignore = "script (util-linux) absent : installez-le pour ce test"
)]
fn a_new_base_allows_three_tries_and_says_where_it_is_and_what_a_lost_phrase_means() {
    let b = Banc::chiffre();
    // A weak phrase, then a mismatched one, then the right one typed twice.
    let (reussi, tout) = terminal(
        &b,
        "demo --personnes 3",
        &format!("court\n{BONNE}\nautre chose tapée\n{BONNE}\n{BONNE}\n"),
        Some("Lucie"),
    );
    assert!(reussi, "{tout}");
    assert!(tout.contains("2 essais restants"), "{tout}");
    assert!(
        tout.contains("diffèrent : recommencez (1 essai restant)"),
        "{tout}"
    );
    assert!(
        tout.contains(&format!("Base créée : {}", b.db.display())),
        "{tout}"
    );
    assert!(
        tout.contains("sans la phrase secrète, personne ne peut relire"),
        "{tout}"
    );
    assert!(tout.contains("vigie sauvegarde --sortie"), "{tout}");

    // A wrong phrase twice, then the right one: the base opens.
    let (reussi, tout) = terminal(
        &b,
        "aujourdhui",
        &format!("mauvaise\nencore fausse\n{BONNE}\n"),
        None,
    );
    assert!(reussi, "{tout}");
    assert!(
        tout.contains("incorrecte : recommencez (2 essais restants)"),
        "{tout}"
    );
    assert!(tout.contains("(1 essai restant)"), "{tout}");
    assert!(!tout.contains("Base créée"), "{tout}");
    // Three wrong ones: refused, in French.
    let (reussi, tout) = terminal(&b, "aujourdhui", "a\nb\nc\n", None);
    assert!(!reussi, "{tout}");
    assert!(tout.contains("phrase secrète"), "{tout}");

    // Three weak new phrases: nothing is created.
    let autre = Banc::chiffre();
    let (reussi, tout) = terminal(&autre, "demo --personnes 3", "a\nb\nc\n", Some("Lucie"));
    assert!(!reussi, "{tout}");
    assert!(tout.contains("3 essais"), "{tout}");
    assert!(!autre.db.exists());
}

#[test]
#[cfg_attr(
    not(vigie_script),
    ignore = "script (util-linux) absent : installez-le pour ce test"
)]
fn the_volunteer_is_asked_once_and_kept() {
    let b = Banc::new();
    let sans = |args: &str| format!("--sans-chiffrement {args}");
    banc::ok(&b.vigie(&["demo", "--personnes", "2"]));
    let reference: String = b
        .sql()
        .query_row("SELECT reference FROM personnes LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let (reussi, tout) = terminal(
        &b,
        &sans(&format!("noter {reference} visite")),
        "Yasmine\n",
        None,
    );
    assert!(reussi, "{tout}");
    assert!(tout.contains("Votre nom"), "{tout}");
    assert!(tout.contains("signées « Yasmine »"), "{tout}");
    assert!(tout.contains("signé Yasmine."), "{tout}");
    // The next command asks nothing and signs with the kept name.
    let (reussi, tout) = terminal(&b, &sans(&format!("noter {reference} visite")), "", None);
    assert!(reussi, "{tout}");
    assert!(!tout.contains("Votre nom"), "{tout}");
    assert!(tout.contains("signé Yasmine."), "{tout}");
    // --benevole still wins.
    let (reussi, tout) = terminal(
        &b,
        &sans(&format!("--benevole Paul noter {reference} visite")),
        "",
        None,
    );
    assert!(reussi, "{tout}");
    assert!(tout.contains("signé Paul."), "{tout}");
}
