//! Snapshots of every screen at 80×24 (the minimum) and 120×40, rendered with ratatui's
//! TestBackend and compared, whole buffer plus cursor position, to the text committed in
//! `tests/instantanes/`. The screens are built from a temporary store (people and events at
//! fixed dates, today fixed to `JOUR`) through the real engine (`jour::liste_du_jour`,
//! `jour::evaluer_personne`): a snapshot cannot drift from what the engine says.
//! `VIGIE_MAJ_INSTANTANES=1 cargo test --test tui_instantanes` rewrites the files: read them
//! by eye before committing.

mod tui_commun;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use tui_commun::*;
use vigie::domain::moteur::NiveauUrgence;
use vigie::domain::{Canal, Evenement, Resultat, TypeEvenement, parse_date};
use vigie::jour::{evaluer_personne, liste_du_jour};
use vigie::store::{Store, Trace};
use vigie::tui::app::{App, charger_fiche};

const TAILLES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn rendu(app: &mut App, l: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(l, h)).unwrap();
    vigie::tui::vue::cadrer(app, l, h);
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

/// Width of a cell's symbol: a wide character (CJK, emoji) covers the next cell too.
fn unicode_largeur(s: &str) -> u16 {
    vigie::mise_en_page::largeur(s).max(1) as u16
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

fn evenement(
    ty: TypeEvenement,
    date: &str,
    canal: Option<Canal>,
    resultat: Option<Resultat>,
) -> Evenement {
    let mut e = Evenement::nouveau(ty, d(date));
    e.canal = canal;
    e.resultat = resultat;
    e
}

/// A store with one person per urgency level (and a long name), their events at fixed
/// dates before `JOUR`: what the screens show is what the real engine says of them.
/// Events are entered by Marie, the PAN outcome by Paul (another desk).
fn base_instantanes(dir: &std::path::Path) -> Store {
    use Canal as C;
    use Resultat as R;
    use TypeEvenement as T;
    let chemin = dir.join("x.db");
    let mut s = ouvrir(&chemin, "Marie");

    // Rights lapsed (permit and API expired), CCC twice and PAN failed.
    let mut a = personne("2026-0001", "DIALLO", "Awa", "33");
    a.telephone = Some("06 11 22 33 44".into());
    a.pan_connu = Some(false);
    a.titre_expire_le = Some(d("2026-08-01"));
    a.api_expire_le = Some(d("2026-11-11"));
    a.notes = Some("Parle peu français : venir avec sa fille.".into());
    let ia = s.creer_personne(&a).unwrap();
    s.ajouter_evenement(ia, &evenement(T::Visite, "2026-10-01", None, None))
        .unwrap();
    let mut e = evenement(T::Ccc, "2026-10-02", Some(C::Formulaire), Some(R::SansAide));
    e.ticket = Some("11111".into());
    s.ajouter_evenement(ia, &e).unwrap();
    let mut e = evenement(T::Ccc, "2026-10-20", Some(C::Telephone), Some(R::SansAide));
    e.ticket = Some("22222".into());
    e.attente_minutes = Some(47);
    s.ajouter_evenement(ia, &e).unwrap();
    {
        let mut paul = ouvrir(&chemin, "Paul");
        let mut e = evenement(T::Pan, "2026-11-04", None, Some(R::RdvIndisponible));
        e.notes = Some("Aucun créneau avant février.\nRappeler le 1er décembre.".into());
        paul.ajouter_evenement(ia, &e).unwrap();
    }

    // API about to lapse, came today, CCC written and awaited.
    let mut b = personne("2026-0002", "LEFÈVRE", "Hélène", "69");
    b.api_expire_le = Some(d("2026-11-29"));
    let ib = s.creer_personne(&b).unwrap();
    s.ajouter_evenement(
        ib,
        &evenement(
            T::Ccc,
            "2026-11-20",
            Some(C::Formulaire),
            Some(R::EnAttente),
        ),
    )
    .unwrap();
    s.ajouter_evenement(ib, &evenement(T::Visite, JOUR, None, None))
        .unwrap();

    // CCC without help, then a PAN appointment requested: the follow-up date is past.
    let c = personne("2026-0003", "BENALI", "Karim", "974");
    let ic = s.creer_personne(&c).unwrap();
    s.ajouter_evenement(
        ic,
        &evenement(T::Ccc, "2026-10-20", Some(C::Formulaire), Some(R::SansAide)),
    )
    .unwrap();
    let mut e = evenement(T::Pan, "2026-11-02", None, Some(R::RdvDemande));
    e.echeance = Some(d("2026-11-16"));
    s.ajouter_evenement(ic, &e).unwrap();

    // First visit today, nothing dated.
    let e4 = personne("2026-0004", "OKAFOR", "Chidi", "93");
    let i4 = s.creer_personne(&e4).unwrap();
    s.ajouter_evenement(i4, &evenement(T::Visite, JOUR, None, None))
        .unwrap();

    // Permit far ahead; a CCC attestation opened the substitution.
    let mut f = personne("2026-0005", "POPESCU", "Ioana", "2A");
    f.titre_expire_le = Some(d("2027-06-01"));
    let i5 = s.creer_personne(&f).unwrap();
    s.ajouter_evenement(
        i5,
        &evenement(
            T::Ccc,
            "2026-11-02",
            Some(C::Formulaire),
            Some(R::AttestationImpossibilite),
        ),
    )
    .unwrap();

    // Closed: only in "all people".
    let g = personne("2026-0006", "SILVA", "Ana", "976");
    let i6 = s.creer_personne(&g).unwrap();
    s.ajouter_evenement(
        i6,
        &evenement(T::Cloture, "2026-11-10", None, Some(R::Resolu)),
    )
    .unwrap();

    // A long name and a permit lapsing soon, nothing done yet.
    let mut h = personne(
        "2026-0007",
        "NGUYEN-BERTRAND DE LA TOUR",
        "Jean-Baptiste Emmanuel",
        "13",
    );
    h.titre_expire_le = Some(d("2026-12-10"));
    h.captures = None;
    s.creer_personne(&h).unwrap();
    s
}

fn app_vide() -> App {
    App::nouveau(jour(), vigie::domain::regles::livrees(), "Marie", true)
}

/// An app on the example store, its list built by the engine (`jour::liste_du_jour`).
fn avec_store<R>(f: impl FnOnce(&mut App, &mut Store) -> R) -> R {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base_instantanes(dir.path());
    let mut a = app_vide();
    a.recharger(&store);
    f(&mut a, &mut store)
}

/// The list as `jour::liste_du_jour` computes it, installed without the app's own reload.
fn app_liste(store: &Store, tous: bool) -> App {
    let mut a = app_vide();
    let lignes = liste_du_jour(store, &vigie::domain::regles::livrees(), jour(), tous).unwrap();
    a.installer_liste(lignes, tous);
    a
}

/// Fixed creation/modification stamps (the store writes the wall clock).
fn trace_fixe() -> Trace {
    Trace {
        cree_par: "Marie".into(),
        cree_le: "2026-10-01 09:12:00".into(),
        modifie_par: "Paul".into(),
        modifie_le: "2026-11-04 14:30:00".into(),
    }
}

#[test]
fn liste_du_jour_du_moteur() {
    avec_store(|a, store| {
        // The app's own reload and the engine's list agree, row for row.
        let attendu =
            liste_du_jour(store, &vigie::domain::regles::livrees(), jour(), false).unwrap();
        let refs = |v: &[vigie::jour::LigneJour]| {
            v.iter()
                .map(|l| (l.personne.reference.clone(), l.evaluation.clone()))
                .collect::<Vec<_>>()
        };
        let montrees: Vec<_> = a.liste.lignes().cloned().collect();
        assert_eq!(refs(&montrees), refs(&attendu));
        // Today's list: the four levels due today or worse; everyone: all six.
        let tous = liste_du_jour(store, &vigie::domain::regles::livrees(), jour(), true).unwrap();
        for (i, n) in NiveauUrgence::TOUS.iter().enumerate() {
            assert_eq!(
                attendu.iter().any(|l| l.evaluation.urgence == *n),
                i < 4,
                "niveau {n:?} (liste du jour)"
            );
            assert!(
                tous.iter().any(|l| l.evaluation.urgence == *n),
                "niveau {n:?} absent de la liste complète"
            );
        }
        let mut b = app_liste(store, false);
        assert_eq!(b.liste.du_jour, a.liste.du_jour);
        assert_eq!(b.liste.en_retard, a.liste.en_retard);
        verifier("liste", &mut b);
    });
}

#[test]
fn liste_selection_deplacee_et_tous() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('t'))]);
        assert!(a.liste.tous);
        assert!(
            a.liste
                .lignes()
                .any(|l| l.personne.reference == "2026-0006")
        );
        taper(
            a,
            store,
            &[touche(KeyCode::Char('j')), touche(KeyCode::Char('j'))],
        );
        verifier("liste_tous", a);
    });
}

