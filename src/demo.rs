//! `vigie demo`: realistic synthetic people and events, so that a newcomer can try everything
//! at once. Deterministic for a given seed and a given "today" (all dates are relative to it).
//!
//! What it draws (proportions close to the FAS survey figures): names common in France, of
//! French and foreign origin; the 101 départements weighted like real activity (Paris and the
//! big urban départements heavier); stories that climb the escalation ladder: most CCC contacts
//! do not help, many PAN appointments are unavailable, some substitutions, registered letters,
//! lawyers and Défenseur des droits referrals; permits and API that expire (rights ruptures);
//! follow-ups falling around today, and a few visits today so the day's list is populated.
//! Every event passes `Evenement::valider`.

use crate::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement,
};
use crate::store::{
    ErreurStore, ResultatStore, Store, horodatage, inserer_evenement, inserer_personne, journaliser,
};
use chrono::{Days, NaiveDate};

// ---------------------------------------------------------------- the generator

/// SplitMix64: small, fast, and good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Alea(u64);

impl Alea {
    pub fn new(graine: u64) -> Self {
        Alea(graine)
    }

    pub fn suivant(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; 0 when `n == 0`).
    pub fn sous(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for n far below 2^64.
        ((self.suivant() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `a..=b`.
    pub fn entre(&mut self, a: u64, b: u64) -> u64 {
        a + self.sous(b.saturating_sub(a) + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn reel(&mut self) -> f64 {
        (self.suivant() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.reel() < p
    }

    pub fn choisir<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.sous(v.len() as u64) as usize]
    }

    /// Picks among `(value, weight)` pairs.
    pub fn pondere<T: Copy>(&mut self, v: &[(T, u32)]) -> T {
        let total: u64 = v.iter().map(|(_, p)| *p as u64).sum();
        let mut x = self.sous(total);
        for (valeur, poids) in v {
            if x < *poids as u64 {
                return *valeur;
            }
            x -= *poids as u64;
        }
        v[v.len() - 1].0
    }
}

// ---------------------------------------------------------------- vocabularies

const PRENOMS: &[&str] = &[
    "Mamadou",
    "Fatoumata",
    "Aminata",
    "Moussa",
    "Ibrahima",
    "Awa",
    "Mohamed",
    "Fatima",
    "Youssef",
    "Khadija",
    "Karim",
    "Samira",
    "Aïcha",
    "Ahmed",
    "Leïla",
    "Omar",
    "Nadia",
    "Hamza",
    "Yasmine",
    "Ali",
    "Mariam",
    "Oumar",
    "Bintou",
    "Seydou",
    "Kadiatou",
    "Abdoulaye",
    "Rokia",
    "Thi Lan",
    "Minh",
    "Ana",
    "João",
    "Mehmet",
    "Elif",
    "Olena",
    "Andriy",
    "Wei",
    "Li",
    "Mohammad",
    "Zahra",
    "Jean",
    "Marie",
    "Grâce",
    "Christelle",
    "Emmanuel",
    "Josué",
    "Esther",
    "Daniel",
    "Sarah",
    "Rachid",
    "Malika",
    "Sofiane",
    "Imane",
    "Bilal",
    "Inès",
    "Nour",
    "Ayoub",
    "Salma",
    "Djibril",
    "Hawa",
    "Sékou",
    "Precious",
    "Blessing",
    "Tatiana",
    "Irina",
    "Gheorghe",
    "Ioana",
    "Rahim",
    "Farida",
    "Hugo",
    "Léa",
    "Chloé",
    "Lucas",
    "Anaïs",
    "Théo",
    "Émilie",
    "Kevin",
];

const NOMS: &[&str] = &[
    "Diallo",
    "Traoré",
    "Koné",
    "Camara",
    "Diop",
    "Ndiaye",
    "Sow",
    "Cissé",
    "Keita",
    "Coulibaly",
    "Touré",
    "Sylla",
    "Bamba",
    "Diarra",
    "Fofana",
    "Konaté",
    "Benali",
    "Haddad",
    "Mansouri",
    "Benaïssa",
    "Bouzid",
    "Cherif",
    "El Amrani",
    "Belkacem",
    "Khelifi",
    "Saïdi",
    "Hamdi",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Silva",
    "Pereira",
    "Ferreira",
    "Santos",
    "Oliveira",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Popescu",
    "Ionescu",
    "Kovalenko",
    "Shevchenko",
    "Chen",
    "Wang",
    "Zhang",
    "Rahman",
    "Hossain",
    "Haidari",
    "Ahmadi",
    "Mbappé",
    "Mukendi",
    "Kabila",
    "Ilunga",
    "Mensah",
    "Okafor",
    "Adeyemi",
    "N'Diaye",
    "Ouédraogo",
    "Sawadogo",
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "Da Costa",
    "Rodrigues",
    "Fernandes",
    "Lopez",
    "Martinez",
    "Mohamed",
    "Ali",
    "Hassan",
    "Abdallah",
    "Youssouf",
    "Soilihi",
    "Madi",
];

const NOTES_PERSONNE: &[&str] = &[
    "Parle peu français, vient avec sa fille qui traduit",
    "Compte ANEF créé par un ami, mot de passe perdu",
    "- rappeler la semaine prochaine",
    "Récépissé expiré, \"attestation\" demandée au CCC",
    "Deux enfants scolarisés, CDI en cours : risque de perdre son emploi",
    "Adresse : 12, rue des Lilas\nBâtiment B, 3e étage",
    "@ voir avec la coordinatrice",
    "+ dossier papier déposé en préfecture l'an dernier",
    "Pas d'adresse électronique, utilise celle de son fils",
    "Hébergé par le 115, joignable le matin seulement",
    "Employeur prêt à attester ; a apporté ses fiches de paie",
];

const NOTES_EVENEMENT: &[&str] = &[
    "Capture d'écran gardée",
    "Message d'erreur : « Une erreur technique est survenue »",
    "Attente, puis coupure de la ligne",
    "Ticket transmis, pas de réponse",
    "Le conseiller dit de \"réessayer plus tard\", sans autre solution",
    "RDV pris en ligne,\nconvocation imprimée",
    "- rappeler avant la fin du mois",
    "Venue avec une amie ; documents vérifiés",
    "=> relancer si rien sous 15 jours",
];

/// Relative weights of the départements (the others weigh 2, the most rural 1).
const POIDS_DEPARTEMENTS: &[(&str, u32)] = &[
    ("75", 100),
    ("93", 90),
    ("94", 45),
    ("13", 45),
    ("69", 40),
    ("92", 40),
    ("59", 30),
    ("95", 30),
    ("91", 28),
    ("77", 24),
    ("78", 22),
    ("06", 22),
    ("33", 22),
    ("31", 20),
    ("67", 20),
    ("34", 18),
    ("976", 16),
    ("44", 14),
    ("38", 14),
    ("57", 10),
    ("68", 10),
    ("76", 10),
    ("35", 10),
    ("74", 10),
    ("973", 10),
    ("83", 9),
    ("60", 8),
    ("45", 8),
    ("62", 7),
    ("42", 7),
    ("63", 7),
    ("21", 7),
    ("54", 7),
    ("37", 6),
    ("49", 6),
    ("30", 6),
    ("84", 6),
    ("01", 6),
    ("25", 6),
    ("51", 6),
    ("974", 5),
    ("64", 5),
    ("66", 5),
    ("14", 5),
    ("80", 5),
    ("26", 5),
    ("971", 4),
    ("86", 4),
    ("87", 4),
    ("29", 4),
    ("02", 4),
    ("73", 4),
    ("972", 3),
    ("56", 3),
    ("23", 1),
    ("48", 1),
    ("15", 1),
    ("46", 1),
    ("32", 1),
    ("09", 1),
    ("12", 1),
    ("43", 1),
    ("52", 1),
    ("55", 1),
    ("58", 1),
    ("04", 1),
    ("05", 1),
];

fn table_departements() -> Vec<(Departement, u32)> {
    Departement::tous()
        .map(|d| {
            let poids = POIDS_DEPARTEMENTS
                .iter()
                .find(|(c, _)| *c == d.code())
                .map(|(_, p)| *p)
                .unwrap_or(2);
            (d, poids)
        })
        .collect()
}

const DEMARCHES: &[(Demarche, u32)] = &[
    (Demarche::Renouvellement, 40),
    (Demarche::PremiereDemande, 24),
    (Demarche::ChangementSituation, 9),
    (Demarche::Naturalisation, 9),
    (Demarche::Duplicata, 6),
    (Demarche::DocumentCirculation, 5),
    (Demarche::Autre, 7),
];

const BLOCAGES: &[(Blocage, u32)] = &[
    (Blocage::DepotImpossible, 25),
    (Blocage::SansNouvelles, 20),
    (Blocage::Connexion, 15),
    (Blocage::ApiNonRenouvelee, 12),
    (Blocage::NumeroEtranger, 8),
    (Blocage::RdvRetraitTitre, 8),
    (Blocage::ChangementAdresse, 6),
    (Blocage::Autre, 6),
];

const RESULTATS_CCC: &[(Resultat, u32)] = &[
    (Resultat::SansAide, 51),
    (Resultat::SansReponse, 20),
    (Resultat::EnAttente, 9),
    (Resultat::RenvoiPrefecture, 9),
    (Resultat::Resolu, 6),
    (Resultat::AttestationImpossibilite, 3),
];

const RESULTATS_PAN: &[(Resultat, u32)] = &[
    (Resultat::RdvIndisponible, 38),
    (Resultat::RdvDemande, 14),
    (Resultat::RdvObtenu, 14),
    (Resultat::PasDePan, 12),
    (Resultat::SubstitutionProposee, 9),
    (Resultat::Resolu, 7),
    (Resultat::AucuneSolution, 6),
];

// ---------------------------------------------------------------- one person's story

fn plus(d: NaiveDate, jours: u64) -> NaiveDate {
    d.checked_add_days(Days::new(jours)).unwrap_or(d)
}

fn moins(d: NaiveDate, jours: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(jours)).unwrap_or(d)
}

fn telephone(a: &mut Alea) -> Option<String> {
    let mobile = if a.chance(0.7) { 6 } else { 7 };
    let p: Vec<u64> = (0..4).map(|_| a.sous(100)).collect();
    let x = a.sous(100);
    let s = match a.sous(20) {
        0..=6 => format!("0{mobile} {x:02} {:02} {:02} {:02}", p[0], p[1], p[2]),
        7..=11 => format!("+33 {mobile} {x:02} {:02} {:02} {:02}", p[0], p[1], p[2]),
        12..=13 => format!("0{mobile}.{x:02}.{:02}.{:02}.{:02}", p[0], p[1], p[2]),
        14..=16 => format!("0{mobile}{x:02}{:02}{:02}{:02}", p[0], p[1], p[2]),
        17 => format!("+33{mobile}{x:02}{:02}{:02}{:02}", p[0], p[1], p[2]),
        _ => return None,
    };
    Some(s)
}

/// Builds events of a story in date order, never after today.
struct Recit<'a> {
    a: &'a mut Alea,
    jour: NaiveDate,
    aujourdhui: NaiveDate,
    evenements: Vec<Evenement>,
}

impl Recit<'_> {
    /// Moves the cursor forward `min..=max` days; false when that passes today.
    fn avancer(&mut self, min: u64, max: u64) -> bool {
        let j = plus(self.jour, self.a.entre(min, max));
        if j > self.aujourdhui {
            return false;
        }
        self.jour = j;
        true
    }

    fn ajouter(&mut self, t: TypeEvenement, canal: Option<Canal>, r: Option<Resultat>) {
        let mut e = Evenement::nouveau(t, self.jour);
        e.canal = canal;
        e.resultat = r;
        if self.a.chance(0.12) {
            e.notes = Some(self.a.choisir(NOTES_EVENEMENT).to_string());
        }
        self.evenements.push(e);
    }

    fn dernier(&mut self) -> &mut Evenement {
        let n = self.evenements.len() - 1;
        &mut self.evenements[n]
    }

    fn peut_etre_visite(&mut self, p: f64) {
        if self.a.chance(p) && self.avancer(0, 6) {
            self.ajouter(TypeEvenement::Visite, None, None);
        }
    }

    fn cloturer(&mut self, r: Resultat) {
        if self.avancer(1, 20) {
            self.ajouter(TypeEvenement::Cloture, None, Some(r));
        }
    }

    /// The whole story; the cursor starts on the opening day.
    fn derouler(&mut self, p: &Personne) {
        self.ajouter(TypeEvenement::Visite, None, None);

        // Step 1: the CCC, one to four attempts.
        let mut attestation = false;
        let tentatives = self.a.pondere(&[(1u64, 25), (2, 30), (3, 25), (4, 20)]);
        for _ in 0..tentatives {
            if !self.avancer(0, 12) {
                return;
            }
            let canal = if self.a.chance(0.55) {
                Canal::Formulaire
            } else {
                Canal::Telephone
            };
            let r = self.a.pondere(RESULTATS_CCC);
            self.ajouter(TypeEvenement::Ccc, Some(canal), Some(r));
            let (jour, n1, n2, minutes, suivi) = (
                self.jour,
                self.a.entre(1, 12),
                self.a.sous(1_000_000),
                5 + self.a.sous(30) + self.a.sous(30) + self.a.sous(60),
                self.a.entre(7, 15),
            );
            let avec_ticket = self
                .a
                .chance(if canal == Canal::Formulaire { 0.8 } else { 0.3 });
            let avec_minutes = canal == Canal::Telephone && self.a.chance(0.9);
            let e = self.dernier();
            if avec_ticket {
                e.ticket = Some(format!("{}{n1:02}-{n2:06}", jour.format("%y")));
            }
            if avec_minutes {
                e.attente_minutes = Some(minutes as u32);
            }
            if matches!(r, Resultat::EnAttente | Resultat::SansReponse) {
                e.echeance = Some(plus(jour, suivi));
            }
            self.peut_etre_visite(0.6);
            match r {
                Resultat::Resolu => {
                    self.apres_resolution(p);
                    return;
                }
                Resultat::AttestationImpossibilite => {
                    attestation = true;
                    break;
                }
                _ => {}
            }
        }

        // Step 2: the PAN.
        let mut substitution = attestation;
        if !attestation && self.a.chance(0.85) {
            let essais = self.a.pondere(&[(1u64, 45), (2, 35), (3, 20)]);
            for _ in 0..essais {
                if !self.avancer(1, 15) {
                    return;
                }
                let r = self.a.pondere(RESULTATS_PAN);
                self.ajouter(TypeEvenement::Pan, None, Some(r));
                let (jour, rdv, suivi) = (self.jour, self.a.entre(3, 30), self.a.entre(7, 14));
                match r {
                    Resultat::RdvObtenu => self.dernier().echeance = Some(plus(jour, rdv)),
                    Resultat::RdvDemande => self.dernier().echeance = Some(plus(jour, suivi)),
                    _ => {}
                }
                self.peut_etre_visite(0.6);
                match r {
                    Resultat::Resolu => {
                        self.apres_resolution(p);
                        return;
                    }
                    Resultat::SubstitutionProposee => {
                        substitution = true;
                        break;
                    }
                    Resultat::PasDePan | Resultat::AucuneSolution => break,
                    _ => {}
                }
            }
        }

        // Step 3: substitution.
        if substitution || self.a.chance(0.2) {
            if !self.avancer(2, 20) {
                return;
            }
            let canal = self.a.pondere(&[
                (Canal::Guichet, 65),
                (Canal::Postal, 25),
                (Canal::Courriel, 10),
            ]);
            let r = self.a.pondere(&[
                (Resultat::Invitation, 45),
                (Resultat::DepotEffectue, 35),
                (Resultat::Refus, 20),
            ]);
            self.ajouter(TypeEvenement::Substitution, Some(canal), Some(r));
            let (jour, rdv) = (self.jour, self.a.entre(5, 30));
            if r == Resultat::Invitation {
                self.dernier().echeance = Some(plus(jour, rdv));
                if self.avancer(rdv, rdv + 2) {
                    let fin = if self.a.chance(0.7) {
                        Resultat::DepotEffectue
                    } else {
                        Resultat::Refus
                    };
                    self.ajouter(TypeEvenement::Substitution, Some(canal), Some(fin));
                    if fin == Resultat::DepotEffectue {
                        self.apres_resolution(p);
                        return;
                    }
                }
            } else if r == Resultat::DepotEffectue {
                self.apres_resolution(p);
                return;
            }
        }

        // Step 3 bis: registered letter.
        if self.a.chance(0.4) {
            if !self.avancer(2, 20) {
                return;
            }
            self.ajouter(TypeEvenement::Recommande, None, Some(Resultat::Envoye));
            let (jour, ar) = (self.jour, self.a.sous(100_000_000_000));
            let e = self.dernier();
            e.ticket = Some(format!(
                "1A {:03} {:03} {:04} {}",
                ar / 100_000_000,
                (ar / 100_000) % 1000,
                (ar / 10) % 10_000,
                ar % 10
            ));
            e.echeance = Some(plus(jour, 30));
            if self.a.chance(0.35) && self.avancer(15, 60) {
                self.ajouter(
                    TypeEvenement::Recommande,
                    None,
                    Some(Resultat::ReponseRecue),
                );
            }
            self.peut_etre_visite(0.4);
        }

        // Step 4: lawyer and Défenseur des droits.
        if self.a.chance(0.25) {
            if !self.avancer(3, 30) {
                return;
            }
            self.ajouter(TypeEvenement::Avocat, None, Some(Resultat::Oriente));
            if self.a.chance(0.5) && self.avancer(7, 30) {
                self.ajouter(TypeEvenement::Avocat, None, Some(Resultat::RefereDepose));
                let numero = self.a.entre(2_400_000, 2_699_999);
                self.dernier().ticket = Some(numero.to_string());
                if self.a.chance(0.6) && self.avancer(10, 40) {
                    let d = if self.a.chance(0.7) {
                        Resultat::DecisionFavorable
                    } else {
                        Resultat::DecisionDefavorable
                    };
                    self.ajouter(TypeEvenement::Avocat, None, Some(d));
                    if d == Resultat::DecisionFavorable {
                        self.apres_resolution(p);
                        return;
                    }
                }
            }
        }
        if self.a.chance(0.12) {
            if !self.avancer(3, 30) {
                return;
            }
            self.ajouter(TypeEvenement::DefenseurDroits, None, Some(Resultat::Saisi));
            let suivi = plus(self.jour, 60);
            self.dernier().echeance = Some(suivi);
            if self.a.chance(0.3) && self.avancer(30, 90) {
                self.ajouter(
                    TypeEvenement::DefenseurDroits,
                    None,
                    Some(Resultat::ReponseRecue),
                );
            }
        }

        // Back at the desk now and then, until today.
        while self.a.chance(0.85) && self.avancer(3, 30) {
            self.ajouter(TypeEvenement::Visite, None, None);
        }

        // Old files without news: closed.
        if self.jour < moins(self.aujourdhui, 150) && self.a.chance(0.6) {
            let r = if self.a.chance(0.75) {
                Resultat::PerduDeVue
            } else {
                Resultat::Abandon
            };
            self.cloturer(r);
        }
    }

    /// After a resolution: sometimes an API is issued, then usually the file is closed.
    fn apres_resolution(&mut self, p: &Personne) {
        if matches!(
            p.demarche,
            Demarche::Renouvellement | Demarche::ChangementSituation
        ) && self.a.chance(0.5)
            && self.avancer(1, 15)
        {
            self.ajouter(TypeEvenement::ApiDelivree, None, None);
            let mois = if self.a.chance(0.6) { 3 } else { 6 };
            let jour = self.jour;
            self.dernier().echeance = jour.checked_add_months(chrono::Months::new(mois));
            if self.dernier().echeance.is_none() {
                self.dernier().echeance = Some(plus(jour, 90));
            }
        }
        if self.a.chance(0.8) {
            self.cloturer(Resultat::Resolu);
        }
    }
}

/// Every (type, channel, outcome) needed so that each type, channel and outcome appears at
/// least once, even in a small demo: the first people get one of them each, at the end.
fn couverture() -> Vec<(TypeEvenement, Option<Canal>, Option<Resultat>)> {
    let mut v = Vec::new();
    for t in TypeEvenement::TOUS {
        let canaux = t.canaux();
        if t.resultats().is_empty() {
            v.push((*t, canaux.first().copied(), None));
        }
        for (i, r) in t.resultats().iter().enumerate() {
            let canal = (!canaux.is_empty()).then(|| canaux[i % canaux.len()]);
            v.push((*t, canal, Some(*r)));
        }
    }
    v
}

/// Generates person number `i` (0-based) and its events, dated relative to `aujourdhui`.
pub fn generer_personne(
    a: &mut Alea,
    i: usize,
    aujourdhui: NaiveDate,
    departements: &[(Departement, u32)],
) -> (Personne, Vec<Evenement>) {
    let departement = if i < departements.len() {
        departements[i].0
    } else {
        a.pondere(departements)
    };
    let demarche = a.pondere(DEMARCHES);
    // Opened in the last two years, more often recently.
    let anciennete = (a.reel().powf(1.4) * 720.0) as u64;
    let ouvert_le = moins(aujourdhui, anciennete);
    let avec_titre = matches!(
        demarche,
        Demarche::Renouvellement | Demarche::ChangementSituation | Demarche::Duplicata
    );
    // Permits expire around today: some already (rights ruptures), many soon.
    let titre_expire_le = (avec_titre && a.chance(0.85))
        .then(|| plus(moins(aujourdhui, 150), a.sous(420)))
        .or_else(|| {
            a.chance(0.1)
                .then(|| plus(moins(aujourdhui, 60), a.sous(300)))
        });
    let api_expire_le = (demarche == Demarche::Renouvellement && a.chance(0.45))
        .then(|| plus(moins(aujourdhui, 70), a.sous(190)));
    let blocage = if api_expire_le.is_some() && a.chance(0.4) {
        Blocage::ApiNonRenouvelee
    } else {
        a.pondere(BLOCAGES)
    };
    let pan_connu = a.pondere(&[(Some(false), 47), (Some(true), 40), (None, 13)]);
    let p = Personne {
        id: None,
        reference: format!("D-{:06}", i + 1),
        nom: a.choisir(NOMS).to_string(),
        prenom: a.chance(0.96).then(|| a.choisir(PRENOMS).to_string()),
        telephone: telephone(a),
        departement,
        demarche,
        blocage,
        ouvert_le,
        titre_expire_le,
        api_expire_le,
        pan_connu,
        notes: a
            .chance(0.25)
            .then(|| a.choisir(NOTES_PERSONNE).to_string())
            .or_else(|| (i == 2).then(|| "- rappeler la semaine prochaine".to_string())),
        captures: a.chance(0.6).then(|| a.sous(6) as u32),
        version: 1,
    };

    let mut recit = Recit {
        a,
        jour: ouvert_le,
        aujourdhui,
        evenements: Vec::new(),
    };
    recit.derouler(&p);
    let mut evenements = recit.evenements;

    let clos = evenements
        .last()
        .is_some_and(|e| e.type_evenement == TypeEvenement::Cloture);
    let dernier = evenements.last().map(|e| e.date).unwrap_or(ouvert_le);
    let combinaisons = couverture();
    if let Some((t, canal, r)) = combinaisons.get(i).copied() {
        let mut e = Evenement::nouveau(t, dernier.max(ouvert_le));
        e.canal = canal;
        e.resultat = r;
        if t.echeance_requise() {
            e.echeance = Some(plus(e.date, 90));
        }
        if clos && t != TypeEvenement::Cloture {
            let n = evenements.len() - 1;
            evenements.insert(n, e);
        } else {
            evenements.push(e);
        }
    } else if !clos && a.chance(0.04) {
        // Came to the desk today.
        evenements.push(Evenement::nouveau(TypeEvenement::Visite, aujourdhui));
    }
    (p, evenements)
}

/// What the demo created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BilanDemo {
    pub personnes: usize,
    pub evenements: usize,
}

