//! Two desks changed the same person: both versions side by side.

use super::*;

// ------------------------------------------------------------------ conflict

/// The fields compared on the conflict screen, with their values as shown.
fn champs(p: &Personne) -> Vec<(&'static str, String)> {
    let p = &crate::textes::personne_visible(p);
    vec![
        (t::CHAMP_REFERENCE, p.reference.clone()),
        (t::CHAMP_NOM, p.nom.clone()),
        (t::CHAMP_PRENOM, p.prenom.clone().unwrap_or_default()),
        (t::CHAMP_TELEPHONE, p.telephone.clone().unwrap_or_default()),
        (
            t::CHAMP_DEPARTEMENT,
            format!("{} {}", p.departement.code(), p.departement.nom()),
        ),
        (t::CHAMP_DEMARCHE, p.demarche.libelle().to_string()),
        (t::CHAMP_BLOCAGE, p.blocage.libelle().to_string()),
        (t::CHAMP_OUVERT_LE, tm::date_fr(p.ouvert_le)),
        (
            t::CHAMP_TITRE,
            p.titre_expire_le.map(tm::date_fr).unwrap_or_default(),
        ),
        (
            t::CHAMP_API,
            p.api_expire_le.map(tm::date_fr).unwrap_or_default(),
        ),
        (
            t::CHAMP_PAN_CONNU,
            match p.pan_connu {
                None => t::NON_RENSEIGNE.to_string(),
                Some(_) => oui_non(p.pan_connu).to_string(),
            },
        ),
        (
            t::CHAMP_CAPTURES,
            p.captures.map(|n| n.to_string()).unwrap_or_default(),
        ),
        (
            t::CHAMP_DATE_NAISSANCE,
            p.identite
                .date_naissance
                .map(tm::date_fr)
                .unwrap_or_default(),
        ),
        (
            t::CHAMP_NATIONALITE,
            p.identite.nationalite.clone().unwrap_or_default(),
        ),
        (
            t::CHAMP_NUMERO_ETRANGER,
            p.identite.numero_etranger.clone().unwrap_or_default(),
        ),
        (
            t::CHAMP_ADRESSE,
            p.identite
                .adresse
                .clone()
                .unwrap_or_default()
                .replace('\n', " / "),
        ),
        (
            t::CHAMP_NOTES,
            p.notes.clone().unwrap_or_default().replace('\n', " ⏎ "),
        ),
    ]
}

/// The person was anonymized or erased meanwhile: what happened (Esc is in the footer).
fn dossier_perdu(f: &mut Frame, zone: Rect, perte: Perte) {
    let texte = match perte {
        Perte::Anonymisee => t::DOSSIER_ANONYMISE,
        Perte::Effacee => t::DOSSIER_EFFACE,
    };
    f.render_widget(Paragraph::new(paragraphe(texte, zone.width, gras())), zone);
}

pub(super) fn conflit(f: &mut Frame, zone: Rect, c: &EtatConflit) {
    if let Some(perte) = c.perte {
        dossier_perdu(f, zone, perte);
        return;
    }
    // The two value columns share what is left; longer values end with "…".
    let w = zone.width.saturating_sub(1 + 17 + 3) as usize / 2;
    // A field empty in both versions says nothing: left out, so the screen fits.
    type Rangees<'a> = Vec<(&'a str, String)>;
    let (a, b): (Rangees, Rangees) = champs(&c.mienne)
        .into_iter()
        .zip(champs(&c.actuelle))
        .filter(|((_, m), (_, s))| !(m.is_empty() && s.is_empty()))
        .map(|((l, m), (_, s))| ((l, tronquer(&m, w)), (l, tronquer(&s, w))))
        .unzip();
    let mut lignes: Vec<Row> = Vec::new();
    let mut premier_diff = None;
    for (i, ((lib, m), (_, s))) in a.iter().zip(b.iter()).enumerate() {
        let diff = m != s;
        if diff && premier_diff.is_none() {
            premier_diff = Some(i);
        }
        let st = if diff { gras() } else { Style::default() };
        lignes.push(
            Row::new(vec![
                Cell::from(if diff { "≠" } else { " " }),
                Cell::from(*lib),
                Cell::from(m.clone()),
                Cell::from(s.clone()),
            ])
            .style(st),
        );
    }
    // Who changed what: "m" replaces the other desk's changes, Esc keeps both.
    let origines = c.form.origines(&c.actuelle);
    let vous: Vec<&str> = origines.iter().filter(|o| o.1).map(|o| o.0).collect();
    let autre: Vec<&str> = origines.iter().filter(|o| o.2).map(|o| o.0).collect();
    let par = if c.modifie_par.is_empty() {
        t::CONFLIT_AUTRE_POSTE.to_string()
    } else {
        c.modifie_par.clone()
    };
    let legende: Vec<Line<'static>> = t::conflit_origines(&vous, &autre, &par)
        .into_iter()
        .flat_map(|l| habiller(mots(&l, Style::default()), zone.width as usize, 0, 2))
        .collect();
    let [expl, table, bas] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(a.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(zone);
    f.render_widget(Paragraph::new(legende), bas);
    f.render_widget(
        Paragraph::new(paragraphe(
            t::CONFLIT_EXPLICATION,
            expl.width,
            Style::default(),
        )),
        expl,
    );
    let autre = t::conflit_enregistree(&c.modifie_par);
    f.render_widget(
        Table::new(
            lignes,
            [
                Constraint::Length(1),
                Constraint::Length(17),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
        )
        .header(
            Row::new(vec![
                String::new(),
                String::new(),
                t::CONFLIT_MIENNE.to_string(),
                autre,
            ])
            .style(gras().add_modifier(Modifier::UNDERLINED)),
        ),
        table,
    );
    f.set_cursor_position(Position::new(
        table.x,
        table.y + 1 + premier_diff.unwrap_or(0) as u16,
    ));
}
