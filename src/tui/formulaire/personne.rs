//! The person form: a new person or an edit, with the identifiers letters need.

use super::*;

// ------------------------------------------------------------------ person form

/// New person (`base` is `None`) or edit of a stored person.
pub struct FormPersonne {
    pub base: Option<Personne>,
    pub form: Formulaire,
    /// A file cannot be opened after today.
    aujourdhui: NaiveDate,
    /// The reference suggested to a new person: kept as is, the next free one is allocated
    /// when the person is written (another desk may take this one meanwhile).
    reference_proposee: Option<String>,
    /// Existing files that may be this new person, already shown to the volunteer (saving
    /// again creates the file anyway), and the one on screen with its reason.
    pub doublons_vus: Vec<i64>,
    pub doublon: Option<(Personne, crate::store::RaisonDoublon)>,
}

/// Resolves a département typed as a code, a name or a préfecture's town (the domain's one
/// matcher: accents, case, hyphens and left-out small words ignored).
pub fn departement_saisi(s: &str) -> Result<Departement, String> {
    let code = code_postal(s.trim());
    crate::domain::departements::designer(
        code.as_deref().unwrap_or(s),
        crate::prefectures::ville_prefecture,
    )
    .map_err(|e| crate::textes::erreur_departement(&e))
}

/// The département of a French postcode (`93200` → `93`, `97411` → `974`, `20090` → `2A`,
/// `20200` → `2B`); `None` when `s` is not five digits.
fn code_postal(s: &str) -> Option<String> {
    if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match &s[..2] {
        "97" | "98" => s[..3].to_string(),
        // Corsica: 200xx–201xx Corse-du-Sud, 202xx–206xx Haute-Corse.
        "20" if s.as_bytes()[2] <= b'1' => "2A".into(),
        "20" => "2B".into(),
        d => d.to_string(),
    })
}

fn pan_options() -> Vec<String> {
    vec![t::NON_RENSEIGNE.into(), t::OUI.into(), t::NON.into()]
}

impl FormPersonne {
    /// `reference`: the suggested reference for a new person.
    pub fn nouvelle(reference: &str, aujourdhui: NaiveDate) -> Self {
        let mut f = FormPersonne::avec(None, reference, aujourdhui);
        f.reference_proposee = Some(reference.to_string());
        f.form.focus_sur(ChampId::Nom);
        f
    }

    pub fn modifier(p: Personne, aujourdhui: NaiveDate) -> Self {
        let r = p.reference.clone();
        FormPersonne::avec(Some(p), &r, aujourdhui)
    }

