//! Snapshots of every screen at 80×24 (the minimum) and 120×40, rendered with ratatui's
//! TestBackend and compared, whole buffer plus cursor position, to the text committed in
//! `tests/instantanes/`. The list and the file are built by hand (every urgency level, a full
//! ladder) so that they do not change when the engine's wording changes.
//! `VIGIE_MAJ_INSTANTANES=1 cargo test --test tui_instantanes` rewrites the files: read them
//! by eye before committing.

mod tui_commun;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use tui_commun::*;
use vigie::domain::moteur::{
    ConnaissancePrefecture, Echeance, Etape, Evaluation, GenreEcheance, NiveauUrgence, PanConnu,
    ProchaineEtape,
};
use vigie::domain::{Canal, Evenement, Resultat, TypeEvenement, parse_date};
use vigie::jour::LigneJour;
use vigie::store::Trace;
use vigie::tui::app::{App, DonneesFiche};

const TAILLES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn rendu(app: &mut App, l: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(l, h)).unwrap();
    term.draw(|f| vigie::tui::vue::dessiner(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..h {
        let mut ligne = String::new();
        let mut x = 0;
        while x < l {
            let sym = buf[(x, y)].symbol();
            ligne.push_str(sym);
            x += unicode_largeur(sym);
        }
        s.push_str(ligne.trim_end());
        s.push('\n');
    }
    let c = term.get_cursor_position().unwrap();
    let visible = term.backend().cursor_visible();
    s.push_str(&format!(
        "--- curseur : colonne {}, ligne {}{}\n",
        c.x,
        c.y,
        if visible { "" } else { " (caché)" }
    ));
    s
}

/// Width of a cell's symbol (every symbol used here is one column wide, except none).
fn unicode_largeur(_s: &str) -> u16 {
    1
}

fn verifier(nom: &str, app: &mut App) {
    for (l, h) in TAILLES {
        let texte = rendu(app, l, h);
        let chemin = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/instantanes")
            .join(format!("{nom}_{l}x{h}.txt"));
        if std::env::var_os("VIGIE_MAJ_INSTANTANES").is_some() {
            std::fs::write(&chemin, &texte).unwrap();
            continue;
        }
        let attendu = std::fs::read_to_string(&chemin)
            .unwrap_or_else(|_| panic!("instantané manquant : {}", chemin.display()));
        assert_eq!(
            texte,
            attendu,
            "écran {nom} en {l}×{h} différent de {}",
            chemin.display()
        );
    }
}

fn d(s: &str) -> chrono::NaiveDate {
    parse_date(s).unwrap()
}

fn ech(genre: GenreEcheance, date: &str) -> Echeance {
    Echeance {
        genre,
        date: d(date),
        jours: (d(date) - jour()).num_days(),
    }
}

fn evaluation(
    etape: Etape,
    urgence: NiveauUrgence,
    action: &str,
    echeances: Vec<Echeance>,
) -> Evaluation {
    Evaluation {
        etape,
        prochaine: ProchaineEtape {
            etape,
            action: action.into(),
            raison: String::new(),
        },
        alertes: Vec::new(),
        echeances,
        urgence,
    }
}

/// Six people, one per urgency level, with ids so that quick entry works on them.
fn lignes() -> Vec<LigneJour> {
    use GenreEcheance as G;
    use NiveauUrgence as N;
    let mut v = Vec::new();
    let cas = [
        (
            "2026-0001",
            "DIALLO",
            "Awa",
            "33",
            Etape::Pan,
            N::DroitsRompus,
            "Écrire en recommandé",
            vec![
                ech(G::ApiExpiration, "2026-11-11"),
                ech(G::TitreExpiration, "2026-08-01"),
            ],
            false,
        ),
        (
            "2026-0002",
            "LEFÈVRE",
            "Hélène",
            "69",
            Etape::Ccc,
            N::DroitsMenaces,
            "Demander un RDV au PAN",
            vec![ech(G::ApiExpiration, "2026-11-29")],
            true,
        ),
        (
            "2026-0003",
            "BENALI",
            "Karim",
            "974",
            Etape::Pan,
            N::SuiviEnRetard,
            "Relancer le PAN",
            vec![ech(G::Suivi(TypeEvenement::Pan), "2026-11-20")],
            false,
        ),
        (
            "2026-0004",
            "OKAFOR",
            "Chidi",
            "93",
            Etape::Constat,
            N::DuJour,
            "Écrire au CCC (formulaire)",
            vec![],
            true,
        ),
        (
            "2026-0005",
            "POPESCU",
            "Ioana",
            "2A",
            Etape::Substitution,
            N::AVenir,
            "Déposer au guichet",
            vec![ech(G::RenouvellementFermeture, "2027-01-10")],
            false,
        ),
        (
            "2026-0006",
            "SILVA",
            "Ana",
            "976",
            Etape::Cloture,
            N::Aucune,
            "",
            vec![],
            false,
        ),
    ];
    for (i, (r, nom, prenom, dep, etape, urgence, action, echeances, visite)) in
        cas.into_iter().enumerate()
    {
        let mut p = personne(r, nom, prenom, dep);
        p.id = Some(i as i64 + 1);
        v.push(LigneJour {
            personne: p,
            evaluation: evaluation(etape, urgence, action, echeances),
            visite_du_jour: visite,
        });
    }
    v
}

fn fiche() -> DonneesFiche {
    let mut p = personne("2026-0001", "DIALLO", "Awa", "33");
    p.id = Some(1);
    p.telephone = Some("06 11 22 33 44".into());
    p.pan_connu = Some(false);
    p.titre_expire_le = Some(d("2026-08-01"));
    p.api_expire_le = Some(d("2026-11-11"));
    p.notes = Some("Parle peu français : venir avec sa fille.".into());
    let mut evs = Vec::new();
    let mut e = Evenement::nouveau(TypeEvenement::Visite, d("2026-10-01"));
    e.saisi_par = "Marie".into();
    evs.push(e);
    for (date, ticket, attente, canal) in [
        ("2026-10-02", "11111", None, Canal::Formulaire),
        ("2026-10-20", "22222", Some(47), Canal::Telephone),
    ] {
        let mut e = Evenement::nouveau(TypeEvenement::Ccc, d(date));
        e.canal = Some(canal);
        e.resultat = Some(Resultat::SansAide);
        e.ticket = Some(ticket.into());
        e.attente_minutes = attente;
        e.saisi_par = "Marie".into();
        evs.push(e);
    }
    let mut e = Evenement::nouveau(TypeEvenement::Pan, d("2026-11-04"));
    e.resultat = Some(Resultat::RdvIndisponible);
    e.notes = Some("Aucun créneau avant février.\nRappeler le 1er décembre.".into());
    e.saisi_par = "Paul".into();
    evs.push(e);
    let mut ev = evaluation(
        Etape::Pan,
        NiveauUrgence::DroitsRompus,
        "Écrire en recommandé à la préfecture",
        vec![
            ech(GenreEcheance::TitreExpiration, "2026-08-01"),
            ech(GenreEcheance::ApiExpiration, "2026-11-11"),
        ],
    );
    ev.prochaine.raison = "pas de PAN disponible, aucune substitution proposée".into();
    ev.alertes = vec!["Titre et API expirés : droits au travail et aux prestations rompus.".into()];
    DonneesFiche {
        personne: p,
        evenements: evs,
        evaluation: ev,
        prefecture: ConnaissancePrefecture {
            nom: "la préfecture de la Gironde".into(),
            pan: PanConnu::Aucun,
            ..Default::default()
        },
        trace: Some(Trace {
            cree_par: "Marie".into(),
            cree_le: "2026-10-01 09:12:00".into(),
            modifie_par: "Paul".into(),
            modifie_le: "2026-11-04 14:30:00".into(),
        }),
    }
}

fn app_vide() -> App {
    let (regles, _) = vigie::regles::charger();
    App::nouveau(jour(), regles, "Marie", true)
}

fn app_liste() -> App {
    let mut a = app_vide();
    a.installer_liste(lignes(), false);
    a
}

/// An app on a real store (for screens that read it: new person, search, conflict).
fn avec_store<R>(f: impl FnOnce(&mut App, &mut vigie::store::Store) -> R) -> R {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut a = app_vide();
    a.installer_liste(lignes().into_iter().take(3).collect(), false);
    f(&mut a, &mut store)
}

#[test]
fn liste_du_jour() {
    verifier("liste", &mut app_liste());
}

#[test]
fn liste_selection_deplacee_et_tous() {
    let mut a = app_vide();
    a.installer_liste(lignes(), true);
    avec_store(|_, store| {
        taper(
            &mut a,
            store,
            &[touche(KeyCode::Char('j')), touche(KeyCode::Char('j'))],
        );
    });
    verifier("liste_tous", &mut a);
}

#[test]
fn liste_vide() {
    verifier("liste_vide", &mut app_vide());
}

#[test]
fn fiche_complete() {
    let mut a = app_liste();
    a.installer_fiche(fiche());
    verifier("fiche", &mut a);
}

#[test]
fn saisie_ccc() {
    avec_store(|a, store| {
        taper(
            a,
            store,
            &[touche(KeyCode::Char('c')), touche(KeyCode::Char('2'))],
        );
        taper(a, store, &[touche(KeyCode::Tab)]);
        taper(a, store, &texte("123"));
        verifier("saisie_ccc", a);
    });
}

#[test]
fn saisie_pan_avec_erreurs() {
    avec_store(|a, store| {
        taper(
            a,
            store,
            &[
                touche(KeyCode::Char('p')),
                touche(KeyCode::BackTab),
                ctrl('u'),
            ],
        );
        taper(a, store, &texte("32/11/2026"));
        taper(a, store, &[touche(KeyCode::Enter)]);
        verifier("saisie_pan_erreurs", a);
    });
}

#[test]
fn saisie_notes() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('v'))]);
        taper(a, store, &texte("Venue avec son fils."));
        taper(a, store, &[touche(KeyCode::Enter)]);
        taper(a, store, &texte("Rappeler lundi."));
        verifier("saisie_visite_notes", a);
    });
}

