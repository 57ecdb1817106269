//! End to end in tmux, the desk day: search finds what volunteers type (names in either order,
//! phones typed any way, references without their dash), a person for whom something was
//! recorded today stays on the day's list as « vu·e », and two desks pressing `n` at once
//! never get the same reference. Reported as ignored when tmux is missing (build.rs).

mod tui_commun;

use tui_commun::tmux::{Tmux, ligne_vigie};
use tui_commun::*;
use vigie::domain::TypeEvenement;

/// The example base plus a person with no deadline (not on the day's list).
fn base(dir: &std::path::Path) -> std::path::PathBuf {
    let (mut s, _) = base_exemple(dir);
    let mut p = personne("D-000143", "BENAÏSSA", "Aïcha", "93");
    p.telephone = Some("06 33 92 49 49".into());
    s.creer_personne(&p).unwrap();
    dir.join("x.db")
}

/// Replaces the search field's text (Ctrl-U clears it) and waits for the screen to show
/// the new query with `attendu` among its results.
fn chercher(tmux: &Tmux, texte: &str, attendu: &str) -> String {
    tmux.touches(&["C-u"]);
    tmux.texte(texte);
    attendre_tout(tmux, &[&format!("Chercher : {texte}"), attendu])
}

/// Waits (30 s at most) until the screen shows every one of `textes`.
fn attendre_tout(tmux: &Tmux, textes: &[&str]) -> String {
    let debut = std::time::Instant::now();
    loop {
        let e = tmux.ecran();
        if textes.iter().all(|t| e.contains(t)) {
            return e;
        }
        assert!(
            debut.elapsed() < std::time::Duration::from_secs(30),
            "{textes:?} : {e}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn search_finds_what_is_typed_and_the_person_seen_stays_on_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = base(dir.path());
    let tmux = Tmux::nouveau("bureau-jour");
    tmux.demarrer_session(&ligne_vigie(dir.path(), &db));
    let e = tmux.attendre("Urgence");
    assert!(!e.contains("BENAÏSSA"), "not due today: {e}");

    tmux.texte("/");
    tmux.attendre("Chercher :");
    for q in [
        "benaissa aicha",
        "Aïcha Benaïssa",
        "06 33 92",
        "0633924949",
        "+33 6 33 92 49 49",
        "d000143",
    ] {
        chercher(&tmux, q, "Aïcha BENAÏSSA");
    }
    // A query matching nobody shows nobody (the previous results are gone).
    tmux.touches(&["C-u"]);
    tmux.texte("benaissa karim");
    let debut = std::time::Instant::now();
    loop {
        let e = tmux.ecran();
        if e.contains("benaissa karim") && !e.contains("Aïcha BENAÏSSA") {
            break;
        }
        assert!(debut.elapsed() < std::time::Duration::from_secs(30), "{e}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    chercher(&tmux, "aicha", "Aïcha BENAÏSSA");
    tmux.touches(&["Enter"]);
    tmux.attendre("Identité : Aïcha BENAÏSSA");
    // Opening the file records nothing; a CCC does: c 2 Ctrl-S.
    tmux.texte("c");
    tmux.attendre("Saisie : CCC");
    tmux.texte("2");
    tmux.touches(&["C-s"]);
    tmux.attendre("CCC enregistré pour Aïcha BENAÏSSA");
    tmux.touches(&["Escape"]);
    // The list itself (the file on screen before also names her); waiting for the mark, not
    // the header alone: tmux can be read while the frame is still being written.
    let e = attendre_tout(&tmux, &["vigie · Aujourd'hui", "Aïcha BENAÏSSA", "vu·e"]);
    let ligne = e
        .lines()
        .skip_while(|l| !l.contains("Aïcha BENAÏSSA"))
        .take(3)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(ligne.contains("vu·e"), "{e}");
    tmux.texte("q");

    let s = ouvrir(&db, "verif");
    let p = s.personne_par_reference("D-000143").unwrap().unwrap();
    let evs = s.evenements(p.id.unwrap()).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].type_evenement, TypeEvenement::Ccc);
}

/// Fills the new person form (name, first name, département, démarche, blocage, title
/// expiry, PAN, captures) and saves it.
fn remplir_nouvelle(tmux: &Tmux, nom: &str) {
    remplir_avec_telephone(tmux, nom, "");
}

fn remplir_avec_telephone(tmux: &Tmux, nom: &str, telephone: &str) {
    tmux.texte(nom);
    tmux.touches(&["Tab"]);
    tmux.texte("Jeanne");
    tmux.touches(&["Tab"]);
    if !telephone.is_empty() {
        tmux.texte(telephone);
    }
    tmux.touches(&["Tab"]);
    tmux.texte("gironde");
    tmux.attendre("→ 33 Gironde");
    tmux.touches(&["Tab"]);
    tmux.texte("2");
    tmux.touches(&["Tab"]);
    tmux.texte("4");
    tmux.touches(&["Tab", "Tab"]);
    tmux.texte("28/02/2027");
    tmux.touches(&["Tab", "Tab"]);
    tmux.texte("3");
    tmux.touches(&["Tab"]);
    tmux.texte("4");
    tmux.touches(&["Enter"]);
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn two_desks_pressing_n_at_once_get_two_references() {
    let dir = tempfile::tempdir().unwrap();
    let db = base(dir.path());
    let un = Tmux::nouveau("bureau-un");
    let deux = Tmux::nouveau("bureau-deux");
    un.demarrer_session(&ligne_vigie(dir.path(), &db));
    deux.demarrer_session(&ligne_vigie(dir.path(), &db));
    un.attendre("Urgence");
    deux.attendre("Urgence");
    // Both forms open before either is saved: both suggest the same next reference.
    un.texte("n");
    deux.texte("n");
    un.attendre("2026-0004");
    deux.attendre("2026-0004");
    remplir_nouvelle(&un, "MARTIN");
    un.attendre("Personne 2026-0004 créée");
    remplir_nouvelle(&deux, "DURAND");
    // The second desk is given the next free one when it saves, not an error.
    deux.attendre("Personne 2026-0005 créée");
    deux.attendre("Identité : Jeanne DURAND");
    un.texte("q");
    deux.texte("q");
    let s = ouvrir(&db, "verif");
    let martin = s.personne_par_reference("2026-0004").unwrap().unwrap();
    let durand = s.personne_par_reference("2026-0005").unwrap().unwrap();
    assert_eq!(
        (martin.nom.as_str(), durand.nom.as_str()),
        ("MARTIN", "DURAND")
    );
    assert_eq!(s.nombre_personnes().unwrap(), 6);
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn a_new_person_with_a_known_phone_shows_the_existing_file_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = base(dir.path());
    let tmux = Tmux::nouveau("bureau-doublon");
    tmux.demarrer_session(&ligne_vigie(dir.path(), &db));
    tmux.attendre("Urgence");
    // The same phone typed another way: the existing file is offered, o opens it.
    tmux.texte("n");
    tmux.attendre("Nouvelle personne");
    remplir_avec_telephone(&tmux, "BENAISSA", "+33 6 33 92 49 49");
    let e = tmux.attendre("Un dossier existe peut-être déjà (même téléphone)");
    assert!(e.contains("Aïcha BENAÏSSA · réf. D-000143"), "{e}");
    tmux.texte("o");
    tmux.attendre("Identité : Aïcha BENAÏSSA");
    assert_eq!(ouvrir(&db, "verif").nombre_personnes().unwrap(), 4);
    // Another person sharing the phone (a relative): n, then Enter creates the file.
    tmux.touches(&["Escape"]);
    // The list itself (the file also says « Urgence »).
    tmux.attendre("vigie · Aujourd'hui");
    tmux.texte("n");
    tmux.attendre("Nouvelle personne");
    remplir_avec_telephone(&tmux, "BENAISSA", "06 33 92 49 49");
    tmux.attendre("Un dossier existe peut-être déjà");
    tmux.texte("n");
    tmux.attendre("Entrée pour créer ce nouveau dossier quand même");
    tmux.touches(&["Enter"]);
    tmux.attendre("Personne 2026-0004 créée");
    tmux.texte("q");
    assert_eq!(ouvrir(&db, "verif").nombre_personnes().unwrap(), 5);
}

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn an_old_follow_up_sleeps_at_the_end_and_u_then_enter_postpones_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = base_exemple(dir.path());
    // A CCC request unanswered since March: its follow-up is far overdue.
    let p = personne("D-000500", "DORMANT", "Yao", "93");
    let id = s.creer_personne(&p).unwrap();
    let mut e = vigie::domain::Evenement::nouveau(
        TypeEvenement::Ccc,
        vigie::domain::parse_date("2026-03-02").unwrap(),
    );
    e.canal = Some(vigie::domain::Canal::Formulaire);
    e.resultat = Some(vigie::domain::Resultat::EnAttente);
    s.ajouter_evenement(id, &e).unwrap();
    drop(s);
    let db = dir.path().join("x.db");
    let tmux = Tmux::nouveau("bureau-sommeil");
    tmux.demarrer_session(&ligne_vigie(dir.path(), &db));
    let ecran = attendre_tout(&tmux, &["Urgence", "en sommeil : 1", "DORMANT"]);
    // Last on the list, after the day's work, said in words.
    let lignes: Vec<&str> = ecran.lines().collect();
    let dormant = lignes.iter().position(|l| l.contains("DORMANT")).unwrap();
    let autres = lignes.iter().rposition(|l| l.contains("DIALLO")).unwrap();
    assert!(autres < dormant, "{ecran}");
    // The urgency column wraps its words: « z en » / « sommeil ».
    let cellule = format!(
        "{} {}",
        &lignes[dormant][..11],
        lignes
            .get(dormant + 1)
            .map_or("", |l| &l[..l.len().min(11)])
    );
    assert!(
        cellule.split_whitespace().collect::<Vec<_>>().join(" ") == "z en sommeil",
        "{ecran}"
    );
    // End selects it; u proposes the next check; Enter postpones.
    tmux.touches(&["End"]);
    tmux.texte("u");
    tmux.attendre("Prochain suivi le");
    tmux.touches(&["Enter"]);
    let apres = tmux.attendre("Suivi enregistré pour Yao DORMANT");
    assert!(!apres.contains("en sommeil"), "{apres}");
    let o = ouvrir(&db, "verif");
    let evs = o.evenements(id).unwrap();
    let suivi = evs.last().unwrap();
    assert_eq!(suivi.type_evenement, TypeEvenement::Suivi);
    assert_eq!(
        suivi.echeance,
        Some(jour() + chrono::TimeDelta::days(15)),
        "the rule's proposal"
    );
}
