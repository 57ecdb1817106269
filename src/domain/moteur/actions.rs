//! The recommended next step's kind: the action codes of docs/fichiers.md §5, the ladder
//! step each belongs to, and which are waits.

use super::Etape;

/// The kind of the recommended next step: exactly the action codes of docs/fichiers.md §5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum GenreAction {
    EcrireCcc,
    AttendreCcc,
    ReserverPan,
    AttendrePan,
    AllerPan,
    DemanderSubstitution,
    AttendreSubstitution,
    DeposerSubstitution,
    ReclamerAttestationDepot,
    EcrirePrefecture,
    AttendrePrefecture,
    EnvoyerRecommande,
    AttendreRecommande,
    SaisirAvocat,
    SaisirDefenseur,
    SuivreRecours,
    DeposerRenouvellement,
    EnregistrerResultat,
    Cloturer,
    Aucune,
}

impl GenreAction {
    pub const TOUTES: [GenreAction; 20] = [
        GenreAction::EcrireCcc,
        GenreAction::AttendreCcc,
        GenreAction::ReserverPan,
        GenreAction::AttendrePan,
        GenreAction::AllerPan,
        GenreAction::DemanderSubstitution,
        GenreAction::AttendreSubstitution,
        GenreAction::DeposerSubstitution,
        GenreAction::ReclamerAttestationDepot,
        GenreAction::EcrirePrefecture,
        GenreAction::AttendrePrefecture,
        GenreAction::EnvoyerRecommande,
        GenreAction::AttendreRecommande,
        GenreAction::SaisirAvocat,
        GenreAction::SaisirDefenseur,
        GenreAction::SuivreRecours,
        GenreAction::DeposerRenouvellement,
        GenreAction::EnregistrerResultat,
        GenreAction::Cloturer,
        GenreAction::Aucune,
    ];

    /// The §5 code.
    pub fn code(self) -> &'static str {
        match self {
            GenreAction::EcrireCcc => "ecrire_ccc",
            GenreAction::AttendreCcc => "attendre_ccc",
            GenreAction::ReserverPan => "reserver_pan",
            GenreAction::AttendrePan => "attendre_pan",
            GenreAction::AllerPan => "aller_pan",
            GenreAction::DemanderSubstitution => "demander_substitution",
            GenreAction::AttendreSubstitution => "attendre_substitution",
            GenreAction::DeposerSubstitution => "deposer_substitution",
            GenreAction::ReclamerAttestationDepot => "reclamer_attestation_depot",
            GenreAction::EcrirePrefecture => "ecrire_prefecture",
            GenreAction::AttendrePrefecture => "attendre_prefecture",
            GenreAction::EnvoyerRecommande => "envoyer_recommande",
            GenreAction::AttendreRecommande => "attendre_recommande",
            GenreAction::SaisirAvocat => "saisir_avocat",
            GenreAction::SaisirDefenseur => "saisir_defenseur",
            GenreAction::SuivreRecours => "suivre_recours",
            GenreAction::DeposerRenouvellement => "deposer_renouvellement",
            GenreAction::EnregistrerResultat => "enregistrer_resultat",
            GenreAction::Cloturer => "cloturer",
            GenreAction::Aucune => "aucune",
        }
    }

    pub fn depuis_code(s: &str) -> Option<GenreAction> {
        GenreAction::TOUTES.iter().copied().find(|a| a.code() == s)
    }

    /// A waiting step (it always has a follow-up date, never after the rights lapse).
    pub fn est_attente(self) -> bool {
        matches!(
            self,
            GenreAction::AttendreCcc
                | GenreAction::AttendrePan
                | GenreAction::AttendreSubstitution
                | GenreAction::AttendrePrefecture
                | GenreAction::AttendreRecommande
        )
    }

    /// The ladder step this action belongs to (a wait belongs to the step it waits on).
    pub fn pas(self) -> GenreAction {
        match self {
            GenreAction::AttendreCcc => GenreAction::EcrireCcc,
            GenreAction::AttendrePan | GenreAction::AllerPan => GenreAction::ReserverPan,
            GenreAction::AttendreSubstitution | GenreAction::DeposerSubstitution => {
                GenreAction::DemanderSubstitution
            }
            GenreAction::AttendrePrefecture => GenreAction::EcrirePrefecture,
            GenreAction::AttendreRecommande => GenreAction::EnvoyerRecommande,
            GenreAction::SuivreRecours | GenreAction::SaisirDefenseur => GenreAction::SaisirAvocat,
            a => a,
        }
    }

    /// The stage of the ladder this action belongs to.
    pub fn etape(self) -> Etape {
        match self {
            GenreAction::EcrireCcc | GenreAction::AttendreCcc => Etape::Ccc,
            GenreAction::ReserverPan | GenreAction::AttendrePan | GenreAction::AllerPan => {
                Etape::Pan
            }
            GenreAction::DemanderSubstitution
            | GenreAction::AttendreSubstitution
            | GenreAction::DeposerSubstitution
            | GenreAction::ReclamerAttestationDepot => Etape::Substitution,
            GenreAction::EcrirePrefecture
            | GenreAction::AttendrePrefecture
            | GenreAction::DeposerRenouvellement
            | GenreAction::EnregistrerResultat => Etape::Constat,
            GenreAction::EnvoyerRecommande | GenreAction::AttendreRecommande => Etape::Recommande,
            GenreAction::SaisirAvocat
            | GenreAction::SaisirDefenseur
            | GenreAction::SuivreRecours => Etape::Recours,
            GenreAction::Cloturer | GenreAction::Aucune => Etape::Cloture,
        }
    }
}
