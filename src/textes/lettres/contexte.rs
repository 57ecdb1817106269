//! The values a template receives (docs/fichiers.md §9 lists them): every French word a
//! letter takes from the file, already worded. A template decides the order and the
//! sentences around them; nothing here is laid out.

use super::{date_lettre, fait, minuscule_initiale, numero};
use crate::domain::moteur::expiration_api;
use crate::domain::{Evenement, Resultat, TypeEvenement};
use crate::lettres::Dossier;
use crate::lettres::modeles::{Gabarit, recommandes_envoyes};
use minijinja::Value;
use std::collections::BTreeMap;

/// What a document shows beyond the shipped defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The chronology shows the notes of each event (for a lawyer).
    pub avec_notes: bool,
}

type Objet = BTreeMap<&'static str, Value>;

fn texte(s: impl Into<String>) -> Value {
    Value::from(s.into())
}

fn option(s: Option<String>) -> Value {
    Value::from(s.filter(|s| !s.trim().is_empty()))
}

fn liste(v: impl IntoIterator<Item = String>) -> Value {
    v.into_iter().map(Value::from).collect()
}

/// A date in letters, and whether it is before the document's day.
fn date_etat(d: Option<chrono::NaiveDate>, auj: chrono::NaiveDate) -> (Value, Value) {
    (
        Value::from(d.map(date_lettre)),
        Value::from(d.is_some_and(|d| d < auj)),
    )
}

