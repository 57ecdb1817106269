//! Snapshots of every letter template, per blocking type, for a person with a rich file and
//! for a person with nothing recorded (the warnings), rendered in process from a temporary
//! store through the real loading (`lettres::charger`, shipped rules, today fixed).
//! `VIGIE_MAJ_INSTANTANES=1 cargo test --test lettres_modeles` rewrites
//! `tests/instantanes/lettres/`: read them by eye (as a lawyer would) before committing.

mod banc;

use banc::{Banc, ENTETE_E, ENTETE_P_SORTIE, JOUR};
use vigie::lettres::{Modele, avertissements, charger, gabarit};
use vigie::textes::lettres::{Options, avertissement, rediger};

/// One rich person per blocking type, then one with nothing recorded per blocking type.
const PERSONNES: &str = "\
R-DEPOT,Diallo,Awa,1990-04-12,sénégalaise,0123456789,06 11 22 33 44,12 rue des Lilas\\nAppartement 4\\n33000 Bordeaux,33,renouvellement,depot_impossible,3,2026-09-01,2026-12-31,,non,NOTE-SECRETE
R-API,N'Diaye,Omar,1985-01-30,malienne,9876543210,,4 place du Marché / 22000 Saint-Brieuc,22,renouvellement,api_non_renouvelee,2,2026-09-15,2026-08-01,2026-11-01,oui,NOTE-SECRETE
R-RETRAIT,Haddad,Leïla,1979-07-03,tunisienne,1111222233,,8 avenue Jean-Jaurès / 69007 Lyon,69,premiere_demande,rdv_retrait_titre,1,2026-10-01,,2026-12-10,,NOTE-SECRETE
R-NOUV,Kaya,Emre,2000-02-29,turque,4444555566,,3 impasse du Port / 13002 Marseille,13,renouvellement,sans_nouvelles,0,2026-08-20,2026-09-30,2026-12-30,oui,NOTE-SECRETE
R-ADR,Rakoto,Hery,1995-11-11,malgache,7777888899,,21 rue Nationale / 59000 Lille,59,changement_situation,changement_adresse,4,2026-10-10,2027-05-01,,non,NOTE-SECRETE
R-LETTRE,Traoré,Moussa,1988-06-15,ivoirienne,5555666677,,9 rue Haute / 35000 Rennes,35,renouvellement,sans_nouvelles,2,2026-08-01,2026-10-31,2026-12-15,oui,NOTE-SECRETE
V-DEPOT,Vide,Un,,,,,,75,premiere_demande,connexion,,2026-11-20,,,,
V-API,Vide,Deux,,,,,,93,renouvellement,api_non_renouvelee,,2026-11-20,,,,
V-RETRAIT,Vide,Trois,,,,,,31,premiere_demande,rdv_retrait_titre,,2026-11-20,,,,
V-NOUV,Vide,Quatre,,,,,,67,renouvellement,sans_nouvelles,,2026-11-20,,,,
V-ADR,Vide,Cinq,,,,,,44,duplicata,changement_adresse,,2026-11-20,,,,
";

const EVENEMENTS: &str = "\
R-DEPOT,2026-09-01,visite,,,,,,NOTE-VISITE
R-DEPOT,2026-09-02,ccc,formulaire,sans_reponse,,T-100,,
R-DEPOT,2026-09-20,ccc,telephone,attestation_impossibilite,,T-101,35,
R-DEPOT,2026-10-01,pan,,rdv_indisponible,,,,
R-API,2026-09-16,ccc,formulaire,renvoi_prefecture,,T-200,,
R-API,2026-09-30,prefecture,courriel,sans_reponse,,,,
R-API,2026-10-20,pan,,aucune_solution,,,,
R-RETRAIT,2026-10-02,prefecture,formulaire,sans_reponse,,DEM-55,,
R-RETRAIT,2026-10-20,prefecture,telephone,sans_reponse,,,,
R-RETRAIT,2026-10-25,ccc,telephone,renvoi_prefecture,,T-300,50,
R-NOUV,2026-08-21,ccc,formulaire,sans_aide,,T-400,,
R-NOUV,2026-09-10,prefecture,courriel,reponse_recue,,,,
R-ADR,2026-10-11,ccc,formulaire,en_attente,2026-10-26,T-500,,
R-ADR,2026-10-27,pan,,pas_de_pan,,,,
R-LETTRE,2026-08-02,prefecture,formulaire,sans_reponse,,,,
R-LETTRE,2026-08-20,ccc,formulaire,sans_aide,,T-600,,
R-LETTRE,2026-09-01,recommande,,envoye,,1A 111 222 333,,
R-LETTRE,2026-10-01,recommande,,reponse_recue,,,,
R-LETTRE,2026-10-15,recommande,,envoye,,1A 444 555 666,,
";

fn banc() -> Banc {
    let b = Banc::new();
    let p = b.fichier(
        "p.csv",
        format!("{ENTETE_P_SORTIE}\n{}", guillemets(PERSONNES)),
    );
    let e = b.fichier("e.csv", format!("{ENTETE_E}\n{EVENEMENTS}"));
    let o = b.vigie(&[
        "import",
        "--personnes",
        p.to_str().unwrap(),
        "--evenements",
        e.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    b
}

/// The people rows above with the multi-line address quoted (literal `\n` in the source).
fn guillemets(s: &str) -> String {
    s.lines()
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let mut c: Vec<String> = c.iter().map(|x| x.to_string()).collect();
            c[7] = format!("\"{}\"", c[7].replace("\\n", "\n"));
            c.join(",") + "\n"
        })
        .collect()
}

