//! French texts of the préfecture directory: names with their article, labels, the card
//! (shared by `vigie prefecture` and the TUI panel), and the messages of the corrections.

use crate::domain::Departement;
use crate::domain::moteur::PanConnu;
use crate::prefectures::corrections::ChampCorrection;
use crate::prefectures::{Correction, DateSource, Doute, Fait, Fiche, Mode, Site, Source};
use chrono::NaiveDateTime;

mod erreurs;
pub use erreurs::*;

// ---------------------------------------------------------------- names

/// "de la Gironde", "du Nord", "de l'Ain", "des Landes", "de Mayotte".
pub fn de_departement(d: Departement) -> String {
    let nom = d.nom();
    let prefixe = match d.code() {
        "01" | "02" | "03" | "07" | "09" | "10" | "11" | "12" | "27" | "34" | "36" | "38"
        | "60" | "61" | "89" | "91" => "de l'",
        "04" | "05" | "06" | "08" | "13" | "22" | "40" | "64" | "65" | "66" | "78" | "79"
        | "88" | "92" => "des ",
        "14" | "15" | "18" | "25" | "29" | "30" | "32" | "39" | "45" | "46" | "56" | "59"
        | "62" | "63" | "67" | "68" | "69" | "81" | "83" | "90" | "94" | "95" => "du ",
        "28" | "35" | "37" => "d'",
        "41" | "47" | "49" | "54" | "71" | "75" | "77" | "82" | "84" | "974" | "976" => "de ",
        _ => "de la ",
    };
    format!("{prefixe}{nom}")
}

/// "Préfecture de la Gironde"; for Paris, "Préfecture de police de Paris".
pub fn destinataire(d: Departement) -> String {
    if d.code() == "75" {
        "Préfecture de police de Paris".to_string()
    } else {
        format!("Préfecture {}", de_departement(d))
    }
}

/// The address block for a registered letter: the préfecture's name, then its address lines
/// (`Fiche::adresse_courrier`).
pub fn adresse_courrier(f: &Fiche) -> Vec<String> {
    bloc_adresse(f.departement, f.adresse_courrier())
}

/// The préfecture's name above these address lines.
pub fn bloc_adresse(d: Departement, lignes: Vec<String>) -> Vec<String> {
    let mut bloc = vec![destinataire(d)];
    bloc.extend(lignes);
    bloc
}

/// For sentences: "la préfecture de la Gironde", "la Préfecture de police de Paris".
pub fn la_prefecture(d: Departement) -> String {
    if d.code() == "75" {
        "la Préfecture de police de Paris".to_string()
    } else {
        format!("la préfecture {}", de_departement(d))
    }
}

// ---------------------------------------------------------------- labels

pub fn libelle_pan(p: PanConnu) -> &'static str {
    match p {
        PanConnu::Dedie => "oui, il traite les démarches ANEF",
        PanConnu::General => {
            "points numériques généraux (la source ne dit pas qu'ils couvrent l'ANEF)"
        }
        PanConnu::Aucun => "aucun PAN",
        PanConnu::Inconnu => {
            "présumé : le ministère dit que chaque préfecture a un PAN, général ou dédié (non vérifié ici)"
        }
    }
}

pub fn libelle_mode(m: Mode) -> &'static str {
    match m {
        Mode::Oui => "oui",
        Mode::Non => "non",
        Mode::Inconnu => "inconnu (aucune source trouvée)",
    }
}

pub fn libelle_champ(c: ChampCorrection) -> &'static str {
    match c {
        ChampCorrection::Pan => "PAN",
        ChampCorrection::PanReservation => "Rendez-vous au PAN",
        ChampCorrection::Guichet => "Substitution au guichet",
        ChampCorrection::Postal => "Substitution par voie postale",
        ChampCorrection::Courriel => "Substitution par courriel",
        ChampCorrection::PostalImpose => "Dépôt postal imposé",
        ChampCorrection::Adresse => "Adresse",
        ChampCorrection::Telephone => "Téléphone",
        ChampCorrection::CourrielContact => "Courriel de contact",
        ChampCorrection::Site => "Site",
        ChampCorrection::Note => "Note",
    }
}

