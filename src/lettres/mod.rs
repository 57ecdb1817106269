//! Letters and evidence (docs/produit.md item 7): the registered letter to the préfecture
//! per blocking type, the reminder, the CCC message, the referral to the Défenseur des
//! droits and the chronology for a lawyer.
//!
//! This module gathers what a document needs (`Dossier`, one read snapshot), chooses and
//! renders its template (`modeles`, minijinja, `assets/modeles/`), lays the text out
//! (`mise_en_forme`, lines of at most `LARGEUR` columns), checks it before writing
//! (`coherence`) and prints it (`pdf`, A4). The French values given to a template are
//! built by `crate::textes::lettres`.

pub mod coherence;
pub mod mise_en_forme;
pub mod modeles;
pub mod pdf;

pub use coherence::{Avertissement, IdentifiantManquant, avertissements};
pub use modeles::{Gabarit, Modele, Motif, gabarit};

use crate::domain::moteur::{ConnaissancePrefecture, Evaluation, evaluer};
use crate::domain::regles::Regles;
use crate::domain::{Evenement, Personne};
use crate::mise_en_page::{self, Habillage};
use crate::store::{ResultatStore, Store};
use chrono::NaiveDate;

/// Printed width of every document, in columns.
pub const LARGEUR: usize = 80;

/// Everything a letter or a chronology is made of, read in one snapshot.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub personne: Personne,
    /// Date order, then insertion order.
    pub evenements: Vec<Evenement>,
    /// The préfecture's letter address lines, local corrections included (its name, above
    /// them, is worded with the letter).
    pub adresse_prefecture: Vec<String>,
    /// When a desk verified the préfecture's address (a local correction); `None`: the
    /// shipped directory's address, an old copy to check before sending.
    pub adresse_verifiee_le: Option<NaiveDate>,
    pub prefecture: ConnaissancePrefecture,
    pub evaluation: Evaluation,
    /// The reply deadline a registered letter gives (rule `recommande_sans_reponse`).
    pub delai_reponse_jours: i64,
    /// For a renewal, the day the filing window closed (rule `renouvellement_fermeture`
    /// before the permit's expiry), when that day is past.
    pub fenetre_fermee_le: Option<NaiveDate>,
    /// The date written on the document.
    pub aujourdhui: NaiveDate,
}

/// Reads a person's file by reference (`None`: no such reference).
pub fn charger(
    store: &Store,
    regles: &Regles,
    reference: &str,
    aujourdhui: NaiveDate,
) -> ResultatStore<Option<Dossier>> {
    // One read transaction: the person, their events and the préfecture facts agree.
    store.lire(|| -> ResultatStore<Option<Dossier>> {
        let Some(personne) = store.personne_par_reference(reference.trim())? else {
            return Ok(None);
        };
        let evenements = match personne.id {
            Some(id) => store.evenements(id)?,
            None => Vec::new(),
        };
        let prefecture = crate::prefectures::connaissance_avec(store, personne.departement)?;
        let adresse_prefecture =
            crate::prefectures::adresse_courrier_avec(store, personne.departement)?;
        let adresse_verifiee_le = crate::prefectures::Fiche::chargee(store, personne.departement)
            .ok()
            .and_then(|f| {
                f.correction(crate::prefectures::ChampCorrection::Adresse)
                    .map(|c| c.verifie_le)
            });
        let evaluation = evaluer(&personne, &evenements, &prefecture, regles, aujourdhui);
        let fenetre_fermee_le = fenetre_fermee(&personne, regles, aujourdhui);
        Ok(Some(Dossier {
            personne,
            evenements,
            adresse_prefecture,
            adresse_verifiee_le,
            prefecture,
            evaluation,
            delai_reponse_jours: regles.recommande_sans_reponse_jours(),
            fenetre_fermee_le,
            aujourdhui,
        }))
    })
}

/// The day a renewal's filing window closed, when past.
pub fn fenetre_fermee(p: &Personne, regles: &Regles, aujourdhui: NaiveDate) -> Option<NaiveDate> {
    if p.demarche != crate::domain::Demarche::Renouvellement {
        return None;
    }
    let fin = p.titre_expire_le?
        - chrono::Days::new(regles.renouvellement_fermeture_jours().max(0) as u64);
    (fin < aujourdhui).then_some(fin)
}

/// Lays a paragraph out in lines of at most `largeur` columns, breaking at ordinary
/// spaces only (no-break spaces keep "n° 452798" or "article R. 431-2" together).
/// The first line starts with `premier`, the others with `suite` (indents, list marks).
/// A word longer than the line is cut. See `crate::mise_en_page`.
pub fn couper(texte: &str, largeur: usize, premier: &str, suite: &str) -> Vec<String> {
    mise_en_page::envelopper(texte, &Habillage::simple(largeur).prefixes(premier, suite))
}

/// Appends a paragraph, laid out at `LARGEUR`, to `sortie`.
pub fn paragraphe(sortie: &mut String, texte: &str, premier: &str, suite: &str) {
    for l in couper(texte, LARGEUR, premier, suite) {
        sortie.push_str(l.trim_end());
        sortie.push('\n');
    }
}

/// A line pushed to the right edge (the address block, place and date), or left-aligned
/// at column `LARGEUR / 2` when it would not fit.
pub fn a_droite(sortie: &mut String, texte: &str) {
    let marge = LARGEUR / 2;
    for l in couper(texte, LARGEUR - marge, "", "") {
        sortie.push_str(&" ".repeat(marge));
        sortie.push_str(l.trim_end());
        sortie.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_word() {
        let texte = "Le Conseil d'État a jugé qu'il incombe au pouvoir réglementaire de garantir \
                     la possibilité de recourir à une solution de substitution, n°\u{a0}452798.";
        for largeur in [20, 33, 80] {
            let lignes = couper(texte, largeur, "- ", "  ");
            assert!(
                lignes.iter().all(|l| mise_en_page::largeur(l) <= largeur),
                "{lignes:?}"
            );
            assert!(lignes[0].starts_with("- "));
            assert!(lignes[1..].iter().all(|l| l.starts_with("  ")));
            let recolle: Vec<&str> = lignes
                .iter()
                .flat_map(|l| l.split(' '))
                .filter(|m| !m.is_empty() && *m != "-")
                .collect();
            let attendu: Vec<&str> = texte.split(' ').collect();
            assert_eq!(recolle, attendu);
        }
    }

    #[test]
    fn no_break_space_is_never_a_break() {
        let lignes = couper("aaaa bbbb n°\u{a0}452798 cccc", 14, "", "");
        assert!(
            lignes.iter().any(|l| l.contains("n°\u{a0}452798")),
            "{lignes:?}"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lignes = couper("x ABCDEFGHIJKLMNOPQRSTUVWXYZ y", 10, "", "");
        assert!(
            lignes.iter().all(|l| mise_en_page::largeur(l) <= 10),
            "{lignes:?}"
        );
        assert_eq!(
            lignes.concat().replace(' ', ""),
            "xABCDEFGHIJKLMNOPQRSTUVWXYZy"
        );
    }

    #[test]
    fn right_block_starts_at_the_middle() {
        let mut s = String::new();
        a_droite(&mut s, "Préfecture de la Gironde");
        assert_eq!(s, format!("{}Préfecture de la Gironde\n", " ".repeat(40)));
    }
}
