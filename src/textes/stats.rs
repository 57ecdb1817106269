//! French strings of the statistics (command `vigie export stats` and the statistics screen).

use crate::domain::{Blocage, Demarche, Departement};
use crate::stats::{Faille, Indicateur, Libelles, Statut};
use std::path::Path;

pub const PERIODE_ABSENTE: &str = "période manquante : donnez --mois AAAA-MM, \
     --trimestre AAAA-TN, --annee AAAA, ou --du DATE et --au DATE (mois entiers)";
pub const DU_SANS_AU: &str = "--du est donné sans --au : donnez les deux dates de la période";
pub const AU_SANS_DU: &str = "--au est donné sans --du : donnez les deux dates de la période";
pub fn seuil_trop_bas(k: u32) -> String {
    format!(
        "--seuil {k} refusé : le seuil de secret statistique vaut au moins 3 \
         (une case de 1 ou 2 personnes les désignerait)"
    )
}

pub fn periode_non_entiere(du: &str, au: &str) -> String {
    format!(
        "période du {du} au {au} refusée : seuls des mois entiers s'exportent (--du le premier \
         jour d'un mois, --au le dernier jour d'un mois ; ou --mois, --trimestre, --annee). \
         Deux exports dont les périodes diffèrent de quelques jours isoleraient les personnes \
         vues ces jours-là."
    )
}

pub fn trimestre_invalide(valeur: &str) -> String {
    format!(
        "--trimestre : « {valeur} » n'est pas un trimestre valide (format AAAA-TN, par exemple 2026-T4)"
    )
}

/// The audit refused the table: nothing is written.
pub fn audit_refuse(failles: &[Faille]) -> String {
    let detail: Vec<String> = failles.iter().take(5).map(faille).collect();
    format!(
        "export refusé, rien n'est écrit : le contrôle du secret statistique a trouvé {} \
         case(s) qui diraient quelque chose de moins de personnes que le seuil ({})",
        failles.len(),
        detail.join(" ; ")
    )
}

fn faille(f: &Faille) -> String {
    match f {
        Faille::PeriodeNonEntiere => "la période n'est pas faite de mois entiers".into(),
        Faille::SeuilTropBas(k) => format!("seuil {k} inférieur à 3"),
        Faille::PetitePubliee { ligne } => format!("ligne {ligne} : petite case publiée"),
        Faille::MasqueeLisible { ligne } => format!("ligne {ligne} : case masquée lisible"),
        Faille::BaseLisible { ligne } => format!("ligne {ligne} : base lisible"),
        Faille::PourcentageSansBase { ligne } => {
            format!("ligne {ligne} : pourcentage sans sa base")
        }
        Faille::SeuleInconnue { total, ligne } => {
            format!("ligne {ligne} : retrouvable par soustraction depuis la ligne {total}")
        }
    }
}

pub fn date_invalide(option: &str, valeur: &str) -> String {
    format!(
        "{option} : « {valeur} » n'est pas une date valide (formats admis : AAAA-MM-JJ ou JJ/MM/AAAA)"
    )
}

pub fn mois_invalide(valeur: &str) -> String {
    format!("--mois : « {valeur} » n'est pas un mois valide (format AAAA-MM, par exemple 2026-11)")
}

pub fn annee_invalide(valeur: &str) -> String {
    format!("--annee : « {valeur} » n'est pas une année valide (format AAAA, par exemple 2026)")
}

pub fn periode_inversee(du: &str, au: &str) -> String {
    format!("période à l'envers : le {du} (--du) est après le {au} (--au)")
}

pub fn base_absente(chemin: &Path) -> String {
    format!(
        "aucune base à {} : vérifiez --db ou VIGIE_DB (les statistiques ne créent pas de base)",
        chemin.display()
    )
}

pub fn format_inconnu(valeur: &str) -> String {
    format!("--format : « {valeur} » inconnu (formats admis : csv, excel-fr)")
}

pub use super::donnees::ecriture_fichier as ecriture_impossible;

pub fn fichier_ecrit(chemin: &Path, lignes: usize) -> String {
    format!(
        "Statistiques anonymisées écrites dans {} ({lignes} lignes).",
        chemin.display()
    )
}

