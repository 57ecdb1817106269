//! The update logic of the TUI, without a terminal: keys are fed to `App::touche` with a real
//! store in a temporary folder, and the database is checked afterwards.

mod tui_commun;

use ratatui::crossterm::event::KeyCode;
use tui_commun::*;
use vigie::domain::{Canal, Resultat, TypeEvenement, parse_date};
use vigie::tui::app::{Confirmation, Ecran};

/// The screen at 80×24, as text (cursor position included).
fn rendu(app: &mut vigie::tui::app::App) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| vigie::tui::vue::dessiner(app, f)).unwrap();
    let curseur = term.get_cursor_position().unwrap();
    format!("{:?}{curseur:?}", term.backend().buffer())
}

#[test]
fn ccc_by_form_today_no_help_ticket_in_at_most_12_keystrokes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let id = app
        .liste
        .selectionnee()
        .and_then(|p| p.id)
        .expect("a person on the list");

    // c: CCC form, channel "formulaire" preselected, date today, focus on the outcome;
    // 2: "sans aide"; Tab: ticket; 12345; Enter: save.
    let mut touches = vec![touche(KeyCode::Char('c')), touche(KeyCode::Char('2'))];
    touches.push(touche(KeyCode::Tab));
    touches.extend(texte("12345"));
    touches.push(touche(KeyCode::Enter));
    println!(
        "frappes pour « CCC par formulaire, sans aide, ticket 12345 » : {}",
        touches.len()
    );
    assert!(touches.len() <= 12, "{} keystrokes", touches.len());
    // Every keystroke does something: no key of the sequence is dead (the count above is
    // then what the volunteer really types).
    for k in &touches {
        let avant = rendu(&mut app);
        taper(&mut app, &mut store, &[*k]);
        assert_ne!(avant, rendu(&mut app), "{k:?} changed nothing on screen");
    }

    let evs = store.evenements(id).unwrap();
    assert_eq!(evs.len(), 1, "{evs:?}");
    let e = &evs[0];
    assert_eq!(e.type_evenement, TypeEvenement::Ccc);
    assert_eq!(e.date, jour());
    assert_eq!(e.canal, Some(Canal::Formulaire));
    assert_eq!(e.resultat, Some(Resultat::SansAide));
    assert_eq!(e.ticket.as_deref(), Some("12345"));
    assert_eq!(e.attente_minutes, None);
    assert_eq!(e.notes, None);
    assert_eq!(e.saisi_par, "Marie");
    assert!(app.pile.is_empty(), "back on the list after saving");
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("CCC enregistré")
    );
}

#[test]
fn pan_outcome_with_appointment_date_in_french_form_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let id = app.liste.selectionnee().and_then(|p| p.id).unwrap();
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]); // open the file
    assert!(matches!(app.ecran(), Some(Ecran::Fiche(_))));
    let mut k = vec![touche(KeyCode::Char('p')), touche(KeyCode::Char('2'))]; // rdv obtenu
    k.push(touche(KeyCode::Tab)); // échéance (appointment date)
    k.extend(texte("4/12/2026"));
    k.push(touche(KeyCode::Tab)); // notes: Enter makes a new line there
    k.extend(texte("apporter passeport"));
    k.push(touche(KeyCode::Enter));
    k.extend(texte("et justificatif"));
    k.push(ctrl('s'));
    taper(&mut app, &mut store, &k);
    let evs = store.evenements(id).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].type_evenement, TypeEvenement::Pan);
    assert_eq!(evs[0].resultat, Some(Resultat::RdvObtenu));
    assert_eq!(evs[0].echeance, Some(parse_date("2026-12-04").unwrap()));
    assert_eq!(
        evs[0].notes.as_deref(),
        Some("apporter passeport\net justificatif")
    );
    // Back on the file, which now shows the event.
    match app.ecran() {
        Some(Ecran::Fiche(f)) => assert_eq!(f.donnees.evenements.len(), 1),
        _ => panic!("expected the file"),
    }
}

#[test]
fn invalid_input_is_refused_next_to_the_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = base_exemple(dir.path());
    let mut app = app(&store);
    let mut k = vec![touche(KeyCode::Char('c'))];
    k.push(touche(KeyCode::Enter)); // no outcome chosen
    taper(&mut app, &mut store, &k);
    let Some(Ecran::Saisie(f)) = app.ecran() else {
        panic!("form still open")
    };
    let res = f.form.focalise().unwrap();
    assert_eq!(res.libelle, "Résultat");
    assert!(
        res.erreur.as_deref().unwrap().contains("obligatoire"),
        "{:?}",
        res.erreur
    );
    // A wrong date: focus goes back to the date, message in French.
    let mut k = vec![touche(KeyCode::Char('1'))];
    k.push(touche(KeyCode::BackTab));
    k.push(touche(KeyCode::BackTab));
    k.push(ctrl('u'));
    k.extend(texte("31/02/2026"));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    let Some(Ecran::Saisie(f)) = app.ecran() else {
        panic!("form still open")
    };
    let date = f.form.focalise().unwrap();
    assert_eq!(date.libelle, "Date");
    assert!(date.erreur.as_deref().unwrap().contains("date invalide"));
    for id in ids {
        assert!(store.evenements(id).unwrap().is_empty());
    }
    // Esc asks because something was typed; n keeps the form; Esc + o abandons it.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert_eq!(app.confirmation, Some(Confirmation::Abandonner));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    assert!(app.confirmation.is_none());
    assert!(matches!(app.ecran(), Some(Ecran::Saisie(_))));
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Esc), touche(KeyCode::Char('o'))],
    );
    assert!(app.pile.is_empty());
}

#[test]
fn esc_on_an_untouched_form_leaves_at_once_and_q_quits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('v')), touche(KeyCode::Esc)],
    );
    assert!(app.pile.is_empty() && app.confirmation.is_none());
    // q with a dirty form on the stack asks first.
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('c')), touche(KeyCode::Char('3'))],
    );
    taper(&mut app, &mut store, &[ctrl('c')]);
    assert_eq!(app.confirmation, Some(Confirmation::Quitter));
    assert!(!app.quitter);
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('n')), touche(KeyCode::Esc)],
    );
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    assert!(app.pile.is_empty());
    taper(&mut app, &mut store, &[touche(KeyCode::Char('q'))]);
    assert!(app.quitter);
}

