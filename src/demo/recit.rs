//! One person's story: the file and the events of a synthetic person, climbing the
//! escalation ladder in date order, never after today.

use super::Alea;
use super::vocabulaire::{
    BLOCAGES, DEMARCHES, NATIONALITES, NOMS, NOTES_EVENEMENT, NOTES_PERSONNE, PRENOMS,
    RESULTATS_CCC, RESULTATS_PAN, RUES, VILLES_ADRESSE,
};
use crate::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Identite, Personne, Resultat, TypeEvenement,
};
use chrono::{Days, NaiveDate};

fn plus(d: NaiveDate, jours: u64) -> NaiveDate {
    d.checked_add_days(Days::new(jours)).unwrap_or(d)
}

fn moins(d: NaiveDate, jours: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(jours)).unwrap_or(d)
}

/// The identifiers of a letter, known for most people (none for about one in five).
fn identite(a: &mut Alea, aujourdhui: NaiveDate) -> Identite {
    if a.chance(0.2) {
        return Identite::default();
    }
    let naissance = moins(aujourdhui, 365 * 19 + a.sous(365 * 45));
    let numero = a.chance(0.7).then(|| {
        (0..10)
            .map(|_| char::from(b'0' + a.sous(10) as u8))
            .collect::<String>()
    });
    let adresse = a.chance(0.8).then(|| {
        format!(
            "{} {}\n{}",
            1 + a.sous(120),
            a.choisir(RUES),
            a.choisir(VILLES_ADRESSE)
        )
    });
    Identite {
        date_naissance: a.chance(0.9).then_some(naissance),
        nationalite: a.chance(0.85).then(|| a.choisir(NATIONALITES).to_string()),
        numero_etranger: numero,
        adresse,
    }
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
        let _ = self.gravir(p);
    }

    /// The ladder, step by step; `None` when the story ends early (today reached, or
    /// resolved).
    fn gravir(&mut self, p: &Personne) -> Option<()> {
        self.ajouter(TypeEvenement::Visite, None, None);
        let attestation = self.etape_ccc(p)?;
        let substitution = self.etape_pan(p, attestation)?;
        self.etape_substitution(p, substitution)?;
        self.etape_recommande()?;
        self.etape_avocat(p)?;
        self.etape_defenseur()?;
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
        Some(())
    }

    /// Step 1: the CCC, one to four attempts; whether an attestation was obtained.
    fn etape_ccc(&mut self, p: &Personne) -> Option<bool> {
        let mut attestation = false;
        let tentatives = self.a.pondere(&[(1u64, 25), (2, 30), (3, 25), (4, 20)]);
        for _ in 0..tentatives {
            if !self.avancer(0, 12) {
                return None;
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
                    return None;
                }
                Resultat::AttestationImpossibilite => {
                    attestation = true;
                    break;
                }
                _ => {}
            }
        }
        Some(attestation)
    }

    /// Step 2: the PAN; whether a substitution is due.
    fn etape_pan(&mut self, p: &Personne, attestation: bool) -> Option<bool> {
        let mut substitution = attestation;
        if !attestation && self.a.chance(0.85) {
            let essais = self.a.pondere(&[(1u64, 45), (2, 35), (3, 20)]);
            for _ in 0..essais {
                if !self.avancer(1, 15) {
                    return None;
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
                        return None;
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
        Some(substitution)
    }

    /// Step 3: substitution.
    fn etape_substitution(&mut self, p: &Personne, substitution: bool) -> Option<()> {
        if substitution || self.a.chance(0.2) {
            if !self.avancer(2, 20) {
                return None;
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
                        return None;
                    }
                }
            } else if r == Resultat::DepotEffectue {
                self.apres_resolution(p);
                return None;
            }
        }
        Some(())
    }

    /// Step 3 bis: registered letter.
    fn etape_recommande(&mut self) -> Option<()> {
        if self.a.chance(0.4) {
            if !self.avancer(2, 20) {
                return None;
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
        Some(())
    }

    /// Step 4: lawyer.
    fn etape_avocat(&mut self, p: &Personne) -> Option<()> {
        if self.a.chance(0.25) {
            if !self.avancer(3, 30) {
                return None;
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
                        return None;
                    }
                }
            }
        }
        Some(())
    }

    /// Step 4: Défenseur des droits.
    fn etape_defenseur(&mut self) -> Option<()> {
        if self.a.chance(0.12) {
            if !self.avancer(3, 30) {
                return None;
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
        Some(())
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
        // A generator of its own, so that the rest of the demo stays the same draw for draw.
        identite: identite(
            &mut Alea::new(a.clone().suivant() ^ 0x1D3A_7E7E),
            aujourdhui,
        ),
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
