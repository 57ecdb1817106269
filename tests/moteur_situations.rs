//! The situations of the legal review (issue 11) and every path of the seed's « En résumé »,
//! written from the texts (CESEDA R.431-2, R.431-5, R.431-15-1, R.432-1/2, L.436-5; arrêté
//! of 1 August 2023; CE 3 June 2022 n° 452798) and the desk-practice delays of
//! assets/regles.toml: each row asserts the §5 action code, the steps to run the same day
//! and the alert codes.
//!
//! Shipped rules used below: CCC answer 15 d, PAN follow-up 15 d, substitution request 30 d,
//! deposit proof 30 d, préfecture service 15 d, registered letter 30 d, remedy 30 d, order
//! carried out 15 d, rights alert 30 d, lawyer the same day when rights lapse within 15 d,
//! silence 4 months. Renewal window: 120th to 60th day before the permit's expiry.

mod moteur_echelle;

use moteur_echelle::*;
use vigie::domain::moteur::{ConnaissancePrefecture, PanConnu};
use vigie::domain::regles::Regles;
use vigie::domain::{Blocage, Canal, Demarche, Resultat as R, TypeEvenement as T};

/// The late-renewal pair: fee (L.436-5) and API lost as of right (R.431-15-1).
const TARDIF: [&str; 2] = ["fenetre_fermee_taxe", "api_non_due_si_tardif"];