/// A correction's value in words (codes translated).
pub fn libelle_valeur(c: ChampCorrection, valeur: &str) -> String {
    match c {
        ChampCorrection::Pan => crate::prefectures::pan_depuis_code(valeur)
            .map(|p| libelle_pan(p).to_string())
            .unwrap_or_else(|| valeur.to_string()),
        ChampCorrection::Guichet | ChampCorrection::Postal | ChampCorrection::Courriel => {
            Mode::depuis_code(valeur)
                .map(|m| libelle_mode(m).to_string())
                .unwrap_or_else(|| valeur.to_string())
        }
        _ => valeur.to_string(),
    }
}

pub use super::date_fr;

pub fn date_source(d: &DateSource) -> String {
    match d {
        DateSource::Jour(j) => date_fr(*j),
        DateSource::Mois { annee, mois } => format!("{} {annee}", super::nom_mois(*mois)),
        DateSource::Annee(a) => a.to_string(),
        DateSource::Aucune => "source non datée".to_string(),
    }
}

/// "Source : URL (19/04/2023)" or "Source : URL (source non datée : …)".
pub fn ligne_source(s: &Source) -> String {
    let date = date_source(&s.date);
    match &s.note_date {
        Some(n) if s.date == DateSource::Aucune => {
            format!("Source : {} ({date} : {n})", s.reference)
        }
        Some(n) => format!("Source : {} ({date} ; {n})", s.reference),
        None => format!("Source : {} ({date})", s.reference),
    }
}

/// "12/11/2026 à 10:03" from a stored time stamp (raw when unreadable).
pub fn horodatage_fr(s: &str) -> String {
    match NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        Ok(t) => format!("{} à {}", date_fr(t.date()), t.format("%H:%M")),
        Err(_) => s.to_string(),
    }
}

fn doute(d: &Doute) -> &'static str {
    match d {
        Doute::TelephoneSurtaxe => {
            "ancien numéro à tarif spécial (08xx), sans doute périmé : à vérifier"
        }
        Doute::CourrielAncienDomaine => {
            "adresse sur un ancien domaine (.pref.gouv.fr) : à vérifier"
        }
        Doute::CourrielHorsGouv => "adresse hors gouv.fr : à vérifier",
        Doute::SiteAutreDepartement => "l'annuaire renvoyait vers une page d'un autre département",
    }
}

// ---------------------------------------------------------------- the card

/// Kind of a card line (the TUI styles them; plain text indents them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenreLigne {
    Titre,
    Section,
    Texte,
    Alerte,
    Source,
    /// A line to copy (the address block).
    Copie,
    Vide,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneFiche {
    pub genre: GenreLigne,
    /// Indentation level (0 or more, two spaces each in plain text).
    pub retrait: usize,
    pub texte: String,
}

struct Redaction(Vec<LigneFiche>);

impl Redaction {
    fn l(&mut self, genre: GenreLigne, retrait: usize, texte: impl Into<String>) {
        self.0.push(LigneFiche {
            genre,
            retrait,
            texte: texte.into(),
        });
    }
    fn section(&mut self, titre: &str) {
        self.l(GenreLigne::Vide, 0, "");
        self.l(GenreLigne::Section, 0, titre);
    }
    fn fait(&mut self, retrait: usize, f: &Fait) {
        self.l(GenreLigne::Texte, retrait, f.texte.clone());
        self.l(GenreLigne::Source, retrait, ligne_source(&f.source));
    }
    fn correction_remplace(&mut self, c: &Correction) {
        self.l(
            GenreLigne::Alerte,
            1,
            format!(
                "Corrigé localement : {} (vérifié le {} par {})",
                libelle_valeur(c.champ, &c.valeur),
                date_fr(c.verifie_le),
                c.auteur
            ),
        );
    }
}

/// « champ : valeur » of a local correction.
fn champ_valeur(c: &Correction) -> String {
    format!(
        "{} : {}",
        libelle_champ(c.champ),
        libelle_valeur(c.champ, &c.valeur)
    )
}

fn qui_quand(c: &Correction) -> String {
    let source = if c.source.is_empty() {
        "source non indiquée".to_string()
    } else {
        format!("source : {}", c.source)
    };
    format!(
        "vérifié le {} par {}, saisi le {} ; {source}",
        date_fr(c.verifie_le),
        c.auteur,
        horodatage_fr(&c.saisi_le)
    )
}

const SOURCE_COURTE: &str = "Source : annuaire de service-public.fr, copie non datée (au plus tard juillet 2022) : à vérifier ; détails en fin de fiche";