#[test]
fn confirmation_abandon() {
    avec_store(|a, store| {
        taper(
            a,
            store,
            &[touche(KeyCode::Char('c')), touche(KeyCode::Char('1'))],
        );
        taper(a, store, &[touche(KeyCode::Esc)]);
        verifier("confirmation_abandon", a);
    });
}

#[test]
fn nouvelle_personne() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('n'))]);
        taper(a, store, &texte("MARTIN"));
        taper(
            a,
            store,
            &[
                touche(KeyCode::Tab),
                touche(KeyCode::Tab),
                touche(KeyCode::Tab),
            ],
        );
        taper(a, store, &texte("giro"));
        verifier("nouvelle_personne", a);
    });
}

#[test]
fn modifier_personne_bas_du_formulaire() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('m'))]);
        taper(
            a,
            store,
            &[touche(KeyCode::BackTab), touche(KeyCode::BackTab)],
        );
        taper(a, store, &texte("z"));
        taper(a, store, &[touche(KeyCode::Enter)]);
        verifier("modifier_personne_erreur", a);
    });
}

#[test]
fn conflit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut a = app_vide();
    a.recharger(&store);
    // Select DIALLO whatever the engine's order, then edit the first name.
    while a.liste.selectionnee().map(|p| p.nom.as_str()) != Some("DIALLO") {
        taper(&mut a, &mut store, &[touche(KeyCode::Down)]);
    }
    taper(
        &mut a,
        &mut store,
        &[
            touche(KeyCode::Char('m')),
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut a, &mut store, &[touche(KeyCode::End)]); // keep the value, append
    taper(&mut a, &mut store, &texte(" Marie"));
    let id = a.liste.selectionnee().and_then(|p| p.id).unwrap();
    let mut p = autre.personne(id).unwrap().unwrap();
    p.telephone = Some("07 00 00 00 00".into());
    autre.modifier_personne(&p).unwrap();
    taper(&mut a, &mut store, &[touche(KeyCode::Enter)]);
    // The counts in the header come from the engine: fix them for a stable snapshot.
    a.liste.du_jour = 2;
    a.liste.en_retard = 2;
    verifier("conflit", &mut a);
}

