//! French texts of the escalation engine, the rules and the day's list: next steps and their
//! reasons, warnings, deadlines with days left, urgency levels readable without colour.
//!
//! Public helpers meant for the TUI and the CLI:
//! - [`texte_echeance`]: "API expire dans 6 j", "titre expiré depuis 12 j",
//!   "fenêtre de renouvellement : ouvre dans 10 j", "relance CCC due aujourd'hui";
//! - [`symbole_urgence`], [`libelle_urgence`], [`texte_urgence`]: "!!! droits rompus", …;
//! - [`libelle_action`]: a few words for a kind of next step;
//! - [`libelle_regle`], [`valeur_regle`]: a rule's name and value, for `vigie regles`;
//! - [`date_fr`]: a date as `JJ/MM/AAAA` in sentences.

use crate::domain::moteur::{
    Alerte, ConnaissancePrefecture, Echeance, Evaluation, GenreEcheance, IdentiteManquante,
    NiveauUrgence,
};
#[cfg(test)]
use crate::domain::regles::{Regles, Unite};
use crate::domain::{Canal, Departement, TypeEvenement};
use chrono::{Datelike, NaiveDate};

pub use super::date_fr;
pub use regles::{
    erreurs_regles, lecture_regles_impossible, libelle_regle, lignes_regles, surcharge_refusee,
    valeur_regle,
};

pub use prochaine::{PREFIXE_RAISON, action, libelle_action, paralleles, raison};

mod prochaine;
mod regles;

/// `date_fr` with the day of the week, for headers: "lundi 23/11/2026".
pub fn date_longue(d: NaiveDate) -> String {
    let jour = match d.weekday() {
        chrono::Weekday::Mon => "lundi",
        chrono::Weekday::Tue => "mardi",
        chrono::Weekday::Wed => "mercredi",
        chrono::Weekday::Thu => "jeudi",
        chrono::Weekday::Fri => "vendredi",
        chrono::Weekday::Sat => "samedi",
        chrono::Weekday::Sun => "dimanche",
    };
    format!("{jour} {}", date_fr(d))
}

fn minuscule(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn majuscule(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The préfecture in sentences: "la préfecture de la Gironde", or "la préfecture" when the
/// département is not known.
fn nom_prefecture(d: Option<Departement>) -> String {
    match d {
        Some(d) => super::prefecture::la_prefecture(d),
        None => "la préfecture".to_string(),
    }
}

/// The name of a known préfecture ("la préfecture de la Gironde"), empty when not known.
pub fn nom_prefecture_connue(p: &ConnaissancePrefecture) -> String {
    p.departement
        .map(super::prefecture::la_prefecture)
        .unwrap_or_default()
}

// ---------------------------------------------------------------- urgency

/// A symbol for an urgency level, readable without colour (wider is more urgent).
pub fn symbole_urgence(n: NiveauUrgence) -> &'static str {
    match n {
        NiveauUrgence::DroitsRompus => "!!!",
        NiveauUrgence::DroitsMenaces => "!!",
        NiveauUrgence::SuiviEnRetard => "!",
        NiveauUrgence::DuJour => "•",
        NiveauUrgence::AVenir => "-",
        NiveauUrgence::Aucune => ".",
    }
}

/// An urgency level in words.
pub fn libelle_urgence(n: NiveauUrgence) -> &'static str {
    match n {
        NiveauUrgence::DroitsRompus => "droits rompus",
        NiveauUrgence::DroitsMenaces => "droits menacés",
        NiveauUrgence::SuiviEnRetard => "relance en retard",
        NiveauUrgence::DuJour => "du jour",
        NiveauUrgence::AVenir => "à venir",
        NiveauUrgence::Aucune => "rien d'urgent",
    }
}

/// A follow-up overdue for longer than the `sommeil` rule, listed after the day's work.
pub const EN_SOMMEIL: &str = "en sommeil";

/// The urgency of a row of the day's list, in symbol and words (« en sommeil » for an old
/// overdue follow-up).
pub fn texte_urgence_ligne(l: &crate::jour::LigneJour) -> String {
    if l.en_sommeil {
        format!("z {EN_SOMMEIL}")
    } else {
        texte_urgence(l.evaluation.urgence)
    }
}

/// Symbol and words: "!! droits menacés".
pub fn texte_urgence(n: NiveauUrgence) -> String {
    format!("{} {}", symbole_urgence(n), libelle_urgence(n))
}

// ---------------------------------------------------------------- deadlines