pub fn document(b: &Banc, reference: &str, m: Modele) -> (String, Vec<String>) {
    let regles = vigie::domain::regles::livrees();
    let jour = vigie::domain::parse_date(JOUR).unwrap();
    let d = charger(&b.store(), &regles, reference, jour)
        .unwrap()
        .unwrap();
    let r = rediger(&d, gabarit(&d, m), Options::default(), &[]);
    assert_eq!(r.refus, None);
    let a = avertissements(&d, m).iter().map(avertissement).collect();
    (r.texte, a)
}

fn comparer(nom: &str, texte: &str) {
    let chemin = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/instantanes/lettres")
        .join(format!("{nom}.txt"));
    if std::env::var_os("VIGIE_MAJ_INSTANTANES").is_some() {
        std::fs::write(&chemin, texte).unwrap();
        return;
    }
    let attendu = std::fs::read_to_string(&chemin)
        .unwrap_or_else(|_| panic!("instantané manquant : {}", chemin.display()));
    assert_eq!(texte, attendu, "{nom} différent de {}", chemin.display());
}

const REFERENCES: [&str; 11] = [
    "R-DEPOT",
    "R-API",
    "R-RETRAIT",
    "R-NOUV",
    "R-LETTRE",
    "R-ADR",
    "V-DEPOT",
    "V-API",
    "V-RETRAIT",
    "V-NOUV",
    "V-ADR",
];

#[test]
fn every_template_for_every_blocking_type_matches_its_snapshot() {
    let b = banc();
    for r in REFERENCES {
        for m in Modele::TOUS {
            let (texte, avert) = document(&b, r, m);
            for l in texte.lines() {
                assert!(
                    vigie::mise_en_page::largeur(l) <= 80,
                    "{r} {m:?}: ligne trop longue {l:?}"
                );
            }
            assert!(!texte.contains("NOTE-"), "{r} {m:?}");
            assert!(!texte.contains("06 11"), "{r} {m:?}");
            let mut s = String::from("=== avertissements ===\n");
            for a in &avert {
                s.push_str(a);
                s.push('\n');
            }
            s.push_str("=== document ===\n");
            // The day of entry is the real clock's: masked.
            for l in texte.lines() {
                match l.find("Enregistré par").and(l.find(", le ")) {
                    Some(i) => {
                        s.push_str(&l[..i]);
                        s.push_str(", le [jour de saisie]");
                    }
                    None => s.push_str(l),
                }
                s.push('\n');
            }
            comparer(&format!("{r}_{}", m.code()), &s);
        }
    }
}

/// What a lawyer checks in every letter to the préfecture, for every blocking type.
#[test]
fn letters_to_the_prefecture_keep_the_rules_of_the_issue() {
    let b = banc();
    for r in REFERENCES {
        for m in [Modele::Recommande, Modele::Relance] {
            let (texte, _) = document(&b, r, m);
            let t = texte
                .split([' ', '\n'])
                .filter(|m| !m.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(t.contains("Madame la Préfète, Monsieur le Préfet,"), "{r}");
            assert!(!t.contains("sans document de séjour"), "{r}");
            assert!(t.contains("n°\u{a0}452798"), "{r} {m:?}: {t}");
            assert!(t.contains("tribunal administratif"), "{r}");
            assert!(t.contains("Défenseur des droits"), "{r}");
            assert!(t.contains("Pièces jointes"), "{r}");
        }
        let (texte, _) = document(&b, r, Modele::Recommande);
        let t = texte
            .split([' ', '\n'])
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if r.ends_with("DEPOT") || r.ends_with("ADR") {
            assert!(t.contains("constater l’impossibilité technique"), "{r}");
            assert!(
                t.contains("m’inviter à bénéficier de la solution de substitution"),
                "{r}"
            );
            // No API is asked before any filing.
            assert!(!t.contains("délivrer l’attestation de prolongation"), "{r}");
        }
        if r.ends_with("API") {
            assert!(t.contains("R.\u{a0}431-15-1"), "{r}");
            assert!(t.contains("délivrer l’attestation de prolongation d’instruction"));
        }
    }
    // Force majeure only where the renewal window passed.
    let (t, _) = document(&b, "R-DEPOT", Modele::Recommande);
    assert!(t.contains("L.\u{a0}436-5"), "{t}");
    assert!(t.contains("Par exception"), "{t}");
    let (t, _) = document(&b, "R-ADR", Modele::Recommande);
    assert!(!t.contains("L.\u{a0}436-5"), "{t}");
}

#[test]
fn a_file_with_nothing_recorded_gets_every_warning_and_blank_lines() {
    let b = banc();
    let (texte, a) = document(&b, "V-DEPOT", Modele::Recommande);
    let a = a.join("\n");
    assert!(a.contains("aucune démarche auprès du CCC ni du PAN"), "{a}");
    assert!(
        a.contains("l’annuaire livré") || a.contains("l'annuaire livré"),
        "{a}"
    );
    assert!(
        a.contains("date de naissance, nationalité, numéro étranger, adresse"),
        "{a}"
    );
    assert!(texte.contains("Adresse\u{a0}: ......"), "{texte}");
    assert!(texte.contains("Numéro étranger\u{a0}: ......"), "{texte}");
    let (_, a) = document(&b, "R-DEPOT", Modele::Recommande);
    assert!(
        a.iter()
            .all(|x| !x.contains("identifiants") && !x.contains("aucune démarche")),
        "{a:?}"
    );
}
