use super::*;

#[test]
fn column_letters() {
    assert_eq!(lettre(0), "A");
    assert_eq!(lettre(25), "Z");
    assert_eq!(lettre(26), "AA");
    assert_eq!(lettre(27), "AB");
}

#[test]
fn header_row_below_a_title() {
    let v = Vocabulaire {
        synonymes: vec![("telephone", vec!["Tél."]), ("prenom", vec!["Prénom"])],
        ..Vocabulaire::default()
    };
    let t = ouvrir(
        "s.csv",
        "Titre;;\r\n\r\nNom;Prénom;Tél.\r\nSow;Awa;06\r\n".as_bytes(),
        None,
        None,
        &v,
    )
    .unwrap();
    assert_eq!(t.ligne_entete, 3, "{:?}", t.feuille.lignes);
    assert_eq!(t.colonnes[2].cible, Cible::Champ("telephone"));
}