#[test]
fn liste_vide() {
    verifier("liste_vide", &mut app_vide());
}

#[test]
fn fiche_complete() {
    avec_store(|a, store| {
        let id = store
            .personnes()
            .unwrap()
            .into_iter()
            .find(|p| p.reference == "2026-0001")
            .and_then(|p| p.id)
            .unwrap();
        let mut donnees = charger_fiche(store, &a.regles, jour(), id)
            .unwrap()
            .unwrap();
        // The file shows the engine's verdict, local préfecture corrections included.
        let p = donnees.personne.clone();
        let moteur = evaluer_personne(store, &a.regles, &p, jour()).unwrap();
        assert_eq!(donnees.evaluation, moteur);
        assert_eq!(moteur.urgence, NiveauUrgence::DroitsRompus);
        assert_eq!(donnees.evenements.len(), 4);
        donnees.trace = Some(trace_fixe());
        a.installer_fiche(donnees);
        verifier("fiche", a);
    });
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
fn long_notes_wrap_and_the_area_grows() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('v'))]);
        let long = "Venue avec son fils, qui traduit. Le compte ANEF refuse le mot de passe \
                    depuis trois semaines ; le CCC a répondu par un message type sans aide. \
                    Rappeler lundi pour la prise de rendez-vous au point d'accueil numérique, \
                    et apporter les captures d'écran.";
        taper(a, store, &texte(long));
        verifier("saisie_notes_longues", a);
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
            // Back from the first field: notes, address, the three identifiers, captures.
            &[touche(KeyCode::BackTab); 6],
        );
        taper(a, store, &texte("z"));
        taper(a, store, &[touche(KeyCode::Enter)]);
        verifier("modifier_personne_erreur", a);
    });
}

