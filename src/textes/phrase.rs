//! The passphrase: the rules of a new phrase, and `vigie changer-phrase`.

/// Said after every refusal of a new phrase.
const CONSEIL: &str = "choisissez plutôt une phrase de quatre mots ou plus, faciles à \
     retenir pour vous et sans lien avec la permanence, séparés par des espaces";

/// A new phrase shorter than 10 characters (spaces at either end not counted).
pub fn trop_courte(minimum: usize) -> String {
    format!(
        "phrase secrète trop courte : {minimum} caractères au moins (sans compter les espaces \
         au début et à la fin) ; {CONSEIL}"
    )
}

/// A new phrase of one character repeated (`aaaaaaaaaaaa`).
pub fn un_seul_caractere() -> String {
    format!("phrase secrète trop faible : un seul caractère répété ; {CONSEIL}")
}

/// A new phrase of spaces only.
pub fn que_des_espaces() -> String {
    format!("phrase secrète faite seulement d'espaces ; {CONSEIL}")
}

pub const NOUVELLE_DEMANDE: &str =
    "Nouvelle phrase secrète (10 caractères au moins ; quatre mots ou plus, c'est mieux) : ";
pub const NOUVELLE_CONFIRMATION: &str = "Confirmez la nouvelle phrase secrète : ";
pub const NOUVELLE_DIFFERENTE: &str =
    "les deux saisies de la nouvelle phrase secrète diffèrent : rien n'a été changé";
pub const NOUVELLE_ABSENTE: &str = "aucune nouvelle phrase secrète : définissez \
     VIGIE_NOUVELLE_PHRASE, ou lancez la commande dans un terminal pour la saisir";
pub const NOUVELLE_IDENTIQUE: &str =
    "la nouvelle phrase secrète est la même que l'actuelle : rien n'a été changé";

/// `changer-phrase` on a base without encryption.
pub const BASE_NON_CHIFFREE: &str = "cette base n'est pas chiffrée (--sans-chiffrement) : \
     elle n'a pas de phrase secrète à changer. Pour protéger les données, créez une base \
     chiffrée et importez-y l'export complet (vigie export donnees, puis vigie import)";

/// Another vigie (a desk, a window, a script) has the base open.
pub const BASE_OUVERTE_AILLEURS: &str = "la base est ouverte par un autre vigie (un autre \
     poste, une autre fenêtre ou un script) : fermez-les tous, puis relancez \
     vigie changer-phrase ; rien n'a été changé";

/// `changer-phrase` pointed at a file that does not exist.
pub fn base_absente(chemin: &std::path::Path) -> String {
    format!(
        "aucune base à {} : vérifiez --db ou VIGIE_DB (changer-phrase ne crée pas de base)",
        chemin.display()
    )
}

/// Done: what the volunteer must know next.
pub const PHRASE_CHANGEE: &str = "Phrase secrète changée : l'ancienne n'ouvre plus la base, \
     les données sont intactes. Donnez la nouvelle phrase aux bénévoles des autres postes.\n\
     Attention : les sauvegardes faites avant ce changement restent chiffrées avec \
     l'ANCIENNE phrase (qui les ouvre toujours) : détruisez-les, ou faites une nouvelle \
     sauvegarde (vigie sauvegarde) et gardez les anciennes sous clé.";