#[test]
fn new_person_with_suggested_reference_and_departement_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let mut k = vec![touche(KeyCode::Char('n'))];
    k.extend(texte("MARTIN"));
    k.push(touche(KeyCode::Tab));
    k.extend(texte("Jeanne"));
    k.push(touche(KeyCode::Tab));
    k.extend(texte("+33 6 12"));
    k.push(touche(KeyCode::Tab));
    k.extend(texte("réunion"));
    k.push(touche(KeyCode::Tab));
    k.push(touche(KeyCode::Char('1'))); // première demande
    k.push(touche(KeyCode::Tab));
    k.push(touche(KeyCode::Right)); // blocage: first with →
    k.push(touche(KeyCode::Tab));
    k.push(touche(KeyCode::Tab)); // ouvert le: today
    k.extend(texte("15/1/2027")); // titre
    k.push(touche(KeyCode::Tab));
    k.push(touche(KeyCode::Tab)); // API: empty
    k.push(touche(KeyCode::Char('2'))); // PAN connu: oui
    k.push(touche(KeyCode::Tab));
    k.extend(texte("x3")); // wrong count of screenshots
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("form still open")
    };
    let c = f.form.focalise().unwrap();
    assert_eq!(c.libelle, "Captures gardées");
    assert!(c.erreur.as_deref().unwrap().contains("nombre entier"));
    assert_eq!(store.nombre_personnes().unwrap(), 3);
    let mut k = vec![touche(KeyCode::Home), touche(KeyCode::Delete)];
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    let p = store
        .personne_par_reference("2026-0004")
        .unwrap()
        .expect("created");
    assert_eq!(p.nom, "MARTIN");
    assert_eq!(p.prenom.as_deref(), Some("Jeanne"));
    assert_eq!(p.telephone.as_deref(), Some("+33 6 12"));
    assert_eq!(p.departement.code(), "974");
    assert_eq!(p.demarche, vigie::domain::Demarche::PremiereDemande);
    assert_eq!(p.blocage, vigie::domain::Blocage::Connexion);
    assert_eq!(p.ouvert_le, jour());
    assert_eq!(p.titre_expire_le, Some(parse_date("2027-01-15").unwrap()));
    assert_eq!(p.api_expire_le, None);
    assert_eq!(p.pan_connu, Some(true));
    assert_eq!(p.captures, Some(3));
    // The new file is open.
    assert!(matches!(app.ecran(), Some(Ecran::Fiche(f)) if f.id == p.id.unwrap()));
}

#[test]
fn edit_conflict_shows_both_versions_and_never_overwrites_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut app = app(&store);
    let id = selectionner(&mut app, &mut store, "DIALLO");
    // Open the edit form, change the first name.
    retaper_prenom(&mut app, &mut store, "Awa Marie");
    // Meanwhile another desk changes the phone number.
    changer_telephone(&mut autre, id, "07 00 00 00 00");
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    let Some(Ecran::Conflit(c)) = app.ecran() else {
        panic!("expected the conflict screen")
    };
    assert_eq!(c.mienne.prenom.as_deref(), Some("Awa Marie"));
    assert_eq!(c.actuelle.telephone.as_deref(), Some("07 00 00 00 00"));
    assert_eq!(c.modifie_par, "Paul");
    let stored = store.personne(id).unwrap().unwrap();
    assert_eq!(
        stored.prenom.as_deref(),
        Some("Awa"),
        "nothing overwritten yet"
    );
    // Esc: back to the form on top of the stored version; saving again now works.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(matches!(app.ecran(), Some(Ecran::Personne(_))));
    // Another change by the other desk meanwhile, then "e": keep the stored version.
    let mut p = autre.personne(id).unwrap().unwrap();
    p.notes = Some("vu par Paul".into());
    autre.modifier_personne(&p).unwrap();
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert!(matches!(app.ecran(), Some(Ecran::Conflit(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('e'))]);
    let stored = store.personne(id).unwrap().unwrap();
    assert_eq!(stored.prenom.as_deref(), Some("Awa"));
    assert_eq!(stored.notes.as_deref(), Some("vu par Paul"));
    // Again, and this time "m": keep mine, explicitly.
    retaper_prenom(&mut app, &mut store, "Awa M.");
    let mut p = autre.personne(id).unwrap().unwrap();
    p.captures = Some(9);
    autre.modifier_personne(&p).unwrap();
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Enter), touche(KeyCode::Char('m'))],
    );
    let stored = store.personne(id).unwrap().unwrap();
    assert_eq!(stored.prenom.as_deref(), Some("Awa M."));
    assert_eq!(
        stored.captures,
        Some(2),
        "mine replaced the other, by choice"
    );
    assert!(app.pile.is_empty());
}

#[test]
fn search_as_you_type_ignores_accents_and_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = base_exemple(dir.path());
    let mut app = app(&store);
    let mut k = vec![touche(KeyCode::Char('/'))];
    k.extend(texte("lefevre"));
    taper(&mut app, &mut store, &k);
    let Some(Ecran::Recherche(r)) = app.ecran() else {
        panic!("search")
    };
    assert_eq!(r.resultats.len(), 1);
    taper(&mut app, &mut store, &texte("x"));
    let Some(Ecran::Recherche(r)) = app.ecran() else {
        panic!("search")
    };
    assert!(r.resultats.is_empty());
    let mut k = vec![touche(KeyCode::Backspace), ctrl('u')];
    k.extend(texte("2026-000"));
    k.push(touche(KeyCode::Down));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    let Some(Ecran::Fiche(f)) = app.ecran() else {
        panic!("file")
    };
    // Results are by name: BENALI, DIALLO, LEFÈVRE; the second one is DIALLO.
    assert_eq!(f.id, ids[0]);
    // "/" works from the file too; Esc goes back to the file, then to the list.
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('/')), touche(KeyCode::Esc)],
    );
    assert!(matches!(app.ecran(), Some(Ecran::Fiche(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(app.pile.is_empty());
}

#[test]
fn refresh_when_another_process_writes_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut app = app(&store);
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('t')), touche(KeyCode::Char('j'))],
    );
    assert!(app.liste.tous);
    let choisie = app.liste.selectionnee().and_then(|p| p.id).unwrap();
    assert!(!app.verifier_changements(&store), "nothing changed yet");
    // Another desk adds a person whose name sorts first and who is most urgent.
    let mut p = personne("2025-0001", "AARON", "Zoé", "75");
    p.titre_expire_le = Some(parse_date("2025-01-01").unwrap());
    p.api_expire_le = Some(parse_date("2025-02-01").unwrap());
    autre.creer_personne(&p).unwrap();
    assert!(app.verifier_changements(&store));
    assert_eq!(app.liste.nombre(), 4);
    assert_eq!(app.liste.selectionnee().and_then(|p| p.id), Some(choisie));
    // t again: back to the day's list.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('t'))]);
    assert!(!app.liste.tous);
}