#[test]
fn conflit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base_instantanes(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut a = app_vide();
    a.recharger(&store);
    // Select DIALLO whatever the engine's order, then edit the first name.
    selectionner(&mut a, &mut store, "DIALLO");
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
    let dir = tempfile::tempdir().unwrap();
    let store = base_instantanes(dir.path());
    let mut a = app_liste(&store, false);
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
    let dir = tempfile::tempdir().unwrap();
    let store = base_instantanes(dir.path());
    for couleurs in [true, false] {
        let mut a = app_liste(&store, false);
        a.couleurs = couleurs;
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| vigie::tui::vue::dessiner(&a, f)).unwrap();
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
        assert!(ligne.contains("!!! droits rompus"), "{ligne}");
        assert!(cellule.modifier.contains(Modifier::BOLD));
        if couleurs {
            assert_eq!(cellule.fg, Color::Red);
        } else {
            assert_eq!(cellule.fg, Color::Reset, "no colour under NO_COLOR");
        }
    }
}

#[test]
fn long_list_shows_whole_rows_and_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base_instantanes(dir.path());
    for i in 0..12 {
        let mut p = personne(&format!("2026-01{i:02}"), "MARTIN", "Léa", "75");
        p.titre_expire_le = Some(d("2026-12-01"));
        store.creer_personne(&p).unwrap();
    }
    let mut a = app_liste(&store, false);
    let texte = rendu(&mut a, 80, 24);
    let lignes: Vec<&str> = texte.lines().collect();
    // Status line (above the two footer lines): the rows shown and the total.
    let total = a.liste.nombre();
    let (debut, fin) = a.liste.visibles;
    assert_eq!(debut, 0);
    assert!(fin < total);
    assert_eq!(
        lignes[21],
        format!("personnes 1 à {fin} sur {total} (↓ ou PgSuiv : suite)")
    );
    // Every row drawn is whole: as many reference lines (second line of a row) as rows.
    let refs = lignes[3..21]
        .iter()
        .filter(|l| l.contains(" · ") && l.contains("2026-0"))
        .count();
    assert_eq!(refs, fin - debut, "{texte}");
    // Going to the end keeps the selected row whole and on screen.
    a.liste.selection = total - 1;
    let texte = rendu(&mut a, 80, 24);
    assert_eq!(a.liste.visibles.1, total);
    assert!(texte.contains("personnes "), "{texte}");
}