fn filing_ladder() -> Vec<Cas> {
    vec![
        c("nothing recorded: write to the CCC (1°)")
            .attendu("ecrire_ccc", &[], &[])
            .etape("constat")
            .mots(&["formulaire de contact de l'ANEF"]),
        c("no evidence recorded").sans_captures().attendu(
            "ecrire_ccc",
            &[],
            &["preuves_manquantes"],
        ),
        c("CCC asked 5 days ago: wait, follow-up at 15 days")
            .ev(e(T::Ccc, -5, R::EnAttente))
            .attendu("attendre_ccc", &[], &[])
            .relance(10)
            .etape("ccc"),
        c("CCC silent for 20 days, dedicated PAN: book the PAN (2°)")
            .pan(PanConnu::Dedie)
            .ev(e(T::Ccc, -20, R::EnAttente))
            .attendu("reserver_pan", &[], &[]),
        c("CCC did not help, no fact on the PAN: a PAN is presumed")
            .ev(e(T::Ccc, -2, R::SansAide))
            .attendu("reserver_pan", &[], &[])
            .mots(&["PAN présumé (général ou dédié, non vérifié)"]),
        c("CCC did not help, no PAN recorded: registered letter (3°, 2nd bullet)")
            .pan(PanConnu::Aucun)
            .ev(e(T::Ccc, -2, R::SansAide))
            .attendu("envoyer_recommande", &[], &[])
            .mots(&["recommandé avec accusé de réception"]),
        c("registered letter due, identity incomplete")
            .pan(PanConnu::Aucun)
            .sans_identite()
            .ev(e(T::Ccc, -2, R::RenvoiPrefecture))
            .attendu(
                "envoyer_recommande",
                &[],
                &["identite_incomplete_pour_lettre"],
            ),
        c("CCC attestation of impossibility: ask for the substitution directly")
            .ev(e(T::Ccc, -1, R::AttestationImpossibilite))
            .attendu("demander_substitution", &[], &[])
            .mots(&["constater l'impossibilité technique"]),
        c("CCC solved it, renewal, permit expired: file now, not close")
            .titre(-10)
            .ev(e(T::Ccc, -3, R::Resolu))
            .attendu(
                "deposer_renouvellement",
                &["saisir_avocat"],
                &["droits_rompus", TARDIF[0], TARDIF[1]],
            ),
        c("CCC solved it, naturalisation: record the filing, then close")
            .demarche(Demarche::Naturalisation)
            .ev(e(T::Ccc, -3, R::Resolu))
            .attendu("enregistrer_resultat", &[], &[]),
        c("PAN appointment requested 3 days ago: wait, follow-up at 15 days")
            .ev(e(T::Pan, -3, R::RdvDemande))
            .attendu("attendre_pan", &[], &[])
            .relance(12),
        c("PAN appointment requested 20 days ago, no answer: registered letter")
            .ev(e(T::Pan, -20, R::RdvDemande))
            .attendu("envoyer_recommande", &[], &[]),
        c("PAN appointment in 5 days: go")
            .ev(avec_echeance(e(T::Pan, -4, R::RdvObtenu), 5))
            .attendu("aller_pan", &[], &[]),
        c("PAN appointment past, nothing recorded: record its outcome")
            .ev(avec_echeance(e(T::Pan, -9, R::RdvObtenu), -2))
            .attendu("enregistrer_resultat", &[], &[]),
        c("PAN solved it, renewal, permit expired: file, not close")
            .titre(-5)
            .ev(e(T::Pan, -2, R::Resolu))
            .attendu(
                "deposer_renouvellement",
                &["saisir_avocat"],
                &["droits_rompus", TARDIF[0], TARDIF[1]],
            ),
        c("PAN proposes the substitution: deposit at the guichet (arrêté)")
            .ev(e(T::Pan, -1, R::SubstitutionProposee))
            .attendu("deposer_substitution", &[], &[])
            .mots(&["au guichet, sur rendez-vous individuel"]),
        c("PAN: no solution while the blocking persists: a lawyer (3° → 4°)")
            .ev(e(T::Pan, -1, R::AucuneSolution))
            .attendu("saisir_avocat", &[], &[]),
        c("PAN: no appointment available: registered letter")
            .ev(e(T::Pan, -1, R::RdvIndisponible))
            .attendu("envoyer_recommande", &[], &[]),
        c("PAN: none found: registered letter")
            .ev(e(T::Pan, -1, R::PasDePan))
            .attendu("envoyer_recommande", &[], &[]),
        c("substitution asked 10 days ago: wait, follow-up at 30 days")
            .ev(e(T::Ccc, -12, R::AttestationImpossibilite))
            .ev(e(T::Substitution, -10, R::Demandee))
            .attendu("attendre_substitution", &[], &[])
            .relance(20)
            .etape("substitution"),
        c("substitution asked 40 days ago, no answer: registered letter")
            .ev(e(T::Ccc, -42, R::AttestationImpossibilite))
            .ev(e(T::Substitution, -40, R::Demandee))
            .attendu("envoyer_recommande", &[], &[]),
        c("Gironde imposes the post, postal invitation recorded: follow it, say the guichet")
            .pref(ConnaissancePrefecture {
                postal_impose: true,
                ..gironde(PanConnu::Dedie)
            })
            .ev(avec_canal(
                e(T::Substitution, -1, R::Invitation),
                Some(Canal::Postal),
            ))
            .attendu(
                "deposer_substitution",
                &[],
                &["postal_impose_contraire_arrete"],
            )
            .mots(&["par voie postale", "peut demander le guichet"]),
        c("Gironde imposes the post, PAN proposes the substitution: the imposed mode")
            .pref(ConnaissancePrefecture {
                postal_impose: true,
                ..gironde(PanConnu::Dedie)
            })
            .ev(e(T::Pan, -1, R::SubstitutionProposee))
            .attendu(
                "deposer_substitution",
                &[],
                &["postal_impose_contraire_arrete"],
            )
            .mots(&["par voie postale", "imposé par la préfecture"]),
        c("Nord accepts the post: guichet, post at the person's request")
            .pref(nord(Some(true)))
            .ev(e(T::Pan, -1, R::SubstitutionProposee))
            .attendu("deposer_substitution", &[], &[])
            .mots(&["accepte aussi le dépôt par voie postale"]),
        c("deposit made 10 days ago: wait for the proof, 30 days")
            .ev(e(T::Substitution, -10, R::DepotEffectue))
            .attendu("attendre_substitution", &[], &[])
            .relance(20),
        c("deposit made 40 days ago, no proof: claim it")
            .ev(e(T::Substitution, -40, R::DepotEffectue))
            .attendu("reclamer_attestation_depot", &[], &[]),
        c("deposit 4 months ago, no proof, rights lapsed 91 days: lawyer and claim")
            .titre(-91)
            .ev(e(T::Substitution, -125, R::DepotEffectue))
            .attendu(
                "saisir_avocat",
                &["reclamer_attestation_depot"],
                &["droits_rompus", "silence_vaut_rejet"],
            ),
        c("proof of deposit received: resolved means filed, close")
            .ev(e(T::Substitution, -20, R::DepotEffectue))
            .ev(e(T::Substitution, -2, R::AttestationDepot))
            .attendu("cloturer", &[], &[]),
        c("substitution refused: a lawyer")
            .ev(e(T::Substitution, -2, R::Refus))
            .attendu("saisir_avocat", &[], &[]),
        c("registered letter sent 10 days ago: wait, follow-up at 30 days")
            .ev(e(T::Recommande, -10, R::Envoye))
            .attendu("attendre_recommande", &[], &[])
            .relance(20)
            .etape("recommande"),
        c("registered letter unanswered for 40 days: a lawyer (4°)")
            .ev(e(T::Recommande, -40, R::Envoye))
            .attendu("saisir_avocat", &[], &[]),
        c("a new CCC failure after a letter does not go back down the ladder")
            .ev(e(T::Recommande, -10, R::Envoye))
            .ev(e(T::Ccc, -2, R::SansAide))
            .attendu("attendre_recommande", &[], &[]),
    ]
}