#[test]
fn help_and_panels_open_and_close() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('?'))]);
    assert!(matches!(app.ecran(), Some(Ecran::Aide { .. })));
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Esc), touche(KeyCode::Enter)],
    );
    taper(&mut app, &mut store, &[touche(KeyCode::Char('P'))]);
    assert!(matches!(
        app.ecran(),
        Some(Ecran::Panneau {
            titre: "Préfecture",
            ..
        })
    ));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(matches!(app.ecran(), Some(Ecran::Fiche(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::F(3))]);
    assert!(matches!(
        app.ecran(),
        Some(Ecran::Panneau {
            titre: "Statistiques",
            ..
        })
    ));
}

/// A stand-in for the préfecture and statistics panels: typed text, its own keys.
struct PanneauEssai {
    texte: String,
    recharges: std::rc::Rc<std::cell::Cell<u32>>,
}

impl vigie::tui::Panneau for PanneauEssai {
    fn dessiner(&self, _f: &mut ratatui::Frame, _zone: ratatui::layout::Rect) {}
    /// No context of its own: every key but Ctrl-C comes as text.
    fn contextes(&self) -> Vec<vigie::tui::clavier::Contexte> {
        Vec::new()
    }
    fn action(&mut self, _a: vigie::tui::clavier::Action) -> vigie::tui::Reponse {
        vigie::tui::Reponse::Ignoree
    }
    fn taper(&mut self, k: &ratatui::crossterm::event::KeyEvent) -> vigie::tui::Reponse {
        match k.code {
            KeyCode::Char(c) if c.is_alphanumeric() => {
                self.texte.push(c);
                vigie::tui::Reponse::Rien
            }
            KeyCode::Esc => vigie::tui::Reponse::Fermer,
            _ => vigie::tui::Reponse::Ignoree,
        }
    }
    fn raccourcis(&self) -> Vec<vigie::tui::Raccourci> {
        vec![vigie::tui::Raccourci {
            touche: "Entrée",
            action: "voir",
        }]
    }
    fn recharger(&mut self) -> Option<vigie::tui::effets::EffetPanneau> {
        self.recharges.set(self.recharges.get() + 1);
        None
    }
    fn saisie_en_cours(&self) -> bool {
        !self.texte.is_empty()
    }
}

#[test]
fn panels_get_keys_first_are_refreshed_and_guard_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut app = app(&store);
    let recharges = std::rc::Rc::new(std::cell::Cell::new(0));
    app.pile.push(Ecran::Panneau {
        titre: "Essai",
        panneau: Box::new(PanneauEssai {
            texte: String::new(),
            recharges: recharges.clone(),
        }),
    });
    // Letters are the panel's (q is typed there), Ctrl-C is the application's and asks.
    taper(&mut app, &mut store, &texte("q"));
    assert!(!app.quitter);
    taper(&mut app, &mut store, &[ctrl('c')]);
    assert_eq!(app.confirmation, Some(Confirmation::Quitter));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    autre
        .creer_personne(&personne("2026-0099", "ZED", "Zoé", "01"))
        .unwrap();
    assert!(app.verifier_changements(&store));
    assert_eq!(recharges.get(), 1);
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(app.pile.is_empty());
}

#[test]
fn every_event_type_has_its_key_and_saves_with_first_choices() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let id = app.liste.selectionnee().and_then(|p| p.id).unwrap();
    let cas = [
        ('v', TypeEvenement::Visite),
        ('c', TypeEvenement::Ccc),
        ('p', TypeEvenement::Pan),
        ('s', TypeEvenement::Substitution),
        ('r', TypeEvenement::Recommande),
        ('a', TypeEvenement::Avocat),
        ('d', TypeEvenement::DefenseurDroits),
        ('i', TypeEvenement::ApiDelivree),
        ('x', TypeEvenement::Cloture),
    ];
    for (n, (cle, ty)) in cas.iter().enumerate() {
        // Keep the same person selected whatever the new order of the list.
        while app.liste.selectionnee().and_then(|p| p.id) != Some(id) {
            taper(&mut app, &mut store, &[touche(KeyCode::Down)]);
        }
        taper(&mut app, &mut store, &[touche(KeyCode::Char(*cle))]);
        let Some(Ecran::Saisie(f)) = app.ecran() else {
            panic!("{cle}: no form")
        };
        assert_eq!(f.type_evenement, *ty);
        // Fill each pick list with its first value, the API's end date when asked for.
        for _ in 0..6 {
            let champ = match app.ecran() {
                Some(Ecran::Saisie(f)) => f.form.focalise().map(|c| (c.est_choix(), c.libelle)),
                _ => None,
            };
            match champ {
                Some((true, _)) => taper(&mut app, &mut store, &texte("1")),
                Some((false, "Nouvelle API jusqu'au")) => {
                    taper(&mut app, &mut store, &texte("23/05/2027"))
                }
                _ => {}
            }
            taper(&mut app, &mut store, &[touche(KeyCode::Tab)]);
        }
        taper(&mut app, &mut store, &[ctrl('s')]);
        assert!(app.pile.is_empty(), "{cle}: {:?}", app.message);
        let evs = store.evenements(id).unwrap();
        assert_eq!(evs.len(), n + 1, "{cle}");
        let e = evs.iter().find(|e| e.type_evenement == *ty).unwrap();
        assert!(e.valider().is_empty());
        assert_eq!(e.resultat, ty.resultats().first().copied());
        assert_eq!(e.canal, ty.canaux().first().copied());
        if *ty == TypeEvenement::ApiDelivree {
            assert_eq!(e.echeance, Some(parse_date("2027-05-23").unwrap()));
        }
    }
}

