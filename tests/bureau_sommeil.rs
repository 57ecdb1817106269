//! Follow-ups that can be handled (issue 13, item 4): a follow-up overdue for longer than the
//! `sommeil` rule goes « en sommeil » after the day's work, in `vigie aujourdhui` and in the
//! header's counts; `vigie noter … suivi` postpones it and it is back among the day's work.

mod banc;

use banc::{Banc, ENTETE_E, ENTETE_P};

#[test]
fn an_old_overdue_follow_up_sleeps_after_the_day_s_work_and_a_suivi_postpones_it() {
    let b = Banc::new();
    // Day of the binary: 2026-11-23. Both wait for the CCC (15 days): R-VIEUX since March
    // (overdue by far more than 90 days), R-RECENT since the start of November.
    let personnes = "R-VIEUX,Ancien,,,,,,,93,premiere_demande,connexion,,2026-03-01,,,,\n\
                     R-RECENT,Recent,,,,,,,93,premiere_demande,connexion,,2026-11-01,,,,\n";
    let p = format!(
        "reference,nom,prenom,date_naissance,nationalite,numero_etranger,telephone,adresse,\
         departement,demarche,blocage,captures,ouvert_le,titre_expire_le,api_expire_le,\
         pan_connu,notes\n{personnes}"
    );
    let e = format!(
        "{ENTETE_E}\nR-VIEUX,2026-03-02,ccc,formulaire,en_attente,,,,\n\
         R-RECENT,2026-11-02,ccc,formulaire,en_attente,,,,\n"
    );
    let _ = ENTETE_P;
    let o = b.importer_csv(Some(&p), Some(&e));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = b.vigie(&["aujourdhui"]);
    let texte = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{texte}");
    let recent = texte.find("R-RECENT").expect("R-RECENT listed");
    let vieux = texte.find("R-VIEUX").expect("R-VIEUX listed");
    assert!(recent < vieux, "the day's work first: {texte}");
    assert!(texte.contains("relance en retard : 1"), "{texte}");
    assert!(texte.contains("en sommeil : 1"), "{texte}");
    let ligne_vieux = texte.lines().find(|l| l.contains("R-VIEUX")).unwrap();
    assert!(ligne_vieux.contains("En sommeil"), "{ligne_vieux}");
    // The CSV keeps the contract's codes (§5 has no « sommeil »).
    let csv =
        String::from_utf8_lossy(&b.vigie(&["aujourdhui", "--format", "csv"]).stdout).to_string();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("R-VIEUX,relance_en_retard,")),
        "{csv}"
    );
    // A follow-up done with nothing new postpones it: no longer overdue, off the day's list.
    let o = b.vigie(&["noter", "R-VIEUX", "suivi", "--echeance", "2026-12-08"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let texte = String::from_utf8_lossy(&b.vigie(&["aujourdhui"]).stdout).to_string();
    assert!(!texte.contains("en sommeil"), "{texte}");
    let ligne = texte.lines().find(|l| l.contains("R-VIEUX"));
    assert!(ligne.is_none_or(|l| !l.contains("En sommeil")), "{texte}");
}
