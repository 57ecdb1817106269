//! Several desks on one database file: concurrent writers lose nothing, readers see commits.

mod banc;

use vigie::domain::{
    Blocage, Demarche, Departement, Evenement, Personne, TypeEvenement, parse_date,
};
use vigie::store::Store;

fn ouvrir(chemin: &std::path::Path, benevole: &str) -> Store {
    banc::ouvrir(chemin, Some("phrase de test"), benevole)
}

#[test]
fn concurrent_desks_lose_no_write() {
    let dir = tempfile::tempdir().unwrap();
    let chemin = dir.path().join("v.db");
    let id = {
        let mut s = ouvrir(&chemin, "Accueil");
        s.creer_personne(&Personne {
            id: None,
            reference: "R1".into(),
            nom: "Diallo".into(),
            prenom: None,
            telephone: None,
            departement: Departement::depuis_code("93").unwrap(),
            demarche: Demarche::Renouvellement,
            blocage: Blocage::Connexion,
            ouvert_le: parse_date("2026-11-02").unwrap(),
            titre_expire_le: None,
            api_expire_le: None,
            pan_connu: None,
            notes: None,
            captures: None,
            identite: Default::default(),
            version: 1,
        })
        .unwrap()
    };
    const PAR_POSTE: usize = 60;
    let postes: Vec<_> = ["Poste A", "Poste B", "Poste C"]
        .into_iter()
        .map(|nom| {
            let chemin = chemin.clone();
            std::thread::spawn(move || {
                let mut s = ouvrir(&chemin, nom);
                for i in 0..PAR_POSTE {
                    let mut e = Evenement::nouveau(
                        TypeEvenement::Visite,
                        parse_date("2026-11-23").unwrap(),
                    );
                    e.notes = Some(format!("{nom} {i}"));
                    s.ajouter_evenement(id, &e).unwrap();
                }
            })
        })
        .collect();
    for p in postes {
        p.join().unwrap();
    }
    let s = ouvrir(&chemin, "Lecture");
    let evenements = s.evenements(id).unwrap();
    assert_eq!(evenements.len(), 3 * PAR_POSTE);
    for nom in ["Poste A", "Poste B", "Poste C"] {
        let siens: Vec<_> = evenements.iter().filter(|e| e.saisi_par == nom).collect();
        assert_eq!(siens.len(), PAR_POSTE, "{nom}");
        for i in 0..PAR_POSTE {
            let note = format!("{nom} {i}");
            assert!(
                siens
                    .iter()
                    .any(|e| e.notes.as_deref() == Some(note.as_str()))
            );
        }
    }
}
