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
    format!("lecture au clavier impossible : {}", super::erreur_io(e))
}

// ---------------------------------------------------------------- restore

use crate::protection::restauration::{BilanRestauration, ErreurRestauration};
use crate::store::restauration::DefautSauvegarde;

fn personnes(n: i64) -> String {
    format!("{n} personne{}", if n > 1 { "s" } else { "" })
}

pub fn question_restauration(base: &Path, sauvegarde: &Path, n: i64) -> String {
    format!(
        "Remplacer la base {} par la sauvegarde {} ({}) ? Les changements faits depuis cette \
         sauvegarde ne seront plus dans la base ; la base actuelle sera gardée de côté, à \
         côté d'elle.\nTapez « oui » pour confirmer : ",
        base.display(),
        sauvegarde.display(),
        personnes(n)
    )
}

pub const RESTAURATION_ANNULEE: &str = "restauration annulée : rien n'a été modifié";

pub const CONFIRMATION_REQUISE_RESTAURATION: &str = "la restauration remplace la base : \
     confirmez-la dans un terminal, ou ajoutez --oui dans un script";

pub fn restauration_terminee(b: &BilanRestauration) -> String {
    let mut s = format!(
        "Base {} restaurée depuis la sauvegarde {} : {}.",
        b.base.display(),
        b.sauvegarde.display(),
        personnes(b.personnes)
    );
    match (&b.mise_de_cote, &b.journal_mis_de_cote) {
        (Some(c), Some(w)) => s.push_str(&format!(
            "\nL'ancienne base est gardée dans {} avec son journal {} (lisibles par vous seul ; \
             vigie --db {} l'ouvre telle qu'elle était). Son fichier {}-shm a été retiré.",
            c.display(),
            w.display(),
            c.display(),
            b.base.display()
        )),
        (Some(c), None) => s.push_str(&format!(
            "\nL'ancienne base est gardée dans {} (lisible par vous seul). Aucun ancien \
             fichier {1}-wal ou {1}-shm ne reste à côté de la base.",
            c.display(),
            b.base.display()
        )),
        _ => s.push_str("\nIl n'y avait pas de base à cet endroit : rien n'a été mis de côté."),
    }
    s
}

pub fn defaut_sauvegarde(d: &DefautSauvegarde) -> String {
    match d {
        DefautSauvegarde::Illisible { chiffrement: true } => "elle ne s'ouvre pas avec cette \
             phrase secrète (mauvaise phrase, ou fichier qui n'est pas une sauvegarde de vigie ; \
             une sauvegarde se déchiffre avec la phrase de la base au moment où elle a été faite)"
            .into(),
        DefautSauvegarde::Illisible { chiffrement: false } => "elle ne se lit pas sans \
             phrase secrète (elle est chiffrée : retirez --sans-chiffrement, ou ce n'est pas une \
             sauvegarde de vigie)"
            .into(),
        DefautSauvegarde::PasVigie => "ce fichier n'est pas une base vigie".into(),
        DefautSauvegarde::TropRecente { base, binaire } => format!(
            "elle a été écrite par une version plus récente de vigie (schéma {base}, ce \
             programme connaît le schéma {binaire}) : mettez vigie à jour avant de la restaurer"
        ),
        DefautSauvegarde::Abimee(detail) => format!(
            "le fichier est abîmé (contrôle d'intégrité : {detail}) ; prenez une autre \
             sauvegarde"
        ),
    }
}

pub fn erreur_restauration(e: &ErreurRestauration) -> String {
    let rien = "rien n'a été modifié";
    match e {
        ErreurRestauration::Sauvegarde { chemin, defaut } => format!(
            "sauvegarde {} refusée : {} ; {rien}",
            chemin.display(),
            defaut_sauvegarde(defaut)
        ),
        ErreurRestauration::JournalNonIntegre(journal) => format!(
            "le journal {} de la sauvegarde n'a pas pu y être intégré ; {rien}",
            journal.display()
        ),
        ErreurRestauration::BaseOuverte(base) => format!(
            "la base {} est ouverte par un autre programme (vigie sur ce poste ou sur un autre, \
             une commande en cours) : fermez-les tous, puis relancez la restauration ; {rien}",
            base.display()
        ),
        ErreurRestauration::MemeFichier(chemin) => format!(
            "{} est la base elle-même : donnez le fichier de la sauvegarde ; {rien}",
            chemin.display()
        ),
        ErreurRestauration::Fichier { chemin, erreur } => format!(
            "{} : {} ; {rien}",
            chemin.display(),
            super::erreur_io(erreur)
        ),
        ErreurRestauration::Remplacement { chemin, erreur } => format!(
            "{} : {} ; la base n'a pas été remplacée (elle est toujours à sa place)",
            chemin.display(),
            super::erreur_io(erreur)
        ),
    }
}

impl std::fmt::Display for ErreurRestauration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&erreur_restauration(self))
    }
}
