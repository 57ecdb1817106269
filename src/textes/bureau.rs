//! The desk day without the full-screen interface: `vigie chercher`, `vigie noter`,
//! `vigie fiche` (plain lines, for screen readers and scripts).

use crate::domain::moteur::Evaluation;
use crate::domain::{Evenement, Personne};
use crate::textes::moteur as tm;
use crate::textes::tui as tt;
use crate::textes::{date_fr, visible_ligne};

pub fn aucune_personne(requete: &str) -> String {
    format!(
        "Aucune personne ne correspond à « {} ».",
        visible_ligne(requete)
    )
}

pub fn et_plus(n: usize) -> String {
    format!("… {n} premières personnes seulement : précisez la recherche.")
}

/// One match of `vigie chercher`: reference first, then the name, the département, the phone.
pub fn ligne_trouvee(p: &Personne) -> String {
    let mut s = format!(
        "{} : {}, {} {}",
        p.reference,
        visible_ligne(&p.nom_complet()),
        p.departement.code(),
        p.departement.nom()
    );
    if let Some(t) = p.telephone.as_deref().filter(|t| !t.is_empty()) {
        s.push_str(&format!(", tél. {}", visible_ligne(t)));
    }
    s.push('.');
    s
}

pub fn reference_inconnue(r: &str) -> String {
    format!(
        "aucune personne n'a la référence « {} » (vigie chercher NOM pour la trouver).",
        visible_ligne(r)
    )
}

/// A refused option of `vigie noter`, named as typed.
pub fn option_refusee(option: &str, message: &str) -> String {
    format!("--{option} : {message}")
}

pub fn rien_enregistre(erreurs: &[String]) -> String {
    format!("rien n'a été enregistré.\n{}", erreurs.join("\n"))
}

pub fn evenement_note(e: &Evenement, p: &Personne, benevole: &str) -> String {
    format!(
        "{} du {} enregistré pour {} ({}), signé {}.",
        e.type_evenement.libelle(),
        date_fr(e.date),
        visible_ligne(&p.nom_complet()),
        p.reference,
        visible_ligne(benevole)
    )
}

pub fn prochaine(ev: &Evaluation) -> String {
    // The reason already starts with « Prochaine étape : » and says the action: as on the
    // screen's file, said once.
    format!(
        "Prochaine étape : {}",
        crate::textes::tui::sans_prefixe_prochaine(&tm::raison(&ev.prochaine))
    )
}

/// The person's file as plain lines, in the order of the screen.
pub fn fiche(
    p: &Personne,
    evenements: &[Evenement],
    ev: &Evaluation,
    trace: Option<&crate::store::Trace>,
) -> Vec<String> {
    let mut l = vec![format!(
        "{} : {}",
        tt::FICHE_IDENTITE,
        visible_ligne(&tt::identite(p))
    )];
    if let Some(i) = tt::identifiants(p) {
        l.push(format!(
            "{} : {}",
            tt::FICHE_IDENTIFIANTS,
            visible_ligne(&i)
        ));
    }
    l.push(format!(
        "{} : {}, {}.",
        tt::FICHE_DEMARCHE,
        p.demarche.libelle(),
        tt::ouvert_le(&date_fr(p.ouvert_le))
    ));
    l.push(format!("{} : {}.", tt::FICHE_BLOCAGE, p.blocage.libelle()));
    l.push(format!(
        "{} : {} {}.",
        tt::FICHE_PREFECTURE,
        p.departement.code(),
        p.departement.nom()
    ));
    l.push(format!(
        "{} : {}.",
        tt::FICHE_URGENCE,
        tm::libelle_urgence(ev.urgence)
    ));
    l.push(format!("Étape : {}.", ev.etape.libelle()));
    l.push(prochaine(ev));
    let echeances: Vec<String> = ev.echeances.iter().map(tm::texte_echeance).collect();
    l.push(format!(
        "{} : {}.",
        tt::FICHE_ECHEANCES,
        if echeances.is_empty() {
            tt::AUCUNE_ECHEANCE.to_string()
        } else {
            echeances.join(" ; ")
        }
    ));
    for a in tm::alertes(ev) {
        l.push(format!("{} : {a}", tt::FICHE_ALERTES));
    }
    if let Some(n) = p.notes.as_deref().filter(|n| !n.is_empty()) {
        l.push(format!(
            "{} : {}",
            tt::FICHE_NOTES,
            visible_ligne(&n.lines().collect::<Vec<_>>().join(" / "))
        ));
    }
    l.push(format!("{} :", tt::FICHE_HISTORIQUE));
    if evenements.is_empty() {
        l.push(format!("  {}.", tt::AUCUN_EVENEMENT));
    }
    for e in evenements.iter().rev() {
        l.push(format!("  {}", ligne_evenement(e)));
    }
    if let Some(t) = trace {
        l.push(format!(
            "{}.",
            tt::trace(&t.cree_par, &t.cree_le, &t.modifie_par, &t.modifie_le)
        ));
    }
    l
}

