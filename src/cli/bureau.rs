//! The desk day without the full-screen interface (screen readers, scripts):
//! `vigie chercher TEXTE` (the TUI's search, one line per match), `vigie noter REF TYPE …`
//! (one event, checked as the event form checks it, signed by the volunteer, then the new
//! next step) and `vigie fiche REF` (the person's file as plain lines).

use super::{Contexte, ErreurCli};
use crate::domain::{
    Canal, ChampEvenement, ErreurValeur, Evenement, GenreTexte, Resultat, TypeEvenement,
    parse_date, parse_date_opt, parse_entier_opt, verifier_texte,
};
use crate::store::Store;
use crate::textes::bureau as t;
use crate::textes::erreur_valeur;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;

/// At most this many matches are printed.
const LIMITE_CHERCHER: usize = 200;

#[derive(Debug, Args)]
pub struct ChercherArgs {
    /// Nom et prénom (dans n'importe quel ordre), référence ou téléphone.
    #[arg(value_name = "TEXTE", required = true, num_args = 1..)]
    pub texte: Vec<String>,
}

#[derive(Debug, Args)]
pub struct FicheArgs {
    /// Référence du dossier de la personne.
    #[arg(value_name = "RÉFÉRENCE")]
    pub reference: String,
}

#[derive(Debug, Args)]
pub struct NoterArgs {
    /// Référence du dossier de la personne.
    #[arg(value_name = "RÉFÉRENCE")]
    pub reference: String,
    /// visite, ccc, pan, substitution, prefecture, recommande, avocat, defenseur_droits,
    /// api_delivree, suivi ou cloture.
    #[arg(value_name = "TYPE")]
    pub type_evenement: String,
    /// Date de l'événement (par défaut : aujourd'hui).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Canal (formulaire, telephone, guichet, postal, courriel ; un CCC sans canal : formulaire,
    /// comme dans le formulaire de saisie).
    #[arg(long, value_name = "CANAL")]
    pub canal: Option<String>,
    /// Résultat (code de docs/fichiers.md §2).
    #[arg(long, value_name = "RÉSULTAT")]
    pub resultat: Option<String>,
    /// Relance, rendez-vous, fin d'API ou prochain suivi.
    #[arg(long, value_name = "DATE")]
    pub echeance: Option<String>,
    /// Numéro de ticket, d'AR ou de requête.
    #[arg(long, value_name = "NUMÉRO")]
    pub ticket: Option<String>,
    /// Attente au téléphone, en minutes (CCC par téléphone).
    #[arg(long, value_name = "MINUTES")]
    pub attente: Option<String>,
    /// Notes libres.
    #[arg(long, value_name = "TEXTE")]
    pub notes: Option<String>,
}

fn imprimer(lignes: impl IntoIterator<Item = String>) -> Result<(), ErreurCli> {
    let sortie = std::io::stdout();
    let mut sortie = std::io::BufWriter::new(sortie.lock());
    let ecrire = || -> std::io::Result<()> {
        for l in lignes {
            writeln!(sortie, "{l}")?;
        }
        sortie.flush()
    };
    match ecrire() {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error for a script.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(ErreurCli::new(crate::textes::moteur::ecriture_impossible(
            &e,
        ))),
    }
}

pub fn chercher(a: &ChercherArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let requete = a.texte.join(" ");
    let store = ctx.ouvrir(false)?;
    let trouvees = store.chercher(&requete, LIMITE_CHERCHER + 1)?;
    if trouvees.is_empty() {
        return imprimer([t::aucune_personne(&requete)]);
    }
    let plus = trouvees.len() > LIMITE_CHERCHER;
    let mut lignes: Vec<String> = trouvees
        .iter()
        .take(LIMITE_CHERCHER)
        .map(t::ligne_trouvee)
        .collect();
    if plus {
        lignes.push(t::et_plus(LIMITE_CHERCHER));
    }
    imprimer(lignes)
}

fn personne(store: &Store, reference: &str) -> Result<crate::domain::Personne, ErreurCli> {
    store
        .personne_par_reference(reference.trim())?
        .ok_or_else(|| ErreurCli::new(t::reference_inconnue(reference)))
}

pub fn fiche(a: &FicheArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let aujourdhui = crate::config::aujourdhui()?;
    let (regles, avertissements) = crate::config::charger_regles();
    for a in &avertissements {
        eprintln!("{a}");
    }
    let store = ctx.ouvrir(false)?;
    let lignes = store.lire(|| -> Result<Vec<String>, ErreurCli> {
        let p = personne(&store, &a.reference)?;
        let id = p.id.unwrap_or_default();
        let evenements = store.evenements(id)?;
        let ev = crate::jour::evaluer_personne(&store, &regles, &p, aujourdhui)?;
        let trace = store.trace(id)?;
        Ok(t::fiche(&p, &evenements, &ev, trace.as_ref()))
    })?;
    imprimer(lignes)
}

/// The `--canal` and `--resultat` codes; an unknown one lists what this type admits (not
/// every code of the contract).
/// The two codes, each parsed or refused.
type CodesOptions = (
    Result<Option<Canal>, crate::domain::ErreurValeur>,
    Result<Option<Resultat>, crate::domain::ErreurValeur>,
);

