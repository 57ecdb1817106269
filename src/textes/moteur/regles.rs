//! French texts of the rules: their names and values for `vigie regles`, and the errors of
//! a refused override file.

use super::date_fr;
use crate::domain::regles::{
    CleRegle, ErreurRegle, EtatSurcharge, Regle, Regles, TypeAttendu, Unite, Valeur,
};
use std::path::Path;

// ---------------------------------------------------------------- rules

/// The name of a rule, for `vigie regles`.
pub fn libelle_regle(c: CleRegle) -> &'static str {
    match c {
        CleRegle::ApiValidite => "Validité d'une attestation de prolongation d'instruction (API)",
        CleRegle::ApiSecondeValidite => "Validité de la seconde API",
        CleRegle::ApiSecondeDepuis => "Seconde API à validité étendue, délivrée depuis le",
        CleRegle::RenouvellementOuverture => {
            "Ouverture de la fenêtre de renouvellement, avant l'expiration du titre"
        }
        CleRegle::RenouvellementFermeture => {
            "Fermeture de la fenêtre de renouvellement, avant l'expiration du titre"
        }
        CleRegle::TaxeRetard => "Taxe pour une demande de renouvellement tardive",
        CleRegle::CccAttenteReponse => "Attente d'une réponse du CCC avant de passer au PAN",
        CleRegle::PanRelance => "Relance d'une demande de rendez-vous au PAN sans réponse",
        CleRegle::RecommandeSansReponse => {
            "Attente d'une réponse au recommandé avant l'avocat et le Défenseur des droits"
        }
        CleRegle::DepotAttestation => "Attente de l'attestation après un dépôt en substitution",
        CleRegle::AlerteDroits => "Seuil d'alerte avant la fin du titre ou de l'API",
        CleRegle::BrouillonConservation => "Conservation d'un brouillon de saisie non enregistré",
        CleRegle::SubstitutionRelance => "Relance d'une demande de substitution sans réponse",
        CleRegle::PrefectureRelance => "Relance d'un message au service de la préfecture",
        CleRegle::RecoursSuivi => "Point avec l'avocat ou le Défenseur des droits",
        CleRegle::ExecutionRelance => "Vérification de l'exécution d'une ordonnance favorable",
        CleRegle::AvocatParallele => "Droits qui tombent dans ce délai : avocat le jour même",
        CleRegle::SilenceRejet => "Silence de la préfecture valant rejet implicite",
    }
}

/// A rule's value with its unit: "120 jours", "3 mois", "180 €", "30/06/2024".
pub fn valeur_regle(r: &Regle) -> String {
    match (r.valeur, r.cle.unite()) {
        (Valeur::Date(d), _) => date_fr(d),
        (Valeur::Nombre(n), Unite::Jours) => format!("{n} jour{}", if n > 1 { "s" } else { "" }),
        (Valeur::Nombre(n), Unite::Mois) => format!("{n} mois"),
        (Valeur::Nombre(n), Unite::Euros) => format!("{n} €"),
        (Valeur::Nombre(n), Unite::Date) => n.to_string(),
    }
}

/// The lines printed by `vigie regles`.
pub fn lignes_regles(regles: &Regles, fichier: &Path, etat: &EtatSurcharge) -> Vec<String> {
    let mut l = vec![format!(
        "Règles de délais en vigueur ({} règles)",
        regles.toutes().len()
    )];
    l.push(match etat {
        EtatSurcharge::Absente => format!(
            "Fichier local : aucun ({} absent) : règles livrées avec vigie.",
            fichier.display()
        ),
        EtatSurcharge::Appliquee => format!(
            "Fichier local utilisé : {} (règles marquées « local »).",
            fichier.display()
        ),
        EtatSurcharge::Refusee => format!(
            "Fichier local REFUSÉ : {} (voir les erreurs ci-dessus) : règles livrées avec vigie.",
            fichier.display()
        ),
    });
    for r in regles.toutes() {
        l.push(String::new());
        l.push(format!(
            "{} : {}{}",
            libelle_regle(r.cle),
            valeur_regle(r),
            if r.surchargee { " (local)" } else { "" }
        ));
        l.push(format!(
            "  clé : {}.{}",
            r.cle.code(),
            r.cle.unite().champ()
        ));
        l.push(format!("  source : {}", r.source));
        l.push(match r.verifie_le {
            Some(d) => format!("  vérifiée le : {}", date_fr(d)),
            None => "  vérifiée le : non vérifié".to_string(),
        });
    }
    l
}

