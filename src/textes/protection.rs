//! French texts of data protection: right of access, erasure, retention purge, backup.

use crate::protection::BilanPurge;
use std::path::Path;

pub const DONNEES_PERSONNELLES: &str = "Attention : ces fichiers contiennent des données \
     personnelles. Remettez-les à la personne concernée et ne les laissez pas sur un poste \
     partagé.";

pub fn acces_termine(reference: &str, evenements: usize, dossier: &Path) -> String {
    format!(
        "Données de la personne {reference} exportées dans {} : personnes.csv, evenements.csv \
         ({evenements} événement{}) et chronologie.txt.",
        dossier.display(),
        if evenements > 1 { "s" } else { "" }
    )
}

pub fn question_effacement(nom: &str, reference: &str, evenements: usize) -> String {
    format!(
        "Effacer définitivement {nom} (référence {reference}) et ses {evenements} \
         événement(s) ? Cette opération est irréversible.\nTapez la référence pour confirmer \
         (ou Entrée pour annuler) : "
    )
}

pub const EFFACEMENT_ANNULE: &str = "effacement annulé : la référence tapée ne correspond pas, \
     rien n'a été effacé";

pub const CONFIRMATION_REQUISE_EFFACEMENT: &str = "l'effacement est définitif : confirmez-le \
     dans un terminal, ou ajoutez --oui dans un script";

pub fn effacement_termine(reference: &str, evenements: usize) -> String {
    format!(
        "Personne {reference} effacée avec ses {evenements} événement(s). L'effacement est \
         inscrit au journal (référence, bénévole, date)."
    )
}

pub fn question_purge(n: usize, avant: &str) -> String {
    format!(
        "Anonymiser {n} dossier(s) clos dont le dernier événement est antérieur au {avant} ? \
         Noms, prénoms, téléphones, notes et numéros de ticket seront effacés définitivement.\n\
         Tapez « oui » pour confirmer : "
    )
}

pub const PURGE_ANNULEE: &str = "purge annulée : rien n'a été modifié";

pub const CONFIRMATION_REQUISE_PURGE: &str = "la purge est définitive : confirmez-la dans un \
     terminal, ou ajoutez --oui dans un script";

pub const MOT_CONFIRMATION: &str = "oui";

pub fn date_invalide(valeur: &str) -> String {
    format!(
        "--avant : date invalide « {valeur} » (formats admis : AAAA-MM-JJ ou JJ/MM/AAAA, date \
         réelle)"
    )
}

pub fn purge_terminee(b: &BilanPurge, avant: &str) -> String {
    if b.personnes == 0 {
        return format!(
            "Aucun dossier clos dont le dernier événement est antérieur au {avant} : rien à \
             anonymiser."
        );
    }
    format!(
        "{} dossier(s) anonymisé(s) ({} événement(s) sans notes ni numéros), dernier \
         événement antérieur au {avant}. Les statistiques sont inchangées ; la base a été \
         compactée pour que les données effacées n'y subsistent pas.",
        b.personnes, b.evenements
    )
}

pub fn sauvegarde_existante(chemin: &Path) -> String {
    format!(
        "{} existe déjà : la sauvegarde n'écrase jamais un fichier (choisissez un autre nom)",
        chemin.display()
    )
}

pub fn sauvegarde_terminee(chemin: &Path, octets: u64, chiffree: bool) -> String {
    let ko = octets.div_ceil(1024);
    if chiffree {
        format!(
            "Sauvegarde écrite dans {} ({ko} Ko), chiffrée avec la même phrase secrète que la \
             base.",
            chemin.display()
        )
    } else {
        format!(
            "Sauvegarde écrite dans {} ({ko} Ko). Attention : la base n'est pas chiffrée, la \
             copie non plus.",
            chemin.display()
        )
    }
}

pub use super::donnees::ecriture_fichier;

pub fn lecture_terminal(e: &std::io::Error) -> String {
    format!("lecture au clavier impossible : {e}")
}
