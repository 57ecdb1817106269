//! The hand-computed statistics fixture (see tests/stats_fixture.rs for the figures).
#![allow(dead_code)]

use chrono::NaiveDate;
use vigie::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement, parse_date,
};
use vigie::store::{Ouverture, Store};

pub fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

pub struct P {
    pub dep: &'static str,
    pub demarche: Demarche,
    pub blocage: Blocage,
    pub ouvert: &'static str,
    pub pan: Option<bool>,
    pub titre: Option<&'static str>,
    pub api: Option<&'static str>,
}

pub fn ev(
    date: &str,
    t: TypeEvenement,
    canal: Option<Canal>,
    r: Option<Resultat>,
    echeance: Option<&str>,
    attente: Option<u32>,
) -> Evenement {
    let mut e = Evenement::nouveau(t, d(date));
    e.canal = canal;
    e.resultat = r;
    e.echeance = echeance.map(d);
    e.attente_minutes = attente;
    e
}

pub fn ouvrir(chemin: &std::path::Path) -> Store {
    Store::ouvrir(&Ouverture {
        chemin: chemin.to_path_buf(),
        phrase: None,
        sans_chiffrement: true,
        benevole: "Test".into(),
    })
    .unwrap()
}

pub fn ajouter(s: &mut Store, n: usize, p: &P, evs: Vec<Evenement>) {
    let id = s
        .creer_personne(&Personne {
            id: None,
            reference: format!("P{n}"),
            nom: format!("=Nom{n}"),
            prenom: None,
            telephone: Some("+33 6 00 00 00 00".into()),
            departement: Departement::depuis_code(p.dep).unwrap(),
            demarche: p.demarche,
            blocage: p.blocage,
            ouvert_le: d(p.ouvert),
            titre_expire_le: p.titre.map(d),
            api_expire_le: p.api.map(d),
            pan_connu: p.pan,
            notes: Some("-note".into()),
            captures: None,
            identite: Default::default(),
            version: 1,
        })
        .unwrap();
    for e in evs {
        s.ajouter_evenement(id, &e).unwrap();
    }
}

