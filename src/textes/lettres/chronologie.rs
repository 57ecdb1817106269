//! The values of the chronology (template `chronologie.txt`): every event with its labelled
//! fields, and where the file stands today.

use super::contexte::Options;
use super::date_lettre;
use crate::domain::{Evenement, Resultat, TypeEvenement};
use crate::lettres::Dossier;
use minijinja::Value;
use std::collections::BTreeMap;

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

/// One event as labelled lines (label, value), in the order a lawyer reads them.
fn champs(e: &Evenement, options: Options) -> Vec<(String, String)> {
    let mut v = Vec::new();
    if let Some(c) = e.canal {
        v.push(("Canal".to_string(), c.libelle().to_string()));
    }
    if let Some(r) = e.resultat {
        v.push(("Résultat".into(), r.libelle().to_string()));
    }
    if let Some(t) = e.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        v.push((libelle_ticket(e.type_evenement).into(), t.to_string()));
    }
    if let Some(m) = e.attente_minutes {
        v.push(("Attente au téléphone".into(), format!("{m} minutes")));
    }
    if let Some(ech) = e.echeance {
        v.push((libelle_echeance(e).into(), date_lettre(ech)));
    }
    if !e.saisi_par.trim().is_empty() {
        let quand = e
            .saisi_le
            .get(..10)
            .and_then(|j| crate::domain::parse_date(j).ok())
            .map(|j| format!(", le {}", date_lettre(j)))
            .unwrap_or_default();
        v.push((
            "Enregistré par".into(),
            format!("{}{quand}", e.saisi_par.trim()),
        ));
    }
    if options.avec_notes
        && let Some(n) = e.notes.as_deref().map(str::trim).filter(|n| !n.is_empty())
    {
        v.push((
            "Notes".into(),
            n.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    v
}

/// Every event, in date order: `numero`, `date`, `type`, `champs` (label, value).
pub fn evenements(d: &Dossier, options: Options) -> Value {
    d.evenements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut o: BTreeMap<&str, Value> = BTreeMap::new();
            o.insert("numero", Value::from(i + 1));
            o.insert("date", Value::from(date_lettre(e.date)));
            o.insert("type", Value::from(e.type_evenement.libelle()));
            let champs: Vec<Value> = champs(e, options)
                .into_iter()
                .map(|(l, v)| {
                    let mut c: BTreeMap<&str, Value> = BTreeMap::new();
                    c.insert("libelle", Value::from(l));
                    c.insert("valeur", Value::from(v));
                    Value::from(c)
                })
                .collect();
            o.insert("champs", Value::from(champs));
            Value::from(o)
        })
        .collect()
}

/// Where the file stands today, as the person's file shows it: `etape`, `action`,
/// `raison`, `echeances`, `alertes`.
pub fn situation(d: &Dossier) -> Value {
    let ev = &d.evaluation;
    let raison = crate::textes::moteur::raison(&ev.prochaine);
    let raison = raison
        .strip_prefix(crate::textes::moteur::PREFIXE_RAISON)
        .unwrap_or(&raison)
        .to_string();
    let mut o: BTreeMap<&str, Value> = BTreeMap::new();
    o.insert("etape", Value::from(ev.etape.libelle()));
    o.insert(
        "action",
        Value::from(crate::textes::moteur::action(&ev.prochaine)),
    );
    o.insert("raison", Value::from(raison));
    o.insert(
        "echeances",
        ev.echeances
            .iter()
            .map(crate::textes::moteur::texte_echeance_date)
            .collect(),
    );
    o.insert(
        "alertes",
        crate::textes::moteur::alertes(ev).into_iter().collect(),
    );
    Value::from(o)
}