/// The name of a kind of deadline: "API", "titre", "relance CCC"…
pub fn libelle_echeance(g: GenreEcheance) -> &'static str {
    match g {
        GenreEcheance::TitreExpiration => "titre",
        GenreEcheance::ApiExpiration => "API",
        GenreEcheance::RenouvellementOuverture | GenreEcheance::RenouvellementFermeture => {
            "fenêtre de renouvellement"
        }
        GenreEcheance::Suivi(t) => match t {
            TypeEvenement::Ccc => "relance CCC",
            TypeEvenement::Pan => "suivi PAN",
            TypeEvenement::Substitution => "suivi substitution",
            TypeEvenement::Prefecture => "relance préfecture",
            TypeEvenement::Suivi => "suivi",
            TypeEvenement::Recommande => "relance recommandé",
            TypeEvenement::Avocat => "suivi avocat",
            TypeEvenement::DefenseurDroits => "suivi Défenseur des droits",
            TypeEvenement::Visite => "rendez-vous à la permanence",
            TypeEvenement::ApiDelivree => "API",
            TypeEvenement::Cloture => "suivi",
        },
        GenreEcheance::RendezVous(t) => match t {
            TypeEvenement::Substitution => "rendez-vous de dépôt en préfecture",
            _ => "rendez-vous PAN",
        },
    }
}

fn jours(n: i64) -> String {
    format!("{} j", n.abs())
}

/// A deadline with its days left, e.g. "API expire dans 6 j", "titre expiré depuis 12 j",
/// "fenêtre de renouvellement : ouvre dans 10 j", "relance CCC due aujourd'hui".
pub fn texte_echeance(e: &Echeance) -> String {
    let j = e.jours;
    let nom = libelle_echeance(e.genre);
    match e.genre {
        GenreEcheance::TitreExpiration | GenreEcheance::ApiExpiration => match j {
            j if j > 0 => format!("{nom} expire dans {}", jours(j)),
            0 => format!("{nom} expire aujourd'hui"),
            _ => format!("{nom} expiré{} depuis {}", accord_api(e.genre), jours(j)),
        },
        GenreEcheance::RenouvellementOuverture => match j {
            j if j > 0 => format!("{nom} : ouvre dans {}", jours(j)),
            0 => format!("{nom} : ouvre aujourd'hui"),
            _ => format!("{nom} : ouverte depuis {}", jours(j)),
        },
        GenreEcheance::RenouvellementFermeture => match j {
            j if j > 0 => format!("{nom} : ferme dans {}", jours(j)),
            0 => format!("{nom} : ferme aujourd'hui"),
            _ => format!("{nom} : fermée depuis {} (demande tardive taxée)", jours(j)),
        },
        GenreEcheance::RendezVous(_) => match j {
            j if j > 0 => format!("{nom} dans {}", jours(j)),
            0 => format!("{nom} aujourd'hui"),
            _ => format!("{nom} passé depuis {} : noter son résultat", jours(j)),
        },
        GenreEcheance::Suivi(_) => match j {
            j if j > 0 => format!("{nom} {} dans {}", participe_du(nom), jours(j)),
            0 => format!("{nom} {} aujourd'hui", participe_du(nom)),
            _ => format!("{nom} en retard de {}", jours(j)),
        },
    }
}

/// « due » for a feminine follow-up (« relance »), « dû » for a masculine one (« suivi »).
fn participe_du(nom: &str) -> &'static str {
    if nom.starts_with("relance") || nom.starts_with("API") {
        "due"
    } else {
        "dû"
    }
}

fn accord_api(g: GenreEcheance) -> &'static str {
    if g == GenreEcheance::ApiExpiration {
        "e"
    } else {
        ""
    }
}

/// A deadline with its date: "API expire dans 6 j (29/11/2026)".
pub fn texte_echeance_date(e: &Echeance) -> String {
    format!("{} ({})", texte_echeance(e), date_fr(e.date))
}

// ---------------------------------------------------------------- warnings

pub const ALERTE_CCC_TELEPHONE: &str = "Le CCC n'a été contacté que par téléphone : écrire aussi \
     par le formulaire de contact de l'ANEF pour garder une trace écrite.";

/// Missing evidence of the blocking (step 0).
pub fn alerte_preuves(captures: Option<u32>) -> String {
    match captures {
        None => "Preuves du blocage non renseignées : faire et garder des captures d'écran \
                 des messages d'erreur de l'ANEF."
            .into(),
        Some(_) => "Aucune capture d'écran du blocage enregistrée : en faire et les garder \
                    (messages d'erreur de l'ANEF)."
            .into(),
    }
}

pub fn alerte_droits_rompus(depuis: NaiveDate) -> String {
    format!(
        "Droits rompus depuis le {} (titre et API expirés) : risque de perte du droit au \
         travail, des prestations de la CAF et de France Travail.",
        date_fr(depuis)
    )
}

