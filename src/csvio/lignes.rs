//! The rows of `personnes.csv` (docs/fichiers.md §1) and `evenements.csv` (§2): columns, parsing a
//! record into a domain value with every refused cell reported, and the record written back.

use super::{Colonne, ErreurCellule, Place, Raison, Sortie, Table};
use crate::domain::{
    Blocage, Canal, ChampEvenement, Demarche, Departement, ErreurValeur, Evenement, GenreTexte,
    Identite, Personne, Resultat, TypeEvenement, controle::assainir, date_iso, oui_non, parse_date,
    parse_date_opt, parse_oui_non, valider_numero_etranger, valider_reference, verifier_texte,
};

const fn col(nom: &'static str, requise: bool) -> Colonne {
    Colonne { nom, requise }
}

/// The columns of `personnes.csv`, in output order.
pub const COLONNES_PERSONNES: &[Colonne] = &[
    col("reference", true),
    col("nom", true),
    col("prenom", false),
    col("date_naissance", false),
    col("nationalite", false),
    col("numero_etranger", false),
    col("telephone", false),
    col("adresse", false),
    col("departement", true),
    col("demarche", true),
    col("blocage", true),
    col("captures", false),
    col("ouvert_le", true),
    col("titre_expire_le", false),
    col("api_expire_le", false),
    col("pan_connu", false),
    col("notes", false),
];

/// The columns of `evenements.csv`, in output order. `canal` and `resultat` are required or
/// forbidden per type: the column may be absent, its cells are then empty.
pub const COLONNES_EVENEMENTS: &[Colonne] = &[
    col("reference", true),
    col("date", true),
    col("type", true),
    col("canal", false),
    col("resultat", false),
    col("echeance", false),
    col("ticket", false),
    col("attente_minutes", false),
    col("notes", false),
];

pub fn noms(colonnes: &[Colonne]) -> Vec<&'static str> {
    colonnes.iter().map(|c| c.nom).collect()
}

/// Collects the refused cells of one record.
struct Verif<'a> {
    table: &'a Table,
    colonnes: &'static [Colonne],
    cellules: &'a [String],
    ligne: usize,
    erreurs: Vec<ErreurCellule>,
}

impl<'a> Verif<'a> {
    fn cellule(&self, k: usize) -> &'a str {
        self.table.cellule(self.cellules, k)
    }

    fn erreur(&mut self, k: usize, raison: ErreurValeur) {
        self.erreurs.push(ErreurCellule {
            fichier: self.table.fichier.clone(),
            ligne: self.ligne,
            colonne: Place::Colonne(self.colonnes[k].nom),
            valeur: self.cellule(k).to_string(),
            raison: Raison::Valeur(raison),
        });
    }

    fn valeur<T>(
        &mut self,
        k: usize,
        f: impl FnOnce(&str) -> Result<T, ErreurValeur>,
    ) -> Option<T> {
        match f(self.cellule(k)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.erreur(k, e);
                None
            }
        }
    }

    /// A required free-text cell: anything but blank and control characters, kept as written.
    fn texte_requis(&mut self, k: usize, genre: GenreTexte) -> Option<String> {
        let s = self.cellule(k);
        if s.trim().is_empty() {
            self.erreur(k, ErreurValeur::Vide);
            None
        } else {
            self.texte(k, genre)
        }
    }

    /// An optional free-text cell: empty is `None`, anything else kept as written, unless it
    /// holds a control character its kind does not allow (reported).
    fn texte(&mut self, k: usize, genre: GenreTexte) -> Option<String> {
        let s = self.cellule(k);
        if let Err(e) = verifier_texte(s, genre) {
            self.erreur(k, e);
            return None;
        }
        (!s.is_empty()).then(|| s.to_string())
    }
}

/// A person read from `personnes.csv`, with its line.
#[derive(Debug, Clone)]
pub struct LignePersonne {
    pub ligne: usize,
    pub personne: Personne,
}