/// Why the demo did not run.
#[derive(Debug)]
pub enum ErreurDemo {
    /// The database already has people: the demo only fills an empty one.
    BaseNonVide(i64),
    Store(ErreurStore),
}

impl From<ErreurStore> for ErreurDemo {
    fn from(e: ErreurStore) -> Self {
        ErreurDemo::Store(e)
    }
}

/// Fills an empty database with `n` synthetic people and their events, in one transaction.
pub fn remplir(
    store: &mut Store,
    n: u32,
    graine: u64,
    aujourdhui: NaiveDate,
) -> Result<BilanDemo, ErreurDemo> {
    // A large write: the store keeps the index pages of a large demo in memory.
    let r = store.ecrire_en_masse(|tx, benevole| -> ResultatStore<Result<BilanDemo, i64>> {
        let deja = tx.nombre_personnes()?;
        if deja > 0 {
            return Ok(Err(deja));
        }
        let departements = table_departements();
        let mut a = Alea::new(graine);
        let saisi_le = horodatage();
        let mut bilan = BilanDemo {
            personnes: 0,
            evenements: 0,
        };
        for i in 0..n as usize {
            let (p, evenements) = generer_personne(&mut a, i, aujourdhui, &departements);
            let id = inserer_personne(tx, &p, benevole)?;
            for e in &evenements {
                inserer_evenement(tx, id, e, benevole, &saisi_le)?;
            }
            bilan.personnes += 1;
            bilan.evenements += evenements.len();
        }
        journaliser(
            tx,
            benevole,
            "demo",
            None,
            &format!("{} personnes, graine {graine}", bilan.personnes),
        )?;
        Ok(Ok(bilan))
    });
    match r? {
        Ok(b) => Ok(b),
        Err(deja) => Err(ErreurDemo::BaseNonVide(deja)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn jour() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn generer(n: usize, graine: u64) -> Vec<(Personne, Vec<Evenement>)> {
        let deps = table_departements();
        let mut a = Alea::new(graine);
        (0..n)
            .map(|i| generer_personne(&mut a, i, jour(), &deps))
            .collect()
    }

    #[test]
    fn prng_is_deterministic_and_spread() {
        let mut a = Alea::new(7);
        let mut b = Alea::new(7);
        let xs: Vec<u64> = (0..100).map(|_| a.sous(10)).collect();
        let ys: Vec<u64> = (0..100).map(|_| b.sous(10)).collect();
        assert_eq!(xs, ys);
        assert_eq!(xs.iter().collect::<HashSet<_>>().len(), 10);
        assert_ne!(Alea::new(8).suivant(), Alea::new(7).suivant());
    }

    #[test]
    fn events_are_valid_dated_and_cover_everything() {
        let data = generer(400, 42);
        assert_eq!(data, generer(400, 42), "same seed, same data");
        let mut types = HashSet::new();
        let mut resultats = HashSet::new();
        let mut canaux = HashSet::new();
        let mut deps = HashSet::new();
        let mut visites_du_jour = 0;
        for (p, evs) in &data {
            deps.insert(p.departement);
            assert!(p.ouvert_le <= jour());
            let mut precedente = p.ouvert_le;
            for e in evs {
                assert!(e.valider().is_empty(), "{} {e:?}", p.reference);
                assert!(e.date >= p.ouvert_le && e.date <= jour(), "{e:?}");
                assert!(e.date >= precedente, "{} out of order", p.reference);
                precedente = e.date;
                types.insert(e.type_evenement);
                resultats.extend(e.resultat);
                canaux.extend(e.canal);
                if e.type_evenement == TypeEvenement::Visite && e.date == jour() {
                    visites_du_jour += 1;
                }
            }
        }
        assert_eq!(types.len(), TypeEvenement::TOUS.len());
        assert_eq!(resultats.len(), Resultat::TOUS.len());
        assert_eq!(canaux.len(), Canal::TOUS.len());
        assert_eq!(deps.len(), 101);
        assert!(visites_du_jour > 0);
    }

    #[test]
    fn proportions_look_like_the_field() {
        let data = generer(3000, 1);
        let n = data.len() as f64;
        let pan_non = data
            .iter()
            .filter(|(p, _)| p.pan_connu == Some(false))
            .count() as f64;
        assert!((0.42..0.52).contains(&(pan_non / n)), "{}", pan_non / n);
        // People with a CCC contact that never helped (FAS: about 82 %).
        let avec_ccc: Vec<_> = data
            .iter()
            .filter(|(_, e)| e.iter().any(|e| e.type_evenement == TypeEvenement::Ccc))
            .collect();
        let sans_aide = avec_ccc
            .iter()
            .filter(|(_, e)| {
                !e.iter().any(|e| {
                    e.type_evenement == TypeEvenement::Ccc
                        && matches!(
                            e.resultat,
                            Some(Resultat::Resolu | Resultat::AttestationImpossibilite)
                        )
                })
            })
            .count() as f64;
        let part = sans_aide / avec_ccc.len() as f64;
        assert!((0.74..0.90).contains(&part), "{part}");
        // Paris and Seine-Saint-Denis heavier than Lozère.
        let compte = |c: &str| {
            data.iter()
                .filter(|(p, _)| p.departement.code() == c)
                .count()
        };
        assert!(compte("75") > 10 * compte("48").max(1));
        let expires = data
            .iter()
            .filter(|(p, _)| p.titre_expire_le.is_some_and(|d| d < jour()))
            .count();
        assert!(expires > 100);
        let evenements: usize = data.iter().map(|(_, e)| e.len()).sum();
        assert!(
            (7.0..13.0).contains(&(evenements as f64 / n)),
            "{}",
            evenements as f64 / n
        );
    }
}
