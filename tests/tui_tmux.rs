//! End to end: the real binary in tmux (fixed 100×30 size, private socket), driven like a
//! volunteer would: search a person, record a CCC contact and a PAN outcome, create a person,
//! quit; then the database must hold exactly what was typed. Reported as ignored by `cargo test`
//! when tmux is not installed (see build.rs), never passed without running.

mod tui_commun;

use std::time::{Duration, Instant};
use tui_commun::tmux::{Tmux, ligne_vigie};
use tui_commun::*;
use vigie::domain::{Blocage, Canal, Demarche, Resultat, TypeEvenement, parse_date};

#[test]
#[cfg_attr(not(vigie_tmux), ignore = "tmux absent : installez tmux pour ce test")]
fn a_volunteer_session_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ids = {
        let (_s, ids) = base_exemple(dir.path());
        ids
    };
    let tmux = Tmux::nouveau("e2e");
    // HOME and the XDG folders inside the test's folder: never the developer's own files.
    tmux.demarrer_session(&ligne_vigie(dir.path(), &db));
    tmux.attendre("Aujourd'hui");
    tmux.attendre("bénévole : Lucie");

    // Another desk adds someone whose rights have lapsed: the list refreshes by itself.
    {
        let mut autre = ouvrir(&db, "Paul");
        let mut z = personne("2025-0050", "ZOLA", "Inès", "13");
        z.titre_expire_le = Some(parse_date("2026-01-01").unwrap());
        z.api_expire_le = Some(parse_date("2026-04-01").unwrap());
        autre.creer_personne(&z).unwrap();
    }
    tmux.attendre("Inès ZOLA");
    tmux.attendre("Données mises à jour par un autre poste");

    // Search DIALLO without the accent-free exact case, open the file.
    tmux.texte("/");
    tmux.attendre("Chercher :");
    tmux.texte("dial");
    tmux.attendre("Awa DIALLO");
    tmux.touches(&["Enter"]);
    tmux.attendre("Identité : Awa DIALLO");

    // CCC by form, no help, ticket 12345: c 2 Tab 12345 Enter.
    tmux.texte("c");
    tmux.attendre("Saisie : CCC");
    tmux.texte("2");
    tmux.touches(&["Tab"]);
    tmux.texte("12345");
    tmux.touches(&["Enter"]);
    tmux.attendre("CCC enregistré pour Awa DIALLO");

    // PAN: appointment unavailable, with a note on two lines, saved with Ctrl-S.
    tmux.texte("p");
    tmux.attendre("Saisie : PAN");
    tmux.texte("3");
    tmux.touches(&["Tab", "Tab"]);
    tmux.texte("aucun créneau");
    tmux.touches(&["Enter"]);
    tmux.texte("rappeler");
    tmux.touches(&["C-s"]);
    tmux.attendre("PAN enregistré pour Awa DIALLO");
    tmux.attendre("rendez-vous indisponible");

    // Back to the list, new person, a wrong date first.
    tmux.touches(&["Escape"]);
    // The list itself (the file also says « Urgence »): an Escape still being read
    // with the next key would make it Alt-n.
    tmux.attendre("vigie · Aujourd'hui");
    tmux.texte("n");
    tmux.attendre("Nouvelle personne");
    tmux.texte("MARTIN");
    tmux.touches(&["Tab"]);
    tmux.texte("Jeanne");
    tmux.touches(&["Tab"]);
    tmux.texte("+33 6 12 34 56 78");
    tmux.touches(&["Tab"]);
    tmux.texte("gironde");
    tmux.attendre("→ 33 Gironde");
    tmux.touches(&["Tab"]);
    tmux.texte("2");
    tmux.touches(&["Tab"]);
    tmux.texte("4");
    tmux.touches(&["Tab", "Tab"]);
    tmux.texte("31/02/2027");
    tmux.touches(&["Enter"]);
    tmux.attendre("date invalide");
    tmux.touches(&["C-u"]);
    tmux.texte("28/02/2027");
    tmux.touches(&["Tab", "Tab"]);
    tmux.texte("3");
    tmux.touches(&["Tab"]);
    tmux.texte("4");
    tmux.touches(&["Enter"]);
    tmux.attendre("Personne 2026-0004 créée");
    tmux.attendre("Identité : Jeanne MARTIN");

    // Quit.
    tmux.texte("q");
    let debut = Instant::now();
    while !tmux.session_finie() {
        assert!(
            debut.elapsed() < Duration::from_secs(10),
            "vigie ne s'est pas arrêté"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // The database holds exactly what was typed.
    let store = ouvrir(&db, "verif");
    let evs = store.evenements(ids[0]).unwrap();
    assert_eq!(evs.len(), 2, "{evs:?}");
    let ccc = &evs[0];
    assert_eq!(ccc.type_evenement, TypeEvenement::Ccc);
    assert_eq!(ccc.date, jour());
    assert_eq!(ccc.canal, Some(Canal::Formulaire));
    assert_eq!(ccc.resultat, Some(Resultat::SansAide));
    assert_eq!(ccc.ticket.as_deref(), Some("12345"));
    assert_eq!(
        (ccc.attente_minutes, ccc.echeance, &ccc.notes),
        (None, None, &None)
    );
    assert_eq!(ccc.saisi_par, "Lucie");
    let pan = &evs[1];
    assert_eq!(pan.type_evenement, TypeEvenement::Pan);
    assert_eq!(pan.date, jour());
    assert_eq!(pan.canal, None);
    assert_eq!(pan.resultat, Some(Resultat::RdvIndisponible));
    assert_eq!(pan.notes.as_deref(), Some("aucun créneau\nrappeler"));
    assert_eq!((pan.ticket.as_ref(), pan.echeance), (None, None));
    for id in &ids[1..] {
        assert!(store.evenements(*id).unwrap().is_empty());
    }
    assert_eq!(store.nombre_personnes().unwrap(), 5);
    let p = store.personne_par_reference("2026-0004").unwrap().unwrap();
    assert_eq!(p.nom, "MARTIN");
    assert_eq!(p.prenom.as_deref(), Some("Jeanne"));
    assert_eq!(p.telephone.as_deref(), Some("+33 6 12 34 56 78"));
    assert_eq!(p.departement.code(), "33");
    assert_eq!(p.demarche, Demarche::Renouvellement);
    assert_eq!(p.blocage, Blocage::ApiNonRenouvelee);
    assert_eq!(p.ouvert_le, jour());
    assert_eq!(p.titre_expire_le, Some(parse_date("2027-02-28").unwrap()));
    assert_eq!(p.api_expire_le, None);
    assert_eq!(p.pan_connu, Some(false));
    assert_eq!(p.captures, Some(4));
    assert_eq!(p.notes, None);
    assert_eq!(
        store.trace(p.id.unwrap()).unwrap().unwrap().cree_par,
        "Lucie"
    );
}
