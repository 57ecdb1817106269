//! Property (issue 14): any §1-valid table written as a sheet with the UI labels and French
//! headers imports to the same people as the strict import of the same table.

mod banc;

use proptest::prelude::*;
use vigie::csvio::export::ecrire_personnes;
use vigie::csvio::import::{Fichier, importer};
use vigie::domain::{Blocage, Demarche, Departement};
use vigie::tableur::lecture::Cellule;
use vigie::tableur::modele::classeur_xlsx;
use vigie::textes::tableur::{MODELE_ENTETES, vocabulaire};

#[derive(Debug, Clone)]
struct Ligne {
    nom: String,
    prenom: String,
    departement: usize,
    demarche: usize,
    blocage: usize,
    jour: (u32, u32),
    pan: Option<bool>,
}

fn ligne() -> impl Strategy<Value = Ligne> {
    (
        "[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ ]{0,12}",
        "[A-Za-zé]{0,8}",
        0..101usize,
        0..Demarche::TOUS.len(),
        0..Blocage::TOUS.len(),
        (1..29u32, 1..13u32),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(nom, prenom, departement, demarche, blocage, jour, pan)| Ligne {
                nom,
                prenom,
                departement,
                demarche,
                blocage,
                jour,
                pan,
            },
        )
}

fn exporter(store: &vigie::store::Store) -> String {
    let mut v = Vec::new();
    ecrire_personnes(store, &mut v).unwrap();
    String::from_utf8(v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn a_sheet_with_labels_imports_like_the_strict_table(lignes in proptest::collection::vec(ligne(), 1..6)) {
        let deps: Vec<Departement> = Departement::tous().collect();
        let dossier = tempfile::tempdir().unwrap();
        let mut strict = String::from(banc::ENTETE_P_SORTIE);
        strict.push('\n');
        let mut feuille = vec![MODELE_ENTETES.iter().map(|h| Cellule::Texte(h.to_string())).collect::<Vec<_>>()];
        for (i, l) in lignes.iter().enumerate() {
            let d = deps[l.departement % deps.len()];
            let dem = Demarche::TOUS[l.demarche];
            let bl = Blocage::TOUS[l.blocage];
            let pan = l.pan.map_or("", |b| if b { "oui" } else { "non" });
            strict.push_str(&format!(
                "R{i},{},{},,,,,,{},{},{},,2026-{:02}-{:02},,,{},\n",
                l.nom, l.prenom, d.code(), dem.code(), bl.code(), l.jour.1, l.jour.0, pan
            ));
            let t = |s: &str| if s.is_empty() { Cellule::Vide } else { Cellule::Texte(s.to_string()) };
            feuille.push(vec![
                t(&format!("R{i}")), t(&l.nom), t(&l.prenom), Cellule::Vide, Cellule::Vide,
                Cellule::Vide, Cellule::Vide, Cellule::Vide, t(d.nom()), t(dem.libelle()),
                t(bl.libelle()), Cellule::Vide,
                t(&format!("{:02}/{:02}/2026", l.jour.0, l.jour.1)), Cellule::Vide, Cellule::Vide,
                t(match l.pan { Some(true) => "Oui", Some(false) => "Non", None => "" }),
                Cellule::Vide,
            ]);
        }
        let mut a = banc::ouvrir(&dossier.path().join("a.db"), None, banc::BENEVOLE);
        let f = Fichier::en_memoire("p.csv", strict.into_bytes());
        importer(&mut a, Some(&f), None, false, |_| String::new()).unwrap();
        let mut b = banc::ouvrir(&dossier.path().join("b.db"), None, banc::BENEVOLE);
        let octets = classeur_xlsx("Suivi", &feuille).unwrap();
        let v = vocabulaire();
        let t = vigie::tableur::ouvrir("s.xlsx", &octets, None, None, &v).unwrap();
        let jour = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let conv = vigie::tableur::convertir(&t, &v, &Default::default(), jour);
        vigie::tableur::importer_tableur(&mut b, &t, &conv, |_| String::new()).unwrap();
        prop_assert_eq!(exporter(&a), exporter(&b));
    }
}