/// One line with the answers asked most: PAN and substitution modes (corrections included).
pub fn en_bref(f: &Fiche) -> String {
    let pan = match f.pan() {
        PanConnu::Dedie => "oui (ANEF)",
        PanConnu::General => "général, ANEF non mentionnée",
        PanConnu::Aucun => "aucun",
        PanConnu::Inconnu => "présumé (non vérifié)",
    };
    let postal = if f.postal_impose() {
        "imposée".to_string()
    } else {
        f.postal().code().to_string()
    };
    format!(
        "En bref : PAN {pan} · guichet {} · poste {postal} · courriel {}",
        f.guichet().code(),
        f.courriel().code()
    )
}

/// The whole card, line by line.
pub fn lignes_fiche(f: &Fiche) -> Vec<LigneFiche> {
    let mut r = Redaction(Vec::new());
    entete(&mut r, f);
    alertes_et_pan(&mut r, f);
    substitution(&mut r, f);
    adresse_et_contact(&mut r, f);
    contact_national(&mut r, f);
    // Corrections are typed or imported text: every control character made visible.
    for l in &mut r.0 {
        if let std::borrow::Cow::Owned(v) = crate::textes::visible_ligne(&l.texte) {
            l.texte = v;
        }
    }
    r.0
}

/// Title, summary and the local corrections.
fn entete(r: &mut Redaction, f: &Fiche) {
    let d = f.departement;
    let co = &f.entree.coordonnees;
    r.l(
        GenreLigne::Titre,
        0,
        format!("{} ({} {})", destinataire(d), d.code(), d.nom()),
    );
    r.l(
        GenreLigne::Texte,
        0,
        format!("Chef-lieu : {}, région {}", co.prefecture_city, co.region),
    );
    r.l(
        GenreLigne::Texte,
        0,
        "Données fournies avec vigie, non vérifiées en ligne : revérifiez avant de dire à une personne d'agir.",
    );
    r.l(GenreLigne::Titre, 0, en_bref(f));

    if !f.corrections.is_empty() || !f.historique.is_empty() {
        r.section("CORRECTIONS LOCALES (elles priment sur les données fournies)");
        for c in &f.corrections {
            r.l(GenreLigne::Texte, 1, champ_valeur(c));
            r.l(GenreLigne::Source, 2, qui_quand(c));
        }
        if !f.historique.is_empty() {
            r.l(
                GenreLigne::Texte,
                1,
                "Historique (corrections remplacées par une vérification plus récente) :",
            );
            for c in &f.historique {
                r.l(GenreLigne::Texte, 2, champ_valeur(c));
                r.l(GenreLigne::Source, 3, qui_quand(c));
            }
        }
    }
}

/// Warnings and the digital help point.
fn alertes_et_pan(r: &mut Redaction, f: &Fiche) {
    // Warnings
    let alertes: Vec<&Fait> = f.entree.alertes().collect();
    if f.postal_impose() || !alertes.is_empty() {
        r.section("ALERTES");
        if f.postal_impose() {
            r.l(
                GenreLigne::Alerte,
                1,
                "Dépôt postal imposé, contrairement à l'arrêté du 1er août 2023 (la voie postale n'est prévue que si la personne la demande).",
            );
            if let Some(c) = f.correction(ChampCorrection::PostalImpose) {
                r.l(
                    GenreLigne::Source,
                    2,
                    format!("Correction locale : {}", qui_quand(c)),
                );
            } else if let Some((_, fait)) = f.entree.postal_impose() {
                r.l(GenreLigne::Alerte, 2, fait.texte.clone());
                r.l(GenreLigne::Source, 2, ligne_source(&fait.source));
            }
        }
        for a in alertes {
            r.l(GenreLigne::Alerte, 1, a.texte.clone());
            r.l(GenreLigne::Source, 2, ligne_source(&a.source));
        }
    }

    // PAN
    r.section("PAN (POINT D'ACCUEIL NUMÉRIQUE) POUR L'ANEF");
    let pan_livre = f.entree.pan();
    r.l(
        GenreLigne::Texte,
        1,
        format!(
            "PAN : {}",
            libelle_pan(pan_livre.map_or(PanConnu::Inconnu, |x| x.0))
        ),
    );
    if let Some((_, fait)) = pan_livre {
        r.fait(2, fait);
    }
    if let Some(c) = f.correction(ChampCorrection::Pan) {
        r.correction_remplace(c);
    }
    match f.entree.pan_reservation() {
        Some(fait) => {
            r.l(GenreLigne::Texte, 1, "Prendre rendez-vous :");
            r.fait(2, fait);
        }
        None => r.l(
            GenreLigne::Texte,
            1,
            "Prendre rendez-vous : inconnu (aucune source trouvée)",
        ),
    }
    if let Some(c) = f.correction(ChampCorrection::PanReservation) {
        r.correction_remplace(c);
    }
}