/// One event of the history, on one line.
pub fn ligne_evenement(e: &Evenement) -> String {
    let mut parts = vec![format!(
        "{} {}",
        date_fr(e.date),
        e.type_evenement.libelle()
    )];
    if let Some(c) = e.canal {
        parts.push(c.libelle().to_string());
    }
    if let Some(r) = e.resultat {
        parts.push(r.libelle().to_string());
    }
    if let Some(d) = e.echeance {
        parts.push(tt::echeance_evenement(e.type_evenement, &date_fr(d)));
    }
    if let Some(t) = e.ticket.as_deref() {
        parts.push(tt::ticket(e.type_evenement, t));
    }
    if let Some(m) = e.attente_minutes {
        parts.push(tt::attente(m));
    }
    if let Some(n) = e.notes.as_deref().filter(|n| !n.is_empty()) {
        parts.push(format!("« {} »", n.lines().collect::<Vec<_>>().join(" / ")));
    }
    if !e.saisi_par.is_empty() {
        parts.push(tt::saisi_par(&e.saisi_par));
    }
    visible_ligne(&format!("{}.", parts.join(", "))).into_owned()
}

// ------------------------------------------------------------------ first run, passphrase

pub fn essai_refuse(raison: &str, restants: usize) -> String {
    let s = if restants > 1 { "s" } else { "" };
    format!("{raison} : recommencez ({restants} essai{s} restant{s}).")
}

pub fn essais_epuises(raison: &str, essais: usize) -> String {
    format!("{raison} ({essais} essais : abandon, rien n'a été créé ni changé)")
}

pub fn phrase_incorrecte_encore(restants: usize) -> String {
    let s = if restants > 1 { "s" } else { "" };
    format!("Phrase secrète incorrecte : recommencez ({restants} essai{s} restant{s}).")
}

pub fn benevole_garde(nom: &str, fichier: &std::path::Path) -> String {
    format!(
        "Vos saisies seront signées « {} » (gardé dans {} ; --benevole ou VIGIE_BENEVOLE \
         pour un autre nom).",
        visible_ligne(nom),
        fichier.display()
    )
}

/// Said once, when a new base is created.
pub fn base_creee(chemin: &std::path::Path, chiffree: bool) -> String {
    let mut s = format!("Base créée : {}.", chemin.display());
    if chiffree {
        s.push_str(
            "\nAttention : sans la phrase secrète, personne ne peut relire ces données, pas \
             même un informaticien. Notez-la en lieu sûr, et sauvegardez la base \
             régulièrement : vigie sauvegarde --sortie FICHIER (copie chiffrée avec la même \
             phrase, à garder hors de cet ordinateur).",
        );
    }
    s
}

/// The base's path, in the `?` help.
pub fn chemin_dans_aide(chemin: &std::path::Path) -> String {
    format!(
        "Base : {} (sauvegarde : vigie sauvegarde --sortie FICHIER)",
        chemin.display()
    )
}