#[test]
fn recherche() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('/'))]);
        taper(a, store, &texte("2026"));
        taper(a, store, &[touche(KeyCode::Down)]);
        verifier("recherche", a);
    });
}

#[test]
fn aide() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('?'))]);
        verifier("aide", a);
    });
}

#[test]
fn terminal_trop_petit() {
    let mut a = app_liste();
    let texte = rendu(&mut a, 79, 24);
    assert!(
        texte.starts_with("terminal trop petit (min 80×24)\n"),
        "{texte}"
    );
    assert!(texte.contains("79×24"));
    let texte = rendu(&mut a, 100, 23);
    assert!(
        texte.starts_with("terminal trop petit (min 80×24)\n"),
        "{texte}"
    );
}

#[test]
fn no_color_keeps_bold_and_words() {
    for couleurs in [true, false] {
        let mut a = app_liste();
        a.couleurs = couleurs;
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| vigie::tui::vue::dessiner(&mut a, f)).unwrap();
        let buf = term.backend().buffer().clone();
        // The row of DIALLO (first data row, below the header line and the column titles).
        let y = (0..40)
            .find(|y| {
                (0..120)
                    .map(|x| buf[(x, *y)].symbol())
                    .collect::<String>()
                    .contains("DIALLO")
            })
            .unwrap();
        let cellule = &buf[(2, y)];
        let ligne: String = (0..120).map(|x| buf[(x, y)].symbol()).collect();
        assert!(ligne.contains("‼ ROMPUS"), "{ligne}");
        assert!(cellule.modifier.contains(Modifier::BOLD));
        if couleurs {
            assert_eq!(cellule.fg, Color::Red);
        } else {
            assert_eq!(cellule.fg, Color::Reset, "no colour under NO_COLOR");
        }
    }
}