/// Short label of an indicator for the screen (at most 28 characters).
pub fn libelle_indicateur(i: Indicateur) -> &'static str {
    match i {
        Indicateur::PersonnesSuivies => "Personnes suivies",
        Indicateur::NouvellesPersonnes => "Nouvelles personnes",
        Indicateur::Demarche => "Démarche",
        Indicateur::Blocage => "Blocage",
        Indicateur::CccSollicite => "CCC sollicité",
        Indicateur::CccSansAide => "CCC sans aide réelle",
        Indicateur::CccAttestation => "CCC : attestation obtenue",
        Indicateur::AttenteCccMedianeMinutes => "Attente CCC médiane",
        Indicateur::PanInconnu => "PAN inconnu à l'accueil",
        Indicateur::PanSollicite => "PAN sollicité",
        Indicateur::PanRdvIndisponible => "PAN : pas de rendez-vous",
        Indicateur::SubstitutionProposee => "Substitution proposée",
        Indicateur::DepotSubstitution => "Dépôt par substitution",
        Indicateur::RecommandeEnvoye => "Recommandé envoyé",
        Indicateur::RecoursAvocat => "Recours à un avocat",
        Indicateur::DefenseurDroitsSaisi => "Défenseur des droits saisi",
        Indicateur::RuptureDroits => "Rupture de droits",
        Indicateur::Resolus => "Situations résolues",
        Indicateur::DelaiResolutionMedianJours => "Délai médian de résolution",
    }
}

/// The long label of an indicator, for the excel-fr file.
pub fn libelle_long(i: Indicateur) -> &'static str {
    match i {
        Indicateur::PersonnesSuivies => "Personnes suivies dans la période",
        Indicateur::NouvellesPersonnes => "Dossiers ouverts dans la période",
        Indicateur::Demarche => "Personnes suivies, par démarche",
        Indicateur::Blocage => "Personnes suivies, par blocage",
        Indicateur::CccSollicite => "Personnes ayant sollicité le CCC",
        Indicateur::CccSansAide => "CCC sans aide concrète (réponses connues)",
        Indicateur::CccAttestation => "Attestation d'impossibilité obtenue du CCC",
        Indicateur::AttenteCccMedianeMinutes => "Attente médiane au téléphone du CCC (minutes)",
        Indicateur::PanInconnu => "PAN inconnu de la personne à l'accueil",
        Indicateur::PanSollicite => "Personnes ayant sollicité le PAN",
        Indicateur::PanRdvIndisponible => "PAN : aucun rendez-vous disponible",
        Indicateur::SubstitutionProposee => "Substitution proposée par la préfecture",
        Indicateur::DepotSubstitution => "Dépôt effectué par substitution",
        Indicateur::RecommandeEnvoye => "Recommandé envoyé à la préfecture",
        Indicateur::RecoursAvocat => "Recours à un avocat",
        Indicateur::DefenseurDroitsSaisi => "Défenseur des droits saisi",
        Indicateur::RuptureDroits => "Personnes en rupture de droits",
        Indicateur::Resolus => "Situations résolues",
        Indicateur::DelaiResolutionMedianJours => "Délai médian de résolution (jours)",
    }
}

/// The label of a `statut` code.
pub fn libelle_statut(s: Statut) -> &'static str {
    match s {
        Statut::Ok => "publié",
        Statut::Masque => "masqué (moins de personnes que le seuil)",
        Statut::MasqueSecondaire => "masqué (secret secondaire)",
    }
}

fn libelle_modalite(i: Indicateur, code: &str) -> &'static str {
    match i {
        Indicateur::Demarche => Demarche::depuis_code(code)
            .map(|d| d.libelle())
            .unwrap_or(""),
        Indicateur::Blocage => Blocage::depuis_code(code)
            .map(|b| b.libelle())
            .unwrap_or(""),
        _ => "",
    }
}

fn libelle_departement(d: Option<Departement>) -> String {
    match d {
        Some(d) => d.nom().to_string(),
        None => "Ensemble des personnes".into(),
    }
}

/// The French words of the excel-fr file.
pub const LIBELLES: Libelles = Libelles {
    entetes: [
        "Du",
        "Au",
        "Département",
        "Nom du département",
        "Indicateur",
        "Libellé de l'indicateur",
        "Modalité",
        "Libellé de la modalité",
        "Valeur",
        "Base",
        "Pourcentage",
        "Statut",
        "Libellé du statut",
    ],
    departement: libelle_departement,
    indicateur: libelle_long,
    modalite: libelle_modalite,
    statut: libelle_statut,
};