/// Parses one record of `personnes.csv` (its table built with `COLONNES_PERSONNES`).
/// Returns the person, or every refused cell of the record.
pub fn lire_personne(
    table: &Table,
    ligne: usize,
    cellules: &[String],
) -> Result<LignePersonne, Vec<ErreurCellule>> {
    let mut v = Verif {
        table,
        colonnes: COLONNES_PERSONNES,
        cellules,
        ligne,
        erreurs: Vec::new(),
    };
    let reference = v.valeur(0, valider_reference);
    let nom = v.texte_requis(1, GenreTexte::Ligne);
    let prenom = v.texte(2, GenreTexte::Ligne);
    let date_naissance = v.valeur(3, parse_date_opt);
    let nationalite = v.texte(4, GenreTexte::Ligne);
    let numero_etranger = v.valeur(5, valider_numero_etranger);
    let telephone = v.texte(6, GenreTexte::Ligne);
    let adresse = v.texte(7, GenreTexte::Adresse);
    let departement = v.valeur(8, Departement::depuis_code);
    let demarche = v.valeur(9, |s| code_requis(s, Demarche::depuis_code));
    let blocage = v.valeur(10, |s| code_requis(s, Blocage::depuis_code));
    let captures = v.valeur(11, parse_captures);
    let ouvert_le = v.valeur(12, parse_date);
    let titre = v.valeur(13, parse_date_opt);
    let api = v.valeur(14, parse_date_opt);
    let pan = v.valeur(15, parse_oui_non);
    let notes = v.texte(16, GenreTexte::Notes);
    let identite = match (date_naissance, numero_etranger) {
        (Some(date_naissance), Some(numero_etranger)) => Some(Identite {
            date_naissance,
            nationalite,
            numero_etranger,
            adresse,
        }),
        _ => None,
    };
    match (
        reference,
        nom,
        departement,
        demarche,
        blocage,
        ouvert_le,
        titre,
        api,
        pan,
        (captures, identite),
    ) {
        (
            Some(reference),
            Some(nom),
            Some(departement),
            Some(demarche),
            Some(blocage),
            Some(ouvert_le),
            Some(titre_expire_le),
            Some(api_expire_le),
            Some(pan_connu),
            (Some(captures), Some(identite)),
        ) if v.erreurs.is_empty() => Ok(LignePersonne {
            ligne,
            personne: Personne {
                id: None,
                reference,
                nom,
                prenom,
                telephone,
                departement,
                demarche,
                blocage,
                ouvert_le,
                titre_expire_le,
                api_expire_le,
                pan_connu,
                notes,
                captures,
                identite,
                version: 1,
            },
        }),
        _ => Err(v.erreurs),
    }
}

/// `captures`: an integer 0–999, or empty.
fn parse_captures(s: &str) -> Result<Option<u32>, ErreurValeur> {
    match crate::domain::parse_entier_opt(s)? {
        Some(n) if n > 999 => Err(ErreurValeur::EntierInvalide),
        n => Ok(n),
    }
}

/// An event read from `evenements.csv`, with its person's reference and its line.
#[derive(Debug, Clone)]
pub struct LigneEvenement {
    pub ligne: usize,
    pub reference: String,
    pub evenement: Evenement,
}

/// A required coded cell: blank is "missing", not "unknown value".
fn code_requis<T>(
    s: &str,
    f: impl FnOnce(&str) -> Result<T, ErreurValeur>,
) -> Result<T, ErreurValeur> {
    if s.trim().is_empty() {
        Err(ErreurValeur::Vide)
    } else {
        f(s)
    }
}

fn option_code<T>(
    s: &str,
    f: impl FnOnce(&str) -> Result<T, ErreurValeur>,
) -> Result<Option<T>, ErreurValeur> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        f(s).map(Some)
    }
}

/// Parses one record of `evenements.csv` (its table built with `COLONNES_EVENEMENTS`),
/// including the per-type rules of `Evenement::valider`.
pub fn lire_evenement(
    table: &Table,
    ligne: usize,
    cellules: &[String],
) -> Result<LigneEvenement, Vec<ErreurCellule>> {
    let mut v = Verif {
        table,
        colonnes: COLONNES_EVENEMENTS,
        cellules,
        ligne,
        erreurs: Vec::new(),
    };
    let reference = v.valeur(0, valider_reference);
    let date = v.valeur(1, parse_date);
    let type_evenement = v.valeur(2, |s| code_requis(s, TypeEvenement::depuis_code));
    let canal = v.valeur(3, |s| option_code(s, Canal::depuis_code));
    let resultat = v.valeur(4, |s| option_code(s, Resultat::depuis_code));
    let echeance = v.valeur(5, parse_date_opt);
    let ticket = v.texte(6, GenreTexte::Ligne);
    let attente_minutes = v.valeur(7, crate::domain::parse_entier_opt);
    let notes = v.texte(8, GenreTexte::Notes);
    // Without a type no per-type rule applies; with one, its rules are checked even when the
    // reference or the date is wrong, so that a row's errors are all listed at once.
    let Some(type_evenement) = type_evenement else {
        return Err(v.erreurs);
    };
    let mut e = Evenement::nouveau(type_evenement, date.unwrap_or_default());
    e.canal = canal.flatten();
    e.resultat = resultat.flatten();
    e.echeance = echeance.flatten();
    e.ticket = ticket;
    e.attente_minutes = attente_minutes.flatten();
    e.notes = notes;
    // Per-type rules, only on cells that parsed (a bad code is already reported).
    for (champ, erreur) in e.valider() {
        let k = match champ {
            ChampEvenement::Canal => 3,
            ChampEvenement::Resultat => 4,
            ChampEvenement::Echeance => 5,
            ChampEvenement::AttenteMinutes => 7,
        };
        if !v
            .erreurs
            .iter()
            .any(|x| x.colonne == Place::Colonne(COLONNES_EVENEMENTS[k].nom))
        {
            v.erreur(k, erreur);
        }
    }
    match (reference, date) {
        (Some(reference), Some(_)) if v.erreurs.is_empty() => Ok(LigneEvenement {
            ligne,
            reference,
            evenement: e,
        }),
        _ => Err(v.erreurs),
    }
}