/// The override file could not be read.
pub fn lecture_regles_impossible(chemin: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::InvalidData {
        return format!(
            "{} : le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8) ; les règles livrées \
             avec vigie restent en vigueur",
            chemin.display()
        );
    }
    format!(
        "{} : lecture impossible ({}) ; les règles livrées avec vigie restent en vigueur",
        chemin.display(),
        crate::textes::erreur_io(e)
    )
}

/// The name of a TOML type in an error message.
fn type_attendu(t: TypeAttendu) -> &'static str {
    match t {
        TypeAttendu::Entier => "entier",
        TypeAttendu::Date => "date",
        TypeAttendu::Texte => "texte",
    }
}

/// The error in French, every control character made visible (a key is the file's text).
fn erreur_regle(e: &ErreurRegle) -> String {
    crate::textes::visible_ligne(&erreur_regle_brute(e)).into_owned()
}

fn erreur_regle_brute(e: &ErreurRegle) -> String {
    match e {
        ErreurRegle::Syntaxe { ligne, message } => match ligne {
            Some(n) => format!("ligne {n} : fichier TOML invalide ({message})"),
            None => format!("fichier TOML invalide ({message})"),
        },
        ErreurRegle::CleInconnue(c) => format!(
            "clé « {c} » inconnue (clés admises : {})",
            CleRegle::TOUTES
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ErreurRegle::PasUneSection(c) => {
            format!("clé « {c} » : une section [{c}] est attendue, pas une valeur")
        }
        ErreurRegle::ChampInconnu { cle, champ } => {
            format!("clé « {cle}.{champ} » inconnue")
        }
        ErreurRegle::ChampManquant { cle, champ } => {
            format!(
                "clé « {cle}.{champ} » manquante (chaque règle surchargée doit être complète : valeur, source, verifie_le)"
            )
        }
        ErreurRegle::MauvaisType {
            cle,
            champ,
            attendu,
        } => format!(
            "clé « {cle}.{champ} » : type incorrect ({} attendu)",
            type_attendu(*attendu)
        ),
        ErreurRegle::Negatif { cle, champ, valeur } => {
            format!(
                "clé « {cle}.{champ} » : valeur négative ({valeur}) : une durée est positive ou nulle"
            )
        }
        ErreurRegle::TropGrand { cle, champ, valeur } => {
            format!("clé « {cle}.{champ} » : valeur trop grande ({valeur})")
        }
        ErreurRegle::SectionManquante(c) => format!("règle [{c}] manquante"),
        ErreurRegle::Controle { cle, champ, erreur } => format!("clé « {cle}.{champ} » : {erreur}"),
        ErreurRegle::FenetreIncoherente {
            ouverture,
            fermeture,
        } => format!(
            "clés « renouvellement_ouverture.jours » ({ouverture}) et \
             « renouvellement_fermeture.jours » ({fermeture}) : la fenêtre doit ouvrir avant \
             de fermer"
        ),
    }
}

/// Every error of a refused override file, each naming the file, the key and the problem,
/// then one line saying the shipped rules stay in force.
pub fn erreurs_regles(chemin: &Path, erreurs: &[ErreurRegle]) -> Vec<String> {
    let mut v: Vec<String> = erreurs
        .iter()
        .map(|e| format!("{} : {}", chemin.display(), erreur_regle(e)))
        .collect();
    v.push(format!(
        "{} : fichier de règles refusé ; les règles livrées avec vigie restent en vigueur",
        chemin.display()
    ));
    v
}

/// `vigie regles` ends with this error when the override file was refused.
pub fn surcharge_refusee(chemin: &Path) -> String {
    format!(
        "fichier de règles local refusé : {} (les règles livrées, affichées ci-dessus, restent en vigueur)",
        chemin.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_override_errors_name_file_key_and_problem() {
        let base = crate::domain::regles::livrees();
        let texte = "[pan_relance]\njours = \"15\"\nsource = \"x\"\nverifie_le = 2026-01-01\n";
        let erreurs = crate::domain::regles::surcharger(&base, texte).unwrap_err();
        let lignes = erreurs_regles(Path::new("regles.toml"), &erreurs);
        assert_eq!(
            lignes,
            [
                "regles.toml : clé « pan_relance.jours » : type incorrect (entier attendu)",
                "regles.toml : fichier de règles refusé ; les règles livrées avec vigie restent en \
                 vigueur",
            ]
        );
    }
}
