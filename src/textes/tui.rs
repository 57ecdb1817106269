//! French strings of the full-screen interface (issue 4).

use crate::domain::moteur::PanConnu;
use crate::domain::{Personne, TypeEvenement};

pub const TITRE_APPLI: &str = "vigie";
pub const INVITE_RECHERCHE: &str = "Chercher : ";
pub const TROP_PETIT: &str = "terminal trop petit (min 80×24)";
pub fn taille_actuelle(l: u16, h: u16) -> String {
    format!("taille actuelle : {l}×{h} — agrandissez la fenêtre (Ctrl-C pour quitter)")
}

// ------------------------------------------------------------------ screens titles
pub const ECRAN_AUJOURDHUI: &str = "Aujourd'hui";
pub const ECRAN_TOUS: &str = "Toutes les personnes";
pub const ECRAN_FICHE: &str = "Fiche";
pub const ECRAN_RECHERCHE: &str = "Recherche";
pub const ECRAN_AIDE: &str = "Aide — toutes les touches";
pub const ECRAN_NOUVELLE: &str = "Nouvelle personne";
pub const ECRAN_MODIFIER: &str = "Modifier la personne";
pub const ECRAN_CONFLIT: &str = "Conflit de modification";
pub const ECRAN_PREFECTURE: &str = "Préfecture";
pub const ECRAN_STATS: &str = "Statistiques";
pub fn ecran_saisie(t: TypeEvenement) -> String {
    format!("Saisie : {}", t.libelle())
}

/// The header: screen, date, volunteer, then the day's counts (`comptes`: to see, rights
/// lapsed, overdue, « en sommeil »; `None` while the list loads). The counts say what
/// `vigie aujourdhui` says, with the same words (`libelle_urgence`) and numbers; a level with
/// nobody is not named.
pub fn entete(
    ecran: &str,
    date: &str,
    benevole: &str,
    comptes: Option<(usize, usize, usize, usize)>,
) -> String {
    use crate::domain::moteur::NiveauUrgence as N;
    let mut s = format!(" vigie · {ecran} · {date} · bénévole : {benevole}");
    let Some((du_jour, rompus, retard, sommeil)) = comptes else {
        return s;
    };
    s.push_str(&format!(" · à voir aujourd'hui : {du_jour}"));
    for (n, combien) in [(N::DroitsRompus, rompus), (N::SuiviEnRetard, retard)] {
        if combien > 0 {
            s.push_str(&format!(
                " · {} : {combien}",
                crate::textes::moteur::libelle_urgence(n)
            ));
        }
    }
    if sommeil > 0 {
        s.push_str(&format!(
            " · {} : {sommeil}",
            crate::textes::moteur::EN_SOMMEIL
        ));
    }
    s
}

// ------------------------------------------------------------------ list
pub const LISTE_VIDE_JOUR: &str =
    "Aucune personne à voir aujourd'hui. Touche t : toutes les personnes ; n : nouvelle personne.";
pub const LISTE_VIDE_TOUS: &str = "Aucune personne dans la base. Touche n : nouvelle personne.";
pub const COL_URGENCE: &str = "Urgence";
pub const COL_NOM: &str = "Nom";
pub const COL_REF: &str = "Réf.";
pub const COL_DEP: &str = "Dép.";
pub const COL_ECHEANCE: &str = "Échéance";
pub const VISITE_DU_JOUR: &str = "vu·e aujourd'hui";
pub const VISITE_COURT: &str = "vu·e";
pub const COL_VISITE: &str = "Visite";
pub const COL_ETAPE_PROCHAINE: &str = "Étape / prochaine";
pub const SANS_ECHEANCE: &str = "pas d'échéance";
pub const PROCHAINE_INCONNUE: &str = "à déterminer";

