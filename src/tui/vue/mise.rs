//! Layout helpers (to be replaced by `crate::mise_en_page`).

use super::*;

/// Cuts `s` to `largeur` columns, ending with "…" when something was left out.
pub fn tronquer(s: &str, largeur: usize) -> String {
    if s.chars().count() <= largeur {
        return s.to_string();
    }
    let r: String = s.chars().take(largeur.saturating_sub(1)).collect();
    format!("{}…", r.trim_end())
}

/// Word-wraps `s` into lines of at most `largeur` columns (a word longer than a line is cut
/// with "…"); never cuts in the middle of a word otherwise.
pub fn envelopper(s: &str, largeur: u16) -> Vec<String> {
    let largeur = largeur.max(1) as usize;
    let mut v: Vec<String> = Vec::new();
    let mut courante = String::new();
    for mot in jetons(s) {
        let mot = tronquer(&mot, largeur);
        let n = courante.chars().count();
        if n > 0 && n + 1 + mot.chars().count() > largeur {
            v.push(std::mem::take(&mut courante));
        }
        if !courante.is_empty() {
            courante.push(' ');
        }
        courante.push_str(&mot);
    }
    if !courante.is_empty() || v.is_empty() {
        v.push(courante);
    }
    v
}

/// The words of `s` for wrapping: a unit ("6 j") or French high punctuation (" :", " ;")
/// stays with the word before it, so no line starts with it.
pub(super) fn jetons(s: &str) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for mot in s.split_whitespace() {
        match v.last_mut() {
            Some(der) if matches!(mot, "j" | ":" | ";" | "!" | "?" | "»" | "min") => {
                der.push(' ');
                der.push_str(mot);
                // "dans 6 j", "depuis 12 j", "de 3 j" stay on one line.
                if mot == "j"
                    && v.len() >= 2
                    && matches!(v[v.len() - 2].as_str(), "de" | "dans" | "depuis")
                    && let Some(duree) = v.pop()
                    && let Some(avant) = v.last_mut()
                {
                    avant.push(' ');
                    avant.push_str(&duree);
                }
            }
            _ => v.push(mot.to_string()),
        }
    }
    v
}

/// Display width of a text (an emoji or a CJK character takes two columns).
pub fn largeur_affichee(s: &str) -> usize {
    Span::raw(s).width()
}

pub(super) fn largeur_car(c: char) -> usize {
    let mut b = [0u8; 4];
    largeur_affichee(c.encode_utf8(&mut b))
}

/// The part of a one-line value shown in `largeur` columns around the cursor (a character
/// index): the text itself when it fits, else a window with "…" where text is hidden.
/// Returns the visible text and the cursor's column in it.
pub fn fenetre(texte: &str, curseur: usize, largeur: usize) -> (String, usize) {
    let cs: Vec<char> = texte.chars().collect();
    let curseur = curseur.min(cs.len());
    let w: Vec<usize> = cs.iter().map(|c| largeur_car(*c)).collect();
    let total: usize = w.iter().sum();
    if total < largeur {
        return (texte.to_string(), w[..curseur].iter().sum());
    }
    let largeur = largeur.max(4);
    // First character shown: the cursor stays left of the last column (kept for "…").
    let mut debut = 0;
    let mut avant: usize = w[..curseur].iter().sum();
    while debut < curseur && usize::from(debut > 0) + avant > largeur - 2 {
        avant -= w[debut];
        debut += 1;
    }
    let mut visible = String::new();
    let mut x = 0;
    if debut > 0 {
        visible.push('…');
        x = 1;
    }
    let colonne = x + avant;
    for i in debut..cs.len() {
        let reste: usize = w[i..].iter().sum();
        if x + reste <= largeur {
            visible.extend(&cs[i..]);
            break;
        }
        if x + w[i] > largeur - 1 {
            visible.push('…');
            break;
        }
        visible.push(cs[i]);
        x += w[i];
    }
    (visible, colonne)
}

/// Word-wraps `s` into lines of at most `largeur` characters (continuation lines 2 shorter).
pub(super) fn couper(s: &str, largeur: usize) -> Vec<String> {
    let mut v: Vec<String> = vec![String::new()];
    for mot in s.split(' ') {
        let max = if v.len() == 1 {
            largeur
        } else {
            largeur.saturating_sub(2)
        };
        let courante = v.last().map_or(0, |l| l.chars().count());
        if courante > 0 && courante + 1 + mot.chars().count() > max {
            v.push(mot.to_string());
        } else if let Some(l) = v.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(mot);
        }
    }
    v
}
