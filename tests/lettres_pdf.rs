//! The PDF of every document says exactly the words of its text version, read back by
//! `pdftotext` (poppler-utils): accents, « », no-break spaces and the 80-column lines
//! survive, and nothing is lost at a page break. Without pdftotext the test is reported as
//! ignored (build.rs), never passed.

mod banc;

use banc::Banc;
use std::process::Command;

fn mots(t: &str) -> Vec<String> {
    t.split(char::is_whitespace)
        .filter(|m| !m.is_empty())
        .map(String::from)
        .collect()
}

fn banc() -> Banc {
    let b = Banc::new();
    b.importer(
        "P1,Diallo,Awa,06 11 22 33 44,33,renouvellement,depot_impossible,2026-09-01,2026-12-31,2026-11-30,non,NOTE\n\
         P2,Ñúñez-Çelik,Zoë,,22,renouvellement,api_non_renouvelee,2026-09-01,2026-08-01,2026-11-01,,\n",
        "P1,2026-09-02,ccc,formulaire,sans_reponse,,T-100,,\n\
         P1,2026-09-20,ccc,telephone,attestation_impossibilite,,T-101,35,\n\
         P1,2026-10-01,pan,,rdv_indisponible,,,,\n\
         P1,2026-11-02,recommande,,envoye,,1A 234 567 8901 2,,\n\
         P2,2026-09-16,ccc,formulaire,renvoi_prefecture,,T-200,,\n",
    );
    b
}

#[test]
#[cfg_attr(
    not(vigie_pdftotext),
    ignore = "pdftotext absent : installez poppler-utils pour ce test"
)]
fn pdf_text_equals_the_text_version_word_for_word() {
    let b = banc();
    for (reference, modele) in [
        ("P1", "recommande"),
        ("P1", "relance"),
        ("P1", "ccc"),
        ("P1", "defenseur"),
        ("P1", "chronologie"),
        ("P2", "recommande"),
    ] {
        let sortie = b.racine.join(format!("{reference}-{modele}.txt"));
        let o = b.vigie(&[
            "lettre",
            reference,
            "--modele",
            modele,
            "--pdf",
            "--sortie",
            sortie.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let pdf = sortie.with_extension("pdf");
        let octets = std::fs::read(&pdf).unwrap();
        assert!(octets.starts_with(b"%PDF-"));
        let lu = b.racine.join(format!("{reference}-{modele}.lu"));
        let r = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg(&lu)
            .status()
            .unwrap();
        assert!(r.success());
        let extrait = std::fs::read_to_string(&lu).unwrap();
        let texte = std::fs::read_to_string(&sortie).unwrap();
        assert!(texte.contains('é') && texte.contains('’'));
        assert_eq!(mots(&extrait), mots(&texte), "{reference} {modele}");
        // A4 portrait: 595 × 842 points.
        let info = Command::new("pdfinfo").arg(&pdf).output();
        if let Ok(info) = info {
            let info = String::from_utf8_lossy(&info.stdout);
            assert!(info.contains("(A4)"), "{info}");
        }
    }
}

#[test]
fn pdf_needs_an_output_file_and_never_replaces_one() {
    let b = banc();
    let o = b.vigie(&["lettre", "P1", "--pdf"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--sortie"));
    let deja = b.fichier("l.pdf", "à la main");
    let o = b.vigie(&["lettre", "P1", "--pdf", "--sortie", deja.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&deja).unwrap(), "à la main");
    assert!(!b.racine.join("l.txt").exists());
}