#[test]
fn search_puts_word_starts_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    // NADIA contains "dia" inside a word, and sorts before DIALLO by name.
    store
        .creer_personne(&personne("2026-0009", "ABADIA", "Nadia", "75"))
        .unwrap();
    let mut app = app(&store);
    let mut k = vec![touche(KeyCode::Char('/'))];
    k.extend(texte("DIA"));
    taper(&mut app, &mut store, &k);
    let Some(Ecran::Recherche(r)) = app.ecran() else {
        panic!("search")
    };
    let noms: Vec<&str> = r.resultats.iter().map(|p| p.nom.as_str()).collect();
    assert_eq!(noms, ["DIALLO", "ABADIA"]);
}

// ------------------------------------------------------------------ document preview

use vigie::tui::app::EtatApercu;
use vigie::tui::clavier::Document;

/// The document as the CLI would print it today for this reference.
fn dossier(store: &vigie::store::Store, reference: &str) -> vigie::lettres::Dossier {
    let regles = vigie::domain::regles::livrees();
    vigie::lettres::charger(store, &regles, reference, jour())
        .unwrap()
        .unwrap()
}

fn apercu(app: &vigie::tui::app::App) -> &EtatApercu {
    match app.ecran() {
        Some(Ecran::Apercu(a)) => a,
        _ => panic!("expected the document preview"),
    }
}

fn apercu_mut(app: &mut vigie::tui::app::App) -> &mut EtatApercu {
    match app.pile.last_mut() {
        Some(Ecran::Apercu(a)) => a,
        _ => panic!("expected the document preview"),
    }
}

#[test]
fn l_on_the_list_previews_the_letter_and_e_enter_saves_exactly_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let reference = app.liste.selectionnee().unwrap().reference.clone();
    let attendu = vigie::textes::lettres::lettre(&dossier(&store, &reference));

    taper(&mut app, &mut store, &[touche(KeyCode::Char('L'))]);
    let a = apercu(&app);
    assert_eq!(a.document, Document::Lettre);
    assert_eq!(a.dossier.personne.reference, reference);
    assert_eq!(a.texte, attendu);
    assert!(a.nom_fichier.is_none());

    // e: the file-name field, with the default name, in the current directory.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('e'))]);
    let nom = format!("lettre-{reference}-2026-11-23.txt");
    let a = apercu(&app);
    assert_eq!(a.nom_fichier.as_ref().unwrap().texte, nom);
    assert_eq!(a.repertoire, std::env::current_dir().unwrap());
    // (The test writes in its temporary folder, not in the crate's.)
    let sortie = tempfile::tempdir().unwrap();
    apercu_mut(&mut app).repertoire = sortie.path().to_path_buf();
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);

    let chemin = sortie.path().join(&nom);
    assert_eq!(std::fs::read_to_string(&chemin).unwrap(), attendu);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&chemin).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "owner-only file: {mode:o}");
    }
    let m = app.message.clone().unwrap();
    assert!(m.contains(&chemin.display().to_string()), "{m}");
    assert!(m.contains("données personnelles"), "{m}");
    assert!(
        apercu(&app).nom_fichier.is_none(),
        "field closed after saving"
    );
    // Esc goes back to the list.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(app.pile.is_empty());
}

#[test]
fn h_on_the_file_previews_the_chronology_scrolls_and_saves_under_a_typed_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let reference = app.liste.selectionnee().unwrap().reference.clone();
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert!(matches!(app.ecran(), Some(Ecran::Fiche(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('H'))]);
    let attendu = vigie::textes::lettres::chronologie(&dossier(&store, &reference));
    assert_eq!(apercu(&app).document, Document::Chronologie);
    assert_eq!(apercu(&app).texte, attendu);

    // Scrolling keys move the preview; Home goes back to the top.
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('j')), touche(KeyCode::Down)],
    );
    assert_eq!(apercu(&app).defilement, 2);
    taper(&mut app, &mut store, &[touche(KeyCode::PageDown)]);
    assert_eq!(apercu(&app).defilement, 12);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('k'))]);
    assert_eq!(apercu(&app).defilement, 11);
    taper(&mut app, &mut store, &[touche(KeyCode::Home)]);
    assert_eq!(apercu(&app).defilement, 0);

    // Ctrl-S opens the field too; Ctrl-U clears it; a full path is typed (letters such as
    // q or j are text here, not keys).
    let sortie = tempfile::tempdir().unwrap();
    let chemin = sortie.path().join("jq dossier.txt");
    let mut k = vec![ctrl('s'), ctrl('u')];
    k.extend(texte(&chemin.display().to_string()));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    assert!(!app.quitter);
    assert_eq!(std::fs::read_to_string(&chemin).unwrap(), attendu);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Chronologie enregistrée dans /")
    );
    // Esc: back to the file, then to the list.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(matches!(app.ecran(), Some(Ecran::Fiche(_))));
}

