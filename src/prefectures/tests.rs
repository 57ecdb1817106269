use super::corrections::{self, ChampCorrection, Correction, lire_csv, vers_csv};
use super::*;

fn dep(code: &str) -> Departement {
    Departement::depuis_code(code).unwrap()
}

fn codes(v: &[Departement]) -> Vec<&'static str> {
    v.iter().map(|d| d.code()).collect()
}

fn jour(s: &str) -> NaiveDate {
    crate::domain::parse_date(s).unwrap()
}

#[test]
fn assets_parse_and_cover_the_101_departements() {
    let r = repertoire().unwrap();
    assert_eq!(r.entrees.len(), 101);
    for (d, e) in Departement::tous().zip(&r.entrees) {
        assert_eq!(e.departement, d);
        assert_eq!(e.coordonnees.dept_code, d.code());
        assert_eq!(e.coordonnees.dept_name, d.nom(), "{}", d.code());
        assert!(!e.coordonnees.address_line1.is_empty(), "{}", d.code());
        assert!(!e.coordonnees.postal_code.is_empty(), "{}", d.code());
    }
    // One value at most per single-valued field.
    for e in &r.entrees {
        let n = |f: fn(&GenreFait) -> bool| e.faits.iter().filter(|x| f(&x.genre)).count();
        assert!(n(|g| matches!(g, GenreFait::Pan(_))) <= 1);
        assert!(n(|g| matches!(g, GenreFait::PanReservation)) <= 1);
        assert!(n(|g| matches!(g, GenreFait::Guichet(_))) <= 1);
        assert!(n(|g| matches!(g, GenreFait::Postal(_))) <= 1);
        assert!(n(|g| matches!(g, GenreFait::Courriel(_))) <= 1);
        assert!(n(|g| matches!(g, GenreFait::PostalImpose(_))) <= 1);
    }
}

/// Walks the raw TOML: every fact, every column source and the national contact carry a
/// non-empty source and a date that parses (or "aucune" with a note saying why).
#[test]
fn every_shipped_fact_has_a_source_and_a_date() {
    let v: toml::Value = toml::from_str(FAITS_TOML).unwrap();
    let mut tables: Vec<(String, &toml::Table)> = Vec::new();
    for (k, t) in v["sources"].as_table().unwrap() {
        tables.push((format!("sources.{k}"), t.as_table().unwrap()));
    }
    tables.push(("ccc".into(), v["ccc"].as_table().unwrap()));
    tables.push(("anef".into(), v["anef"].as_table().unwrap()));
    let faits = v["fait"].as_array().unwrap();
    assert!(faits.len() >= 25, "facts of prefecture-facts.md missing");
    for (i, f) in faits.iter().enumerate() {
        tables.push((format!("fait {i}"), f.as_table().unwrap()));
    }
    for (ou, t) in tables {
        let source = t.get("source").and_then(|s| s.as_str()).unwrap_or("");
        assert!(!source.trim().is_empty(), "{ou}: no source");
        let date = t.get("date").and_then(|s| s.as_str()).unwrap_or("");
        let d = DateSource::depuis_texte(date);
        assert!(d.is_some(), "{ou}: date {date:?}");
        if d == Some(DateSource::Aucune) {
            let note = t.get("note_date").and_then(|s| s.as_str()).unwrap_or("");
            assert!(!note.trim().is_empty(), "{ou}: undated without a note");
        }
    }
}

#[test]
fn source_dates_keep_their_precision() {
    assert_eq!(
        DateSource::depuis_texte("2023-04-19"),
        Some(DateSource::Jour(jour("2023-04-19")))
    );
    assert_eq!(
        DateSource::depuis_texte("2023-02"),
        Some(DateSource::Mois {
            annee: 2023,
            mois: 2
        })
    );
    assert_eq!(
        DateSource::depuis_texte("2022"),
        Some(DateSource::Annee(2022))
    );
    assert_eq!(DateSource::depuis_texte("aucune"), Some(DateSource::Aucune));
    for bad in ["", "2023-13", "2023-02-30", "23", "hier", "2023-1"] {
        assert_eq!(DateSource::depuis_texte(bad), None, "{bad}");
    }
    // A malformed asset is refused with a message that says where.
    let e = analyser(
        ANNUAIRE_CSV,
        &FAITS_TOML.replace("date = \"2022\"", "date = \"\""),
    )
    .unwrap_err();
    let e = e.to_string();
    assert!(e.contains("fait n°"), "{e}");
}

