use super::*;
use crate::prefectures::corrections::{self, ChampCorrection};
use crate::store::{Ouverture, Store};
use crate::tui::effets::piloter;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn store(dir: &tempfile::TempDir) -> Store {
    Store::ouvrir(&Ouverture {
        chemin: dir.path().join("t.db"),
        phrase: None,
        sans_chiffrement: true,
        benevole: "Awa".into(),
    })
    .unwrap()
}

fn touche(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// One key, its effects run by the executor (as the application does).
fn pas(e: &mut EcranPrefecture, k: KeyEvent, s: &mut Store) -> Reponse {
    let reponse = e.touche(k);
    piloter(e, reponse, s)
}

/// Opens the panel as the application does: its first effect (the card) is run.
fn ouvrir(d: Option<&str>, s: &mut Store) -> EcranPrefecture {
    let mut e = EcranPrefecture::nouveau(d.and_then(|c| Departement::depuis_code(c).ok()), date());
    if let Some(eff) = e.recharger() {
        piloter(&mut e, Reponse::Effet(eff), s);
    }
    e
}

fn taper(e: &mut EcranPrefecture, s: &mut Store, texte: &str) {
    for c in texte.chars() {
        assert_eq!(pas(e, touche(KeyCode::Char(c)), s), Reponse::Rien);
    }
}

/// Draws at 80×24; returns the screen as text lines and the cursor.
fn ecran(e: &mut EcranPrefecture) -> (Vec<String>, (u16, u16)) {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| e.dessiner(f, f.area())).unwrap();
    let b = term.backend().buffer().clone();
    let lignes = (0..b.area.height)
        .map(|y| {
            (0..b.area.width)
                .map(|x| b[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    let p = term.backend().cursor_position();
    (lignes, (p.x, p.y))
}

fn date() -> NaiveDate {
    crate::domain::parse_date("2026-11-23").unwrap()
}

#[test]
fn snapshot_of_a_card_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let mut e = ouvrir(None, &mut s);
    taper(&mut e, &mut s, "guyane");
    let (lignes, curseur) = ecran(&mut e);
    let attendu = [
        "Numéro ou nom : guyane",
        "",
        "Préfecture de la Guyane (973 Guyane)",
        "Chef-lieu : Cayenne, région Guyane",
        "Données fournies avec vigie, non vérifiées en ligne : revérifiez avant de dire à",
        "une personne d'agir.",
        "En bref : PAN oui (ANEF) · guichet inconnu · poste inconnu · courriel inconnu",
        "",
        "PAN (POINT D'ACCUEIL NUMÉRIQUE) POUR L'ANEF",
        "  PAN : oui, il traite les démarches ANEF",
        "    PAN « e-MERAUDE » ouvert le lundi 8 novembre 2021 pour le renouvellement des",
        "    titres de séjour, après un jugement du TA de Cayenne du 28 octobre.",
        "    Source : https://la1ere.francetvinfo.fr/guyane/la-prefecture-met-en-place-e-",
        "    meraude-un-accompagnement-numerique-destine-au-renouvellement-des-titres-de-",
        "    sejour-1150375.html (novembre 2021)",
        "  Prendre rendez-vous :",
        "    Le rendez-vous au PAN est donné par le CCC (0806 001 620).",
        "    Source : https://la1ere.francetvinfo.fr/guyane/la-prefecture-met-en-place-e-",
        "    meraude-un-accompagnement-numerique-destine-au-renouvellement-des-titres-de-",
        "    sejour-1150375.html (novembre 2021)",
        "",
        "SUBSTITUTION (SI LE CCC ET LE PAN N'ONT PAS SUFFI)",
        "  Guichet : inconnu (aucune source trouvée)",
        "  Voie postale : inconnu (aucune source trouvée)",
    ];
    assert_eq!(lignes, attendu);
    assert_eq!(curseur, (22, 0), "cursor at the end of the query");

    // The card scrolls; it stops at its end, where the CCC contact and sources are.
    pas(&mut e, touche(KeyCode::Down), &mut s);
    assert_eq!(ecran(&mut e).0[2], "Chef-lieu : Cayenne, région Guyane");
    for _ in 0..20 {
        pas(&mut e, touche(KeyCode::PageDown), &mut s);
    }
    let (fin, _) = ecran(&mut e);
    assert_eq!(fin[0], "Numéro ou nom : guyane", "the query line stays");
    assert!(
        fin.iter().any(|l| l.contains("SOURCES DES COORDONNÉES")),
        "{fin:#?}"
    );
    assert_eq!(
        fin[23],
        "    (urls.txt, commit 4c246c7fcc38e0959a75721114d196c1e79c55dd) (02/12/2024)"
    );
    pas(&mut e, touche(KeyCode::PageUp), &mut s);
    assert_ne!(ecran(&mut e).0, fin);
}

#[test]
fn several_matches_are_listed_and_chosen_with_the_cursor_on_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let mut e = ouvrir(None, &mut s);
    taper(&mut e, &mut s, "haute");
    let (l, c) = ecran(&mut e);
    assert_eq!(l[1], "10 correspondances (haute) : ↑/↓ puis Entrée");
    assert_eq!(
        &l[2..4],
        ["> 04  Alpes-de-Haute-Provence", "  05  Hautes-Alpes"]
    );
    assert_eq!(c, (21, 0));
    pas(&mut e, touche(KeyCode::Down), &mut s);
    pas(&mut e, touche(KeyCode::Down), &mut s);
    let (l, c) = ecran(&mut e);
    assert_eq!(c, (0, 3), "cursor on the selected match");
    assert_eq!(l[8], "Préfecture des Hautes-Alpes (05 Hautes-Alpes)");
    // Going down past the visible rows scrolls the list.
    for _ in 0..8 {
        pas(&mut e, touche(KeyCode::Down), &mut s);
    }
    let (l, c) = ecran(&mut e);
    assert_eq!(l[7], "> 87  Haute-Vienne");
    assert_eq!(c, (0, 7));
    pas(&mut e, touche(KeyCode::Enter), &mut s);
    let (l, c) = ecran(&mut e);
    assert_eq!(l[0], "Numéro ou nom : 87");
    assert_eq!(l[2], "Préfecture de la Haute-Vienne (87 Haute-Vienne)");
    assert_eq!(c, (18, 0));
    // Editing the query updates at once; a query without match says so.
    pas(&mut e, touche(KeyCode::Backspace), &mut s);
    pas(&mut e, touche(KeyCode::Backspace), &mut s);
    taper(&mut e, &mut s, "zzz");
    let (l, _) = ecran(&mut e);
    assert!(
        l[1].starts_with("aucun département ne correspond à « zzz »"),
        "{}",
        l[1]
    );
    assert_eq!(e.departement(), None);
    assert_eq!(pas(&mut e, touche(KeyCode::Esc), &mut s), Reponse::Fermer);
}

#[test]
fn a_correction_is_added_through_the_form_and_shown_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let mut e = ouvrir(Some("33"), &mut s);
    assert_eq!(e.departement().map(|d| d.code()), Some("33"));
    // Esc cancels the form without writing.
    pas(&mut e, touche(KeyCode::F(2)), &mut s);
    assert_eq!(e.raccourcis()[0].action, t::ACTION_ENREGISTRER);
    assert_eq!(pas(&mut e, touche(KeyCode::Esc), &mut s), Reponse::Rien);
    assert!(corrections::toutes(&s).unwrap().is_empty());

    pas(
        &mut e,
        KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL),
        &mut s,
    );
    // Field: → from PAN to « Rendez-vous au PAN »; value typed; date left at today.
    pas(&mut e, touche(KeyCode::Right), &mut s);
    pas(&mut e, touche(KeyCode::Tab), &mut s);
    taper(&mut e, &mut s, "par téléphone le mardi");
    let (l, c) = ecran(&mut e);
    assert!(
        l.iter()
            .any(|x| x.contains("Champ        < Rendez-vous au PAN >")),
        "{l:#?}"
    );
    assert!(l.iter().any(|x| x.contains("Vérifié le   23/11/2026")));
    assert_eq!(
        c.1, 9,
        "cursor on the value line (second row inside the box)"
    );
    // A future date is refused in the form; nothing written.
    pas(&mut e, touche(KeyCode::Tab), &mut s);
    for _ in 0..10 {
        pas(&mut e, touche(KeyCode::Backspace), &mut s);
    }
    taper(&mut e, &mut s, "01/01/2027");
    assert_eq!(pas(&mut e, touche(KeyCode::Enter), &mut s), Reponse::Rien);
    let (l, _) = ecran(&mut e);
    assert!(l.iter().any(|x| x.contains("dans le futur")), "{l:#?}");
    assert!(corrections::toutes(&s).unwrap().is_empty());
    for _ in 0..10 {
        pas(&mut e, touche(KeyCode::Backspace), &mut s);
    }
    taper(&mut e, &mut s, "12/11/2026");
    match pas(&mut e, touche(KeyCode::Enter), &mut s) {
        Reponse::Message(m) => assert!(m.contains("Correction enregistrée"), "{m}"),
        autre => panic!("{autre:?}"),
    }
    let toutes = corrections::toutes(&s).unwrap();
    assert_eq!(toutes.len(), 1);
    assert_eq!(toutes[0].valeur, "par téléphone le mardi");
    assert_eq!(toutes[0].auteur, "Awa");
    let (l, c) = ecran(&mut e);
    let i = l
        .iter()
        .position(|x| x == "CORRECTIONS LOCALES (elles priment sur les données fournies)")
        .unwrap_or_else(|| panic!("{l:#?}"));
    assert_eq!(l[i + 1], "  Rendez-vous au PAN : par téléphone le mardi");
    assert!(
        l[i + 2].starts_with("    vérifié le 12/11/2026 par Awa, saisi le "),
        "{}",
        l[i + 2]
    );
    assert_eq!(c, (18, 0));
    assert_eq!(e.raccourcis().last().unwrap().action, t::ACTION_FERMER);
}