pub fn alerte_droits_menaces(le: NaiveDate, jours: i64) -> String {
    format!(
        "Droits menacés : titre et API couvrent la personne jusqu'au {} ({}) : mener les \
         démarches en parallèle, sans attente qui finirait après cette date.",
        date_fr(le),
        match jours {
            0 => "aujourd'hui".to_string(),
            1 => "demain".to_string(),
            j => format!("dans {j} j"),
        }
    )
}

pub fn alerte_fenetre_fermee(fermee_le: NaiveDate, taxe: u32) -> String {
    format!(
        "Fenêtre de renouvellement fermée le {} : une demande tardive coûte {taxe} € de droit \
         de visa de régularisation (CESEDA L.436-5), sauf force majeure : le blocage de l'ANEF, \
         documenté (captures, tickets, recommandé), en est l'argument ; déposer sans attendre.",
        date_fr(fermee_le)
    )
}

pub const ALERTE_API_NON_DUE: &str = "Demande tardive : l'API n'est due de plein droit que pour \
     une demande complète déposée dans les délais (CESEDA R.431-15-1) ; la personne risque \
     de rester sans document après l'expiration du titre.";

pub fn alerte_silence(depuis: NaiveDate, rejet_le: NaiveDate, au_plus_tard: bool) -> String {
    let depuis = if au_plus_tard {
        format!(
            "dossier suivi depuis le {} (dépôt antérieur)",
            date_fr(depuis)
        )
    } else {
        format!("dépôt du {}", date_fr(depuis))
    };
    format!(
        "Silence de la préfecture : {depuis} ; depuis le {}, le silence de quatre mois sur \
         une demande complète vaut rejet implicite (CESEDA R.432-1 et R.432-2), ce qui ouvre \
         un recours : voir un avocat (un dossier incomplet, lui, n'est pas enregistré).",
        date_fr(rejet_le)
    )
}

pub fn alerte_identite(m: &IdentiteManquante) -> String {
    let mut v = Vec::new();
    if m.date_naissance {
        v.push("date de naissance");
    }
    if m.numero_etranger {
        v.push("numéro étranger");
    }
    if m.adresse {
        v.push("adresse");
    }
    format!(
        "Pour la lettre à la préfecture, il manque : {} (la préfecture en a besoin pour \
         retrouver le dossier ; à compléter dans la fiche).",
        v.join(", ")
    )
}

pub fn alerte_postal_impose(prefecture: Option<Departement>) -> String {
    let nom = nom_prefecture(prefecture);
    format!(
        "{} impose le dépôt par voie postale : c'est contraire à l'arrêté du 1er août 2023, \
         qui ne le prévoit que si la personne le demande ; la règle est le dépôt au guichet \
         sur rendez-vous.",
        majuscule(&nom)
    )
}

pub fn alerte_substitution_a_distance(c: Canal) -> String {
    format!(
        "Substitution par {} : admise seulement si la personne l'a demandée (arrêté du \
         1er août 2023) ; sinon, exiger un rendez-vous au guichet.",
        c.libelle()
    )
}

/// A warning of the engine in French.
pub fn alerte(a: &Alerte) -> String {
    match a {
        Alerte::PreuvesManquantes { captures } => alerte_preuves(*captures),
        Alerte::DroitsRompus { depuis } => alerte_droits_rompus(*depuis),
        Alerte::DroitsMenaces { le, jours } => alerte_droits_menaces(*le, *jours),
        Alerte::FenetreFermeeTaxe {
            fermee_le,
            taxe_euros,
            ..
        } => alerte_fenetre_fermee(*fermee_le, *taxe_euros),
        Alerte::ApiNonDueSiTardif { .. } => ALERTE_API_NON_DUE.to_string(),
        Alerte::PostalImpose { prefecture } => alerte_postal_impose(*prefecture),
        Alerte::SilenceVautRejet {
            depuis,
            rejet_le,
            au_plus_tard,
        } => alerte_silence(*depuis, *rejet_le, *au_plus_tard),
        Alerte::IdentiteIncomplete(m) => alerte_identite(m),
        Alerte::SubstitutionADistance { canal } => alerte_substitution_a_distance(*canal),
        Alerte::CccTelephoneSeulement => ALERTE_CCC_TELEPHONE.to_string(),
    }
}

/// Every warning of an evaluation, in French, in the engine's order.
pub fn alertes(e: &Evaluation) -> Vec<String> {
    e.alertes.iter().map(alerte).collect()
}