/// Substitution modes and known practices.
fn substitution(r: &mut Redaction, f: &Fiche) {
    // Substitution
    r.section("SUBSTITUTION (SI LE CCC ET LE PAN N'ONT PAS SUFFI)");
    for (champ, titre, livre) in [
        (ChampCorrection::Guichet, "Guichet", f.entree.guichet()),
        (ChampCorrection::Postal, "Voie postale", f.entree.postal()),
        (ChampCorrection::Courriel, "Courriel", f.entree.courriel()),
    ] {
        r.l(
            GenreLigne::Texte,
            1,
            format!(
                "{titre} : {}",
                libelle_mode(livre.map_or(Mode::Inconnu, |x| x.0))
            ),
        );
        if let Some((_, fait)) = livre {
            r.fait(2, fait);
        }
        if let Some(c) = f.correction(champ) {
            r.correction_remplace(c);
        }
    }
    r.l(
        GenreLigne::Texte,
        1,
        "Rappel : la règle est un rendez-vous individuel au guichet ; poste ou courriel seulement si la personne le demande et si le préfet le prévoit (arrêté du 1er août 2023).",
    );

    let pratiques: Vec<&Fait> = f.entree.pratiques().collect();
    if !pratiques.is_empty() {
        r.section("PRATIQUES CONNUES");
        for p in pratiques {
            r.fait(1, p);
        }
    }
}

/// The letter address and the préfecture's contact details.
fn adresse_et_contact(r: &mut Redaction, f: &Fiche) {
    let co = &f.entree.coordonnees;
    // Address
    r.section("ADRESSE POUR UN RECOMMANDÉ (à copier)");
    for l in adresse_courrier(f) {
        r.l(GenreLigne::Copie, 1, l);
    }
    if f.correction(ChampCorrection::Adresse).is_some() {
        r.l(
            GenreLigne::Source,
            1,
            "Adresse corrigée localement (voir les corrections ci-dessus).",
        );
        r.l(
            GenreLigne::Texte,
            1,
            format!("Adresse de l'annuaire : {}", co.adresse().join(", ")),
        );
    } else if let Some(autre) = co.autre_adresse() {
        r.l(
            GenreLigne::Alerte,
            1,
            format!(
                "L'annuaire donne une autre adresse : {autre} ({} {}). Il ne dit pas laquelle reçoit le courrier : à vérifier.",
                co.postal_code, co.postal_commune
            ),
        );
    }
    r.l(GenreLigne::Source, 1, SOURCE_COURTE);

    // Contact
    r.section("CONTACT DE LA PRÉFECTURE");
    let doutes = co.doutes();
    let avec_doute = |valeur: &str, d: Doute| {
        if doutes.contains(&d) {
            format!("{valeur} ({})", doute(&d))
        } else {
            valeur.to_string()
        }
    };
    let tel = if co.phone.trim().is_empty() {
        "non indiqué par l'annuaire".to_string()
    } else {
        avec_doute(co.phone.trim(), Doute::TelephoneSurtaxe)
    };
    r.l(GenreLigne::Texte, 1, format!("Téléphone : {tel}"));
    if let Some(c) = f.correction(ChampCorrection::Telephone) {
        r.correction_remplace(c);
    }
    let courriel = if co.email.trim().is_empty() {
        "aucun dans l'annuaire".to_string()
    } else if doutes.contains(&Doute::CourrielAncienDomaine) {
        avec_doute(co.email.trim(), Doute::CourrielAncienDomaine)
    } else {
        avec_doute(co.email.trim(), Doute::CourrielHorsGouv)
    };
    r.l(GenreLigne::Texte, 1, format!("Courriel : {courriel}"));
    if let Some(c) = f.correction(ChampCorrection::CourrielContact) {
        r.correction_remplace(c);
    }
    let site = match co.site() {
        Site::Verifie(u) => format!("{u} (répondait en décembre 2024, liste etalab)"),
        Site::NonVerifie(u) => format!("{u} (absent de la liste etalab : non vérifié)"),
        Site::Deduit { url, annuaire } => match annuaire {
            Some(a) => format!(
                "{url} (adresse déduite, pas celle de l'annuaire qui donnait {a} : à vérifier)"
            ),
            None => format!("{url} (adresse déduite : l'annuaire n'en donne aucune ; à vérifier)"),
        },
        Site::Absent => "aucun dans l'annuaire".to_string(),
    };
    r.l(GenreLigne::Texte, 1, format!("Site : {site}"));
    if doutes.contains(&Doute::SiteAutreDepartement) {
        r.l(GenreLigne::Texte, 2, doute(&Doute::SiteAutreDepartement));
    }
    if let Some(c) = f.correction(ChampCorrection::Site) {
        r.correction_remplace(c);
    }
    r.l(GenreLigne::Source, 1, SOURCE_COURTE);
}