#[test]
fn long_start_up_warnings_keep_their_conclusion() {
    let mut a = app_vide();
    let erreurs: Vec<String> = (1..=4)
        .map(|i| format!("regles.toml : clé « regle_{i}.jours » : type incorrect (entier attendu)"))
        .chain(std::iter::once(
            "regles.toml : fichier de règles refusé ; les règles livrées avec vigie restent en vigueur"
                .to_string(),
        ))
        .collect();
    a.message = Some(erreurs.join("\n"));
    let texte = rendu(&mut a, 80, 24);
    let lignes: Vec<&str> = texte.lines().collect();
    // Four status lines above the two footer lines: the first errors, "…", the conclusion.
    assert!(
        lignes[18].starts_with("regles.toml : clé « regle_1.jours »"),
        "{texte}"
    );
    assert!(lignes[19].ends_with('…'), "{texte}");
    assert!(
        lignes[20].starts_with("regles.toml : fichier de règles refusé"),
        "{texte}"
    );
    assert!(lignes[21].contains("en vigueur"), "{texte}");
}

/// A local correction of the directory (PAN now known) reaches the file and the panel
/// opened from it with P.
#[test]
fn local_correction_reaches_the_file_and_the_panel() {
    use vigie::prefectures::corrections::{NouvelleCorrection, ajouter};
    avec_store(|a, store| {
        let n = NouvelleCorrection::depuis_saisie(
            vigie::domain::Departement::depuis_code("33").unwrap(),
            "pan",
            "dedie",
            "2026-11-20",
            "appel de la permanence de Bordeaux",
            jour(),
        )
        .unwrap();
        ajouter(store, &n).unwrap();
        a.recharger(store);
        while a.liste.selectionnee().map(|p| p.nom.as_str()) != Some("DIALLO") {
            taper(a, store, &[touche(KeyCode::Down)]);
        }
        taper(a, store, &[touche(KeyCode::Enter)]);
        let texte = rendu(a, 80, 24);
        assert!(
            texte.contains("la préfecture de la Gironde · PAN dédié à l'ANEF"),
            "{texte}"
        );
        taper(a, store, &[touche(KeyCode::Char('P'))]);
        let texte = rendu(a, 120, 40);
        assert!(texte.contains("Préfecture de la Gironde"), "{texte}");
        assert!(
            texte.contains("appel de la permanence de Bordeaux"),
            "{texte}"
        );
    });
}

/// DIALLO's file as `vigie lettre` / `vigie chronologie` read it, with fixed entry stamps
/// (the store writes the wall clock).
fn dossier_diallo(a: &App, store: &Store) -> vigie::lettres::Dossier {
    let mut d = vigie::lettres::charger(store, &a.regles, "2026-0001", jour())
        .unwrap()
        .unwrap();
    for e in &mut d.evenements {
        e.saisi_le = format!("{} 10:00:00", vigie::domain::date_iso(e.date));
    }
    d
}

