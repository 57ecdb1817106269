//! Search normalisation: what a volunteer types and what is stored are folded the same way.
//!
//! A person's search key (`cle`) is its name, first name, reference and phone, folded:
//! every diacritic removed (Unicode decomposition, then the combining marks dropped, so
//! « Nguyễn » and « Şahin » read `nguyen` and `sahin`), lower case, apostrophes, hyphens and
//! dots removed (`N'Diaye` reads `ndiaye`, `D-000143` reads `d000143`), the phone as its
//! digits only (`+33 6…` and `0033 6…` read `06…`). A query (`Requete`) is either a phone
//! typed any way (only digits and separators: its digits must appear in the key) or words,
//! each of which must appear in the key, in any order (« Benaïssa Aïcha » finds « Aïcha
//! Benaïssa »).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters removed without a trace: apostrophes, hyphens and dots join what they split.
fn est_liant(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '-' | '‐' | '‑' | '–' | '—' | '.' | '·'
    )
}

/// Letters that no decomposition reduces to Latin letters.
fn lettre_speciale(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ß' => "ss",
        'œ' => "oe",
        'æ' => "ae",
        'þ' => "th",
        _ => return None,
    })
}

/// Folds a text for search: no diacritics, lower case, apostrophes, hyphens and dots
/// removed, any other non-alphanumeric character a single space, no leading or trailing space.
pub fn plier(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut espace = false;
    for c in s.nfkd() {
        if is_combining_mark(c) || est_liant(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if espace && !out.is_empty() {
                out.push(' ');
            }
            espace = false;
            for m in c.to_lowercase() {
                match lettre_speciale(m) {
                    Some(r) => out.push_str(r),
                    None => out.push(m),
                }
            }
        } else {
            espace = true;
        }
    }
    out
}

/// The digits of a phone number, a French international prefix (`+33`, `0033`) written as
/// the leading `0`. Anything but digits (spaces, dots, dashes, brackets) is ignored.
pub fn chiffres_telephone(s: &str) -> String {
    let t = s.trim_start();
    let chiffres: String = t.chars().filter(char::is_ascii_digit).collect();
    // `00 33` then nine digits: a whole number dialled from abroad.
    let international =
        t.starts_with('+') || (chiffres.starts_with("0033") && chiffres.len() == 13);
    let sans_prefixe = if t.starts_with('+') {
        chiffres.as_str()
    } else {
        chiffres.strip_prefix("00").unwrap_or(&chiffres)
    };
    match sans_prefixe.strip_prefix("33") {
        Some(reste) if international => format!("0{}", reste.strip_prefix('0').unwrap_or(reste)),
        _ => chiffres,
    }
}

/// Ends the folded name at the start of a key (no query word holds it: folding turns every
/// control character into a space), so that the name's words can be told from the rest.
pub const FIN_DU_NOM: char = '\u{1f}';

/// The stored search key of a person: the folded name, `FIN_DU_NOM`, then the folded first
/// name, reference and phone digits separated by spaces.
pub fn cle(nom: &str, prenom: Option<&str>, reference: &str, telephone: Option<&str>) -> String {
    let mut k = plier(nom);
    k.push(FIN_DU_NOM);
    let mut premier = true;
    for partie in [plier(prenom.unwrap_or("")), plier(reference)] {
        if !partie.is_empty() {
            if !premier {
                k.push(' ');
            }
            premier = false;
            k.push_str(&partie);
        }
    }
    let tel = telephone.map(chiffres_telephone).unwrap_or_default();
    if !tel.is_empty() {
        if !premier {
            k.push(' ');
        }
        k.push_str(&tel);
    }
    k
}

/// A folded query: every one of `motifs` must appear in a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requete {
    motifs: Vec<String>,
    /// Typed as a phone number (digits and separators only).
    pub telephone: bool,
}