#[test]
fn an_existing_file_is_replaced_only_after_yes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let reference = app.liste.selectionnee().unwrap().reference.clone();
    let attendu = vigie::textes::lettres::lettre(&dossier(&store, &reference));
    let sortie = tempfile::tempdir().unwrap();
    let chemin = sortie.path().join("lettre.txt");
    std::fs::write(&chemin, "ancienne lettre\n").unwrap();

    let mut k = vec![
        touche(KeyCode::Char('L')),
        touche(KeyCode::Char('e')),
        ctrl('u'),
    ];
    k.extend(texte(&chemin.display().to_string()));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    assert_eq!(app.confirmation, Some(Confirmation::Ecraser));
    assert_eq!(apercu(&app).a_ecraser.as_deref(), Some(chemin.as_path()));
    assert_eq!(
        std::fs::read_to_string(&chemin).unwrap(),
        "ancienne lettre\n"
    );

    // n: nothing replaced, back in the field to choose another name.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    assert!(app.confirmation.is_none());
    assert!(apercu(&app).nom_fichier.is_some());
    assert_eq!(
        std::fs::read_to_string(&chemin).unwrap(),
        "ancienne lettre\n"
    );

    // Enter again, then o: replaced by exactly the letter.
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert_eq!(app.confirmation, Some(Confirmation::Ecraser));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    assert!(app.confirmation.is_none());
    assert_eq!(std::fs::read_to_string(&chemin).unwrap(), attendu);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains(&chemin.display().to_string())
    );
}

#[test]
fn a_bad_path_gives_a_french_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let sortie = tempfile::tempdir().unwrap();
    let absent = sortie.path().join("absent").join("lettre.txt");

    let mut k = vec![
        touche(KeyCode::Char('L')),
        touche(KeyCode::Char('e')),
        ctrl('u'),
    ];
    k.extend(texte(&absent.display().to_string()));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    let m = app.message.clone().unwrap();
    assert!(
        m.starts_with(&format!("Impossible d'écrire {} :", absent.display())),
        "{m}"
    );
    assert!(m.contains("n'existe pas"), "{m}");
    assert!(app.confirmation.is_none());
    assert!(apercu(&app).nom_fichier.is_some(), "the field stays open");
    assert!(!absent.parent().unwrap().exists());

    // A folder is not a file name.
    let mut k = vec![ctrl('u')];
    k.extend(texte(&sortie.path().display().to_string()));
    k.push(touche(KeyCode::Enter));
    taper(&mut app, &mut store, &k);
    let m = app.message.clone().unwrap();
    assert!(m.contains("c'est un dossier"), "{m}");

    // An empty name: said under the field.
    taper(&mut app, &mut store, &[ctrl('u'), touche(KeyCode::Enter)]);
    assert_eq!(
        apercu(&app).erreur_nom.as_deref(),
        Some("donnez un nom de fichier")
    );
    assert_eq!(std::fs::read_dir(sortie.path()).unwrap().count(), 0);

    // Esc closes the field, a second Esc leaves the preview.
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(apercu(&app).nom_fichier.is_none());
    assert!(apercu(&app).erreur_nom.is_none());
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(app.pile.is_empty());
}

#[test]
fn forms_prefill_french_dates_and_accept_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let id = selectionner(&mut app, &mut store, "DIALLO");
    taper(&mut app, &mut store, &[touche(KeyCode::Char('v'))]);
    let Some(Ecran::Saisie(f)) = app.ecran() else {
        panic!("visit form")
    };
    assert_eq!(f.form.champs[0].brut(), "23/11/2026");
    // Saved as is: the prefilled French date is today.
    taper(&mut app, &mut store, &[ctrl('s')]);
    let evs = store.evenements(id).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].date, jour());
    // The ISO form is still accepted.
    // (A visit opens on the notes: two fields back to the date.)
    let mut k = vec![
        touche(KeyCode::Char('v')),
        touche(KeyCode::BackTab),
        touche(KeyCode::BackTab),
        ctrl('u'),
    ];
    k.extend(texte("2026-11-20"));
    k.push(ctrl('s'));
    taper(&mut app, &mut store, &k);
    let evs = store.evenements(id).unwrap();
    assert_eq!(evs.len(), 2);
    assert!(
        evs.iter()
            .any(|e| e.date == parse_date("2026-11-20").unwrap())
    );
    // The person form shows the stored dates the French way.
    while app.liste.selectionnee().and_then(|p| p.id) != Some(id) {
        taper(&mut app, &mut store, &[touche(KeyCode::Down)]);
    }
    taper(&mut app, &mut store, &[touche(KeyCode::Char('m'))]);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("person form")
    };
    use vigie::tui::formulaire::ChampId;
    assert_eq!(f.form.texte(ChampId::OuvertLe), "01/10/2026");
    assert_eq!(f.form.texte(ChampId::Api), "11/11/2026");
    assert_eq!(f.form.texte(ChampId::Titre), "01/08/2026");
}

#[test]
fn the_preview_follows_changes_made_by_another_desk() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let p = app.liste.selectionnee().unwrap().clone();
    taper(&mut app, &mut store, &[touche(KeyCode::Char('H'))]);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('j'))]);
    let avant = apercu(&app).texte.clone();
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut e = vigie::domain::Evenement::nouveau(TypeEvenement::Ccc, jour());
    e.canal = Some(Canal::Telephone);
    e.resultat = Some(Resultat::SansAide);
    e.ticket = Some("98765".into());
    autre.ajouter_evenement(p.id.unwrap(), &e).unwrap();
    assert!(app.verifier_changements(&store));
    let a = apercu(&app);
    assert_ne!(a.texte, avant);
    assert!(a.texte.contains("98765"));
    assert_eq!(
        a.texte,
        vigie::textes::lettres::chronologie(&dossier(&store, &p.reference))
    );
    assert_eq!(a.defilement, 1, "the scroll is kept");
}