#[test]
fn apercu_lettre() {
    avec_store(|a, store| {
        let d = dossier_diallo(a, store);
        a.installer_apercu(vigie::tui::clavier::Document::Lettre, d);
        verifier("apercu_lettre", a);
    });
}

#[test]
fn apercu_chronologie() {
    avec_store(|a, store| {
        let d = dossier_diallo(a, store);
        a.installer_apercu(vigie::tui::clavier::Document::Chronologie, d);
        verifier("apercu_chronologie", a);
    });
}

/// The file-name field under the chronology (scrolled a little), after an empty name.
#[test]
fn apercu_nom_du_fichier() {
    avec_store(|a, store| {
        let d = dossier_diallo(a, store);
        a.installer_apercu(vigie::tui::clavier::Document::Chronologie, d);
        taper(a, store, &texte("jjj"));
        taper(a, store, &[touche(KeyCode::Char('e'))]);
        if let Some(vigie::tui::app::Ecran::Apercu(p)) = a.pile.last_mut() {
            p.repertoire = "/home/benevole/permanence".into();
        }
        taper(a, store, &[ctrl('u'), touche(KeyCode::Enter)]);
        verifier("apercu_nom_du_fichier", a);
    });
}

/// The question before replacing an existing file names the full path.
#[test]
fn apercu_remplacer() {
    avec_store(|a, store| {
        let d = dossier_diallo(a, store);
        a.installer_apercu(vigie::tui::clavier::Document::Lettre, d);
        taper(a, store, &[touche(KeyCode::Char('e'))]);
        if let Some(vigie::tui::app::Ecran::Apercu(p)) = a.pile.last_mut() {
            p.repertoire = "/home/benevole/permanence".into();
            // A path longer than the box: the box grows, nothing is cut.
            p.a_ecraser = Some(
                "/home/benevole/permanence/dossiers-en-cours/lettre-2026-0001-2026-11-23.txt"
                    .into(),
            );
        }
        a.confirmation = Some(vigie::tui::app::Confirmation::Ecraser);
        verifier("apercu_remplacer", a);
    });
}

/// The préfecture panel opened from the list: its footer shows only keys that work there
/// (letters are the query: no "q quitter", "S" or "P"; F3 and ? still work).
#[test]
fn prefecture_panel_footer_shows_only_keys_that_work() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('P'))]);
        taper(a, store, &texte("33"));
        verifier("prefecture", a);
        let texte = rendu(a, 80, 24);
        let pied: String = texte
            .lines()
            .rev()
            .skip(1)
            .take(2)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!pied.contains("q quitter"), "{pied}");
        assert!(!pied.contains("S/F3") && !pied.contains("P/F2"), "{pied}");
        assert!(pied.contains("F3 statistiques"), "{pied}");
        assert!(
            pied.contains("? aide") && pied.contains("/ chercher"),
            "{pied}"
        );
    });
}

/// NO_COLOR holds on every screen, the panels' own styles included: no colour at all, the
/// bold kept (the préfecture's alerts).
#[test]
fn no_color_holds_over_the_panels() {
    avec_store(|a, store| {
        a.couleurs = false;
        for touches in [&texte("P33")[..], &[touche(KeyCode::Char('S'))][..]] {
            taper(a, store, touches);
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            term.draw(|f| vigie::tui::vue::dessiner(a, f)).unwrap();
            let buf = term.backend().buffer().clone();
            for c in buf.content.iter() {
                assert_eq!(c.fg, Color::Reset, "colour under NO_COLOR: {c:?}");
                assert_eq!(c.bg, Color::Reset, "colour under NO_COLOR: {c:?}");
            }
            taper(a, store, &[touche(KeyCode::Esc)]);
        }
        // The alerts of the Gironde card stay bold.
        taper(a, store, &texte("P33"));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| vigie::tui::vue::dessiner(a, f)).unwrap();
        let buf = term.backend().buffer().clone();
        let y = (0..40)
            .find(|y| {
                (0..120)
                    .map(|x| buf[(x, *y)].symbol())
                    .collect::<String>()
                    .starts_with("ALERTES")
            })
            .expect("alerts on the card");
        assert!(buf[(0, y)].modifier.contains(Modifier::BOLD));
    });
}