fn remedies_and_closure() -> Vec<Cas> {
    vec![
        c("lawyer referred 5 days ago: follow, 30 days")
            .ev(e(T::Avocat, -5, R::Oriente))
            .attendu("suivre_recours", &[], &[])
            .relance(25)
            .etape("recours"),
        c("référé filed 11 months ago: the follow-up is overdue, not silent")
            .ev(e(T::Avocat, -330, R::RefereDepose))
            .attendu("suivre_recours", &[], &[])
            .relance(-300),
        c("favourable order 3 days ago: check it is carried out, 15 days")
            .ev(e(T::Avocat, -3, R::DecisionFavorable))
            .attendu("suivre_recours", &[], &[])
            .relance(12)
            .mots(&["vérifier que la préfecture l'exécute"]),
        c("Défenseur des droits seized: follow")
            .ev(e(T::DefenseurDroits, -10, R::Saisi))
            .attendu("suivre_recours", &[], &[])
            .relance(20),
        c("closed as resolved: nothing to do")
            .ev(e(T::Ccc, -20, R::SansAide))
            .ev(e(T::Cloture, -2, R::Resolu))
            .attendu("aucune", &[], &[])
            .etape("cloture"),
        c("a step after a closure reopens the file")
            .ev(e(T::Cloture, -20, R::Abandon))
            .ev(e(T::Ccc, -2, R::SansAide))
            .attendu("reserver_pan", &[], &[]),
        c("a follow-up with nothing new postpones the wait")
            .ev(e(T::Ccc, -20, R::EnAttente))
            .ev(avec_echeance(ev(T::Suivi, -2, None, None, None), 7))
            .attendu("attendre_ccc", &[], &[])
            .relance(7),
    ]
}