/// A stored free text as written on output: no control character its kind does not allow
/// (data stored before the check gets visible signs instead), so the file imports again.
fn sortie_texte(s: Option<&str>, genre: GenreTexte) -> String {
    assainir(s.unwrap_or_default(), genre).into_owned()
}

/// The cells of a person, in `COLONNES_PERSONNES` order, as written on output.
pub fn cellules_personne(p: &Personne) -> [String; 17] {
    let id = &p.identite;
    [
        p.reference.clone(),
        sortie_texte(Some(&p.nom), GenreTexte::Ligne),
        sortie_texte(p.prenom.as_deref(), GenreTexte::Ligne),
        id.date_naissance.map(date_iso).unwrap_or_default(),
        sortie_texte(id.nationalite.as_deref(), GenreTexte::Ligne),
        id.numero_etranger.clone().unwrap_or_default(),
        sortie_texte(p.telephone.as_deref(), GenreTexte::Ligne),
        sortie_texte(id.adresse.as_deref(), GenreTexte::Adresse),
        p.departement.code().to_string(),
        p.demarche.code().to_string(),
        p.blocage.code().to_string(),
        p.captures.map(|n| n.to_string()).unwrap_or_default(),
        date_iso(p.ouvert_le),
        p.titre_expire_le.map(date_iso).unwrap_or_default(),
        p.api_expire_le.map(date_iso).unwrap_or_default(),
        oui_non(p.pan_connu).to_string(),
        sortie_texte(p.notes.as_deref(), GenreTexte::Notes),
    ]
}

/// The text cells of an event, in `COLONNES_EVENEMENTS` order, except `attente_minutes`
/// (a number): index 7 is left empty here and written by `ecrire_evenement`.
pub fn cellules_evenement(reference: &str, e: &Evenement) -> [String; 9] {
    [
        reference.to_string(),
        date_iso(e.date),
        e.type_evenement.code().to_string(),
        e.canal.map(|c| c.code().to_string()).unwrap_or_default(),
        e.resultat.map(|r| r.code().to_string()).unwrap_or_default(),
        e.echeance.map(date_iso).unwrap_or_default(),
        sortie_texte(e.ticket.as_deref(), GenreTexte::Ligne),
        e.attente_minutes.map(|n| n.to_string()).unwrap_or_default(),
        sortie_texte(e.notes.as_deref(), GenreTexte::Notes),
    ]
}

/// Writes a person as one record.
pub fn ecrire_personne<W: std::io::Write>(
    w: &mut super::Ecrivain<W>,
    p: &Personne,
) -> std::io::Result<()> {
    let c = cellules_personne(p);
    let sorties: Vec<Sortie<'_>> = c
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i == 11 {
                Sortie::Entier(p.captures)
            } else {
                Sortie::Texte(s)
            }
        })
        .collect();
    w.ligne(&sorties)
}