    fn avec(p: Option<Personne>, reference: &str, aujourdhui: NaiveDate) -> Self {
        let q = p.as_ref();
        let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
        // Dates are shown as French volunteers write them (both forms are accepted).
        let date_opt = |d: Option<NaiveDate>| d.map(date_fr).unwrap_or_default();
        let mut champs = vec![
            Champ::texte(ChampId::Reference, t::CHAMP_REFERENCE, reference),
            Champ::texte(
                ChampId::Nom,
                t::CHAMP_NOM,
                &q.map(|p| p.nom.clone()).unwrap_or_default(),
            ),
            Champ::texte(
                ChampId::Prenom,
                t::CHAMP_PRENOM,
                &opt(q.and_then(|p| p.prenom.as_ref())),
            ),
            Champ::texte(
                ChampId::Telephone,
                t::CHAMP_TELEPHONE,
                &opt(q.and_then(|p| p.telephone.as_ref())),
            ),
            Champ::texte(
                ChampId::Departement,
                t::CHAMP_DEPARTEMENT,
                q.map_or("", |p| p.departement.code()),
            ),
            Champ::choix(
                ChampId::Demarche,
                t::CHAMP_DEMARCHE,
                Demarche::TOUS
                    .iter()
                    .map(|d| d.libelle().to_string())
                    .collect(),
                q.map(|p| p.demarche.rang()),
            ),
            Champ::choix(
                ChampId::Blocage,
                t::CHAMP_BLOCAGE,
                Blocage::TOUS
                    .iter()
                    .map(|b| t::blocage_court(*b).to_string())
                    .collect(),
                q.map(|p| p.blocage.rang()),
            ),
            Champ::texte(
                ChampId::OuvertLe,
                t::CHAMP_OUVERT_LE,
                &date_fr(q.map_or(aujourdhui, |p| p.ouvert_le)),
            ),
            Champ::texte(
                ChampId::Titre,
                t::CHAMP_TITRE,
                &date_opt(q.and_then(|p| p.titre_expire_le)),
            ),
            Champ::texte(
                ChampId::Api,
                t::CHAMP_API,
                &date_opt(q.and_then(|p| p.api_expire_le)),
            ),
            Champ::choix(
                ChampId::PanConnu,
                t::CHAMP_PAN_CONNU,
                pan_options(),
                Some(match q.and_then(|p| p.pan_connu) {
                    None => 0,
                    Some(true) => 1,
                    Some(false) => 2,
                }),
            ),
            Champ::texte(
                ChampId::Captures,
                t::CHAMP_CAPTURES,
                &q.and_then(|p| p.captures)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
            Champ::texte(
                ChampId::DateNaissance,
                t::CHAMP_DATE_NAISSANCE,
                &date_opt(q.and_then(|p| p.identite.date_naissance)),
            ),
            Champ::texte(
                ChampId::Nationalite,
                t::CHAMP_NATIONALITE,
                &opt(q.and_then(|p| p.identite.nationalite.as_ref())),
            ),
            Champ::texte(
                ChampId::NumeroEtranger,
                t::CHAMP_NUMERO_ETRANGER,
                &opt(q.and_then(|p| p.identite.numero_etranger.as_ref())),
            ),
            Champ::texte(
                ChampId::Adresse,
                t::CHAMP_ADRESSE,
                &adresse_sur_une_ligne(q.and_then(|p| p.identite.adresse.as_deref())),
            ),
            Champ::notes(q.and_then(|p| p.notes.as_deref())),
        ];
        for c in &mut champs {
            if matches!(
                c.id,
                ChampId::OuvertLe | ChampId::Titre | ChampId::Api | ChampId::DateNaissance
            ) {
                c.aide = Some(t::AIDE_DATE.into());
            }
            if c.id == ChampId::Adresse {
                c.aide = Some(t::AIDE_ADRESSE.into());
            }
        }
        let mut f = FormPersonne::de(p, Formulaire::nouveau(champs), aujourdhui);
        f.actualiser_aides();
        f
    }

    fn de(base: Option<Personne>, form: Formulaire, aujourdhui: NaiveDate) -> Self {
        FormPersonne {
            base,
            form,
            aujourdhui,
            reference_proposee: None,
            doublons_vus: Vec::new(),
            doublon: None,
        }
    }

    /// Live hints: the département resolved from what is typed.
    pub fn actualiser_aides(&mut self) {
        let s = self.form.texte(ChampId::Departement);
        let aide = if s.trim().is_empty() {
            t::AIDE_DEPARTEMENT.to_string()
        } else {
            match departement_saisi(&s) {
                Ok(d) => format!("→ {} {}", d.code(), d.nom()),
                Err(_) => t::AIDE_DEPARTEMENT.to_string(),
            }
        };
        if let Some(c) = self.form.champ_mut(ChampId::Departement) {
            c.aide = Some(aide);
        }
    }

    /// Checks every field; returns the person to write, or marks the errors.
    pub fn construire(&mut self) -> Option<Personne> {
        let f = &mut self.form;
        f.effacer_erreurs();
        let reference = valider_reference(&f.texte(ChampId::Reference));
        let nom = f.texte(ChampId::Nom).trim().to_string();
        let dep = departement_saisi(&f.texte(ChampId::Departement));
        let demarche = f
            .choisi(ChampId::Demarche)
            .and_then(|i| Demarche::TOUS.get(i).copied());
        let blocage = f
            .choisi(ChampId::Blocage)
            .and_then(|i| Blocage::TOUS.get(i).copied());
        let ouvert = date_saisie(&f.texte(ChampId::OuvertLe), self.aujourdhui);
        let titre = date_saisie_opt(&f.texte(ChampId::Titre), self.aujourdhui);
        let api = date_saisie_opt(&f.texte(ChampId::Api), self.aujourdhui);
        let captures =
            crate::domain::parse_entier_opt(&f.texte(ChampId::Captures)).and_then(|n| match n {
                Some(n) if n > 999 => Err(ErreurValeur::EntierInvalide),
                n => Ok(n),
            });
        let naissance = parse_date_opt(&f.texte(ChampId::DateNaissance));
        let numero = valider_numero_etranger(&f.texte(ChampId::NumeroEtranger));
        if let Err(e) = &naissance {
            f.erreur(ChampId::DateNaissance, e);
        }
        if let Err(e) = &numero {
            f.erreur(ChampId::NumeroEtranger, e);
        }
        if let Err(e) = &reference {
            f.erreur(ChampId::Reference, e);
        }
        if nom.is_empty() {
            f.erreur(ChampId::Nom, &ErreurValeur::Vide);
        }
        if let Err(e) = &dep {
            f.erreur_texte(ChampId::Departement, e);
        }
        if demarche.is_none() {
            f.erreur(ChampId::Demarche, &ErreurValeur::Vide);
        }
        if blocage.is_none() {
            f.erreur(ChampId::Blocage, &ErreurValeur::Vide);
        }
        match &ouvert {
            Err(e) => f.erreur(ChampId::OuvertLe, e),
            Ok(d) if *d > self.aujourdhui => f.erreur_texte(
                ChampId::OuvertLe,
                &t::ouverture_future(&date_fr(self.aujourdhui)),
            ),
            Ok(_) => {}
        }
        if let Err(e) = &titre {
            f.erreur(ChampId::Titre, e);
        }
        if let Err(e) = &api {
            f.erreur(ChampId::Api, e);
        }
        if let Err(e) = &captures {
            f.erreur(ChampId::Captures, e);
        }
        let (
            Ok(reference),
            Ok(departement),
            Some(demarche),
            Some(blocage),
            Ok(ouvert_le),
            Ok(titre_expire_le),
            Ok(api_expire_le),
            Ok(captures),
            Ok(date_naissance),
            Ok(numero_etranger),
        ) = (
            reference, dep, demarche, blocage, ouvert, titre, api, captures, naissance, numero,
        )
        else {
            f.focus_premiere_erreur();
            return None;
        };
        if nom.is_empty() || ouvert_le > self.aujourdhui || f.refuser_controles() {
            f.focus_premiere_erreur();
            return None;
        }
        let pan_connu = match f.choisi(ChampId::PanConnu) {
            Some(1) => Some(true),
            Some(2) => Some(false),
            _ => None,
        };
        Some(Personne {
            id: self.base.as_ref().and_then(|p| p.id),
            reference,
            nom,
            prenom: texte_opt(f.texte(ChampId::Prenom)),
            telephone: texte_opt(f.texte(ChampId::Telephone)),
            departement,
            demarche,
            blocage,
            ouvert_le,
            titre_expire_le,
            api_expire_le,
            pan_connu,
            notes: texte_opt(f.texte(ChampId::Notes)),
            captures,
            identite: Identite {
                date_naissance,
                nationalite: texte_opt(f.texte(ChampId::Nationalite)),
                numero_etranger,
                adresse: adresse_depuis_une_ligne(&f.texte(ChampId::Adresse)),
            },
            version: self.base.as_ref().map_or(1, |p| p.version),
        })
    }

    /// After a conflict: the same form on top of the version another desk stored. Fields
    /// this volunteer changed keep what they typed; the others take the stored values, so
    /// the other desk's changes are not undone by saving.
    pub fn rebaser(self, actuelle: Personne) -> FormPersonne {
        let mut nouveau = FormPersonne::modifier(actuelle, self.aujourdhui);
        let FormPersonne { form, .. } = self;
        let modifies: Vec<bool> = form
            .champs
            .iter()
            .zip(&form.initial)
            .map(|(c, i)| c.brut() != *i)
            .collect();
        for ((champ, modifie), cible) in form
            .champs
            .into_iter()
            .zip(modifies)
            .zip(nouveau.form.champs.iter_mut())
        {
            if modifie && champ.id == cible.id {
                cible.valeur = champ.valeur;
            }
        }
        nouveau.form.focus = form.focus.min(nouveau.form.champs.len().saturating_sub(1));
        nouveau.actualiser_aides();
        nouveau
    }

    /// For each field (in form order, with its label): whether this volunteer changed it,
    /// and whether the stored version `actuelle` differs from what the form started from
    /// (another desk changed it).
    pub fn origines(&self, actuelle: &Personne) -> Vec<(&'static str, bool, bool)> {
        let stockee = FormPersonne::modifier(actuelle.clone(), self.aujourdhui);
        self.form
            .champs
            .iter()
            .zip(&self.form.initial)
            .zip(&stockee.form.champs)
            .map(|((c, initial), s)| (c.libelle, c.brut() != *initial, s.brut() != *initial))
            .collect()
    }

    /// Whether `p` (built by this form) keeps the suggested reference: the store then
    /// numbers it when writing.
    pub fn a_numeroter(&self, p: &Personne) -> bool {
        self.base.is_none() && self.reference_proposee.as_deref() == Some(p.reference.as_str())
    }

    /// Marks a store error on the reference field (already used).
    pub fn reference_prise(&mut self, message: String) {
        self.form.erreur_texte(ChampId::Reference, &message);
        self.form.focus_sur(ChampId::Reference);
    }
}

/// The address field is one line: its lines are shown separated by « / ».
fn adresse_sur_une_ligne(a: Option<&str>) -> String {
    a.unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The stored address: each « / »-separated part on its own line.
fn adresse_depuis_une_ligne(s: &str) -> Option<String> {
    let lignes: Vec<&str> = s
        .split(" / ")
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (!lignes.is_empty()).then(|| lignes.join("\n"))
}