/// A value longer than its field scrolls sideways: the end being typed and the cursor stay
/// on screen ("…" says that the start is hidden).
#[test]
fn long_value_in_a_field_scrolls_with_the_cursor() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('n'))]);
        taper(
            a,
            store,
            &texte("Martin de la Fontaine-Saint-Exupéry-Montmorency-Beauharnais-Périgord"),
        );
        verifier("nom_long", a);
        let texte = rendu(a, 80, 24);
        assert!(texte.contains("Beauharnais-Périgord"), "{texte}");
    });
}

/// The file shows every character of the notes: an emoji takes two columns (the text after
/// it is not pushed off the line) and a web address longer than a line goes on below.
#[test]
fn file_notes_with_emoji_and_long_address_are_shown_whole() {
    avec_store(|a, store| {
        let url = "https://administration-etrangers-en-france.interieur.gouv.fr/particuliers/#/espace-personnel/mon-compte";
        let mut p = store
            .personnes()
            .unwrap()
            .into_iter()
            .find(|p| p.reference == "2026-0001")
            .unwrap();
        p.notes = Some(format!(
            "Hébergée chez sa sœur au 12 rue de la République, bâtiment C, escalier 4, Saint-Denis 🏠 — appeler après 18h, travaille de nuit; voir {url}"
        ));
        store.modifier_personne(&p).unwrap();
        let id = p.id.unwrap();
        let mut donnees = charger_fiche(store, &a.regles, jour(), id)
            .unwrap()
            .unwrap();
        donnees.trace = Some(trace_fixe());
        a.installer_fiche(donnees);
        let mut tout = String::new();
        for _ in 0..6 {
            let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
            term.draw(|f| vigie::tui::vue::dessiner(a, f)).unwrap();
            let buf = term.backend().buffer().clone();
            for y in 0..24 {
                let mut ligne = String::new();
                let mut x = 0;
                while x < 80 {
                    let sym = buf[(x, y)].symbol();
                    ligne.push_str(sym);
                    // A wide character covers the next cell.
                    x += ratatui::text::Span::raw(sym).width().max(1) as u16;
                }
                assert!(
                    ratatui::text::Span::raw(ligne.trim_end()).width() <= 80,
                    "{ligne}"
                );
                tout.push_str(ligne.trim());
                tout.push('\n');
            }
            taper(a, store, &[touche(KeyCode::PageDown)]);
        }
        assert!(tout.contains("travaille de nuit;"), "{tout}");
        let sans_coupures: String = tout.split_whitespace().collect();
        assert!(sans_coupures.contains(url), "{tout}");
    });
}

/// j and k move in the statistics panel too (as the arrows do).
#[test]
fn j_and_k_move_in_the_statistics_panel() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('S'))]);
        let ligne_curseur = |a: &mut App| {
            let t = rendu(a, 80, 24);
            t.lines().last().unwrap().to_string()
        };
        let depart = ligne_curseur(a);
        taper(a, store, &[touche(KeyCode::Char('j'))]);
        let apres_j = ligne_curseur(a);
        assert_ne!(depart, apres_j, "j moves down");
        taper(a, store, &[touche(KeyCode::Char('k'))]);
        assert_eq!(ligne_curseur(a), depart, "k moves back up");
        taper(a, store, &[touche(KeyCode::Down)]);
        assert_eq!(ligne_curseur(a), apres_j, "same as ↓");
    });
}

