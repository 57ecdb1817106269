//! The chronology of every attempt, for a lawyer or the Défenseur des droits.

use super::{NBSP, date_lettre, insecables};
use crate::domain::moteur::expiration_api;
use crate::domain::{Evenement, Resultat, TypeEvenement};
use crate::lettres::{Dossier, paragraphe};
use chrono::NaiveDate;

fn libelle_ticket(t: TypeEvenement) -> &'static str {
    match t {
        TypeEvenement::Recommande => "Numéro d'avis de réception",
        TypeEvenement::Avocat => "Numéro de l'affaire",
        TypeEvenement::Ccc => "Numéro de demande (ticket)",
        _ => "Numéro",
    }
}

fn libelle_echeance(e: &Evenement) -> &'static str {
    match (e.type_evenement, e.resultat) {
        (TypeEvenement::Pan, Some(Resultat::RdvObtenu)) => "Rendez-vous le",
        (TypeEvenement::Substitution, Some(Resultat::Invitation)) => "Rendez-vous le",
        (TypeEvenement::ApiDelivree, _) => "Valable jusqu'au",
        _ => "Relance prévue le",
    }
}

fn non_renseigne(v: Option<String>) -> String {
    v.unwrap_or_else(|| "non renseigné(e)".to_string())
}

/// The chronology of every attempt, for a lawyer or the Défenseur des droits: plain
/// text for printing and screen readers (labelled lines, no table, no drawing).
pub fn chronologie(d: &Dossier) -> String {
    let d = &crate::textes::dossier_visible(d);
    let mut s = String::new();
    identite(&mut s, d);
    demarches(&mut s, d);
    situation(&mut s, d);
    s
}

/// A labelled line, wrapped under its label.
fn champ(s: &mut String, nom: &str, valeur: &str) {
    paragraphe(s, &format!("{nom}{NBSP}: {}", insecables(valeur)), "", "  ");
}

fn vide(s: &mut String) {
    s.push('\n');
}

/// Title, the person, the préfecture, the documents and the evidence.
fn identite(s: &mut String, d: &Dossier) {
    let p = &d.personne;
    let auj = d.aujourdhui;
    paragraphe(
        s,
        &format!("Chronologie des démarches — {}", p.nom_complet()),
        "",
        "",
    );
    paragraphe(
        s,
        &format!(
            "Établie le {} à partir du dossier {} de la permanence.",
            date_lettre(auj),
            p.reference
        ),
        "",
        "",
    );
    vide(s);
    champ(s, "Personne", &p.nom_complet());
    champ(s, "Démarche", p.demarche.libelle());
    champ(s, "Blocage", p.blocage.libelle());
    let prefecture = crate::textes::prefecture::destinataire(p.departement);
    champ(
        s,
        "Préfecture",
        &format!("{prefecture} ({})", p.departement.code()),
    );
    champ(s, "Dossier ouvert le", &date_lettre(p.ouvert_le));
    let etat = |date: Option<NaiveDate>| {
        non_renseigne(date.map(|x| {
            if x < auj {
                format!("expiré le {}", date_lettre(x))
            } else {
                format!("expire le {}", date_lettre(x))
            }
        }))
    };
    champ(s, "Titre de séjour", &etat(p.titre_expire_le));
    champ(
        s,
        "Attestation de prolongation d'instruction (API)",
        &etat(expiration_api(p, &d.evenements)),
    );
    champ(
        s,
        "PAN connu de la personne à l'accueil",
        &non_renseigne(
            p.pan_connu
                .map(|v| if v { "oui" } else { "non" }.to_string()),
        ),
    );
    champ(
        s,
        "Preuves du blocage conservées",
        &non_renseigne(p.captures.map(|n| match n {
            0 => "aucune".to_string(),
            1 => "1 capture d'écran".to_string(),
            n => format!("{n} captures d'écran"),
        })),
    );
    vide(s);
}

/// Every recorded attempt, in date order.
fn demarches(s: &mut String, d: &Dossier) {
    let n = d.evenements.len();
    paragraphe(
        s,
        &match n {
            0 => "Aucune démarche enregistrée.".to_string(),
            1 => "1 démarche enregistrée, par ordre de date.".to_string(),
            n => format!("{n} démarches enregistrées, par ordre de date."),
        },
        "",
        "",
    );
    for (i, e) in d.evenements.iter().enumerate() {
        vide(s);
        paragraphe(
            s,
            &format!(
                "{}. Le {}{NBSP}: {}",
                i + 1,
                date_lettre(e.date),
                e.type_evenement.libelle()
            ),
            "",
            "   ",
        );
        let sous = |s: &mut String, nom: &str, valeur: &str| {
            paragraphe(s, &format!("{nom}{NBSP}: {valeur}"), "   ", "     ")
        };
        if let Some(c) = e.canal {
            sous(s, "Canal", c.libelle());
        }
        if let Some(r) = e.resultat {
            sous(s, "Résultat", r.libelle());
        }
        if let Some(t) = e.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            sous(s, libelle_ticket(e.type_evenement), t);
        }
        if let Some(m) = e.attente_minutes {
            sous(s, "Attente au téléphone", &format!("{m} minutes"));
        }
        if let Some(ech) = e.echeance {
            sous(s, libelle_echeance(e), &date_lettre(ech));
        }
        if !e.saisi_par.trim().is_empty() {
            let quand = e
                .saisi_le
                .get(..10)
                .and_then(|j| crate::domain::parse_date(j).ok())
                .map(|j| format!(", le {}", date_lettre(j)))
                .unwrap_or_default();
            sous(
                s,
                "Enregistré par",
                &format!("{}{quand}", e.saisi_par.trim()),
            );
        }
    }
    vide(s);
}

/// Where the file stands today: the stage, the next step, its reason, deadlines, warnings.
fn situation(s: &mut String, d: &Dossier) {
    let auj = d.aujourdhui;
    let ev = &d.evaluation;
    paragraphe(s, &format!("Situation au {}", date_lettre(auj)), "", "");
    champ(s, "Étape actuelle", ev.etape.libelle());
    champ(
        s,
        "Prochaine étape recommandée",
        &crate::textes::moteur::action(&ev.prochaine),
    );
    // Under "Prochaine étape recommandée", the reason without its own "Prochaine étape :".
    let raison = crate::textes::moteur::raison(&ev.prochaine);
    let raison = raison
        .strip_prefix(crate::textes::moteur::PREFIXE_RAISON)
        .unwrap_or(&raison);
    champ(s, "Raison", raison);
    for e in &ev.echeances {
        champ(
            s,
            "Échéance",
            &crate::textes::moteur::texte_echeance_date(e),
        );
    }
    for a in crate::textes::moteur::alertes(ev) {
        champ(s, "Alerte", &a);
    }
}
