#![allow(dead_code)] // shared by several test files, each using a part
//! The situations table of the engine tests: people, events and préfectures built relative
//! to a fixed today, and one row per situation of the legal review (issue 11) and per path of
//! the seed's « En résumé », each with what the law and the ladder call for: the action code,
//! the steps to run the same day, the alert codes (docs/fichiers.md §5).

use chrono::{Days, NaiveDate};
use vigie::domain::moteur::{ConnaissancePrefecture, Evaluation, PanConnu, evaluer};
use vigie::domain::regles::Regles;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Identite, Personne, Resultat, TypeEvenement,
};

pub fn jour() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Today shifted by `n` days (negative: in the past).
pub fn j(n: i64) -> NaiveDate {
    if n >= 0 {
        jour().checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        jour().checked_sub_days(Days::new((-n) as u64)).unwrap()
    }
}

pub fn personne(captures: Option<u32>) -> Personne {
    Personne {
        id: Some(1),
        reference: "R1".into(),
        nom: "Diallo".into(),
        prenom: Some("Awa".into()),
        telephone: None,
        departement: Departement::depuis_code("33").unwrap(),
        demarche: Demarche::Renouvellement,
        blocage: Blocage::DepotImpossible,
        ouvert_le: j(-60),
        titre_expire_le: None,
        api_expire_le: None,
        pan_connu: None,
        notes: None,
        captures,
        identite: Identite {
            date_naissance: Some(j(-12000)),
            nationalite: Some("sénégalaise".into()),
            numero_etranger: Some("0123456789".into()),
            adresse: Some("3 rue des Lilas / 33000 Bordeaux".into()),
        },
        version: 1,
    }
}

pub fn ev(
    t: TypeEvenement,
    date: i64,
    canal: Option<Canal>,
    r: Option<Resultat>,
    ech: Option<i64>,
) -> Evenement {
    let mut e = Evenement::nouveau(t, j(date));
    e.canal = canal;
    e.resultat = r;
    e.echeance = ech.map(j);
    e
}

pub fn ccc(date: i64, r: Resultat) -> Evenement {
    ev(
        TypeEvenement::Ccc,
        date,
        Some(Canal::Formulaire),
        Some(r),
        None,
    )
}

pub fn pan(date: i64, r: Resultat, ech: Option<i64>) -> Evenement {
    ev(TypeEvenement::Pan, date, None, Some(r), ech)
}

pub fn gironde(pan: PanConnu) -> ConnaissancePrefecture {
    ConnaissancePrefecture {
        departement: Departement::depuis_code("33").ok(),
        pan,
        ..ConnaissancePrefecture::default()
    }
}

pub fn nord(postal: Option<bool>) -> ConnaissancePrefecture {
    ConnaissancePrefecture {
        departement: Departement::depuis_code("59").ok(),
        pan: PanConnu::Dedie,
        guichet: Some(true),
        postal,
        ..ConnaissancePrefecture::default()
    }
}

/// One situation: the person, the history, the préfecture, and what must come out.
pub struct Cas {
    pub nom: &'static str,
    pub personne: Personne,
    pub evenements: Vec<Evenement>,
    pub prefecture: ConnaissancePrefecture,
    /// The §5 action code expected.
    pub action: &'static str,
    /// The §5 codes of the steps to run the same day, in ladder order.
    pub paralleles: &'static [&'static str],
    /// The §5 alert codes, as a set.
    pub alertes: &'static [&'static str],
    /// The follow-up date expected, in days from today (checked when given).
    pub relance: Option<i64>,
    /// The §5 stage code expected (checked when given).
    pub etape: Option<&'static str>,
    /// Words the French reason must contain.
    pub mots: &'static [&'static str],
}

/// A situation in Gironde with an unknown PAN, a complete identity and evidence.
pub fn c(nom: &'static str) -> Cas {
    Cas {
        nom,
        personne: personne(Some(3)),
        evenements: Vec::new(),
        prefecture: gironde(PanConnu::Inconnu),
        action: "",
        paralleles: &[],
        alertes: &[],
        relance: None,
        etape: None,
        mots: &[],
    }
}

impl Cas {
    pub fn titre(mut self, n: i64) -> Self {
        self.personne.titre_expire_le = Some(j(n));
        self
    }
    pub fn api(mut self, n: i64) -> Self {
        self.personne.api_expire_le = Some(j(n));
        self
    }
    pub fn blocage(mut self, b: Blocage) -> Self {
        self.personne.blocage = b;
        self
    }
    pub fn demarche(mut self, d: Demarche) -> Self {
        self.personne.demarche = d;
        self
    }
    pub fn ouvert(mut self, n: i64) -> Self {
        self.personne.ouvert_le = j(n);
        self
    }
    pub fn sans_captures(mut self) -> Self {
        self.personne.captures = None;
        self
    }
    pub fn sans_identite(mut self) -> Self {
        self.personne.identite = Identite::default();
        self
    }
    pub fn pref(mut self, p: ConnaissancePrefecture) -> Self {
        self.prefecture = p;
        self
    }
    pub fn pan(mut self, p: PanConnu) -> Self {
        self.prefecture.pan = p;
        self
    }
    pub fn ev(mut self, e: Evenement) -> Self {
        self.evenements.push(e);
        self
    }
    pub fn relance(mut self, n: i64) -> Self {
        self.relance = Some(n);
        self
    }
    pub fn etape(mut self, e: &'static str) -> Self {
        self.etape = Some(e);
        self
    }
    pub fn mots(mut self, m: &'static [&'static str]) -> Self {
        self.mots = m;
        self
    }
    /// What must come out: action, same-day steps, alerts.
    pub fn attendu(
        mut self,
        action: &'static str,
        paralleles: &'static [&'static str],
        alertes: &'static [&'static str],
    ) -> Self {
        self.action = action;
        self.paralleles = paralleles;
        self.alertes = alertes;
        self
    }
    pub fn evaluer(&self, regles: &Regles) -> Evaluation {
        evaluer(
            &self.personne,
            &self.evenements,
            &self.prefecture,
            regles,
            jour(),
        )
    }
}

pub fn e(t: TypeEvenement, date: i64, r: Resultat) -> Evenement {
    let canal = match t {
        TypeEvenement::Ccc | TypeEvenement::Prefecture => Some(Canal::Formulaire),
        TypeEvenement::Substitution => Some(Canal::Guichet),
        _ => None,
    };
    ev(t, date, canal, Some(r), None)
}

pub fn avec_canal(mut x: Evenement, c: Option<Canal>) -> Evenement {
    x.canal = c;
    x
}

pub fn avec_echeance(mut x: Evenement, n: i64) -> Evenement {
    x.echeance = Some(j(n));
    x
}