fn deadlines() -> Vec<Cas> {
    vec![
        c("permit lapses in 20 days, CCC just failed: PAN and letter the same day")
            .pan(PanConnu::Dedie)
            .titre(20)
            .ev(e(T::Ccc, 0, R::SansAide))
            .attendu(
                "reserver_pan",
                &["envoyer_recommande"],
                &["droits_menaces", TARDIF[0], TARDIF[1]],
            ),
        c("permit lapses in 10 days, CCC failed: PAN, letter and lawyer the same day")
            .pan(PanConnu::Dedie)
            .titre(10)
            .ev(e(T::Ccc, -1, R::SansAide))
            .attendu(
                "reserver_pan",
                &["envoyer_recommande", "saisir_avocat"],
                &["droits_menaces", TARDIF[0], TARDIF[1]],
            ),
        c("PAN requested, permit lapses in 4 days: the wait ends by the lapse")
            .titre(4)
            .ev(e(T::Pan, -1, R::RdvDemande))
            .attendu(
                "attendre_pan",
                &["envoyer_recommande", "saisir_avocat"],
                &["droits_menaces", TARDIF[0], TARDIF[1]],
            )
            .relance(4),
        c("CCC asked today, API lapses in 5 days: everything the same day")
            .api(5)
            .ev(e(T::Ccc, 0, R::EnAttente))
            .attendu(
                "attendre_ccc",
                &["reserver_pan", "envoyer_recommande", "saisir_avocat"],
                &["droits_menaces"],
            )
            .relance(5),
        c("rights lapsed, CCC failed: a lawyer first, PAN and letter the same day")
            .titre(-3)
            .ev(e(T::Ccc, -1, R::SansAide))
            .attendu(
                "saisir_avocat",
                &["reserver_pan", "envoyer_recommande"],
                &["droits_rompus", TARDIF[0], TARDIF[1]],
            ),
        c("rights lapsed, nothing recorded: lawyer and the whole ladder the same day")
            .titre(-30)
            .attendu(
                "saisir_avocat",
                &["ecrire_ccc", "reserver_pan", "envoyer_recommande"],
                &["droits_rompus", TARDIF[0], TARDIF[1]],
            ),
        c("rights lapsed, lawyer already seized: follow the remedy")
            .titre(-30)
            .ev(e(T::Avocat, -5, R::RefereDepose))
            .attendu(
                "suivre_recours",
                &[],
                &["droits_rompus", TARDIF[0], TARDIF[1]],
            ),
        c("permit expired but an API covers 60 days: filed, no late-renewal alert")
            .titre(-20)
            .api(60)
            .ev(e(T::Ccc, -1, R::SansAide))
            .attendu("reserver_pan", &[], &[]),
    ]
}

fn other_blockings() -> Vec<Cas> {
    vec![
        c("permit granted, no appointment to collect it: write to the préfecture's service")
            .blocage(Blocage::RdvRetraitTitre)
            .attendu("ecrire_prefecture", &[], &[])
            .mots(&["rendez-vous de remise du titre"]),
        c("collection: message sent 5 days ago, wait 15 days")
            .blocage(Blocage::RdvRetraitTitre)
            .ev(e(T::Prefecture, -5, R::Envoye))
            .attendu("attendre_prefecture", &[], &[])
            .relance(10),
        c("collection: message unanswered for 20 days: registered letter")
            .blocage(Blocage::RdvRetraitTitre)
            .ev(e(T::Prefecture, -20, R::Envoye))
            .attendu("envoyer_recommande", &[], &[]),
        c("collection: letter unanswered for 40 days: a lawyer")
            .blocage(Blocage::RdvRetraitTitre)
            .ev(e(T::Prefecture, -60, R::Envoye))
            .ev(e(T::Recommande, -40, R::Envoye))
            .attendu("saisir_avocat", &[], &[]),
        c("API not renewed, lapses in 10 days: service, letter and lawyer the same day")
            .blocage(Blocage::ApiNonRenouvelee)
            .api(10)
            .attendu(
                "ecrire_prefecture",
                &["envoyer_recommande", "saisir_avocat"],
                &["droits_menaces"],
            )
            .mots(&["R.431-15-1"]),
        c("API not renewed, new API delivered: obtained, close")
            .blocage(Blocage::ApiNonRenouvelee)
            .ev(e(T::Prefecture, -20, R::Envoye))
            .ev(avec_echeance(ev(T::ApiDelivree, -2, None, None, None), 180))
            .attendu("cloturer", &[], &[]),
        c("no news for 5 months: write to the service; silence is a rejection")
            .blocage(Blocage::SansNouvelles)
            .ouvert(-150)
            .attendu("ecrire_prefecture", &[], &["silence_vaut_rejet"]),
        c("change of address: the CCC first")
            .blocage(Blocage::ChangementAdresse)
            .attendu("ecrire_ccc", &[], &[]),
        c("change of address, CCC did not help: the préfecture's service")
            .blocage(Blocage::ChangementAdresse)
            .ev(e(T::Ccc, -2, R::SansAide))
            .attendu("ecrire_prefecture", &[], &[])
            .mots(&["changement d'adresse"]),
        c("another blocking: the CCC first")
            .blocage(Blocage::Autre)
            .attendu("ecrire_ccc", &[], &[]),
    ]
}

