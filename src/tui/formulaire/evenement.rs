//! The event form: quick entry of one event for one person.

use super::*;

/// Quick entry of one event for one person.
pub struct FormEvenement {
    pub personne: Personne,
    pub type_evenement: TypeEvenement,
    pub form: Formulaire,
    canaux: Vec<Canal>,
    resultats: Vec<Resultat>,
    /// An event is something that happened: its date cannot be after today.
    aujourdhui: NaiveDate,
}

impl FormEvenement {
    /// Defaults: today's date; for a CCC the contact form (the written trace the desks prefer);
    /// the focus on the first field that has no sensible default.
    pub fn nouveau(
        personne: Personne,
        type_evenement: TypeEvenement,
        aujourdhui: NaiveDate,
    ) -> Self {
        let canaux = type_evenement.canaux().to_vec();
        let resultats = type_evenement.resultats().to_vec();
        let mut champs = vec![Champ::texte(
            ChampId::Date,
            t::CHAMP_DATE,
            &date_fr(aujourdhui),
        )];
        champs[0].aide = Some(t::AIDE_DATE.into());
        if !canaux.is_empty() {
            let defaut = canaux.iter().position(|c| *c == Canal::Formulaire);
            champs.push(Champ::choix(
                ChampId::Canal,
                t::CHAMP_CANAL,
                canaux.iter().map(|c| c.libelle().to_string()).collect(),
                defaut,
            ));
        }
        if !resultats.is_empty() {
            champs.push(Champ::choix(
                ChampId::Resultat,
                t::CHAMP_RESULTAT,
                resultats.iter().map(|r| r.libelle().to_string()).collect(),
                None,
            ));
        }
        if matches!(
            type_evenement,
            TypeEvenement::Ccc
                | TypeEvenement::Recommande
                | TypeEvenement::Avocat
                | TypeEvenement::Prefecture
        ) {
            champs.push(Champ::texte(
                ChampId::Ticket,
                t::champ_numero(type_evenement),
                "",
            ));
        }
        if type_evenement == TypeEvenement::Ccc {
            champs.push(Champ::texte(ChampId::Attente, t::CHAMP_ATTENTE, ""));
        }
        let libelle_echeance = match type_evenement {
            TypeEvenement::ApiDelivree => t::CHAMP_FIN_API,
            TypeEvenement::Suivi => t::CHAMP_PROCHAIN_SUIVI,
            TypeEvenement::Pan | TypeEvenement::Substitution => t::CHAMP_RDV,
            _ => t::CHAMP_ECHEANCE,
        };
        let mut echeance = Champ::texte(ChampId::Echeance, libelle_echeance, "");
        echeance.aide = Some(t::AIDE_DATE.into());
        if type_evenement.echeance_requise() {
            champs.insert(1, echeance);
        } else if type_evenement != TypeEvenement::Cloture {
            champs.push(echeance);
        }
        champs.push(Champ::notes(None));
        let mut form = Formulaire::nouveau(champs);
        let premier = form
            .champs
            .iter()
            .position(|c| {
                matches!(c.valeur, Valeur::Choix { choisi: None, .. }) || c.id == ChampId::Echeance
            })
            .filter(|_| {
                !resultats.is_empty() || type_evenement.echeance_requise() || !canaux.is_empty()
            })
            .unwrap_or_else(|| {
                // A visit: straight to the notes.
                form.champs.len() - 1
            });
        form.focaliser(premier);
        FormEvenement {
            personne,
            type_evenement,
            form,
            canaux,
            resultats,
            aujourdhui,
        }
    }

    /// For an API delivered: the expiry the rules give (the first: 3 months at most,
    /// R.431-15-1; a second one since the rule's date: the longer validity), put in the
    /// field with the rule named beside it, selected so that typing the real date replaces it.
    pub fn proposer_echeance_api(
        &mut self,
        evenements: &[Evenement],
        regles: &crate::domain::regles::Regles,
    ) {
        if self.type_evenement != TypeEvenement::ApiDelivree {
            return;
        }
        let mut deja = evenements
            .iter()
            .filter(|e| e.type_evenement == TypeEvenement::ApiDelivree)
            .count();
        if deja == 0 && self.personne.api_expire_le.is_some() {
            deja = 1;
        }
        let (date, regle) =
            crate::domain::moteur::echeance_api_de_rang(deja + 1, self.aujourdhui, regles);
        if let Some(c) = self.form.champ_mut(ChampId::Echeance) {
            c.valeur = Valeur::Texte(LigneSaisie::avec(&date_fr(date)));
            c.aide = Some(crate::textes::moteur::aide_api_proposee(regle));
        }
        self.form.focus_sur(ChampId::Echeance);
    }

    /// Checks every field; returns the event, or marks the errors next to the fields.
    pub fn construire(&mut self) -> Option<Evenement> {
        let f = &mut self.form;
        f.effacer_erreurs();
        let date = parse_date(&f.texte(ChampId::Date));
        let echeance = parse_date_opt(&f.texte(ChampId::Echeance));
        let attente = crate::domain::parse_entier_opt(&f.texte(ChampId::Attente));
        match &date {
            Err(e) => f.erreur(ChampId::Date, e),
            // A typo in the year ("2062") would otherwise be stored silently.
            Ok(d) if *d > self.aujourdhui => f.erreur_texte(
                ChampId::Date,
                &t::date_evenement_future(&date_fr(self.aujourdhui)),
            ),
            Ok(_) => {}
        }
        if let Err(e) = &echeance {
            f.erreur(ChampId::Echeance, e);
        }
        if let Err(e) = &attente {
            f.erreur(ChampId::Attente, e);
        }
        let (Ok(date), Ok(echeance), Ok(attente)) = (date, echeance, attente) else {
            f.focus_premiere_erreur();
            return None;
        };
        if date > self.aujourdhui {
            f.focus_premiere_erreur();
            return None;
        }
        let mut e = Evenement::nouveau(self.type_evenement, date);
        e.canal = f
            .choisi(ChampId::Canal)
            .and_then(|i| self.canaux.get(i).copied());
        e.resultat = f
            .choisi(ChampId::Resultat)
            .and_then(|i| self.resultats.get(i).copied());
        e.echeance = echeance;
        e.ticket = texte_opt(f.texte(ChampId::Ticket));
        e.attente_minutes = attente;
        e.notes = texte_opt(f.texte(ChampId::Notes));
        let erreurs = e.valider();
        if f.refuser_controles() || !erreurs.is_empty() {
            for (champ, err) in erreurs {
                let id = match champ {
                    crate::domain::ChampEvenement::Canal => ChampId::Canal,
                    crate::domain::ChampEvenement::Resultat => ChampId::Resultat,
                    crate::domain::ChampEvenement::Echeance => ChampId::Echeance,
                    crate::domain::ChampEvenement::AttenteMinutes => ChampId::Attente,
                };
                match err {
                    ErreurValeur::RequisPourType { .. } => f.erreur_texte(id, t::REQUIS),
                    autre => f.erreur(id, &autre),
                }
            }
            f.focus_premiere_erreur();
            return None;
        }
        Some(e)
    }
}