// ---------------------------------------------------------------- `vigie aujourdhui`

/// The header line of the day's list: date and counts.
pub fn entete_jour(date: NaiveDate, d: &crate::jour::Decompte, tous: bool) -> String {
    let titre = if tous {
        "Toutes les personnes suivies"
    } else {
        "Liste du jour"
    };
    let mut parties = Vec::new();
    for (i, n) in NiveauUrgence::TOUS.iter().enumerate() {
        if d.par_niveau[i] > 0 {
            parties.push(format!("{} : {}", libelle_urgence(*n), d.par_niveau[i]));
        }
    }
    if d.sommeil > 0 {
        parties.push(format!("{EN_SOMMEIL} : {}", d.sommeil));
    }
    let personnes = if d.total > 1 { "personnes" } else { "personne" };
    let detail = if parties.is_empty() {
        String::new()
    } else {
        format!(" ({})", parties.join(", "))
    };
    let visites = match d.visites {
        0 => String::new(),
        1 => " ; 1 personne vue aujourd'hui".into(),
        n => format!(" ; {n} personnes vues aujourd'hui"),
    };
    format!(
        "{titre} du {} : {} {personnes}{detail}{visites}.",
        date_longue(date),
        d.total
    )
}

pub const LISTE_VIDE: &str = "Aucune personne à voir aujourd'hui.";

/// One person of the day's list, on one line, in words (no symbol, no colour): number,
/// urgency, reference, name, département, stage, next step, main deadline with days left.
/// Stored text is in it as stored: print it through `visible_ligne`.
pub fn ligne_jour(numero: usize, l: &crate::jour::LigneJour) -> String {
    let p = &l.personne;
    let e = &l.evaluation;
    let echeance = match e.echeance_principale() {
        Some(ech) => texte_echeance_date(ech),
        None => "aucune".into(),
    };
    let visite = if l.visite_du_jour {
        " Vu·e aujourd'hui."
    } else {
        ""
    };
    let meme_jour = match paralleles(&e.prochaine) {
        p if p.is_empty() => String::new(),
        p => format!(" {}.", majuscule(&p)),
    };
    let alertes: Vec<&str> = e.alertes.iter().map(libelle_alerte).collect();
    let alertes = if alertes.is_empty() {
        String::new()
    } else {
        format!(" Alertes : {}.", alertes.join(" ; "))
    };
    format!(
        "{numero}. {}. {}, {}, {} {}. Étape : {}. Prochaine étape : {}.{meme_jour} Échéance : \
         {}.{alertes}{visite}",
        majuscule(if l.en_sommeil {
            "en sommeil (relance en retard depuis longtemps : reporter ou clôturer)"
        } else {
            libelle_urgence(e.urgence)
        }),
        p.reference,
        p.nom_complet(),
        p.departement.code(),
        p.departement.nom(),
        e.etape.libelle(),
        action(&e.prochaine).to_lowercase_first(),
        echeance,
    )
}

trait MinusculeInitiale {
    fn to_lowercase_first(&self) -> String;
}

impl MinusculeInitiale for String {
    fn to_lowercase_first(&self) -> String {
        let mut c = self.chars();
        match c.next() {
            Some(p) => p.to_lowercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    }
}

/// Beside the API expiry the event form proposes: which rule gave it.
pub fn aide_api_proposee(regle: crate::domain::regles::CleRegle) -> String {
    match regle {
        crate::domain::regles::CleRegle::ApiValidite => "proposée : 3 mois au plus (CESEDA \
             R.431-15-1, un maximum) ; corriger d'après l'API reçue"
            .into(),
        _ => "proposée : seconde API à validité étendue (pratique du ministère depuis fin juin \
              2024) ; corriger d'après l'API reçue"
            .into(),
    }
}

/// `--format` with a value other than `texte` or `csv`.
pub fn format_inconnu(f: &str) -> String {
    format!(
        "format « {} » inconnu : choisir texte (par défaut) ou csv",
        crate::textes::visible_ligne(f)
    )
}

/// A warning in a few words, for the one-line list.
pub fn libelle_alerte(a: &Alerte) -> &'static str {
    match a {
        Alerte::PreuvesManquantes { .. } => "preuves du blocage manquantes",
        Alerte::DroitsRompus { .. } => "droits rompus",
        Alerte::DroitsMenaces { .. } => "droits menacés",
        Alerte::FenetreFermeeTaxe { .. } => {
            "fenêtre de renouvellement fermée : droit de visa de régularisation sauf force majeure (L.436-5)"
        }
        Alerte::ApiNonDueSiTardif { .. } => {
            "API non due de plein droit si demande tardive (R.431-15-1)"
        }
        Alerte::PostalImpose { .. } => "dépôt postal imposé, contraire à l'arrêté",
        Alerte::SilenceVautRejet { .. } => "silence de quatre mois : rejet implicite (R.432-1)",
        Alerte::IdentiteIncomplete(_) => "identité incomplète pour la lettre",
        Alerte::SubstitutionADistance { .. } => {
            "substitution à distance : à la demande de la personne"
        }
        Alerte::CccTelephoneSeulement => "CCC contacté par téléphone seulement",
    }
}