fn lignes(s: &Option<String>) -> Vec<String> {
    s.as_deref()
        .unwrap_or("")
        .lines()
        .flat_map(|l| l.split(" / "))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn personne(d: &Dossier) -> Value {
    let p = &d.personne;
    let id = &p.identite;
    let auj = d.aujourdhui;
    let mut o = Objet::new();
    o.insert("nom_complet", texte(p.nom_complet()));
    o.insert("reference", texte(p.reference.clone()));
    o.insert(
        "date_naissance",
        Value::from(id.date_naissance.map(date_lettre)),
    );
    o.insert("nationalite", option(id.nationalite.clone()));
    o.insert("numero_etranger", option(id.numero_etranger.clone()));
    o.insert("adresse", liste(lignes(&id.adresse)));
    o.insert("demarche", texte(minuscule_initiale(p.demarche.libelle())));
    o.insert("blocage", texte(minuscule_initiale(p.blocage.libelle())));
    o.insert(
        "renouvellement",
        Value::from(p.demarche == crate::domain::Demarche::Renouvellement),
    );
    let (t, tp) = date_etat(p.titre_expire_le, auj);
    o.insert("titre_expire_le", t);
    o.insert("titre_expire", tp);
    let (a, ap) = date_etat(expiration_api(p, &d.evenements), auj);
    o.insert("api_expire_le", a);
    o.insert("api_expiree", ap);
    o.insert("captures", Value::from(p.captures.filter(|n| *n > 0)));
    o.insert("captures_enregistrees", Value::from(p.captures));
    o.insert("demarche_libelle", texte(p.demarche.libelle()));
    o.insert("blocage_libelle", texte(p.blocage.libelle()));
    o.insert(
        "pan_connu",
        Value::from(p.pan_connu.map(|v| if v { "oui" } else { "non" })),
    );
    o.insert("ouvert_le", texte(date_lettre(p.ouvert_le)));
    o.insert("departement", texte(p.departement.code().to_string()));
    Value::from(o)
}

fn prefecture(d: &Dossier) -> Value {
    let mut o = Objet::new();
    o.insert(
        "nom",
        texte(crate::textes::prefecture::destinataire(
            d.personne.departement,
        )),
    );
    o.insert("adresse", liste(d.adresse_prefecture.iter().cloned()));
    o.insert(
        "adresse_verifiee_le",
        Value::from(d.adresse_verifiee_le.map(date_lettre)),
    );
    o.insert("postal_impose", Value::from(d.prefecture.postal_impose));
    o.insert(
        "pan_aucun",
        Value::from(d.prefecture.pan == crate::domain::moteur::PanConnu::Aucun),
    );
    Value::from(o)
}

fn a(d: &Dossier, t: TypeEvenement) -> bool {
    d.evenements.iter().any(|e| e.type_evenement == t)
}

fn a_resultat(d: &Dossier, t: TypeEvenement, r: Resultat) -> bool {
    d.evenements
        .iter()
        .any(|e| e.type_evenement == t && e.resultat == Some(r))
}

fn ticket(e: &Evenement) -> Option<String> {
    e.ticket
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
}

/// The registered letters recorded as sent, oldest first.
fn lettres_envoyees(d: &Dossier) -> Vec<Value> {
    recommandes_envoyes(d)
        .into_iter()
        .map(|e| {
            let mut o = Objet::new();
            o.insert("date", texte(date_lettre(e.date)));
            o.insert("ar", Value::from(ticket(e).map(|t| numero(&t))));
            Value::from(o)
        })
        .collect()
}

/// The enclosures, in the order a préfecture reads them.
fn pieces(d: &Dossier, g: Gabarit) -> Vec<String> {
    let p = &d.personne;
    let mut v = Vec::new();
    if g == Gabarit::Defenseur {
        v.push("la chronologie de mes démarches".to_string());
    }
    for e in recommandes_envoyes(d) {
        v.push(match ticket(e) {
            Some(t) => format!(
                "copie de ma lettre recommandée du {} et de son avis de réception ({})",
                date_lettre(e.date),
                numero(&t)
            ),
            None => format!(
                "copie de ma lettre recommandée du {} et de son avis de réception",
                date_lettre(e.date)
            ),
        });
    }
    for e in d.evenements.iter().filter(|e| {
        e.type_evenement == TypeEvenement::Recommande && e.resultat == Some(Resultat::ReponseRecue)
    }) {
        v.push(format!(
            "copie de la réponse de la préfecture du {}",
            date_lettre(e.date)
        ));
    }
    let tickets: Vec<String> = d
        .evenements
        .iter()
        .filter(|e| e.type_evenement == TypeEvenement::Ccc)
        .filter_map(ticket)
        .map(|t| numero(&t))
        .collect();
    if !tickets.is_empty() {
        v.push(format!(
            "copie des échanges avec le Centre de contact citoyen (demande{} {})",
            if tickets.len() > 1 { "s" } else { "" },
            tickets.join(", ")
        ));
    } else if a(d, TypeEvenement::Ccc) {
        v.push("copie des échanges avec le Centre de contact citoyen".to_string());
    }
    if a_resultat(d, TypeEvenement::Ccc, Resultat::AttestationImpossibilite) {
        v.push(
            "le document du Centre de contact citoyen attestant de l'impossibilité de déposer \
             ma demande en ligne"
                .to_string(),
        );
    }
    if let Some(n) = p.captures.filter(|n| *n > 0) {
        v.push(if n == 1 {
            "1 capture d'écran du blocage".to_string()
        } else {
            format!("{n} captures d'écran du blocage")
        });
    }
    if p.titre_expire_le.is_some() {
        v.push("copie de mon titre de séjour".into());
    }
    if expiration_api(p, &d.evenements).is_some() {
        v.push("copie de ma dernière attestation de prolongation d'instruction".into());
    }
    v.push("copie de ma pièce d'identité".into());
    v
}

/// The values of every template, for this person and this template.
pub fn contexte(d: &Dossier, g: Gabarit, options: Options) -> Value {
    let auj = d.aujourdhui;
    let mut o = Objet::new();
    o.insert("date", texte(date_lettre(auj)));
    // The person's kind of letter, in every template (the reminder and the Défenseur des
    // droits word their request with it).
    let motif = g
        .motif()
        .unwrap_or(crate::lettres::Motif::depuis_blocage(d.personne.blocage));
    o.insert("motif", Value::from(motif.code()));
    o.insert("personne", personne(d));
    o.insert("prefecture", prefecture(d));
    let faits: Vec<String> = d
        .evenements
        .iter()
        .filter(|e| e.type_evenement != TypeEvenement::Recommande)
        .filter_map(fait)
        .map(|f| super::majuscule_initiale(&f))
        .collect();
    o.insert("faits", liste(faits));
    o.insert("ccc_tente", Value::from(a(d, TypeEvenement::Ccc)));
    o.insert("pan_tente", Value::from(a(d, TypeEvenement::Pan)));
    o.insert(
        "prefecture_contactee",
        Value::from(a(d, TypeEvenement::Prefecture)),
    );
    o.insert(
        "substitution_proposee",
        Value::from(
            a_resultat(d, TypeEvenement::Substitution, Resultat::Invitation)
                || a_resultat(d, TypeEvenement::Pan, Resultat::SubstitutionProposee),
        ),
    );
    // A deposit by post or e-mail proposed by the préfecture: the arrêté allows it only at the
    // person's request.
    o.insert(
        "substitution_a_distance",
        Value::from(d.evenements.iter().any(|e| {
            e.type_evenement == TypeEvenement::Substitution
                && e.resultat == Some(Resultat::Invitation)
                && matches!(
                    e.canal,
                    Some(crate::domain::Canal::Postal | crate::domain::Canal::Courriel)
                )
        })),
    );
    o.insert(
        "attestation_ccc",
        Value::from(a_resultat(
            d,
            TypeEvenement::Ccc,
            Resultat::AttestationImpossibilite,
        )),
    );
    // A reply received after the latest letter: the reminder says it did not settle the
    // matter, never that no answer came.
    let derniere = recommandes_envoyes(d).last().map(|e| e.date);
    let reponse = derniere.and_then(|le| {
        d.evenements
            .iter()
            .filter(|e| {
                e.date >= le
                    && e.resultat == Some(Resultat::ReponseRecue)
                    && matches!(
                        e.type_evenement,
                        TypeEvenement::Recommande | TypeEvenement::Prefecture
                    )
            })
            .map(|e| e.date)
            .next_back()
    });
    o.insert("reponse_recue_le", Value::from(reponse.map(date_lettre)));
    let lettres = lettres_envoyees(d);
    o.insert(
        "derniere_lettre",
        lettres.last().cloned().unwrap_or(Value::from(())),
    );
    o.insert("lettres", Value::from(lettres));
    o.insert(
        "delai_reponse",
        texte(format!("{}\u{a0}jours", d.delai_reponse_jours)),
    );
    o.insert(
        "fenetre_fermee_le",
        Value::from(d.fenetre_fermee_le.map(date_lettre)),
    );
    o.insert("pieces", liste(pieces(d, g)));
    o.insert("avec_notes", Value::from(options.avec_notes));
    o.insert("evenements", super::chronologie::evenements(d, options));
    o.insert("situation", super::chronologie::situation(d));
    Value::from(o)
}