/// The whole help, scrolled to its end at 80×24: it also gives the editing keys of a text
/// field and the keys of both panels (what their footers show), whatever screen it is
/// opened from.
#[test]
fn help_is_complete_with_editing_and_panel_keys() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('?'))]);
        let mut tout = String::new();
        for _ in 0..12 {
            tout.push_str(&rendu(a, 80, 24));
            taper(a, store, &[touche(KeyCode::PageDown)]);
        }
        for attendu in [
            "Dans un champ de texte",
            "Ctrl-U           vider le champ",
            "Panneau Préfecture (P ou F2)",
            "F2               corriger",
            "Panneau Statistiques (S ou F3)",
            "d                dates…",
            "↑↓ j k           parcourir",
            "Conflit de modification",
        ] {
            assert!(tout.contains(attendu), "{attendu} missing:\n{tout}");
        }
        taper(a, store, &[touche(KeyCode::End)]);
        verifier("aide_fin", a);
    });
}

/// The day's list does not offer Esc (it has nowhere to go back to); the list of everyone
/// does (back to the day's list).
#[test]
fn esc_is_offered_only_where_it_goes_back() {
    avec_store(|a, store| {
        let pied = |a: &mut App| {
            let t = rendu(a, 120, 40);
            t.lines()
                .rev()
                .skip(1)
                .take(2)
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(!pied(a).contains("Échap"), "{}", pied(a));
        taper(a, store, &[touche(KeyCode::Char('t'))]);
        assert!(pied(a).contains("Échap retour"), "{}", pied(a));
        taper(a, store, &[touche(KeyCode::Esc)]);
        assert!(!a.liste.tous);
    });
}

/// The timeline words an event's date as its form asked for it (an appointment, a
/// follow-up), and the conflict screen says "non renseigné" as the form does.
#[test]
fn timeline_words_dates_as_the_forms_and_conflict_shows_unknown_pan() {
    use vigie::tui::app::Ecran;
    let dir = tempfile::tempdir().unwrap();
    let mut store = base_instantanes(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut a = app_vide();
    a.recharger(&store);
    selectionner(&mut a, &mut store, "DIALLO");
    // A PAN appointment on 05/12/2026, typed in the form.
    taper(
        &mut a,
        &mut store,
        &[
            touche(KeyCode::Enter),
            touche(KeyCode::Char('p')),
            touche(KeyCode::Char('2')),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut a, &mut store, &texte("05/12/2026"));
    taper(&mut a, &mut store, &[touche(KeyCode::Enter)]);
    assert!(matches!(a.ecran(), Some(Ecran::Fiche(_))));
    let mut tout = String::new();
    for _ in 0..4 {
        tout.push_str(&rendu(&mut a, 80, 24));
        taper(&mut a, &mut store, &[touche(KeyCode::PageDown)]);
    }
    assert!(
        tout.contains("rendez-vous obtenu · rendez-vous le 05/12/2026"),
        "{tout}"
    );
    assert!(!tout.contains("échéance 05/12/2026"), "{tout}");
    // The ladder: two PAN attempts with different outcomes are not "2× rendez-vous obtenu".
    assert!(
        tout.contains("PAN (rendez-vous obtenu, 2 démarches)"),
        "{tout}"
    );
    assert!(!tout.contains("2× rendez-vous obtenu"), "{tout}");

    // Both desks edit; the stored version has no answer about the PAN.
    taper(
        &mut a,
        &mut store,
        &[
            touche(KeyCode::Char('m')),
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut a, &mut store, &texte("Aïssatou"));
    let id = a.liste.selectionnee().and_then(|p| p.id).unwrap();
    let mut p = autre.personne(id).unwrap().unwrap();
    p.pan_connu = None;
    autre.modifier_personne(&p).unwrap();
    taper(&mut a, &mut store, &[touche(KeyCode::Enter)]);
    assert!(matches!(a.ecran(), Some(Ecran::Conflit(_))));
    let t = rendu(&mut a, 80, 24);
    let ligne = t.lines().find(|l| l.contains("PAN connu")).unwrap();
    assert!(
        ligne.starts_with("≠") && ligne.contains("non renseigné"),
        "{ligne}"
    );
}

/// The sideways window of a one-line value: the cursor always inside, "…" where text is
/// hidden, wide characters counted as two columns.
#[test]
fn one_line_window_keeps_the_cursor_visible() {
    use vigie::mise_en_page::{fenetre, largeur as largeur_affichee};
    assert_eq!(fenetre("abc", 1, 10), ("abc".to_string(), 1));
    let long: String = ('a'..='z').collect();
    let (v, c) = fenetre(&long, 26, 10);
    assert_eq!((v.as_str(), c), ("…tuvwxyz", 8));
    let (v, c) = fenetre(&long, 0, 10);
    assert_eq!((v.as_str(), c), ("abcdefghi…", 0));
    let (v, c) = fenetre(&long, 13, 10);
    assert!(v.starts_with('…') && v.ends_with('…'), "{v}");
    assert!(c < 9 && v.chars().nth(c) == Some('n'), "{v} {c}");
    for cur in 0..=26 {
        let (v, c) = fenetre(&long, cur, 10);
        assert!(largeur_affichee(&v) <= 10 && c <= 9, "{cur}: {v} {c}");
    }
    let emoji = "ab🏠🏠🏠🏠🏠🏠cd";
    for cur in 0..=10 {
        let (v, c) = fenetre(emoji, cur, 8);
        assert!(largeur_affichee(&v) <= 8 && c <= 7, "{cur}: {v} {c}");
    }
}

/// Wide names (CJK, emoji) are measured in display columns: in the list they end with "…"
/// inside their column instead of running over the next one; in the search field the
/// cursor sits after the last wide character typed.
#[test]
fn wide_names_are_clipped_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = base_instantanes(dir.path());
    let mut p = personne("2026-0900", "欧阳", "娜娜娜娜娜娜娜娜娜娜", "75");
    p.titre_expire_le = Some(d("2026-12-01"));
    store.creer_personne(&p).unwrap();
    let mut p = personne("2026-0901", "NGUYEN", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "75");
    p.titre_expire_le = Some(d("2026-12-01"));
    store.creer_personne(&p).unwrap();
    let mut a = app_liste(&store, true);
    verifier("noms_larges", &mut a);
    for (l, h) in TAILLES {
        let texte = rendu(&mut a, l, h);
        for ligne in texte.lines() {
            assert!(vigie::mise_en_page::largeur(ligne) <= l as usize, "{ligne}");
        }
        assert!(texte.contains("欧阳 娜娜"), "{texte}");
        assert!(texte.contains("…"), "{texte}");
    }
    let mut a = app_vide();
    a.recharger(&store);
    taper(&mut a, &mut store, &[touche(KeyCode::Char('/'))]);
    taper(&mut a, &mut store, &texte("欧阳"));
    let ecran = rendu(&mut a, 80, 24);
    let derniere = ecran.lines().last().unwrap().to_string();
    let invite = vigie::mise_en_page::largeur(vigie::textes::tui::INVITE_RECHERCHE);
    assert_eq!(
        derniere,
        format!("--- curseur : colonne {}, ligne 2", invite + 4),
        "{ecran}"
    );
}

/// Scrolling past the end stops at the last screenful (the layout step `vue::cadrer` keeps
/// the position in the state): one key up then goes up at once.
#[test]
fn scrolling_past_the_end_then_back_up_takes_one_key() {
    avec_store(|a, store| {
        taper(a, store, &[touche(KeyCode::Char('?'))]);
        for _ in 0..40 {
            taper(a, store, &[touche(KeyCode::PageDown)]);
        }
        let fin = rendu(a, 80, 24);
        assert!(!fin.contains("↓ suite"), "{fin}");
        taper(a, store, &[touche(KeyCode::PageUp)]);
        let apres = rendu(a, 80, 24);
        assert!(apres.contains("↓ suite"), "{apres}");
    });
}