/// The national CCC contact and the sources of the contact details.
fn contact_national(r: &mut Redaction, f: &Fiche) {
    // National contact
    r.section("CONTACT NATIONAL : CENTRE DE CONTACT CITOYENS (CCC)");
    r.l(
        GenreLigne::Texte,
        1,
        format!("Téléphone : {} (appel gratuit)", f.ccc.telephone),
    );
    r.l(
        GenreLigne::Texte,
        1,
        format!("Formulaire : {}", f.ccc.formulaire),
    );
    r.l(GenreLigne::Texte, 1, f.ccc.texte.clone());
    r.l(GenreLigne::Source, 1, ligne_source(&f.ccc.source));
    r.l(
        GenreLigne::Texte,
        1,
        format!("Site de l'ANEF : {}", f.ccc.site_anef),
    );
    r.l(GenreLigne::Source, 1, ligne_source(&f.ccc.source_site_anef));

    r.section("SOURCES DES COORDONNÉES");
    for s in f.sources {
        r.l(GenreLigne::Texte, 1, s.texte.clone());
        r.l(GenreLigne::Source, 2, ligne_source(&s.source));
    }
}

/// The card as plain text (screen readers: no box drawing, two spaces per level).
pub fn fiche_texte(f: &Fiche) -> String {
    let mut s = String::new();
    for l in lignes_fiche(f) {
        if l.genre != GenreLigne::Vide {
            s.push_str(&"  ".repeat(l.retrait));
            s.push_str(&l.texte);
        }
        s.push('\n');
    }
    s
}

/// Several matches, for the command line.
pub fn plusieurs(requete: &str, deps: &[Departement]) -> String {
    let mut s = format!(
        "{} départements correspondent à « {requete} » :\n",
        deps.len()
    );
    for d in deps {
        s.push_str(&format!("  {:<4}{}\n", d.code(), d.nom()));
    }
    if let Some(d) = deps.first() {
        s.push_str(&format!(
            "Précisez le numéro, par exemple : vigie prefecture {}\n",
            d.code()
        ));
    }
    s
}

// ---------------------------------------------------------------- TUI

pub const TITRE_PANNEAU: &str = "Préfectures";
pub const INVITE_REQUETE: &str = "Numéro ou nom : ";
pub const AIDE_VIDE: &str = "Tapez un numéro (33, 2A, 971) ou un nom (gironde, réunion).";
pub const RESULTATS: &str = "Correspondances";
pub const TITRE_FORMULAIRE: &str = "Corriger localement";
pub const FORM_CHAMP: &str = "Champ";
pub const FORM_VALEUR: &str = "Valeur";
pub const FORM_VERIFIE: &str = "Vérifié le";
pub const FORM_SOURCE: &str = "Source";
pub const FORM_AIDE: &str = "Tab : champ · ←/→ : choisir · Entrée : enregistrer · Échap : annuler";
pub const FORM_ABANDON: &str =
    "Correction non enregistrée : Échap encore pour l'abandonner, Entrée pour l'enregistrer.";
pub const PAS_DE_FICHE: &str = "Choisissez d'abord une préfecture.";
pub const TOUCHE_RECHERCHER: &str = "taper";
pub const ACTION_RECHERCHER: &str = "chercher";
pub const ACTION_CHOISIR: &str = "choisir";
pub const ACTION_DEFILER: &str = "faire défiler";
pub const ACTION_CORRIGER: &str = "corriger";
pub const ACTION_FERMER: &str = "fermer";
pub const ACTION_ENREGISTRER: &str = "enregistrer";
pub const ACTION_ANNULER: &str = "annuler";
pub const ACTION_CHAMP_SUIVANT: &str = "champ suivant";
pub const ACTION_VALEUR: &str = "choisir la valeur";