impl Requete {
    pub fn nouvelle(texte: &str) -> Requete {
        let t = texte.trim();
        let telephone = t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || " .-+()/\u{a0}".contains(c));
        let motifs = if telephone {
            vec![chiffres_telephone(t)]
        } else {
            plier(t).split(' ').map(str::to_string).collect()
        };
        Requete {
            motifs: motifs.into_iter().filter(|m| !m.is_empty()).collect(),
            telephone,
        }
    }

    /// Nothing to look for (only spaces or punctuation typed).
    pub fn est_vide(&self) -> bool {
        self.motifs.is_empty()
    }

    /// Whether a stored key (`cle`) matches; an empty query matches nothing.
    pub fn correspond(&self, cle: &str) -> bool {
        !self.motifs.is_empty() && self.motifs.iter().all(|m| cle.contains(m.as_str()))
    }

    /// Whether a word of `texte` (folded) starts with one of the query's words: such matches
    /// are listed first ("dia" finds DIALLO before NADIA).
    pub fn commence_un_mot(&self, texte: &str) -> bool {
        self.commence_un_mot_plie(&plier(texte))
    }

    /// `commence_un_mot` on a text already folded (a stored key).
    pub fn commence_un_mot_plie(&self, plie: &str) -> bool {
        plie.split([' ', FIN_DU_NOM])
            .any(|mot| self.motifs.iter().any(|m| mot.starts_with(m.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn k(nom: &str, prenom: &str, reference: &str, tel: &str) -> String {
        cle(nom, Some(prenom), reference, Some(tel))
    }

    #[test]
    fn what_volunteers_type_finds_the_file() {
        let aicha = k("Benaïssa", "Aïcha", "D-000143", "06 33 92 49 49");
        for q in [
            "Aïcha Benaïssa",
            "Benaïssa Aïcha",
            "aicha benaissa",
            "BENAISSA",
            "d000143",
            "D-000143",
            "0633924949",
            "06 33 92",
            "06.33.92.49",
            "+33 6 33 92 49 49",
            "0033633924949",
            "000143",
        ] {
            assert!(Requete::nouvelle(q).correspond(&aicha), "{q}");
        }
        for q in ["Aïcha Diallo", "0644", "d000144", "", " - "] {
            assert!(!Requete::nouvelle(q).correspond(&aicha), "{q}");
        }
        let ndiaye = k("N'Diaye", "Moussa", "2026-0001", "");
        assert!(Requete::nouvelle("ndiaye").correspond(&ndiaye));
        assert!(Requete::nouvelle("N’DIAYE moussa").correspond(&ndiaye));
        assert!(Requete::nouvelle("nguyen").correspond(&k("Nguyễn", "Thị", "X", "")));
        assert!(Requete::nouvelle("sahin").correspond(&k("Şahin", "Ömer", "X", "")));
        assert!(Requete::nouvelle("omer").correspond(&k("Şahin", "Ömer", "X", "")));
        assert!(Requete::nouvelle("lodz").correspond(&k("Łódź", "", "X", "")));
        assert!(Requete::nouvelle("jean pierre").correspond(&k("Jean-Pierre", "", "X", "")));
    }

    #[test]
    fn phones_fold_to_their_national_digits() {
        assert_eq!(chiffres_telephone("+33 6 64 05 91 73"), "0664059173");
        assert_eq!(chiffres_telephone("+33 (0)6 64 05 91 73"), "0664059173");
        assert_eq!(chiffres_telephone("0033664059173"), "0664059173");
        assert_eq!(chiffres_telephone("06.71.15"), "067115");
        assert_eq!(chiffres_telephone("+213 5 55 12"), "21355512");
    }

    #[test]
    fn words_first_ranks_a_name_starting_with_the_query() {
        let q = Requete::nouvelle("dia");
        assert!(q.commence_un_mot("DIALLO"));
        assert!(!q.commence_un_mot("Nadia"));
    }

    fn nom() -> impl Strategy<Value = String> {
        "[A-Za-z]{2,10}"
    }

    /// Combining marks a keyboard may add to a Latin letter.
    const MARQUES: [char; 6] = [
        '\u{301}', '\u{300}', '\u{302}', '\u{308}', '\u{327}', '\u{303}',
    ];

    proptest! {
        #[test]
        fn folding_is_idempotent_lower_case_and_markless(s in "\\PC{0,30}") {
            let p = plier(&s);
            prop_assert_eq!(plier(&p), p.clone());
            prop_assert!(!p.chars().any(is_combining_mark));
            prop_assert!(!p.starts_with(' ') && !p.ends_with(' ') && !p.contains("  "));
        }

        #[test]
        fn diacritics_never_matter(n in nom(), marques in proptest::collection::vec(0usize..6, 0..10)) {
            // The same letters with accents, composed or not, fold to the plain name.
            let mut accentue = String::new();
            for (i, c) in n.chars().enumerate() {
                accentue.push(c);
                if let Some(m) = marques.get(i) { accentue.push(MARQUES[*m]); }
            }
            let compose: String = accentue.nfc().collect();
            prop_assert_eq!(plier(&compose), n.to_lowercase());
            prop_assert_eq!(plier(&accentue), n.to_lowercase());
            prop_assert!(Requete::nouvelle(&n).correspond(&cle(&compose, None, "R", None)));
        }

        #[test]
        fn a_name_in_either_order_matches(nom in nom(), prenom in nom()) {
            let c = cle(&nom, Some(&prenom), "2026-0001", None);
            let a = format!("{prenom} {nom}");
            let b = format!("{nom} {prenom}");
            prop_assert!(Requete::nouvelle(&a).correspond(&c));
            prop_assert!(Requete::nouvelle(&b).correspond(&c));
        }

        #[test]
        fn a_phone_matches_however_it_is_split(
            chiffres in "0[1-9][0-9]{8}",
            coupes in proptest::collection::vec((1usize..10, 0usize..4), 0..5),
            debut in 0usize..4,
            longueur in 2usize..8,
        ) {
            let stocke = cle("X", None, "R", Some(&chiffres));
            // Any separators anywhere in any slice of the number.
            let tranche: String = chiffres.chars().skip(debut).take(longueur).collect();
            let mut tape: Vec<char> = tranche.chars().collect();
            for (pos, sep) in coupes.iter().rev() {
                if *pos < tape.len() { tape.insert(*pos, [' ', '.', '-', ' '][*sep]); }
            }
            let tape: String = tape.into_iter().collect();
            prop_assert!(Requete::nouvelle(&tape).correspond(&stocke), "{}", tape);
            // The international form of the whole number.
            let international = format!("+33 {}", &chiffres[1..]);
            prop_assert!(Requete::nouvelle(&international).correspond(&stocke));
            // Stored in the international form, found by the national one.
            let stocke_int = cle("X", None, "R", Some(&international));
            prop_assert!(Requete::nouvelle(&chiffres).correspond(&stocke_int));
        }
    }
}