/// Standard output could not be written.
pub fn ecriture_impossible(e: &std::io::Error) -> String {
    format!(
        "écriture impossible sur la sortie : {}",
        crate::textes::erreur_io(e)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(genre: GenreEcheance, jours: i64) -> Echeance {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        Echeance {
            genre,
            date,
            jours,
            niveau: NiveauUrgence::AVenir,
        }
    }

    #[test]
    fn urgency_is_readable_without_colour() {
        let symboles: std::collections::HashSet<_> = NiveauUrgence::TOUS
            .iter()
            .map(|n| symbole_urgence(*n))
            .collect();
        let mots: std::collections::HashSet<_> = NiveauUrgence::TOUS
            .iter()
            .map(|n| libelle_urgence(*n))
            .collect();
        assert_eq!(symboles.len(), NiveauUrgence::TOUS.len());
        assert_eq!(mots.len(), NiveauUrgence::TOUS.len());
        assert_eq!(
            texte_urgence(NiveauUrgence::DroitsMenaces),
            "!! droits menacés"
        );
    }

    #[test]
    fn deadline_texts_by_sign() {
        use GenreEcheance as G;
        let cas = [
            (G::TitreExpiration, 3, "titre expire dans 3 j"),
            (G::TitreExpiration, 0, "titre expire aujourd'hui"),
            (G::ApiExpiration, -1, "API expirée depuis 1 j"),
            (
                G::RenouvellementOuverture,
                0,
                "fenêtre de renouvellement : ouvre aujourd'hui",
            ),
            (
                G::RenouvellementFermeture,
                -4,
                "fenêtre de renouvellement : fermée depuis 4 j (demande tardive taxée)",
            ),
            (
                G::Suivi(TypeEvenement::Recommande),
                2,
                "relance recommandé due dans 2 j",
            ),
            (
                G::Suivi(TypeEvenement::Substitution),
                -7,
                "suivi substitution en retard de 7 j",
            ),
            (G::Suivi(TypeEvenement::Pan), 12, "suivi PAN dû dans 12 j"),
            (
                G::RendezVous(TypeEvenement::Pan),
                12,
                "rendez-vous PAN dans 12 j",
            ),
            (
                G::RendezVous(TypeEvenement::Substitution),
                -2,
                "rendez-vous de dépôt en préfecture passé depuis 2 j : noter son résultat",
            ),
            (
                G::Suivi(TypeEvenement::Avocat),
                0,
                "suivi avocat dû aujourd'hui",
            ),
        ];
        for (g, j, attendu) in cas {
            assert_eq!(texte_echeance(&e(g, j)), attendu);
        }
        assert_eq!(
            texte_echeance_date(&e(G::ApiExpiration, 6)),
            "API expire dans 6 j (23/11/2026)"
        );
        assert_eq!(
            date_longue(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            "dimanche 29/11/2026"
        );
    }

    #[test]
    fn the_prefecture_is_named_from_its_departement() {
        let dep = |c| Departement::depuis_code(c).unwrap();
        let g = crate::prefectures::connaissance(dep("33"));
        assert_eq!(nom_prefecture_connue(&g), "la préfecture de la Gironde");
        assert_eq!(
            nom_prefecture_connue(&crate::prefectures::connaissance(dep("75"))),
            "la Préfecture de police de Paris"
        );
        assert_eq!(
            nom_prefecture_connue(&ConnaissancePrefecture::default()),
            ""
        );
        assert!(alerte_postal_impose(None).starts_with("La préfecture impose"));
    }

    #[test]
    fn every_rule_has_a_label_and_prints_with_its_unit() {
        let r = Regles::default();
        for regle in r.toutes() {
            assert!(!libelle_regle(regle.cle).is_empty());
            let v = valeur_regle(regle);
            match regle.cle.unite() {
                Unite::Jours => assert!(v.ends_with("jours") || v.ends_with("jour")),
                Unite::Mois => assert!(v.ends_with("mois")),
                Unite::Euros => assert!(v.ends_with('€')),
                Unite::Date => assert_eq!(v.len(), 10),
            }
        }
    }
}