#[test]
fn coded_values_are_chosen_with_the_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let mut e = ouvrir(Some("59"), &mut s);
    pas(&mut e, touche(KeyCode::F(2)), &mut s);
    // Field « Substitution au guichet » (third in the list), value cycled from « oui » to « non ».
    pas(&mut e, touche(KeyCode::Right), &mut s);
    pas(&mut e, touche(KeyCode::Right), &mut s);
    pas(&mut e, touche(KeyCode::Tab), &mut s);
    pas(&mut e, touche(KeyCode::Right), &mut s);
    let (l, _) = ecran(&mut e);
    assert!(
        l.iter().any(|x| x.contains("< Substitution au guichet >")),
        "{l:#?}"
    );
    assert!(l.iter().any(|x| x.contains("Valeur       non ")), "{l:#?}");
    pas(&mut e, touche(KeyCode::Left), &mut s);
    pas(&mut e, touche(KeyCode::Left), &mut s);
    assert!(matches!(
        pas(&mut e, touche(KeyCode::Enter), &mut s),
        Reponse::Message(_)
    ));
    let c = corrections::toutes(&s).unwrap();
    assert_eq!(
        (c[0].champ, c[0].valeur.as_str()),
        (ChampCorrection::Guichet, "inconnu")
    );
    assert_eq!(c[0].verifie_le, date());
    // Keys the panel does not use go back to the application.
    assert_eq!(
        pas(
            &mut e,
            KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL),
            &mut s
        ),
        Reponse::Ignoree
    );
    assert_eq!(
        pas(&mut e, touche(KeyCode::Char('?')), &mut s),
        Reponse::Ignoree
    );
}

/// The search is the one editor: Ctrl-U empties it (as every text field), the cursor keys
/// move in it, and the card follows.
#[test]
fn ctrl_u_clears_the_search_and_ctrl_e_opens_the_correction_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let mut e = ouvrir(Some("33"), &mut s);
    assert_eq!(e.departement().map(|d| d.code()), Some("33"));
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(pas(&mut e, ctrl('u'), &mut s), Reponse::Rien);
    assert_eq!(e.requete.texte, "");
    assert_eq!(e.departement(), None);
    taper(&mut e, &mut s, "69");
    assert_eq!(e.departement().map(|d| d.code()), Some("69"));
    assert_eq!(pas(&mut e, ctrl('e'), &mut s), Reponse::Rien);
    assert_eq!(e.raccourcis()[0].action, t::ACTION_ENREGISTRER);
}