/// Pasted text arrives in one go (bracketed paste): a line break in it must never act as
/// Enter and save the form; in a one-line field it becomes a space, in the notes it stays.
#[test]
fn pasting_text_with_line_breaks_never_saves_a_form() {
    use vigie::tui::formulaire::ChampId;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = base_exemple(dir.path());
    let mut app = app(&store);
    let avant = store.personnes().unwrap().len();

    // New person: the name pasted with a line break (and a département after it).
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    app.coller("DUPONT\r\n33\n", &mut store);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("still on the person form");
    };
    assert_eq!(f.form.texte(ChampId::Nom), "DUPONT 33");
    assert_eq!(store.personnes().unwrap().len(), avant, "nothing saved");

    // The notes keep their lines.
    while !matches!(app.ecran(), Some(Ecran::Personne(f)) if f.form.focalise().map(|c| c.id) == Some(ChampId::Notes))
    {
        taper(&mut app, &mut store, &[touche(KeyCode::Tab)]);
    }
    app.coller("ligne 1\nligne 2\tfin", &mut store);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("still on the person form");
    };
    assert_eq!(f.form.texte(ChampId::Notes), "ligne 1\nligne 2 fin");
    assert_eq!(store.personnes().unwrap().len(), avant, "nothing saved");

    // A CCC ticket pasted with its line break: the form stays open, nothing written.
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Esc), touche(KeyCode::Char('o'))],
    );
    assert!(app.pile.is_empty());
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Char('c')),
            touche(KeyCode::Char('2')),
            touche(KeyCode::Tab),
        ],
    );
    app.coller("  12345\n", &mut store);
    let Some(Ecran::Saisie(f)) = app.ecran() else {
        panic!("still on the CCC form");
    };
    assert_eq!(f.form.texte(ChampId::Ticket), "12345");
    for id in &ids {
        assert!(store.evenements(*id).unwrap().is_empty(), "nothing saved");
    }
    // Enter (typed) saves what was pasted.
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    let tickets: Vec<_> = ids
        .iter()
        .flat_map(|id| store.evenements(*id).unwrap())
        .filter_map(|e| e.ticket)
        .collect();
    assert_eq!(tickets, vec!["12345".to_string()]);

    // Pasted over the list (no field), letters are not keys: nothing happens.
    app.coller("q\nn\n", &mut store);
    assert!(!app.quitter);
    assert!(app.pile.is_empty());

    // In the search box, one line, searched at once.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    app.coller("diallo\n", &mut store);
    let Some(Ecran::Recherche(r)) = app.ecran() else {
        panic!("search open");
    };
    assert_eq!(r.saisie.texte, "diallo");
    assert_eq!(r.resultats.len(), 1);
}

/// The message after an entry agrees with the event's name: « Visite enregistrée ».
#[test]
fn saved_entry_message_agrees_in_gender() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('v')), ctrl('s')],
    );
    let m = app.message.clone().unwrap_or_default();
    assert!(m.starts_with("Visite enregistrée pour "), "{m}");
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Char('x')),
            touche(KeyCode::Char('1')),
            touche(KeyCode::Enter),
        ],
    );
    let m = app.message.clone().unwrap_or_default();
    assert!(m.starts_with("Clôture enregistrée pour "), "{m}");
}

/// In the préfecture panel letters are the query: q does not quit, P/S do not open panels;
/// / (never in a département's name) still opens the search, F3 the statistics.
#[test]
fn prefecture_panel_keeps_letters_as_text_but_lets_slash_and_f3_through() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('P'))]);
    taper(&mut app, &mut store, &texte("qSP"));
    assert!(!app.quitter, "q is text in the query");
    assert_eq!(app.pile.len(), 1, "no other panel opened");
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    assert!(matches!(app.ecran(), Some(Ecran::Recherche(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    taper(&mut app, &mut store, &[touche(KeyCode::F(3))]);
    assert_eq!(app.pile.len(), 2, "statistics over the préfecture panel");
}

/// A préfecture correction being typed is input in progress: Ctrl-C asks before quitting.
#[test]
fn quitting_during_a_prefecture_correction_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &texte("P33"));
    taper(&mut app, &mut store, &[touche(KeyCode::F(2))]);
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut app, &mut store, &texte("appel du 20/11"));
    taper(&mut app, &mut store, &[ctrl('c')]);
    assert!(!app.quitter);
    assert_eq!(app.confirmation, Some(Confirmation::Quitter));
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    assert!(!app.quitter && app.confirmation.is_none());
    taper(
        &mut app,
        &mut store,
        &[ctrl('c'), touche(KeyCode::Char('o'))],
    );
    assert!(app.quitter);
}

/// The search results follow what another desk writes (a new person matching appears),
/// the selected person staying selected.
#[test]
fn search_results_follow_other_desks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    taper(&mut app, &mut store, &texte("2026-000"));
    let Some(Ecran::Recherche(r)) = app.ecran() else {
        panic!("search open");
    };
    assert_eq!(r.resultats.len(), 3);
    taper(&mut app, &mut store, &[touche(KeyCode::Down)]);
    let choisi = match app.ecran() {
        Some(Ecran::Recherche(r)) => r.resultats[r.selection].reference.clone(),
        _ => unreachable!(),
    };
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    autre
        .creer_personne(&personne("2026-0000", "AAA", "Zoé", "75"))
        .unwrap();
    assert!(app.verifier_changements(&store));
    let Some(Ecran::Recherche(r)) = app.ecran() else {
        panic!("search still open");
    };
    assert_eq!(r.resultats.len(), 4, "the new person appears");
    assert_eq!(r.resultats[r.selection].reference, choisi, "selection kept");
}

/// F2 and F3 open the préfecture and the statistics even while a form is being typed (on
/// the département typed so far); Esc brings the form back exactly as it was.
#[test]
fn function_keys_open_the_panels_over_a_form_and_esc_brings_it_back() {
    use vigie::tui::formulaire::ChampId;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    taper(&mut app, &mut store, &texte("DUPONT"));
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut app, &mut store, &texte("gironde"));
    taper(&mut app, &mut store, &[touche(KeyCode::F(2))]);
    assert!(matches!(app.ecran(), Some(Ecran::Panneau { .. })));
    let t = {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        term.draw(|f| vigie::tui::vue::dessiner(&app, f)).unwrap();
        let buf = term.backend().buffer().clone();
        (0..24)
            .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(t.contains("Préfecture de la Gironde"), "{t}");
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Esc), touche(KeyCode::F(3))],
    );
    assert!(matches!(app.ecran(), Some(Ecran::Panneau { .. })));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("the form is back");
    };
    assert_eq!(f.form.texte(ChampId::Nom), "DUPONT");
    assert_eq!(f.form.texte(ChampId::Departement), "gironde");
    assert_eq!(f.form.focalise().map(|c| c.id), Some(ChampId::Departement));
}