// ------------------------------------------------------------------ file
pub const FICHE_IDENTITE: &str = "Identité";
pub const FICHE_IDENTIFIANTS: &str = "Identifiants";
pub const FICHE_DEMARCHE: &str = "Démarche";
pub const FICHE_BLOCAGE: &str = "Blocage";
pub const FICHE_PREFECTURE: &str = "Préfecture";
pub const FICHE_ECHEANCES: &str = "Échéances";
pub const FICHE_PARCOURS: &str = "Parcours";
pub const FICHE_PROCHAINE: &str = "Prochaine étape";
pub const FICHE_ALERTES: &str = "Alertes";
pub const FICHE_HISTORIQUE: &str = "Historique (le plus récent d'abord)";
pub const FICHE_NOTES: &str = "Notes";
pub const FICHE_URGENCE: &str = "Urgence";
pub const AUCUNE_ECHEANCE: &str = "aucune échéance datée";
pub const AUCUN_EVENEMENT: &str = "aucun événement enregistré";
/// What the directory says of the préfecture's PAN, for the person's file.
pub fn pan_prefecture(p: PanConnu) -> &'static str {
    match p {
        PanConnu::Dedie => "PAN dédié à l'ANEF",
        PanConnu::General => "PAN généraliste (ANEF non mentionnée)",
        PanConnu::Aucun => "pas de PAN",
        PanConnu::Inconnu => "PAN présumé (général ou dédié, non vérifié)",
    }
}
/// The engine's reason starts with "Prochaine étape : "; the file shows it under that title.
pub fn sans_prefixe_prochaine(raison: &str) -> String {
    let r = raison.strip_prefix("Prochaine étape : ").unwrap_or(raison);
    let mut c = r.chars();
    match c.next() {
        Some(p) => p.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
pub fn pan_connu_personne(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "la personne connaissait le PAN",
        Some(false) => "la personne ne connaissait pas le PAN",
        None => "connaissance du PAN non renseignée",
    }
}
/// Status line of a list longer than the screen: "personnes 1 à 9 sur 77 (PgSuiv : suite)".
pub fn position_liste(debut: usize, fin: usize, total: usize) -> String {
    let suite = if fin < total {
        " (↓ ou PgSuiv : suite)"
    } else {
        ""
    };
    format!("personnes {debut} à {fin} sur {total}{suite}")
}
/// Status line of a file or help taller than the screen.
pub fn suite(lignes: usize) -> String {
    let s = if lignes > 1 { "s" } else { "" };
    format!("↓ suite : {lignes} ligne{s} de plus (↓, j ou PgSuiv)")
}
pub fn identite(p: &Personne) -> String {
    let mut s = format!("{} · réf. {}", p.nom_complet(), p.reference);
    if let Some(t) = p.telephone.as_deref().filter(|t| !t.is_empty()) {
        s.push_str(&format!(" · tél. {t}"));
    }
    s
}
/// The identifiers letters need, on one line; `None` when none is known.
pub fn identifiants(p: &Personne) -> Option<String> {
    let i = &p.identite;
    let mut parts = Vec::new();
    if let Some(d) = i.date_naissance {
        parts.push(format!("né·e le {}", crate::textes::moteur::date_fr(d)));
    }
    if let Some(n) = i.nationalite.as_deref() {
        parts.push(format!("nationalité {n}"));
    }
    if let Some(n) = i.numero_etranger.as_deref() {
        parts.push(format!("n° étranger {n}"));
    }
    if let Some(a) = i.adresse.as_deref() {
        parts.push(a.lines().collect::<Vec<_>>().join(", "));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}
pub fn ouvert_le(d: &str) -> String {
    format!("dossier ouvert le {d}")
}
pub fn captures(n: Option<u32>) -> String {
    match n {
        None => "preuves : non renseigné".into(),
        Some(0) => "aucune capture".into(),
        Some(1) => "1 capture".into(),
        Some(n) => format!("{n} captures"),
    }
}
pub fn saisi_par(b: &str) -> String {
    format!("saisi par {b}")
}
/// A number in the timeline, named as in the form ("ticket n° 12345", "AR n° 1A…").
pub fn ticket(ty: TypeEvenement, t: &str) -> String {
    match ty {
        TypeEvenement::Ccc => format!("ticket n° {t}"),
        TypeEvenement::Recommande => format!("AR n° {t}"),
        TypeEvenement::Avocat => format!("requête n° {t}"),
        _ => format!("n° {t}"),
    }
}
pub fn attente(m: u32) -> String {
    format!("attente {m} min")
}
/// The date of an event, worded as its form asked for it ("rendez-vous le 05/12/2026").
pub fn echeance_evenement(t: TypeEvenement, d: &str) -> String {
    match t {
        TypeEvenement::Pan | TypeEvenement::Substitution => format!("rendez-vous le {d}"),
        TypeEvenement::ApiDelivree => format!("API jusqu'au {d}"),
        TypeEvenement::Suivi => format!("prochain suivi le {d}"),
        _ => format!("relance le {d}"),
    }
}
/// Who created and last changed the file, when (stamps "AAAA-MM-JJ HH:MM:SS" are shown
/// "JJ/MM/AAAA à HH:MM", as every other date of the screen).
pub fn trace(cree_par: &str, cree_le: &str, modifie_par: &str, modifie_le: &str) -> String {
    fn horodatage(s: &str) -> String {
        let (date, heure) = s.split_once(' ').unwrap_or((s, ""));
        let date = match crate::domain::parse_date(date) {
            Ok(d) => crate::textes::moteur::date_fr(d),
            Err(_) => return s.to_string(),
        };
        match heure.get(..5) {
            Some(h) => format!("{date} à {h}"),
            None => date,
        }
    }
    format!(
        "créée par {cree_par} le {} · modifiée par {modifie_par} le {}",
        horodatage(cree_le),
        horodatage(modifie_le)
    )
}
pub fn fois(n: usize) -> String {
    format!("{n}×")
}
/// The last outcome of a step tried several times with different outcomes:
/// "rendez-vous obtenu, 4 démarches" (never "4× rendez-vous obtenu").
pub fn dernier_de(mot: &str, n: usize) -> String {
    format!("{mot}, {n} démarches")
}

// ------------------------------------------------------------------ forms
pub const CHAMP_DATE: &str = "Date";
pub const CHAMP_CANAL: &str = "Canal";
pub const CHAMP_RESULTAT: &str = "Résultat";
pub const CHAMP_ECHEANCE: &str = "Relancer le";
pub const CHAMP_RDV: &str = "Rendez-vous le";
pub const BASE_OCCUPEE_ABANDON: &str = "la base est restée occupée par un autre poste \
     pendant deux minutes : rien n'a été enregistré ; la saisie reste à l'écran (Ctrl-S pour \
     réessayer)";
pub const BASE_OCCUPEE_ANNULE: &str = "nouvel essai annulé : rien n'a été enregistré ; la \
     saisie reste à l'écran (Ctrl-S pour réessayer)";
/// A save waiting for another desk's write (`secondes` since the first try).
pub fn base_occupee_nouvel_essai(secondes: i64) -> String {
    if secondes < 1 {
        "base occupée par un autre poste, nouvel essai… (Échap : arrêter)".into()
    } else {
        format!("base occupée par un autre poste, nouvel essai… ({secondes} s ; Échap : arrêter)")
    }
}
pub const CHAMP_FIN_API: &str = "Nouvelle API jusqu'au";
pub const CHAMP_PROCHAIN_SUIVI: &str = "Prochain suivi le";
pub const REQUIS: &str = "obligatoire pour cette saisie";
pub fn ouverture_future(aujourdhui: &str) -> String {
    format!(
        "date à venir (aujourd'hui : {aujourdhui}) : le dossier s'ouvre au plus tard aujourd'hui"
    )
}
pub fn date_evenement_future(aujourdhui: &str) -> String {
    format!(
        "date à venir (aujourd'hui : {aujourdhui}) : notez la démarche le jour où elle a eu \
         lieu ; une date à venir (rendez-vous, relance, fin d'API) va dans l'autre champ de date"
    )
}
pub const CHAMP_TICKET: &str = "Ticket / n° AR";
/// The number field, named after what it holds for each event type.
pub fn champ_numero(t: TypeEvenement) -> &'static str {
    match t {
        TypeEvenement::Ccc => "N° de ticket",
        TypeEvenement::Recommande => "N° AR",
        TypeEvenement::Avocat => "N° de requête",
        TypeEvenement::Prefecture => "N° de demande",
        _ => CHAMP_TICKET,
    }
}
pub const CHAMP_ATTENTE: &str = "Attente (min)";
pub const CHAMP_NOTES: &str = "Notes";
pub const CHAMP_REFERENCE: &str = "Référence";
pub const CHAMP_NOM: &str = "Nom";
pub const CHAMP_PRENOM: &str = "Prénom";
pub const CHAMP_TELEPHONE: &str = "Téléphone";
pub const CHAMP_DEPARTEMENT: &str = "Département";
pub const CHAMP_DEMARCHE: &str = "Démarche";
pub const CHAMP_BLOCAGE: &str = "Blocage";
pub const CHAMP_OUVERT_LE: &str = "Ouvert le";
pub const CHAMP_TITRE: &str = "Titre expire le";
pub const CHAMP_API: &str = "API expire le";
pub const CHAMP_PAN_CONNU: &str = "PAN connu";
pub const CHAMP_CAPTURES: &str = "Captures gardées";
pub const CHAMP_DATE_NAISSANCE: &str = "Né·e le";
pub const CHAMP_NATIONALITE: &str = "Nationalité";
pub const CHAMP_NUMERO_ETRANGER: &str = "N° étranger";
pub const CHAMP_ADRESSE: &str = "Adresse";
pub const AIDE_ADRESSE: &str = "lignes séparées par « / »";
/// Shorter labels of the blocking types, for the pick list of the form.
pub fn blocage_court(b: crate::domain::Blocage) -> &'static str {
    use crate::domain::Blocage as B;
    match b {
        B::Connexion => "Connexion (compte, FranceConnect, 2FA)",
        B::NumeroEtranger => "Numéro étranger perdu ou inconnu",
        B::DepotImpossible => "Dépôt impossible",
        B::ApiNonRenouvelee => "API non renouvelée",
        B::RdvRetraitTitre => "Pas de RDV pour retirer le titre",
        B::SansNouvelles => "Sans nouvelles",
        B::ChangementAdresse => "Changement d'adresse",
        B::Autre => "Autre blocage",
    }
}
pub const NON_RENSEIGNE: &str = "non renseigné";
pub const OUI: &str = "oui";
pub const NON: &str = "non";
pub const AIDE_DATE: &str = "JJ/MM/AAAA ou AAAA-MM-JJ";
pub const AIDE_DEPARTEMENT: &str = "numéro ou nom";
/// Several départements match what was typed: name a few so the volunteer can choose.
pub fn departement_ambigu(candidats: &[String]) -> String {
    let mut s = format!(
        "plusieurs départements correspondent ({}) : précisez, ou tapez le numéro",
        candidats
            .iter()
            .take(4)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    if candidats.len() > 4 {
        s = s.replace(") :", ", …) :");
    }
    s
}
pub const NOTES_AIDE: &str = "Entrée : nouvelle ligne · Ctrl-S : enregistrer";
pub const FORMULAIRE_ERREURS: &str =
    "Le formulaire contient des erreurs : voir les champs signalés.";
pub fn pour(p: &Personne) -> String {
    format!(
        "pour {} ({})",
        crate::textes::visible_ligne(&p.nom_complet()),
        p.reference
    )
}

// ------------------------------------------------------------------ messages
pub fn evenement_enregistre(t: TypeEvenement, p: &str) -> String {
    // The past participle agrees with the event's name (une visite, un CCC).
    let accord = match t {
        TypeEvenement::Visite
        | TypeEvenement::Substitution
        | TypeEvenement::Prefecture
        | TypeEvenement::ApiDelivree
        | TypeEvenement::Cloture => "enregistrée",
        TypeEvenement::Ccc
        | TypeEvenement::Pan
        | TypeEvenement::Recommande
        | TypeEvenement::Avocat
        | TypeEvenement::DefenseurDroits
        | TypeEvenement::Suivi => "enregistré",
    };
    format!("{} {accord} pour {p}.", t.libelle())
}
pub fn personne_creee(r: &str) -> String {
    format!("Personne {r} créée.")
}
pub fn personne_modifiee(r: &str) -> String {
    format!("Personne {r} enregistrée.")
}
pub const CHARGEMENT_LISTE: &str = "Chargement de la liste…";
/// « Chargement de la liste… 45 % » (people evaluated of those in the base); keys are read
/// meanwhile.
pub fn chargement_liste(lus: usize, total: usize) -> String {
    if total == 0 {
        return CHARGEMENT_LISTE.into();
    }
    format!("{CHARGEMENT_LISTE} {}\u{a0}%", (lus * 100 / total).min(100))
}
/// Whether a status message is the list's loading one (it gives way at the end of the load).
pub fn est_message_de_chargement(m: &str) -> bool {
    m.starts_with(CHARGEMENT_LISTE)
}
pub const DONNEES_RAFRAICHIES: &str = "Données mises à jour par un autre poste.";
pub const AUCUNE_SELECTION: &str = "Aucune personne sélectionnée.";
pub const RECHERCHE_INVITE: &str = "Tapez un nom, un prénom, une référence ou un téléphone.";
pub const RECHERCHE_AUCUN: &str = "Aucune personne ne correspond.";
pub fn erreur(e: &str) -> String {
    format!("Erreur : {e}")
}
pub const CONFIRMER_QUITTER: &str =
    "Un formulaire n'est pas enregistré. Quitter quand même ?\no : oui, quitter · n : non";
/// The question at start when a draft was kept: `quoi` names the form, `quand` is
/// "1 décembre à 14:02"-like.
pub fn reprendre_brouillon(quoi: &str, quand: &str) -> String {
    format!("Un brouillon de {quoi} du {quand} a été gardé : le reprendre ? (o/n)")
}

/// What a kept draft is about: a new person.
pub const BROUILLON_NOUVELLE_PERSONNE: &str = "nouvelle personne";

/// What a kept draft is about: an edit of a person's details.
pub fn brouillon_personne(nom: &str) -> String {
    format!("la fiche de {nom}")
}

/// What a kept draft is about: an event entry for a person.
pub fn brouillon_evenement(libelle: &str, nom: &str) -> String {
    format!("saisie « {libelle} » pour {nom}")
}

/// The kept draft's person no longer exists (erased): the draft is dropped.
pub const BROUILLON_SANS_PERSONNE: &str =
    "Le brouillon gardé concernait une personne qui n'est plus dans la base : il est effacé.";

/// A draft could not be kept in the base.
pub fn brouillon_non_garde(e: &str) -> String {
    format!("Le brouillon n'a pas pu être gardé : {e}")
}

pub const CONFIRMER_ABANDON: &str =
    "Abandonner cette saisie ? Ce qui a été tapé sera perdu.\no : oui · n : non, continuer";

// ------------------------------------------------------------------ document preview
pub fn ecran_apercu(lettre: bool) -> String {
    if lettre {
        "Aperçu : lettre recommandée".into()
    } else {
        "Aperçu : chronologie".into()
    }
}
/// Default file name: `lettre-2026-0001-2026-11-23.txt`, `chronologie-…`.
pub fn nom_document(lettre: bool, reference: &str, date_iso: &str) -> String {
    let quoi = if lettre { "lettre" } else { "chronologie" };
    format!("{quoi}-{reference}-{date_iso}.txt")
}
pub const ENREGISTRER_SOUS: &str = "Enregistrer sous : ";
pub fn dans_le_dossier(d: &str) -> String {
    format!("dans le dossier {d} (ou un chemin complet ; Ctrl-U efface)")
}
pub const NOM_FICHIER_VIDE: &str = "donnez un nom de fichier";
/// A new person may already have a file.
pub fn confirmer_doublon(p: &Personne, raison: crate::store::RaisonDoublon) -> String {
    let pourquoi = match raison {
        crate::store::RaisonDoublon::NomEtNaissance => "même nom et même date de naissance",
        crate::store::RaisonDoublon::Telephone => "même téléphone",
    };
    format!(
        "Un dossier existe peut-être déjà ({pourquoi}) :\n{}\nC'est la même personne ?\n\
         o : oui, ouvrir son dossier · n : non, revenir au formulaire",
        crate::textes::visible_ligne(&identite(p))
    )
}
pub const DOUBLON_ECARTE: &str =
    "Autre personne : Entrée pour créer ce nouveau dossier quand même.";
pub fn confirmer_ecraser(chemin: &str) -> String {
    format!(
        "Le fichier {chemin} existe déjà. Le remplacer ?\no : oui, remplacer · n : non, changer le nom"
    )
}
/// After saving: the full path, and a reminder that the file holds personal data.
pub fn document_enregistre(lettre: bool, chemin: &str) -> String {
    let quoi = if lettre {
        "Lettre recommandée"
    } else {
        "Chronologie"
    };
    format!(
        "{quoi} enregistrée dans {chemin}. Ce fichier contient des données personnelles : \
         gardez-le à l'abri et supprimez-le quand il ne sert plus."
    )
}
/// A file that could not be written, in French whatever the system says.
pub fn ecriture_document(chemin: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let raison = match e.kind() {
        K::NotFound => "ce dossier n'existe pas".to_string(),
        K::PermissionDenied => "permission refusée".to_string(),
        K::IsADirectory => "c'est un dossier, pas un fichier".to_string(),
        K::NotADirectory => "une partie du chemin n'est pas un dossier".to_string(),
        K::ReadOnlyFilesystem => "le disque est en lecture seule".to_string(),
        K::StorageFull => "le disque est plein".to_string(),
        K::InvalidFilename | K::InvalidInput => "nom de fichier invalide".to_string(),
        _ => super::erreur_io(e),
    };
    format!("Impossible d'écrire {chemin} : {raison}. Rien n'a été écrit.")
}

// ------------------------------------------------------------------ conflict
pub const CONFLIT_MIENNE: &str = "Votre saisie";
pub fn conflit_enregistree(par: &str) -> String {
    format!("Enregistrée (par {par})")
}
pub const CONFLIT_EXPLICATION: &str = "Un autre poste a modifié cette personne pendant votre saisie. Les champs marqués ≠ diffèrent ; rien n'a été écrasé.";
/// Under the conflict table: who changed what, in words (not only ≠ and bold).
pub fn conflit_origines(vous: &[&str], autre: &[&str], par: &str) -> Vec<String> {
    let liste = |v: &[&str]| {
        if v.is_empty() {
            "rien".to_string()
        } else {
            v.join(", ")
        }
    };
    vec![
        format!("Vous avez modifié : {}.", liste(vous)),
        format!("{par} a modifié : {}.", liste(autre)),
    ]
}
pub const CONFLIT_AUTRE_POSTE: &str = "L'autre poste";
pub const ECRAN_DOSSIER_PERDU: &str = "Modification impossible";
pub const DOSSIER_ANONYMISE: &str = "Ce dossier a été anonymisé (durée de conservation) par un \
autre poste : vos modifications ne peuvent pas être enregistrées.";
pub const DOSSIER_EFFACE: &str = "Ce dossier a été effacé (droit à l'effacement) par un autre \
poste : vos modifications ne peuvent pas être enregistrées.";
pub const DOSSIER_PERDU_ECHAP: &str = "Échap : fermer.";
pub const DOSSIER_PERDU_FERME: &str = "Modifications abandonnées : le dossier n'existe plus \
sous ce nom.";
pub const CONFLIT_GARDE_MIENNE: &str = "Votre version a remplacé l'autre (choix explicite).";
pub const CONFLIT_GARDE_AUTRE: &str =
    "Votre saisie est abandonnée ; la version enregistrée est conservée.";
pub const CONFLIT_REPRISE: &str = "Formulaire rouvert sur la version enregistrée par l'autre \
     poste, avec vos modifications par-dessus : vérifiez, puis Entrée pour enregistrer.";

// ------------------------------------------------------------------ help
pub const AIDE_INTRO: &str = "Les touches sont les mêmes partout où elles s'appliquent. \
     Le pied de page rappelle celles qui marchent sur l'écran affiché.";
pub const AIDE_PANNEAU: &str = "Ce panneau";
pub const AIDE_PANNEAU_PREFECTURE: &str = "Panneau Préfecture (P ou F2)";
pub const AIDE_PANNEAU_STATS: &str = "Panneau Statistiques (S ou F3)";
pub const AIDE_CHAMPS: &str = "Dans un champ de texte";
/// The editing keys of one-line fields (not in the keymap: they are typing, not actions).
pub const AIDE_EDITION: [(&str, &str); 7] = [
    ("← → Début Fin", "déplacer le curseur dans le champ"),
    ("Ctrl-A Ctrl-E", "aller au début, à la fin du champ"),
    ("Retour Suppr", "effacer un caractère"),
    ("Ctrl-W", "effacer le mot avant le curseur"),
    ("Ctrl-U", "vider le champ"),
    (
        "(taper)",
        "remplace la valeur surlignée (champ atteint par Tab)",
    ),
    (
        "(coller)",
        "le texte reste dans le champ ; ses retours à la ligne deviennent des espaces, sauf dans les notes",
    ),
];
pub const AIDE_PIED_OUVRIR: &str = "? aide complète";

// keymap descriptions (one per binding)
pub mod touches {
    pub const STATS_ACTUALISER: &str = "recalculer les chiffres";
    pub const HAUT_BAS: &str = "monter / descendre";
    pub const PAGE: &str = "page précédente / suivante";
    pub const DEBUT_FIN: &str = "début / fin";
    pub const OUVRIR_FICHE: &str = "ouvrir la fiche";
    pub const TOUS: &str = "toutes les personnes / du jour";
    pub const NOUVELLE: &str = "nouvelle personne";
    pub const MODIFIER: &str = "modifier la personne";
    pub const VISITE: &str = "saisir une visite";
    pub const CCC: &str = "saisir un contact CCC";
    pub const PAN: &str = "saisir un résultat PAN";
    pub const SUBSTITUTION: &str = "saisir une substitution";
    pub const RECOMMANDE: &str = "saisir un recommandé";
    pub const AVOCAT: &str = "saisir un recours avocat";
    pub const DEFENSEUR: &str = "saisir une saisine du Défenseur des droits";
    pub const API: &str = "saisir une API délivrée";
    pub const CLOTURE: &str = "clôturer le dossier";
    pub const PREFECTURE_MESSAGE: &str = "saisir un message au service de la préfecture";
    pub const SUIVI: &str = "saisir un suivi sans nouveauté (reporte la relance)";
    pub const CHERCHER: &str = "chercher une personne";
    pub const PREFECTURE: &str = "préfecture (de la personne affichée)";
    pub const STATS: &str = "statistiques";
    pub const AIDE: &str = "aide complète";
    pub const RETOUR: &str = "retour";
    pub const QUITTER: &str = "quitter";
    pub const QUITTER_CTRL_C: &str = "quitter (demande si une saisie est en cours)";
    pub const CHAMP_SUIVANT: &str = "champ suivant / précédent";
    pub const ENREGISTRER: &str = "enregistrer";
    pub const ENREGISTRER_PARTOUT: &str = "enregistrer (marche aussi dans les notes)";
    pub const ANNULER: &str = "annuler";
    pub const CHOIX: &str = "choisir la valeur (ou ← →)";
    pub const CHOIX_FLECHES: &str = "valeur précédente / suivante";
    pub const RESULTAT_OUVRIR: &str = "ouvrir la personne trouvée";
    pub const OUI: &str = "oui";
    pub const NON: &str = "non";
    pub const GARDER_MIENNE: &str = "garder MA version (remplace l'autre)";
    pub const GARDER_AUTRE: &str = "garder la version enregistrée";
    pub const FUSIONNER: &str =
        "revenir au formulaire : vos modifications sur la version enregistrée (fusion)";
    pub const FERMER_DOSSIER_PERDU: &str =
        "fermer (le dossier a été anonymisé ou effacé : rien ne peut être enregistré)";
    pub const APERCU_LETTRE: &str = "aperçu de la lettre recommandée à la préfecture";
    pub const APERCU_CHRONOLOGIE: &str = "aperçu de la chronologie (avocat, Défenseur des droits)";
    pub const ENREGISTRER_SOUS: &str = "enregistrer le document dans un fichier texte";
    pub const ECRIRE_FICHIER: &str = "écrire le fichier sous ce nom";
}

pub mod contextes {
    pub const PARTOUT: &str = "Partout (hors champ de saisie)";
    pub const PENDANT_SAISIE: &str = "Pendant une saisie (formulaire, recherche)";
    pub const TOUJOURS: &str = "Toujours";
    pub const LISTE: &str = "Liste du jour";
    pub const LISTE_FICHE: &str = "Liste et fiche : saisie rapide";
    pub const FICHE: &str = "Fiche";
    pub const DEFILEMENT: &str = "Listes et textes";
    pub const FORMULAIRE: &str = "Formulaires";
    pub const CHOIX: &str = "Champ à choix";
    pub const NOTES: &str = "Zone de notes";
    pub const RECHERCHE: &str = "Recherche";
    pub const CONFIRMATION: &str = "Question oui / non";
    pub const CONFLIT: &str = "Conflit de modification";
    pub const DOSSIER_PERDU: &str = "Dossier anonymisé ou effacé par un autre poste";
    pub const APERCU: &str = "Aperçu d'un document (lettre, chronologie)";
    pub const NOM_FICHIER: &str = "Nom du fichier à écrire";
}

/// Footer words (short; the help gives the full description).
pub mod pied {
    pub const OUI: &str = "oui";
    pub const NON: &str = "non";
    pub const GARDER_MIENNE: &str = "garder ma version";
    pub const GARDER_AUTRE: &str = "garder l'autre";
    pub const FUSIONNER: &str = "revenir au formulaire";
    pub const FERMER: &str = "fermer";
    pub const FICHE: &str = "fiche";
    pub const TOUS: &str = "tous/jour";
    pub const CCC: &str = "CCC";
    pub const PAN: &str = "PAN";
    pub const VISITE: &str = "visite";
    pub const CHOISIR: &str = "choisir";
    pub const DEPLACER: &str = "déplacer";
    pub const PREFECTURE: &str = "préfecture";
    pub const STATS: &str = "statistiques";
    pub const CHOIX: &str = "choisir";
    pub const CHAMP: &str = "champ";
    pub const ENREGISTRER: &str = "enregistrer";
    pub const ANNULER: &str = "annuler";
    pub const CHERCHER: &str = "chercher";
    pub const AIDE: &str = "aide";
    pub const RETOUR: &str = "retour";
    pub const QUITTER: &str = "quitter";
    pub const NOUVELLE: &str = "nouvelle";
    pub const ENREGISTRER_PARTOUT: &str = "enregistrer (même dans les notes)";
    pub const MODIFIER: &str = "modifier";
    pub const LETTRE: &str = "lettre";
    pub const CHRONOLOGIE: &str = "chronologie";
    pub const ENREGISTRER_SOUS: &str = "enregistrer dans un fichier";
    pub const ECRIRE_FICHIER: &str = "écrire le fichier";
}

// ------------------------------------------------------------------ help: the process
pub const AIDE_PARCOURS: &str = "Le parcours : ce que vigie suit";
/// The steps of the process, in the order of the ladder shown on each file.
pub const AIDE_ETAPES: [(&str, &str); 6] = [
    (
        "Constat",
        "les captures d'écran qui prouvent le blocage (date, message d'erreur) : sans elles, \
         aucun recours n'aboutit.",
    ),
    (
        "CCC",
        "le Centre de contact citoyen de l'ANEF, saisi par son formulaire en ligne (trace \
         écrite, à préférer) ou par téléphone ; on note le numéro de ticket.",
    ),
    (
        "PAN",
        "le point d'accueil numérique de la préfecture : un rendez-vous pour déposer avec \
         l'aide d'un agent.",
    ),
    (
        "Substitution",
        "quand le téléservice ne marche pas, la préfecture doit offrir une autre voie \
         (guichet, courrier, courriel) : on la demande, par écrit.",
    ),
    (
        "Recommandé",
        "la lettre recommandée avec AR à la préfecture : elle fait courir les délais et \
         prépare le recours (touche L pour la préparer).",
    ),
    (
        "Défenseur, avocat",
        "la saisine du Défenseur des droits, le référé au tribunal administratif avec un \
         avocat : les derniers barreaux de l'échelle.",
    ),
];
pub const AIDE_SYMBOLES_TITRE: &str = "Les signes de l'échelle (sur chaque fiche)";
pub const AIDE_SYMBOLES: [(&str, &str); 4] = [
    ("✓", "fait ou obtenu"),
    ("✗", "essayé sans succès"),
    ("…", "en attente d'une réponse"),
    ("·", "pas encore tenté"),
];
pub const AIDE_URGENCE_TITRE: &str = "L'urgence (liste du jour et fiches)";
/// What each urgency level means, by its symbol and words.
pub fn aide_urgence(n: crate::domain::moteur::NiveauUrgence) -> &'static str {
    use crate::domain::moteur::NiveauUrgence as N;
    match n {
        N::DroitsRompus => "titre et attestation expirés : la personne n'a plus de droits",
        N::DroitsMenaces => "titre ou attestation bientôt expirés",
        N::SuiviEnRetard => "une relance ou un suivi est passé",
        N::DuJour => "quelque chose est à faire aujourd'hui",
        N::AVenir => "une échéance plus tard",
        N::Aucune => "rien de daté",
    }
}
pub const AIDE_REGLES: &str = "Les délais viennent des règles livrées avec vigie (textes et \
     pratiques cités par `vigie regles`) ; une permanence peut les adapter dans le fichier \
     regles.toml de son dossier de configuration.";