/// Screen strings.
pub mod ecran {
    pub const TITRE: &str = " Statistiques ";
    pub const ENSEMBLE: &str = "ensemble";
    pub const BLOC: &str = "Bloc : ";
    pub const CE_MOIS: &str = "ce mois";
    pub const MOIS_DERNIER: &str = "mois dernier";
    pub const ANNEE: &str = "année";
    pub const DATES: &str = "dates";
    pub const A_CHARGER: &str = "Appuyez sur Entrée pour calculer les statistiques.";
    pub const SAISIE_DU: &str = "Du (JJ/MM/AAAA ou AAAA-MM-JJ) : ";
    pub const SAISIE_AU: &str = "Au : ";
    pub const SAISIE_AIDE: &str = "Tab : champ suivant · Entrée : valider · Échap : annuler";
    pub const FICHIER: &str = "Exporter vers le fichier : ";
    pub const FICHIER_AIDE: &str = "Entrée : écrire · Échap : annuler · Tab : format";
    pub const MASQUE_SECONDAIRE: &str = "masqué (secret secondaire)";
    /// After the period when it is not whole months: shown, never exported.
    pub const NON_EXPORTABLE: &str = " · non exportable (pas des mois entiers)";
    pub const AUCUNE_VALEUR: &str = "aucune valeur";
    pub const NOM_VIDE: &str = "donnez un nom de fichier";
    pub const R_DATES: &str = "dates…";
    pub const R_DEPARTEMENTS: &str = "par département";
    pub const R_BLOC: &str = "département";
    pub const R_SEUIL: &str = "seuil";
    pub const R_EXPORTER: &str = "exporter";
    pub const R_FERMER: &str = "fermer";
    pub const R_PARCOURIR: &str = "parcourir";
    pub const R_CHAMP: &str = "champ suivant";
    pub const R_VALIDER: &str = "valider";
    pub const R_ANNULER: &str = "annuler";
    pub const R_ECRIRE: &str = "écrire le fichier";
    pub const R_FORMAT: &str = "format csv / excel-fr";
    pub const R_TENDANCE: &str = "tendance 12 mois";
    pub const TENDANCE_TITRE: &str = "Tendance des 12 derniers mois (ensemble)";
    pub const TENDANCE_COLONNES: [&str; 5] = [
        "Mois",
        "Suivies",
        "CCC sans aide",
        "PAN sans RDV",
        "Rupture",
    ];
    pub const TENDANCE_MASQUE: &str = "masqué";
    pub const TENDANCE_CALCUL: &str = "Calcul de la tendance…";
    pub const MOIS_COURTS: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    /// Beside the FAS survey's figure: a share of structures, never of people.
    pub fn fas(dernier: Option<(&str, String)>) -> [String; 2] {
        let ici = match dernier {
            Some((mois, taux)) => {
                format!("CCC sans aide concrète ici : {taux} ({mois}, personnes)")
            }
            None => "CCC sans aide concrète ici : aucun mois publié".to_string(),
        };
        [
            ici,
            "Enquête FAS : 82 % — part des structures interrogées, pas des personnes".to_string(),
        ]
    }

    pub fn masque(seuil: u64) -> String {
        format!("masqué (< {seuil})")
    }
    pub fn periode(du: &str, au: &str) -> String {
        format!("Période : du {du} au {au}")
    }
    pub fn seuil(k: u64) -> String {
        format!("seuil {k}")
    }
    pub fn bloc(nom: &str) -> String {
        format!("◀ {nom} ▶")
    }
    pub fn fichier_existe(chemin: &str) -> String {
        format!("{chemin} existe déjà : Entrée de nouveau pour le remplacer, Échap pour annuler")
    }
    pub fn format(nom: &str) -> String {
        format!("format : {nom}")
    }
    pub fn date_invalide(champ: &str) -> String {
        format!("date « {champ} » invalide (AAAA-MM-JJ ou JJ/MM/AAAA)")
    }
    pub fn base(n: u64) -> String {
        format!("sur {n}")
    }
    pub fn minutes(n: u64) -> String {
        format!("min ({n} appels)")
    }
    pub fn jours(n: u64) -> String {
        format!("jours ({n} pers.)")
    }
}