/// An event is dated the day it happened: a date after today (a typo in the year) is
/// refused next to the field, nothing is written; today's date is accepted.
#[test]
fn an_event_dated_in_the_future_is_refused() {
    use vigie::tui::formulaire::ChampId;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Char('c')),
            touche(KeyCode::BackTab),
            touche(KeyCode::BackTab),
        ],
    );
    taper(&mut app, &mut store, &texte("23/11/2062"));
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
            touche(KeyCode::Char('2')),
            touche(KeyCode::Enter),
        ],
    );
    let Some(Ecran::Saisie(f)) = app.ecran() else {
        panic!("the form stays open");
    };
    let erreur = f
        .form
        .champ(ChampId::Date)
        .and_then(|c| c.erreur.clone())
        .unwrap_or_default();
    assert!(
        erreur.starts_with("date à venir (aujourd'hui : 23/11/2026)"),
        "{erreur}"
    );
    assert_eq!(f.form.focalise().map(|c| c.id), Some(ChampId::Date));
    for id in &ids {
        assert!(store.evenements(*id).unwrap().is_empty());
    }
    taper(&mut app, &mut store, &texte("23/11/2026"));
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert!(app.pile.is_empty(), "saved");
    let n: usize = ids
        .iter()
        .map(|id| store.evenements(*id).unwrap().len())
        .sum();
    assert_eq!(n, 1);
}

/// A file opened "after today" is a typo: refused next to the field, nothing written.
#[test]
fn a_file_opened_in_the_future_is_refused() {
    use vigie::tui::formulaire::ChampId;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let avant = store.personnes().unwrap().len();
    taper(&mut app, &mut store, &[touche(KeyCode::Char('n'))]);
    taper(&mut app, &mut store, &texte("DUPONT"));
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut app, &mut store, &texte("75"));
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Tab),
            touche(KeyCode::Char('1')),
            touche(KeyCode::Tab),
            touche(KeyCode::Char('1')),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut app, &mut store, &texte("01/12/2206"));
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("the form stays open");
    };
    let erreur = f
        .form
        .champ(ChampId::OuvertLe)
        .and_then(|c| c.erreur.clone())
        .unwrap_or_default();
    assert!(erreur.starts_with("date à venir"), "{erreur}");
    assert_eq!(store.personnes().unwrap().len(), avant);
    taper(&mut app, &mut store, &texte("01/11/2026"));
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert_eq!(store.personnes().unwrap().len(), avant + 1);
}

/// Esc on the conflict screen merges: the form comes back on the other desk's version with
/// this volunteer's own changes on top, so saving keeps both (the phone typed elsewhere is
/// not undone by the first name typed here).
#[test]
fn back_to_the_form_after_a_conflict_keeps_both_desks_changes() {
    use vigie::tui::formulaire::ChampId;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&dir.path().join("x.db"), "Paul");
    let mut app = app(&store);
    let id = selectionner(&mut app, &mut store, "DIALLO");
    retaper_prenom(&mut app, &mut store, "Awa Marie");
    changer_telephone(&mut autre, id, "07 00 00 00 00");
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert!(matches!(app.ecran(), Some(Ecran::Conflit(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    let Some(Ecran::Personne(f)) = app.ecran() else {
        panic!("back on the form");
    };
    assert_eq!(f.form.texte(ChampId::Prenom), "Awa Marie");
    assert_eq!(f.form.texte(ChampId::Telephone), "07 00 00 00 00");
    assert!(f.form.modifie(), "my change is still to be saved");
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    assert!(app.pile.is_empty() || matches!(app.ecran(), Some(Ecran::Fiche(_))));
    let stored = store.personne(id).unwrap().unwrap();
    assert_eq!(stored.prenom.as_deref(), Some("Awa Marie"));
    assert_eq!(stored.telephone.as_deref(), Some("07 00 00 00 00"));
}

/// Ctrl-S twice from the preview (open the name field, then write) saves, as e then Enter.
#[test]
fn ctrl_s_twice_saves_the_previewed_document() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    let reference = app.liste.selectionnee().unwrap().reference.clone();
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('H')), ctrl('s')],
    );
    let sortie = tempfile::tempdir().unwrap();
    let Some(Ecran::Apercu(a)) = app.pile.last_mut() else {
        panic!("preview open");
    };
    a.repertoire = sortie.path().to_path_buf();
    taper(&mut app, &mut store, &[ctrl('s')]);
    let chemin = sortie
        .path()
        .join(format!("chronologie-{reference}-2026-11-23.txt"));
    assert!(chemin.exists(), "{:?}", app.message);
}

/// Esc on a préfecture correction with something typed asks first (Esc again abandons);
/// on an untouched correction it closes at once.
#[test]
fn esc_on_a_typed_prefecture_correction_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &texte("P33"));
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::F(2)), touche(KeyCode::Esc)],
    );
    assert!(!app.saisie_en_cours(), "untouched: closed at once");
    taper(&mut app, &mut store, &[touche(KeyCode::F(2))]);
    taper(
        &mut app,
        &mut store,
        &[
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
            touche(KeyCode::Tab),
        ],
    );
    taper(&mut app, &mut store, &texte("appel du 20/11"));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(
        app.saisie_en_cours(),
        "first Esc asks, the correction stays"
    );
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(!app.saisie_en_cours(), "second Esc abandons");
    assert!(
        matches!(app.ecran(), Some(Ecran::Panneau { .. })),
        "still on the card"
    );
}