#[test]
fn all_101_codes_resolve() {
    for d in Departement::tous() {
        assert_eq!(chercher(d.code()), vec![d]);
        assert_eq!(chercher(&d.code().to_lowercase()), vec![d]);
        assert_eq!(chercher(&format!("  {} ", d.code())), vec![d]);
    }
    assert_eq!(codes(&chercher("1")), ["01"]);
    assert_eq!(codes(&chercher("9")), ["09"]);
    assert_eq!(codes(&chercher("2A")), ["2A"]);
    assert_eq!(codes(&chercher("2a")), ["2A"]);
    assert_eq!(codes(&chercher("2b")), ["2B"]);
    assert_eq!(codes(&chercher("2B")), ["2B"]);
    assert_eq!(codes(&chercher("20")), ["2A", "2B"]);
    assert_eq!(codes(&chercher("97")), ["971", "972", "973", "974", "976"]);
}

#[test]
fn every_name_resolves_alone_with_or_without_accents_case_and_hyphens() {
    for d in Departement::tous() {
        let nom = d.nom();
        let plie = crate::domain::replier(nom);
        let espaces = plie.replace(['-', '\''], " ");
        for q in [
            nom.to_string(),
            nom.to_uppercase(),
            plie.clone(),
            espaces.clone(),
        ] {
            assert_eq!(chercher(&q), vec![d], "{q}");
        }
    }
    assert_eq!(codes(&chercher("gironde")), ["33"]);
    assert_eq!(codes(&chercher("réunion")), ["974"]);
    assert_eq!(codes(&chercher("REUNION")), ["974"]);
    assert_eq!(codes(&chercher("la reunion")), ["974"]);
    assert_eq!(codes(&chercher("cotes d armor")), ["22"]);
    assert_eq!(codes(&chercher("cotes darmor")), ["22"]);
    assert_eq!(codes(&chercher("Cote-d'Or")), ["21"]);
    assert_eq!(codes(&chercher("Pyrenees orientales")), ["66"]);
    assert_eq!(codes(&chercher("loire")), ["42"]);
    assert_eq!(codes(&chercher("savoie")), ["73"]);
    assert_eq!(codes(&chercher("paris")), ["75"]);
}

#[test]
fn ambiguous_queries_list_every_match_in_official_order() {
    let h = codes(&chercher("haute"));
    for c in ["2B", "31", "43", "52", "70", "74", "87", "05", "65"] {
        assert!(h.contains(&c), "{c} missing from {h:?}");
    }
    assert!(!h.contains(&"68"), "Haut-Rhin is not « haute »");
    assert_eq!(codes(&chercher("cote")), ["21", "22"]);
    assert_eq!(codes(&chercher("loire a")), ["44"]);
    assert_eq!(codes(&chercher("seine")), ["76", "77", "92", "93"]);
    let mut tries = codes(&chercher("haute"));
    tries.sort_by_key(|c| dep(c).rang());
    assert_eq!(tries, h);
    // The préfecture's town, when no name matches.
    assert_eq!(codes(&chercher("bordeaux")), ["33"]);
    assert_eq!(codes(&chercher("Cayenne")), ["973"]);
    assert_eq!(codes(&chercher("bord")), ["33"]);
    assert_eq!(codes(&chercher("Saint-Denis")), ["93", "974"]);
}

#[test]
fn no_match_is_empty() {
    for q in ["", "   ", "xyz", "96", "975", "100", "2C", "girondeee", "-"] {
        assert!(chercher(q).is_empty(), "{q}");
    }
}

#[test]
fn engine_knowledge_comes_from_the_sourced_facts() {
    let g = connaissance(dep("33"));
    assert_eq!(g.departement, Some(dep("33")));
    assert_eq!(g.pan, PanConnu::Inconnu);
    assert_eq!(g.postal, Some(true));
    assert!(g.postal_impose);
    assert_eq!(g.guichet, None);
    assert_eq!(connaissance(dep("973")).pan, PanConnu::Dedie);
    assert_eq!(connaissance(dep("75")).pan, PanConnu::Dedie);
    assert_eq!(connaissance(dep("75")).departement, Some(dep("75")));
    assert_eq!(connaissance(dep("63")).pan, PanConnu::General);
    let nord = connaissance(dep("59"));
    assert_eq!((nord.guichet, nord.postal), (Some(false), Some(true)));
    assert_eq!(connaissance(dep("93")).guichet, Some(true));
    // Unknown stays unknown.
    let ain = connaissance(dep("01"));
    assert_eq!(
        (
            ain.pan,
            ain.guichet,
            ain.postal,
            ain.courriel,
            ain.postal_impose
        ),
        (PanConnu::Inconnu, None, None, None, false)
    );
}

fn correction(
    code: &str,
    champ: ChampCorrection,
    valeur: &str,
    verifie: &str,
    auteur: &str,
    saisi: &str,
) -> Correction {
    Correction {
        departement: dep(code),
        champ,
        valeur: valeur.into(),
        verifie_le: jour(verifie),
        source: String::new(),
        auteur: auteur.into(),
        saisi_le: saisi.into(),
    }
}

