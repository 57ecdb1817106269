//! The trend of the last 12 months for the coordinator (pure drawing): one row per month,
//! people followed as a bar, the three rates as numbers — each exactly what that month's
//! export publishes (masked cells say so) — and the FAS survey figure beside, labelled as a
//! share of structures, not of people.

use super::*;
use crate::stats::formater_dixiemes;

const LARGEUR_SUIVIES: usize = 12;

/// A rate cell as published: `63,6 %`, `masqué`, or `—` when there is no base.
fn taux(t: &Tableau, i: Indicateur) -> String {
    match t.ligne(None, i) {
        Some(l) if !l.publiee() => e::TENDANCE_MASQUE.to_string(),
        Some(l) => l
            .pourcentage_dixiemes()
            .map(|d| format!("{} %", formater_dixiemes(d).replace('.', ",")))
            .unwrap_or_else(|| "—".to_string()),
        None => String::new(),
    }
}

fn suivies(t: &Tableau) -> Option<u64> {
    t.ligne(None, Indicateur::PersonnesSuivies)
        .filter(|l| l.publiee())
        .and_then(Ligne::compte)
}

/// `nov. 26`.
fn etiquette(p: Periode) -> String {
    let mois = e::MOIS_COURTS
        .get(p.du.month0() as usize)
        .copied()
        .unwrap_or("");
    format!("{mois} {}", p.du.year() % 100)
}

impl EcranStats {
    pub(super) fn dessiner_tendance(&self, f: &mut Frame, zone: Rect) {
        let points = match &self.tendance {
            Some(Ok(p)) => p,
            Some(Err(m)) => {
                f.render_widget(Paragraph::new(m.as_str()), zone);
                return;
            }
            None => {
                f.render_widget(Paragraph::new(e::TENDANCE_CALCUL), zone);
                return;
            }
        };
        let c = e::TENDANCE_COLONNES;
        let mut lignes = vec![
            Line::from(e::TENDANCE_TITRE),
            Line::from(format!(
                "{:<10}{:<22}{:<15}{:<14}{}",
                c[0], c[1], c[2], c[3], c[4]
            )),
        ];
        let max = points
            .iter()
            .filter_map(|p| suivies(&p.tableau))
            .max()
            .unwrap_or(0)
            .max(1);
        for p in points {
            let etiquette = etiquette(p.periode);
            let colonne_suivies = match suivies(&p.tableau) {
                Some(n) => {
                    let plein = ((n * LARGEUR_SUIVIES as u64 + max / 2) / max) as usize;
                    format!("{:<12} {n}", "█".repeat(plein.min(LARGEUR_SUIVIES)))
                }
                None => e::TENDANCE_MASQUE.to_string(),
            };
            let t = &p.tableau;
            lignes.push(Line::from(format!(
                "{etiquette:<10}{colonne_suivies:<22}{:<15}{:<14}{}",
                taux(t, Indicateur::CccSansAide),
                taux(t, Indicateur::PanRdvIndisponible),
                taux(t, Indicateur::RuptureDroits),
            )));
        }
        // Beside the FAS figure: the latest month whose rate is published.
        let dernier = points.iter().rev().find_map(|p| {
            let l = p.tableau.ligne(None, Indicateur::CccSansAide)?;
            l.pourcentage_dixiemes()?;
            Some((
                etiquette(p.periode),
                taux(&p.tableau, Indicateur::CccSansAide),
            ))
        });
        lignes.push(Line::from(""));
        for l in e::fas(dernier.as_ref().map(|(m, t)| (m.as_str(), t.clone()))) {
            lignes.push(Line::from(l));
        }
        f.render_widget(Paragraph::new(lignes), zone);
    }
}