fn codes_des_options(
    a: &NoterArgs,
    ty: &Result<TypeEvenement, crate::domain::ErreurValeur>,
) -> CodesOptions {
    use crate::domain::ErreurValeur;
    let admis = |e: ErreurValeur, codes: Vec<&'static str>| match e {
        ErreurValeur::CodeInconnu { .. } if !codes.is_empty() => ErreurValeur::CodeInconnu {
            attendus: codes.join(", "),
        },
        e => e,
    };
    let ty = ty.as_ref().ok();
    let canal = a
        .canal
        .as_deref()
        .map(|c| {
            Canal::depuis_code(c.trim()).map_err(|e| {
                let codes = ty.map_or(Vec::new(), |t| {
                    t.canaux().iter().map(|c| c.code()).collect()
                });
                admis(e, codes)
            })
        })
        .transpose();
    let resultat = a
        .resultat
        .as_deref()
        .map(|r| {
            Resultat::depuis_code(r.trim()).map_err(|e| {
                let codes = ty.map_or(Vec::new(), |t| {
                    t.resultats().iter().map(|r| r.code()).collect()
                });
                admis(e, codes)
            })
        })
        .transpose();
    (canal, resultat)
}

/// The event described by the options, checked as the event form checks it; every refusal
/// is returned, named by its option.
pub fn evenement_des_options(
    a: &NoterArgs,
    aujourdhui: NaiveDate,
) -> Result<Evenement, Vec<String>> {
    let mut erreurs = Vec::new();
    let mut refuser =
        |option: &str, message: String| erreurs.push(t::option_refusee(option, &message));
    let ty = TypeEvenement::depuis_code(a.type_evenement.trim());
    // `28/11` means this year, as in the forms.
    let annee = |s: &str| crate::tui::formulaire::avec_annee(s, aujourdhui);
    let date = a
        .date
        .as_deref()
        .map_or(Ok(aujourdhui), |d| parse_date(&annee(d)));
    let (canal, resultat) = codes_des_options(a, &ty);
    let echeance = parse_date_opt(&annee(a.echeance.as_deref().unwrap_or("")));
    let attente = parse_entier_opt(a.attente.as_deref().unwrap_or(""));
    let verifier = |option: &str, v: &Option<String>, genre| {
        v.as_deref()
            .map(|s| verifier_texte(s, genre))
            .transpose()
            .map_err(|e| (option.to_string(), e))
    };
    let textes = [
        verifier("ticket", &a.ticket, GenreTexte::Ligne),
        verifier("notes", &a.notes, GenreTexte::Notes),
    ];
    if let Err(e) = &ty {
        refuser("type", erreur_valeur(e));
    }
    match &date {
        Err(e) => refuser("date", erreur_valeur(e)),
        Ok(d) if *d > aujourdhui => refuser(
            "date",
            crate::textes::tui::date_evenement_future(&crate::textes::date_fr(aujourdhui)),
        ),
        Ok(_) => {}
    }
    for (option, r) in [
        ("canal", canal.as_ref().err()),
        ("resultat", resultat.as_ref().err()),
    ] {
        if let Some(e) = r {
            refuser(option, erreur_valeur(e));
        }
    }
    for (option, r) in [
        ("echeance", echeance.as_ref().err()),
        ("attente", attente.as_ref().err()),
    ] {
        if let Some(e) = r {
            refuser(option, erreur_valeur(e));
        }
    }
    for r in &textes {
        if let Err((option, e)) = r {
            refuser(option, erreur_valeur(e));
        }
    }
    let Ok(ty) = ty else {
        return Err(erreurs);
    };
    // The per-type rules are checked even when another option was refused, so that every
    // mistake is said at once; an option already refused is not blamed twice.
    let refusees = (
        canal.is_err(),
        resultat.is_err(),
        echeance.is_err(),
        attente.is_err(),
    );
    let mut e = Evenement::nouveau(ty, *date.as_ref().unwrap_or(&aujourdhui));
    // The event form's default: a CCC by the contact form, the written trace desks prefer.
    let canal = canal.unwrap_or(None);
    e.canal = canal.or((ty == TypeEvenement::Ccc).then_some(Canal::Formulaire));
    e.resultat = resultat.unwrap_or(None);
    e.echeance = echeance.unwrap_or(None);
    e.ticket = a
        .ticket
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    e.attente_minutes = attente.unwrap_or(None);
    e.notes = a
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    for (champ, err) in e.valider() {
        let (option, deja) = match champ {
            ChampEvenement::Canal => ("canal", refusees.0),
            ChampEvenement::Resultat => ("resultat", refusees.1),
            ChampEvenement::Echeance => ("echeance", refusees.2),
            ChampEvenement::AttenteMinutes => ("attente", refusees.3),
        };
        if deja {
            continue;
        }
        let message = match err {
            ErreurValeur::RequisPourType { .. } => crate::textes::tui::REQUIS.to_string(),
            autre => erreur_valeur(&autre),
        };
        refuser(option, message);
    }
    if erreurs.is_empty() {
        Ok(e)
    } else {
        Err(erreurs)
    }
}

pub fn noter(a: &NoterArgs, ctx: &Contexte) -> Result<(), ErreurCli> {
    let aujourdhui = crate::config::aujourdhui()?;
    let (regles, avertissements) = crate::config::charger_regles();
    for a in &avertissements {
        eprintln!("{a}");
    }
    // Checked before the base is opened (or its phrase asked): a refusal writes nothing.
    let e = evenement_des_options(a, aujourdhui)
        .map_err(|erreurs| ErreurCli::new(t::rien_enregistre(&erreurs)))?;
    if !Store::existe(&ctx.db) {
        return Err(ErreurCli::new(crate::textes::cli::base_absente(&ctx.db)));
    }
    let mut store = ctx.ouvrir(true)?;
    let p = personne(&store, &a.reference)?;
    let id = p.id.unwrap_or_default();
    store.ajouter_evenement(id, &e)?;
    let ev = crate::jour::evaluer_personne(&store, &regles, &p, aujourdhui)?;
    imprimer([
        t::evenement_note(&e, &p, store.benevole()),
        t::prochaine(&ev),
    ])
}
