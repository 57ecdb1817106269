//! The coded values of docs/fichiers.md §1–§2 (the exact strings of the CSV contract).
//! Their French labels for display live with the texts, not here.

use super::ErreurValeur;

/// Declares a closed set of values with their contract codes.
macro_rules! codes {
    ($(#[$m:meta])* $nom:ident { $($var:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $nom { $($var),+ }

        impl $nom {
            /// Every value, in the order of docs/fichiers.md.
            pub const TOUS: &'static [$nom] = &[$($nom::$var),+];

            /// The exact code written in CSV files and in the database.
            pub fn code(self) -> &'static str {
                match self { $($nom::$var => $code),+ }
            }

            /// Parses an exact code (surrounding spaces ignored).
            pub fn depuis_code(s: &str) -> Result<Self, ErreurValeur> {
                match s.trim() {
                    $($code => Ok($nom::$var),)+
                    _ => Err(ErreurValeur::CodeInconnu {
                        attendus: Self::TOUS.iter().map(|v| v.code()).collect::<Vec<_>>().join(", "),
                    }),
                }
            }

            /// Position in the order of docs/fichiers.md.
            pub fn rang(self) -> usize {
                Self::TOUS.iter().position(|v| *v == self).unwrap_or(0)
            }
        }

        impl std::fmt::Display for $nom {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

codes!(
    /// `demarche`: the procedure the person is trying to complete.
    Demarche {
        PremiereDemande => "premiere_demande",
        Renouvellement => "renouvellement",
        Duplicata => "duplicata",
        ChangementSituation => "changement_situation",
        Naturalisation => "naturalisation",
        DocumentCirculation => "document_circulation",
        Autre => "autre",
    }
);

codes!(
    /// `blocage`: what blocks the person on the ANEF.
    Blocage {
        Connexion => "connexion",
        NumeroEtranger => "numero_etranger",
        DepotImpossible => "depot_impossible",
        ApiNonRenouvelee => "api_non_renouvelee",
        RdvRetraitTitre => "rdv_retrait_titre",
        SansNouvelles => "sans_nouvelles",
        ChangementAdresse => "changement_adresse",
        Autre => "autre",
    }
);

codes!(
    /// `type` of an event.
    TypeEvenement {
        Visite => "visite",
        Ccc => "ccc",
        Pan => "pan",
        Substitution => "substitution",
        Prefecture => "prefecture",
        Recommande => "recommande",
        Avocat => "avocat",
        DefenseurDroits => "defenseur_droits",
        ApiDelivree => "api_delivree",
        Suivi => "suivi",
        Cloture => "cloture",
    }
);

codes!(
    /// `canal` of an event (only `ccc`, `substitution` and `prefecture` have one).
    Canal {
        Formulaire => "formulaire",
        Telephone => "telephone",
        Guichet => "guichet",
        Postal => "postal",
        Courriel => "courriel",
    }
);

codes!(
    /// `resultat` of an event; which ones are allowed depends on the type.
    Resultat {
        Resolu => "resolu",
        SansAide => "sans_aide",
        RenvoiPrefecture => "renvoi_prefecture",
        AttestationImpossibilite => "attestation_impossibilite",
        SansReponse => "sans_reponse",
        EnAttente => "en_attente",
        RdvDemande => "rdv_demande",
        RdvObtenu => "rdv_obtenu",
        RdvIndisponible => "rdv_indisponible",
        PasDePan => "pas_de_pan",
        SubstitutionProposee => "substitution_proposee",
        AucuneSolution => "aucune_solution",
        Demandee => "demandee",
        Invitation => "invitation",
        DepotEffectue => "depot_effectue",
        AttestationDepot => "attestation_depot",
        Refus => "refus",
        Envoye => "envoye",
        ReponseRecue => "reponse_recue",
        Oriente => "oriente",
        RefereDepose => "refere_depose",
        DecisionFavorable => "decision_favorable",
        DecisionDefavorable => "decision_defavorable",
        Saisi => "saisi",
        Abandon => "abandon",
        PerduDeVue => "perdu_de_vue",
    }
);

impl TypeEvenement {
    /// Channels allowed for this type (empty: the `canal` cell must be empty).
    pub fn canaux(self) -> &'static [Canal] {
        match self {
            TypeEvenement::Ccc => &[Canal::Formulaire, Canal::Telephone],
            TypeEvenement::Substitution => &[Canal::Guichet, Canal::Postal, Canal::Courriel],
            TypeEvenement::Prefecture => &[
                Canal::Formulaire,
                Canal::Courriel,
                Canal::Telephone,
                Canal::Guichet,
            ],
            _ => &[],
        }
    }

    /// Outcomes allowed for this type, in the order of docs/fichiers.md §2
    /// (empty: the `resultat` cell must be empty).
    pub fn resultats(self) -> &'static [Resultat] {
        use Resultat as R;
        match self {
            TypeEvenement::Visite | TypeEvenement::ApiDelivree | TypeEvenement::Suivi => &[],
            TypeEvenement::Ccc => &[
                R::Resolu,
                R::SansAide,
                R::RenvoiPrefecture,
                R::AttestationImpossibilite,
                R::SansReponse,
                R::EnAttente,
            ],
            TypeEvenement::Pan => &[
                R::RdvDemande,
                R::RdvObtenu,
                R::RdvIndisponible,
                R::PasDePan,
                R::Resolu,
                R::SubstitutionProposee,
                R::AucuneSolution,
            ],
            TypeEvenement::Substitution => &[
                R::Demandee,
                R::Invitation,
                R::DepotEffectue,
                R::AttestationDepot,
                R::Refus,
            ],
            TypeEvenement::Prefecture => &[R::Envoye, R::ReponseRecue, R::SansReponse],
            TypeEvenement::Recommande => &[R::Envoye, R::ReponseRecue],
            TypeEvenement::Avocat => &[
                R::Oriente,
                R::RefereDepose,
                R::DecisionFavorable,
                R::DecisionDefavorable,
            ],
            TypeEvenement::DefenseurDroits => &[R::Saisi, R::ReponseRecue],
            TypeEvenement::Cloture => &[R::Resolu, R::Abandon, R::PerduDeVue],
        }
    }

    /// Whether `echeance` is required (`api_delivree`: the new API's expiry; `suivi`: the
    /// next date to check).
    pub fn echeance_requise(self) -> bool {
        matches!(self, TypeEvenement::ApiDelivree | TypeEvenement::Suivi)
    }
}
