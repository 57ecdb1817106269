//! Drawing the statistics panel (pure: it reads the state; the list's first row is kept in a
//! cell to follow the selection).

use super::*;

impl EcranStats {
    /// The header lines: period choice, dates, threshold, block.
    fn entete(&self) -> Vec<Line<'static>> {
        let radio = |c: ChoixPeriode, nom: &str| {
            format!("({}) {nom}", if self.choix == c { "•" } else { " " })
        };
        let choix = format!(
            "{}  {}  {}  {}",
            radio(ChoixPeriode::CeMois, e::CE_MOIS),
            radio(ChoixPeriode::MoisDernier, e::MOIS_DERNIER),
            radio(ChoixPeriode::Annee, e::ANNEE),
            radio(ChoixPeriode::Dates, e::DATES),
        );
        let bloc = if self.par_departement {
            let n = self
                .tableau
                .as_ref()
                .map(|t| t.departements().len())
                .unwrap_or(0);
            format!(
                "{} ({}/{})",
                e::bloc(&self.nom_bloc()),
                self.bloc + 1,
                n + 1
            )
        } else {
            e::ENSEMBLE.to_string()
        };
        let mut infos = format!(
            "{} · {}",
            e::periode(&date_fr(self.periode.du), &date_fr(self.periode.au)),
            e::seuil(self.seuil),
        );
        if !self.periode.mois_entiers() {
            infos.push_str(e::NON_EXPORTABLE);
        }
        vec![
            Line::from(choix),
            Line::from(infos),
            Line::from(format!("{}{bloc}", e::BLOC)),
        ]
    }

    /// One row of the list as text (without the selection mark).
    fn texte_ligne(&self, l: &Ligne) -> String {
        let libelle = match l.indicateur {
            Indicateur::Demarche => format!(
                "{} · {}",
                t::libelle_indicateur(Indicateur::Demarche),
                Demarche::depuis_code(l.modalite)
                    .map(|d| d.libelle())
                    .unwrap_or(l.modalite)
            ),
            Indicateur::Blocage => format!(
                "{} · {}",
                t::libelle_indicateur(Indicateur::Blocage),
                Blocage::depuis_code(l.modalite)
                    .map(|b| b.libelle())
                    .unwrap_or(l.modalite)
            ),
            i => t::libelle_indicateur(i).to_string(),
        };
        let libelle = crate::mise_en_page::tronquer(&libelle, LARGEUR_LIBELLE);
        let c = l.cellules();
        let fr = |s: &str| s.replace('.', ",");
        let detail = match (l.statut, l.valeur) {
            (Statut::Masque | Statut::MasqueSecondaire, _) => {
                let m = if l.statut == Statut::Masque {
                    e::masque(self.seuil)
                } else {
                    e::MASQUE_SECONDAIRE.to_string()
                };
                match l.base_publiee() {
                    Some(b) => format!("{m} · {}", e::base(b)),
                    None => m,
                }
            }
            (Statut::Ok, Valeur::Mediane(None)) => {
                format!("{} ({})", e::AUCUNE_VALEUR, e::base(0))
            }
            (Statut::Ok, Valeur::Mediane(Some(_))) => {
                let n = l.base.unwrap_or(0);
                let unite = if l.indicateur == Indicateur::AttenteCccMedianeMinutes {
                    e::minutes(n)
                } else {
                    e::jours(n)
                };
                format!("{} {unite}", fr(&c.valeur))
            }
            (Statut::Ok, Valeur::Compte(_)) => match l.pourcentage_dixiemes() {
                Some(d) => format!(
                    "{} {:>5} % · {} {}",
                    barre(d),
                    fr(&c.pourcentage),
                    c.valeur,
                    e::base(l.base_publiee().unwrap_or(0))
                ),
                None if l.base_publiee() == Some(0) => format!("{} {}", c.valeur, e::base(0)),
                None => c.valeur.clone(),
            },
        };
        format!("{libelle:LARGEUR_LIBELLE$} {detail}")
    }

    fn dessiner_liste(&self, f: &mut Frame, zone: Rect) {
        let lignes: Vec<String> = self
            .lignes_bloc()
            .iter()
            .map(|l| self.texte_ligne(l))
            .collect();
        let hauteur = zone.height as usize;
        if hauteur == 0 {
            return;
        }
        let mut defilement = self.defilement.get();
        if self.selection < defilement {
            defilement = self.selection;
        }
        if self.selection >= defilement + hauteur {
            defilement = self.selection + 1 - hauteur;
        }
        self.defilement.set(defilement);
        let mut texte = Vec::new();
        for (i, l) in lignes.iter().enumerate().skip(defilement).take(hauteur) {
            let choisie = i == self.selection;
            let marque = if choisie { "▸ " } else { "  " };
            let style = if choisie {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            texte.push(Line::styled(format!("{marque}{l}"), style));
        }
        f.render_widget(Paragraph::new(texte), zone);
        if !lignes.is_empty() {
            f.set_cursor_position(Position::new(
                zone.x,
                zone.y + (self.selection - defilement) as u16,
            ));
        }
    }

    pub(super) fn rendre(&self, f: &mut Frame, zone: Rect) {
        let cadre = Block::default().borders(Borders::ALL).title(e::TITRE);
        let interieur = cadre.inner(zone);
        f.render_widget(cadre, zone);
        if interieur.height < 4 {
            return;
        }
        let entete = Rect::new(interieur.x, interieur.y, interieur.width, 3);
        f.render_widget(Paragraph::new(self.entete()), entete);
        let bas = Rect::new(
            interieur.x,
            interieur.y + interieur.height - 1,
            interieur.width,
            1,
        );
        let corps = Rect::new(
            interieur.x,
            interieur.y + 3,
            interieur.width,
            interieur.height.saturating_sub(4),
        );
        match self.mode.clone() {
            Mode::Liste if self.vue_tendance => {
                self.dessiner_tendance(f, corps);
            }
            Mode::Liste => {
                if self.tableau.is_none() {
                    f.render_widget(Paragraph::new(e::A_CHARGER), corps);
                } else {
                    self.dessiner_liste(f, corps);
                }
                if let Some(m) = &self.message {
                    f.render_widget(Paragraph::new(m.as_str()), bas);
                }
            }
            Mode::Dates {
                du,
                au,
                champ,
                erreur,
            } => {
                // Each date is an editor: the cursor where the next character goes.
                let ligne = |i: u16| Rect::new(corps.x, corps.y + i, corps.width, 1);
                let texte = vec![
                    Line::from(""),
                    Line::from(""),
                    Line::from(""),
                    Line::from(e::SAISIE_AIDE),
                ];
                f.render_widget(Paragraph::new(texte), corps);
                du.dessiner(
                    f,
                    ligne(0),
                    Span::raw(e::SAISIE_DU),
                    Style::default(),
                    champ == 0,
                );
                au.dessiner(
                    f,
                    ligne(1),
                    Span::raw(e::SAISIE_AU),
                    Style::default(),
                    champ == 1,
                );
                if let Some(m) = erreur {
                    f.render_widget(Paragraph::new(m), bas);
                }
            }
            Mode::Fichier {
                nom,
                format,
                erreur,
                ..
            } => {
                let nom_format = match format {
                    Format::Csv => "csv",
                    Format::ExcelFr => "excel-fr",
                };
                let texte = vec![
                    Line::from(""),
                    Line::from(e::format(nom_format)),
                    Line::from(""),
                    Line::from(e::FICHIER_AIDE),
                ];
                f.render_widget(Paragraph::new(texte), corps);
                if let Some(m) = erreur {
                    f.render_widget(Paragraph::new(m), bas);
                }
                let ligne = Rect::new(corps.x, corps.y, corps.width, 1);
                nom.dessiner(f, ligne, Span::raw(e::FICHIER), Style::default(), true);
            }
        }
    }
}

/// A bar of `LARGEUR_BARRE` cells for a percentage in tenths: `█` filled, `·` empty.
fn barre(dixiemes: u64) -> String {
    let plein = ((dixiemes.min(1000) * LARGEUR_BARRE as u64 + 500) / 1000) as usize;
    format!("{}{}", "█".repeat(plein), "·".repeat(LARGEUR_BARRE - plein))
}