#[test]
fn exchange_file_round_trips_and_guards_formulas() {
    let mut c = correction(
        "2A",
        ChampCorrection::Telephone,
        "+33 4 95 11 12 13",
        "2026-11-12",
        "=Awa",
        "2026-11-12 10:03:00",
    );
    c.source = "- appel au standard, \"accueil\"".into();
    let n = correction(
        "971",
        ChampCorrection::Note,
        "ligne 1\nligne 2, avec virgule",
        "2026-11-01",
        "Jean",
        "2026-11-01 08:00:00",
    );
    let octets = vers_csv(&[c.clone(), n.clone()]).unwrap();
    let texte = String::from_utf8(octets.clone()).unwrap();
    assert!(texte.starts_with("departement,champ,valeur,verifie_le,source,auteur,saisi_le\n"));
    assert!(texte.contains("2A,telephone,'+33 4 95 11 12 13,2026-11-12,\"'- appel au standard, \"\"accueil\"\"\",'=Awa,2026-11-12 10:03:00\n"), "{texte}");
    let relues = lire_csv("c.csv", &octets, jour("2026-11-23")).unwrap();
    assert_eq!(relues, vec![c, n]);
    // A BOM, CRLF and another column order are accepted.
    let autre = "\u{feff}auteur,saisi_le,departement,champ,valeur,verifie_le\r\nAwa,2026-11-12 10:03:00,2b,pan,DEDIE,12/11/2026\r\n";
    let lues = lire_csv("d.csv", autre.as_bytes(), jour("2026-11-23")).unwrap();
    assert_eq!(lues[0].departement.code(), "2B");
    assert_eq!(lues[0].valeur, "dedie");
    assert_eq!(lues[0].source, "");
}

#[test]
fn bad_exchange_files_are_refused_with_where_and_why() {
    let auj = jour("2026-11-23");
    let e = lire_csv("x.csv", b"departement;champ;valeur\n33;pan;dedie\n", auj)
        .unwrap_err()
        .to_string();
    assert!(e.contains("points-virgules"), "{e}");
    let e = lire_csv("x.csv", b"departement,champ,valeur\n33,note,caf\xe9\n", auj)
        .unwrap_err()
        .to_string();
    assert!(e.contains("UTF-8"), "{e}");
    let e = lire_csv(
        "x.csv",
        b"departement,champ,valeur,verifie_le,auteur,saisi_le,couleur\n",
        auj,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("x.csv:1: couleur: couleur: colonne inconnue"),
        "{e}"
    );
    let e = lire_csv(
        "x.csv",
        b"departement,champ,valeur,verifie_le,auteur\n",
        auj,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("x.csv:1: saisi_le: : colonne obligatoire manquante"),
        "{e}"
    );
    let fichier = "departement,champ,valeur,verifie_le,auteur,saisi_le\n\
                   33,pan,dedie,2026-11-12,Awa,2026-11-12 10:00:00\n\
                   20,pan,peut-etre,2026-12-01,,hier\n\
                   33,couleur,bleu,2026-11-12,Awa,2026-11-12 10:00:00\n";
    let e = lire_csv("x.csv", fichier.as_bytes(), auj)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("x.csv:3: departement: 20: département inconnu"),
        "{e}"
    );
    assert!(e.contains("x.csv:3: valeur: peut-etre: valeur inconnue (valeurs admises : dedie, general, aucun, inconnu)"), "{e}");
    assert!(
        e.contains("x.csv:3: verifie_le: 2026-12-01: la date de vérification est dans le futur"),
        "{e}"
    );
    assert!(
        e.contains("x.csv:3: auteur: : valeur obligatoire manquante"),
        "{e}"
    );
    assert!(e.contains("x.csv:3: saisi_le: hier:"), "{e}");
    assert!(e.contains("x.csv:4: champ: couleur:"), "{e}");
    assert!(!e.contains("x.csv:2:"), "{e}");
}

#[test]
fn typed_corrections_are_checked() {
    let auj = jour("2026-11-23");
    let ok = corrections::NouvelleCorrection::depuis_saisie(
        dep("33"),
        "pan",
        " Dedie ",
        "12/11/2026",
        " appel ",
        auj,
    )
    .unwrap();
    assert_eq!((ok.valeur.as_str(), ok.source.as_str()), ("dedie", "appel"));
    assert_eq!(ok.verifie_le, jour("2026-11-12"));
    for (champ, valeur, date) in [
        ("pan", "peut-être", "2026-11-12"),
        ("couleur", "x", "2026-11-12"),
        ("note", "  ", "2026-11-12"),
        ("note", "x", "2026-11-24"),
        ("note", "x", "31/02/2026"),
        ("postal_impose", "inconnu", "2026-11-12"),
    ] {
        assert!(
            corrections::NouvelleCorrection::depuis_saisie(dep("33"), champ, valeur, date, "", auj)
                .is_err(),
            "{champ} {valeur} {date}"
        );
    }
}