fn renewal_only() -> Vec<Cas> {
    vec![
        c("naturalisation, permit lapses in 30 days: no window, no fee, no API rule")
            .demarche(Demarche::Naturalisation)
            .pan(PanConnu::Dedie)
            .titre(30)
            .ev(e(T::Ccc, -1, R::SansAide))
            .attendu("reserver_pan", &["envoyer_recommande"], &["droits_menaces"]),
        c("duplicata, permit lapses in 45 days: no renewal rule")
            .demarche(Demarche::Duplicata)
            .titre(45)
            .attendu("ecrire_ccc", &[], &[]),
        c("renewal, permit lapses in 45 days: window closed, fee and API loss said")
            .titre(45)
            .attendu("ecrire_ccc", &[], &TARDIF),
        c("renewal, permit lapses in 90 days: window open, nothing to warn")
            .titre(90)
            .attendu("ecrire_ccc", &[], &[]),
    ]
}

#[test]
fn every_situation_of_the_review_and_of_the_seed() {
    let regles = Regles::default();
    let table: Vec<Cas> = [
        filing_ladder(),
        remedies_and_closure(),
        deadlines(),
        other_blockings(),
        renewal_only(),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(table.len() >= 40, "{} situations", table.len());
    let mut echecs = Vec::new();
    for cas in &table {
        let ev = cas.evaluer(&regles);
        let action = ev.prochaine.genre.code();
        let paralleles: Vec<&str> = ev.prochaine.paralleles.iter().map(|a| a.code()).collect();
        let mut alertes: Vec<&str> = ev.alertes.iter().filter_map(|a| a.code()).collect();
        alertes.sort_unstable();
        let mut attendues = cas.alertes.to_vec();
        attendues.sort_unstable();
        let raison = vigie::textes::moteur::raison(&ev.prochaine);
        let mut faux = Vec::new();
        if action != cas.action {
            faux.push(format!("action {action} ≠ {}", cas.action));
        }
        if paralleles != cas.paralleles {
            faux.push(format!("parallèles {paralleles:?} ≠ {:?}", cas.paralleles));
        }
        if alertes != attendues {
            faux.push(format!("alertes {alertes:?} ≠ {attendues:?}"));
        }
        if let Some(n) = cas.relance
            && ev.relance() != Some(j(n))
        {
            faux.push(format!("relance {:?} ≠ {}", ev.relance(), j(n)));
        }
        if let Some(e) = cas.etape
            && ev.etape.code() != e
        {
            faux.push(format!("étape {} ≠ {e}", ev.etape.code()));
        }
        for m in cas.mots {
            if !raison.contains(m) {
                faux.push(format!("« {m} » absent de « {raison} »"));
            }
        }
        if !faux.is_empty() {
            echecs.push(format!("{}: {}", cas.nom, faux.join(" ; ")));
        }
    }
    assert!(echecs.is_empty(), "\n{}", echecs.join("\n"));
}

/// Every reason is French that names what it rests on: the event's date or the rule, and the
/// step's legal basis; a same-day plan says so in words.
#[test]
fn every_reason_names_its_date_and_its_basis() {
    let regles = Regles::default();
    for cas in [
        filing_ladder(),
        remedies_and_closure(),
        deadlines(),
        other_blockings(),
        renewal_only(),
    ]
    .into_iter()
    .flatten()
    {
        let ev = cas.evaluer(&regles);
        let raison = vigie::textes::moteur::raison(&ev.prochaine);
        if std::env::var_os("VIGIE_VOIR_RAISONS").is_some() {
            eprintln!("{}\n  {raison}", cas.nom);
        }
        assert!(raison.starts_with("Prochaine étape : "), "{raison}");
        let a_une_date = raison.chars().filter(|c| *c == '/').count() >= 2;
        let premiere =
            matches!(cas.action, "ecrire_ccc" | "ecrire_prefecture") && cas.evenements.is_empty();
        assert!(
            a_une_date || premiere,
            "{}: no date in « {raison} »",
            cas.nom
        );
        if ev.prochaine.genre.code() != "aucune" && ev.prochaine.base.is_some() {
            assert!(raison.contains("base : "), "{raison}");
        }
        assert_eq!(
            !ev.prochaine.paralleles.is_empty(),
            raison.contains("le même jour"),
            "{raison}"
        );
    }
}