/// Where ? is text (a form), F1 opens the help (the footer says so: "F1 aide") and Esc
/// comes back to the form; while a question is on screen, F1 waits for the answer.
#[test]
fn f1_opens_the_help_over_a_form_but_not_over_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(
        &mut app,
        &mut store,
        &[touche(KeyCode::Char('c')), touche(KeyCode::Char('2'))],
    );
    let pied = vigie::tui::clavier::pied(&app.contextes_actifs());
    assert_eq!(pied.first(), Some(&("F1".to_string(), "aide")), "{pied:?}");
    taper(&mut app, &mut store, &[touche(KeyCode::F(1))]);
    assert!(matches!(app.ecran(), Some(Ecran::Aide { .. })));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(matches!(app.ecran(), Some(Ecran::Saisie(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert_eq!(app.confirmation, Some(Confirmation::Abandonner));
    taper(&mut app, &mut store, &[touche(KeyCode::F(1))]);
    assert!(
        matches!(app.ecran(), Some(Ecran::Saisie(_))),
        "no help over a question"
    );
    // On the list, ? is the help key: F1 is not repeated in the footer.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('o'))]);
    let pied = vigie::tui::clavier::pied(&app.contextes_actifs());
    assert!(
        pied.contains(&("?".to_string(), "aide")) && !pied.contains(&("F1".to_string(), "aide")),
        "{pied:?}"
    );
}

/// F2 from the search opens the préfecture of the person selected in the results.
#[test]
fn f2_from_the_search_opens_the_selected_persons_prefecture() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = base_exemple(dir.path());
    let mut app = app(&store);
    taper(&mut app, &mut store, &[touche(KeyCode::Char('/'))]);
    taper(&mut app, &mut store, &texte("benali"));
    taper(&mut app, &mut store, &[touche(KeyCode::F(2))]);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| vigie::tui::vue::dessiner(&app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let ecran: String = (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect();
    assert!(ecran.contains("Numéro ou nom : 974"), "{ecran}");
}

/// Another desk changes a person's phone number, behind this desk's back.
fn changer_telephone(autre: &mut vigie::store::Store, id: i64, telephone: &str) {
    let mut p = autre.personne(id).unwrap().unwrap();
    p.telephone = Some(telephone.into());
    autre.modifier_personne(&p).unwrap();
}

/// How many lines of the journal carry `reference`, read straight from the file.
fn lignes_du_journal(db: &std::path::Path, reference: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(
        "SELECT count(*) FROM journal WHERE reference = ?1",
        [reference],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_stale_form_never_brings_back_a_person_anonymized_by_a_purge() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&db, "Paul");
    let mut app = app(&store);
    let id = selectionner(&mut app, &mut store, "DIALLO");
    retaper_prenom(&mut app, &mut store, "Awa Marie");
    // Meanwhile another desk closes the file and purges it (retention period).
    let mut cloture = vigie::domain::Evenement::nouveau(
        TypeEvenement::Cloture,
        parse_date("2026-01-10").unwrap(),
    );
    cloture.resultat = Some(Resultat::Abandon);
    autre.ajouter_evenement(id, &cloture).unwrap();
    let bilan = vigie::protection::purger(&mut autre, parse_date("2026-06-01").unwrap()).unwrap();
    assert_eq!(bilan.personnes, 1);
    let anonyme = autre.personne(id).unwrap().unwrap();
    assert_eq!(anonyme.nom, vigie::store::NOM_ANONYME);

    // The stale form is saved: no "keep mine", the screen says what happened.
    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    let Some(Ecran::Conflit(c)) = app.ecran() else {
        panic!("expected the conflict screen")
    };
    assert_eq!(c.perte, Some(vigie::tui::app::Perte::Anonymisee));
    let ecran = rendu(&mut app);
    assert!(ecran.contains("anonymisé"), "{ecran}");
    assert!(!ecran.contains("garder ma version"), "{ecran}");
    assert!(ecran.contains("Échap fermer"), "{ecran}");
    // "m" does nothing here; Esc closes, the form is dropped.
    taper(&mut app, &mut store, &[touche(KeyCode::Char('m'))]);
    assert!(matches!(app.ecran(), Some(Ecran::Conflit(_))));
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(!matches!(
        app.ecran(),
        Some(Ecran::Conflit(_) | Ecran::Personne(_))
    ));

    // Still anonymized: name, first name, phone, notes and reference did not come back.
    let p = store.personne(id).unwrap().unwrap();
    assert_eq!(p.nom, vigie::store::NOM_ANONYME);
    assert!(p.reference.starts_with(vigie::store::PREFIXE_ANONYME));
    assert_eq!((p.prenom, p.telephone, p.notes), (None, None, None));
    assert_eq!(p.version, anonyme.version);
    // The store itself refuses it, with its own error.
    let mut perime = anonyme.clone();
    perime.nom = "DIALLO".into();
    assert!(matches!(
        store.modifier_personne(&perime),
        Err(vigie::store::ErreurStore::Anonymisee)
    ));
    assert_eq!(lignes_du_journal(&db, "2026-0001"), 0);
}

#[test]
fn a_stale_form_of_an_erased_person_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let (mut store, _) = base_exemple(dir.path());
    let mut autre = ouvrir(&db, "Paul");
    let mut app = app(&store);
    let id = selectionner(&mut app, &mut store, "DIALLO");
    retaper_prenom(&mut app, &mut store, "Awa Marie");
    assert!(lignes_du_journal(&db, "2026-0001") > 0);
    vigie::protection::effacer(&mut autre, "2026-0001")
        .unwrap()
        .expect("erased");

    taper(&mut app, &mut store, &[touche(KeyCode::Enter)]);
    let Some(Ecran::Conflit(c)) = app.ecran() else {
        panic!("expected the conflict screen")
    };
    assert_eq!(c.perte, Some(vigie::tui::app::Perte::Effacee));
    let ecran = rendu(&mut app);
    assert!(ecran.contains("effacé"), "{ecran}");
    assert!(!ecran.contains("garder ma version"), "{ecran}");
    taper(&mut app, &mut store, &[touche(KeyCode::Esc)]);
    assert!(!matches!(
        app.ecran(),
        Some(Ecran::Conflit(_) | Ecran::Personne(_))
    ));
    assert!(store.personne(id).unwrap().is_none());
    assert!(store.personne_par_reference("2026-0001").unwrap().is_none());
    // The journal keeps that an erasure happened, not whose.
    assert_eq!(lignes_du_journal(&db, "2026-0001"), 0);
    assert!(lignes_du_journal(&db, vigie::store::REFERENCE_EFFACEE) >= 2);
}