/// Builds the fixture database in `chemin`.
pub fn fixture(chemin: &std::path::Path) -> Store {
    use Blocage as B;
    use Canal as C;
    use Demarche as D;
    use Resultat as R;
    use TypeEvenement as T;
    let mut s = ouvrir(chemin);
    let p = |dep, demarche, blocage, ouvert, pan, titre, api| P {
        dep,
        demarche,
        blocage,
        ouvert,
        pan,
        titre,
        api,
    };
    let tel = Some(C::Telephone);
    let form = Some(C::Formulaire);
    #[rustfmt::skip]
    let gens: Vec<(P, Vec<Evenement>)> = vec![
        (p("33", D::Renouvellement, B::ApiNonRenouvelee, "2026-10-05", Some(false), Some("2026-10-20"), None), vec![
            ev("2026-10-06", T::Visite, None, None, None, None),
            ev("2026-11-03", T::Ccc, tel, Some(R::SansAide), None, Some(30)),
            ev("2026-11-10", T::Pan, None, Some(R::RdvIndisponible), None, None),
        ]),
        (p("33", D::Renouvellement, B::DepotImpossible, "2026-11-02", Some(true), None, Some("2026-11-30")), vec![
            ev("2026-11-02", T::Visite, None, None, None, None),
            ev("2026-11-05", T::Ccc, tel, Some(R::Resolu), None, Some(10)),
            ev("2026-11-20", T::Cloture, None, Some(R::Resolu), None, None),
        ]),
        (p("33", D::PremiereDemande, B::Connexion, "2026-09-15", Some(false), Some("2026-10-31"), None), vec![
            ev("2026-10-01", T::Visite, None, None, None, None),
            ev("2026-11-01", T::Cloture, None, Some(R::Abandon), None, None),
        ]),
        (p("33", D::Duplicata, B::NumeroEtranger, "2026-10-10", None, Some("2026-11-29"), None), vec![
            ev("2026-11-04", T::Ccc, form, Some(R::SansReponse), None, None),
            ev("2026-11-30", T::Cloture, None, Some(R::PerduDeVue), None, None),
        ]),
        (p("2A", D::Renouvellement, B::ApiNonRenouvelee, "2026-10-01", Some(false), Some("2026-11-29"), None), vec![
            ev("2026-10-15", T::ApiDelivree, None, None, Some("2026-11-28"), None),
            ev("2026-11-29", T::Visite, None, None, None, None),
            ev("2026-12-01", T::Cloture, None, Some(R::Resolu), None, None),
        ]),
        (p("2A", D::Naturalisation, B::SansNouvelles, "2026-08-01", Some(true), None, None), vec![
            ev("2026-11-12", T::Ccc, tel, Some(R::AttestationImpossibilite), None, Some(15)),
            ev("2026-11-13", T::Ccc, tel, Some(R::SansAide), None, Some(15)),
            ev("2026-11-14", T::Pan, None, Some(R::SubstitutionProposee), None, None),
            ev("2026-11-25", T::Avocat, None, Some(R::Oriente), None, None),
        ]),
        (p("75", D::Renouvellement, B::RdvRetraitTitre, "2026-11-15", Some(false), None, None), vec![
            ev("2026-11-16", T::Pan, None, Some(R::RdvDemande), None, None),
            ev("2026-11-18", T::Substitution, Some(C::Postal), Some(R::Invitation), None, None),
            ev("2026-11-19", T::Recommande, None, Some(R::Envoye), None, None),
            ev("2026-11-22", T::DefenseurDroits, None, Some(R::Saisi), None, None),
            ev("2026-11-28", T::Cloture, None, Some(R::Resolu), None, None),
        ]),
        (p("75", D::PremiereDemande, B::Connexion, "2026-10-20", Some(false), None, None), vec![
            ev("2026-10-21", T::Ccc, tel, Some(R::SansAide), None, Some(45)),
            ev("2026-11-02", T::Ccc, tel, Some(R::SansAide), None, Some(60)),
            ev("2026-11-05", T::ApiDelivree, None, None, Some("2027-02-05"), None),
            ev("2026-11-25", T::Cloture, None, Some(R::Resolu), None, None),
            ev("2026-11-20", T::Cloture, None, Some(R::Resolu), None, None),
        ]),
        (p("75", D::Autre, B::Autre, "2026-10-01", None, None, None), vec![
            ev("2026-10-02", T::Visite, None, None, None, None),
        ]),
        (p("33", D::Renouvellement, B::Connexion, "2026-11-10", Some(true), Some("2026-09-30"), Some("2026-10-31")), vec![
            ev("2026-11-10", T::Visite, None, None, None, None),
            ev("2026-11-10", T::Ccc, form, Some(R::RenvoiPrefecture), None, None),
            ev("2026-11-12", T::Recommande, None, Some(R::ReponseRecue), None, None),
            ev("2026-11-15", T::Cloture, None, Some(R::Resolu), None, None),
        ]),
        (p("2A", D::Renouvellement, B::DepotImpossible, "2026-11-30", Some(false), None, None), vec![
            ev("2026-11-30", T::Visite, None, None, None, None),
            ev("2026-11-30", T::Ccc, tel, Some(R::EnAttente), None, Some(20)),
        ]),
        (p("75", D::Duplicata, B::Autre, "2026-10-25", Some(true), Some("2026-10-15"), None), vec![
            ev("2026-10-26", T::Cloture, None, Some(R::Resolu), None, None),
            ev("2026-11-03", T::Visite, None, None, None, None),
            ev("2026-11-05", T::Avocat, None, Some(R::RefereDepose), None, None),
        ]),
    ];
    for (i, (p, evs)) in gens.into_iter().enumerate() {
        ajouter(&mut s, i + 1, &p, evs);
    }
    s
}