/// Writes an event as one record (`attente_minutes` as a number).
pub fn ecrire_evenement<W: std::io::Write>(
    w: &mut super::Ecrivain<W>,
    reference: &str,
    e: &Evenement,
) -> std::io::Result<()> {
    let c = cellules_evenement(reference, e);
    let sorties: Vec<Sortie<'_>> = c
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i == 7 {
                Sortie::Entier(e.attente_minutes)
            } else {
                Sortie::Texte(s)
            }
        })
        .collect();
    w.ligne(&sorties)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csvio::{Ecrivain, lire_table};
    use proptest::prelude::*;

    /// One-line free text (no control character: the contract refuses them).
    fn texte_opt() -> impl Strategy<Value = Option<String>> {
        proptest::option::of("([^'\\p{C}]|[=+@,;\"-])(\\PC|['=+@,;\"-]){0,11}")
    }

    /// Notes: TAB and line breaks (LF or CRLF) allowed.
    fn notes_opt() -> impl Strategy<Value = Option<String>> {
        proptest::option::of("([^'\\p{C}]|[\n\t=+@,;\"-]|\r\n)(\\PC|[\n\t'=+@,;\"-]|\r\n){0,11}")
    }

    proptest! {
        /// Any person and event, written then read back, comes back equal.
        #[test]
        fn rows_round_trip(
            nom in "[^\\s'\\p{C}]\\PC{0,10}|[=+@-][=+@'-]{0,2}[a-z]",
            prenom in texte_opt(),
            telephone in texte_opt(),
            notes in notes_opt(),
            ticket in texte_opt(),
            dep in 0usize..101,
            minutes in proptest::option::of(0u32..=1440),
            jours in 0i64..20_000,
            nationalite in texte_opt(),
            numero in proptest::option::of("[0-9]{10}"),
            adresse in proptest::option::of("([^'\\p{C}]|[\n=+@,;\"-]|\r\n)(\\PC|[\n'=+@,;\"-]|\r\n){0,11}"),
            captures in proptest::option::of(0u32..1000),
        ) {
            let date = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
                + chrono::Duration::days(jours);
            let p = Personne {
                id: None,
                reference: "R-1_a".into(),
                nom,
                prenom,
                telephone,
                departement: Departement::tous().nth(dep).unwrap(),
                demarche: Demarche::Naturalisation,
                blocage: Blocage::SansNouvelles,
                ouvert_le: date,
                titre_expire_le: Some(date),
                api_expire_le: None,
                pan_connu: Some(false),
                notes: notes.clone(),
                captures,
                identite: Identite {
                    date_naissance: Some(date),
                    nationalite,
                    numero_etranger: numero,
                    adresse,
                },
                version: 1,
            };
            let mut e = Evenement::nouveau(TypeEvenement::Ccc, date);
            e.canal = Some(Canal::Telephone);
            e.resultat = Some(Resultat::EnAttente);
            e.echeance = Some(date);
            e.ticket = ticket;
            e.attente_minutes = minutes;
            e.notes = notes;

            let mut w = Ecrivain::new(Vec::new());
            w.entete(&noms(COLONNES_PERSONNES)).unwrap();
            ecrire_personne(&mut w, &p).unwrap();
            let octets = w.terminer().unwrap();
            let (t, erreurs) = lire_table("p.csv", &octets, COLONNES_PERSONNES).unwrap();
            prop_assert!(erreurs.is_empty());
            let lu = lire_personne(&t, 2, &t.lignes[0].1).unwrap();
            prop_assert_eq!(lu.personne, p);

            let mut w = Ecrivain::new(Vec::new());
            w.entete(&noms(COLONNES_EVENEMENTS)).unwrap();
            ecrire_evenement(&mut w, "R-1_a", &e).unwrap();
            let octets = w.terminer().unwrap();
            let (t, erreurs) = lire_table("e.csv", &octets, COLONNES_EVENEMENTS).unwrap();
            prop_assert!(erreurs.is_empty());
            let lu = lire_evenement(&t, 2, &t.lignes[0].1).unwrap();
            prop_assert_eq!(lu.reference.as_str(), "R-1_a");
            prop_assert_eq!(lu.evenement, e);
        }
    }

    fn evenements(csv: &str) -> Vec<Result<LigneEvenement, Vec<ErreurCellule>>> {
        let (t, e) = lire_table("e.csv", csv.as_bytes(), COLONNES_EVENEMENTS).unwrap();
        assert!(e.is_empty());
        t.lignes
            .iter()
            .map(|(l, c)| lire_evenement(&t, *l, c))
            .collect()
    }

    #[test]
    fn event_rows_and_their_errors() {
        let r = evenements(
            "reference,date,type,canal,resultat,echeance,ticket,attente_minutes,notes\n\
             R1,3/1/2026,ccc,telephone,sans_aide,,T-1,45,\"a, b\"\n\
             R1,2026-01-04,ccc,,sans_aide,,,,\n\
             R1,2026-01-04,visite,,resolu,,,,\n\
             R1,2026-01-04,api_delivree,,,,,,\n\
             R1,2026-01-04,ccc,formulaire,resolu,,,-3,\n\
             R 1,2026-02-30,rdv,,,,,,\n\
             R1,2026-13-01,substitution,,envoye,,,,\n",
        );
        let ok = r[0].as_ref().unwrap();
        assert_eq!(ok.evenement.attente_minutes, Some(45));
        assert_eq!(date_iso(ok.evenement.date), "2026-01-03");
        let colonnes = |i: usize| -> Vec<String> {
            r[i].as_ref()
                .unwrap_err()
                .iter()
                .map(|e| format!("{}:{}", e.ligne, e.colonne))
                .collect()
        };
        assert_eq!(colonnes(1), vec!["3:canal"]);
        assert_eq!(colonnes(2), vec!["4:resultat"]);
        assert_eq!(colonnes(3), vec!["5:echeance"]);
        assert_eq!(colonnes(4), vec!["6:attente_minutes"]);
        assert_eq!(colonnes(5), vec!["7:reference", "7:date", "7:type"]);
        // A bad date does not hide the row's other errors.
        assert_eq!(colonnes(6), vec!["8:date", "8:canal", "8:resultat"]);
    }

    #[test]
    fn an_empty_required_code_is_said_missing_not_unknown() {
        let (t, e) = lire_table(
            "p.csv",
            b"reference,nom,departement,demarche,blocage,ouvert_le\nP1,X,75,,,2026-10-01\n",
            COLONNES_PERSONNES,
        )
        .unwrap();
        assert!(e.is_empty());
        let (l, c) = &t.lignes[0];
        let erreurs = lire_personne(&t, *l, c).unwrap_err();
        let raisons: Vec<String> = erreurs
            .iter()
            .map(|e| format!("{}: {}", e.colonne, e.raison))
            .collect();
        let vide = ErreurValeur::Vide.to_string();
        assert_eq!(
            raisons,
            vec![format!("demarche: {vide}"), format!("blocage: {vide}")]
        );
        let r = evenements("reference,date,type\nP1,2026-10-01,\n");
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].raison.to_string(), vide);
    }

    #[test]
    fn control_characters_are_refused_with_line_and_column() {
        let (t, e) = lire_table(
            "p.csv",
            "reference,nom,prenom,departement,demarche,blocage,ouvert_le,notes\n\
             P1,\u{1b}]0;x\u{7},Awa,75,autre,autre,2026-10-01,\"a\tb\r\nc\"\n\
             P2,Diallo,A\u{9b}2J,75,autre,autre,2026-10-01,\"\u{1b}[2J\"\n"
                .as_bytes(),
            COLONNES_PERSONNES,
        )
        .unwrap();
        assert!(e.is_empty());
        let lieux = |i: usize| -> Vec<String> {
            let (l, c) = &t.lignes[i];
            lire_personne(&t, *l, c)
                .unwrap_err()
                .iter()
                .map(|e| format!("{}:{}: {}", e.ligne, e.colonne, e.raison))
                .collect()
        };
        let refus = |code: u32, position: usize| {
            ErreurValeur::CaractereControle { code, position }.to_string()
        };
        assert_eq!(lieux(0), vec![format!("2:nom: {}", refus(0x1b, 1))]);
        assert_eq!(
            lieux(1),
            vec![
                format!("3:prenom: {}", refus(0x9b, 2)),
                format!("3:notes: {}", refus(0x1b, 1)),
            ]
        );
        let r = evenements(
            "reference,date,type,ticket,notes\n\
             R1,2026-01-04,visite,T\u{1b}P,\n\
             R1,2026-01-04,visite,,\"ok\u{7f}\"\n\
             R1,2026-01-04,visite,T-1,\"l1\r\nl2\tz\"\n",
        );
        let lieu = |i: usize| {
            let e = r[i].as_ref().unwrap_err();
            format!("{}:{}", e[0].ligne, e[0].colonne)
        };
        assert_eq!(lieu(0), "2:ticket");
        assert_eq!(lieu(1), "3:notes");
        assert!(r[2].is_ok());
    }

    #[test]
    fn minutes() {
        assert_eq!(crate::domain::parse_entier_opt("0"), Ok(Some(0)));
        assert_eq!(crate::domain::parse_entier_opt(""), Ok(None));
        for bad in ["-1", "1.5", "dix", "+3", "99999999999"] {
            assert_eq!(
                crate::domain::parse_entier_opt(bad),
                Err(ErreurValeur::EntierInvalide),
                "{bad}"
            );
        }
    }
}
