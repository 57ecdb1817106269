//! The command line: argument definitions (the contract scripts rely on) and dispatch.
//! Each command lives in its own file; all print French and exit non-zero on error.

mod aujourdhui;
mod donnees;
mod federation;
mod lettres;
mod phrase;
mod prefecture;
mod protection;
mod regles;
mod restauration;
mod sortie;
mod stats;

use crate::config;
use crate::store::{Ouverture, Store};
use crate::textes::cli as t;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// vigie : suivi des personnes bloquées par l'ANEF.
#[derive(Debug, Parser)]
#[command(
    name = "vigie",
    version,
    about,
    long_about = None,
    help_template = crate::textes::cli::MODELE_AIDE,
    subcommand_help_heading = "Commandes",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Affiche l'aide.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    pub aide: Option<bool>,
    /// Affiche la version.
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
    /// Fichier de la base (sinon VIGIE_DB, sinon le dossier de données de l'utilisateur).
    #[arg(long, global = true, value_name = "CHEMIN")]
    pub db: Option<PathBuf>,
    /// Crée ou ouvre une base NON chiffrée (démonstrations, tests).
    #[arg(long, global = true)]
    pub sans_chiffrement: bool,
    /// Nom du bénévole qui saisit (sinon VIGIE_BENEVOLE, sinon demandé une fois).
    #[arg(long, global = true, value_name = "NOM")]
    pub benevole: Option<String>,
    #[command(subcommand)]
    pub commande: Option<Commande>,
}

#[derive(Debug, Subcommand)]
pub enum Commande {
    /// Remplit la base avec des personnes fictives réalistes.
    Demo(DemoArgs),
    /// La liste du jour en texte simple (lecteurs d'écran, scripts).
    Aujourdhui(AujourdhuiArgs),
    /// Importe personnes.csv et/ou evenements.csv, ou le tableur de la permanence (tout ou rien).
    Import(ImportArgs),
    /// Exporte les données complètes ou les statistiques anonymisées.
    #[command(subcommand)]
    Export(ExportCommande),
    /// Fiche d'une préfecture (numéro ou nom), et partage des corrections locales.
    Prefecture(PrefectureArgs),
    /// Fédération : ses clés, et la somme des contributions des permanences.
    #[command(subcommand)]
    Federation(FederationCommande),
    /// Affiche les règles de délais en vigueur et leurs sources.
    Regles,
    /// Lettre à la préfecture selon le blocage (recommandée, relance), message au CCC,
    /// saisine du Défenseur des droits ou chronologie ; texte ou PDF.
    Lettre(LettreArgs),
    /// Chronologie de toutes les démarches, pour un avocat ou le Défenseur des droits
    /// (raccourci de « vigie lettre REF --modele chronologie »).
    Chronologie(DocumentArgs),
    /// Droits d'une personne : exporter ses données (accès) ou les effacer.
    #[command(subcommand)]
    Personne(PersonneCommande),
    /// Anonymise les dossiers clos dont le dernier événement précède une date.
    Purger(PurgerArgs),
    /// Copie cohérente de la base, chiffrée avec la même phrase secrète.
    Sauvegarde(SauvegardeArgs),
    /// Remet une sauvegarde à la place de la base (l'actuelle est gardée de côté).
    Restaurer(RestaurerArgs),
    /// Change la phrase secrète de la base (nouvelle phrase : VIGIE_NOUVELLE_PHRASE ou saisie).
    ChangerPhrase,
}

#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// Référence du dossier de la personne.
    #[arg(value_name = "RÉFÉRENCE")]
    pub reference: String,
    /// Fichier à écrire (sinon la sortie standard).
    #[arg(long, value_name = "FICHIER")]
    pub sortie: Option<PathBuf>,
    /// Écrit aussi le PDF (A4) à côté du texte (avec --sortie).
    #[arg(long)]
    pub pdf: bool,
    /// Chronologie : ajoute les notes de chaque démarche.
    #[arg(long)]
    pub avec_notes: bool,
}

#[derive(Debug, Args)]
pub struct LettreArgs {
    #[command(flatten)]
    pub document: DocumentArgs,
    /// recommande (par défaut : selon le blocage), relance, ccc, defenseur, chronologie.
    #[arg(long, value_name = "MODÈLE", default_value = "recommande")]
    pub modele: String,
}

#[derive(Debug, Subcommand)]
pub enum PersonneCommande {
    /// Écrit les données d'une personne (CSV et chronologie) dans un dossier.
    Exporter(PersonneExporterArgs),
    /// Efface définitivement une personne et ses événements.
    Effacer(PersonneEffacerArgs),
}

#[derive(Debug, Args)]
pub struct PersonneExporterArgs {
    /// Référence du dossier de la personne.
    #[arg(value_name = "RÉFÉRENCE")]
    pub reference: String,
    /// Dossier où écrire personnes.csv, evenements.csv et chronologie.txt.
    #[arg(long, value_name = "DOSSIER")]
    pub dossier: PathBuf,
}

#[derive(Debug, Args)]
pub struct PersonneEffacerArgs {
    /// Référence du dossier de la personne.
    #[arg(value_name = "RÉFÉRENCE")]
    pub reference: String,
    /// Ne demande pas de confirmation (scripts).
    #[arg(long)]
    pub oui: bool,
}

#[derive(Debug, Args)]
pub struct PurgerArgs {
    /// Anonymise les dossiers clos dont le dernier événement est antérieur à cette date
    /// (AAAA-MM-JJ ou JJ/MM/AAAA).
    #[arg(long, value_name = "DATE")]
    pub avant: String,
    /// Ne demande pas de confirmation (scripts).
    #[arg(long)]
    pub oui: bool,
}

#[derive(Debug, Args)]
pub struct SauvegardeArgs {
    /// Fichier de la copie (jamais écrasé s'il existe).
    #[arg(long, value_name = "FICHIER")]
    pub sortie: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestaurerArgs {
    /// Fichier de la sauvegarde (écrit par vigie sauvegarde).
    #[arg(value_name = "FICHIER")]
    pub fichier: PathBuf,
    /// Ne demande pas de confirmation (scripts).
    #[arg(long)]
    pub oui: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Nombre de personnes à créer (300 par défaut).
    #[arg(
        long,
        default_value_t = 300,
        hide_default_value = true,
        value_name = "N"
    )]
    pub personnes: u32,
    /// Graine du générateur : même graine, mêmes données (1 par défaut).
    #[arg(long, default_value_t = 1, hide_default_value = true, value_name = "S")]
    pub graine: u64,
}

#[derive(Debug, Args)]
pub struct AujourdhuiArgs {
    /// Liste toutes les personnes suivies, pas seulement celles du jour.
    #[arg(long)]
    pub tous: bool,
    /// Format : texte (par défaut) ou csv (codes pour les scripts, sans nom).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Fichier des personnes (format personnes.csv).
    #[arg(long, value_name = "FICHIER")]
    pub personnes: Option<PathBuf>,
    /// Fichier des événements (format evenements.csv).
    #[arg(long, value_name = "FICHIER")]
    pub evenements: Option<PathBuf>,
    /// Ignore les personnes dont la référence est déjà dans la base.
    #[arg(long)]
    pub ignorer_existants: bool,
    /// Le tableur de la permanence (.xlsx, .ods ou CSV), lu tel quel.
    #[arg(long, value_name = "FICHIER")]
    pub tableur: Option<PathBuf>,
    /// La feuille du classeur à lire (la première sinon).
    #[arg(long, value_name = "NOM")]
    pub feuille: Option<String>,
    /// Rejoue une recette (correspondance des colonnes et des valeurs) écrite auparavant.
    #[arg(long, value_name = "RECETTE")]
    pub recette: Option<PathBuf>,
    /// Écrit la correspondance utilisée dans une recette à relire et rejouer.
    #[arg(long, value_name = "RECETTE")]
    pub ecrire_recette: Option<PathBuf>,
    /// Vérifie tout et n'écrit rien dans la base.
    #[arg(long)]
    pub essai: bool,
    /// Écrit un tableur vide (en-têtes et une ligne d'exemple), .xlsx ou .csv.
    #[arg(long, value_name = "FICHIER")]
    pub modele: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommande {
    /// Toutes les données (personnes.csv et evenements.csv) : contient des données personnelles.
    Donnees(ExportDonneesArgs),
    /// Statistiques anonymisées d'une période.
    Stats(ExportStatsArgs),
    /// Contribution d'un mois pour la fédération (comptes exacts, chiffrés pour elle).
    Contribution(ExportContributionArgs),
}

#[derive(Debug, Args)]
pub struct ExportContributionArgs {
    /// Le mois, par exemple 2026-11.
    #[arg(long, value_name = "AAAA-MM")]
    pub mois: String,
    /// Clé publique de la fédération (age1…, son fichier federation.pub).
    #[arg(long, value_name = "CLÉ")]
    pub destinataire: String,
    /// Nom de la permanence (le même chaque mois).
    #[arg(long, value_name = "NOM")]
    pub poste: String,
    /// Fichier à écrire (sinon la sortie standard).
    #[arg(long, value_name = "FICHIER")]
    pub sortie: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum FederationCommande {
    /// Crée la paire de clés de la fédération dans un dossier.
    Cles {
        /// Dossier où écrire federation.cle (privée) et federation.pub (publique).
        #[arg(long, value_name = "DOSSIER")]
        dossier: PathBuf,
    },
    /// Additionne les contributions d'un mois et écrit le tableau des statistiques.
    Agreger(AgregerArgs),
}

#[derive(Debug, Args)]
pub struct AgregerArgs {
    /// Clé privée de la fédération (federation.cle).
    #[arg(long, value_name = "FICHIER")]
    pub cle: PathBuf,
    /// Les contributions reçues des permanences.
    #[arg(value_name = "CONTRIBUTION", required = true)]
    pub fichiers: Vec<PathBuf>,
    /// Ajoute un bloc par département.
    #[arg(long)]
    pub par_departement: bool,
    /// Seuil de secret statistique (5 par défaut, au moins 3).
    #[arg(long, default_value_t = 5, hide_default_value = true, value_name = "K")]
    pub seuil: u32,
    /// Fichier de sortie (sinon la sortie standard).
    #[arg(long, value_name = "FICHIER")]
    pub sortie: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportDonneesArgs {
    /// Dossier où écrire personnes.csv et evenements.csv.
    #[arg(long, value_name = "DOSSIER")]
    pub dossier: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportStatsArgs {
    /// Premier jour de la période (le premier d'un mois), AAAA-MM-JJ ou JJ/MM/AAAA ; avec --au.
    #[arg(long, value_name = "DATE")]
    pub du: Option<String>,
    /// Dernier jour de la période (le dernier d'un mois), AAAA-MM-JJ ou JJ/MM/AAAA.
    #[arg(long, value_name = "DATE")]
    pub au: Option<String>,
    /// Un mois entier, par exemple 2026-11.
    #[arg(long, value_name = "AAAA-MM", conflicts_with_all = ["du", "au", "annee", "trimestre"])]
    pub mois: Option<String>,
    /// Un trimestre entier, par exemple 2026-T4.
    #[arg(long, value_name = "AAAA-TN", conflicts_with_all = ["du", "au", "annee", "mois"])]
    pub trimestre: Option<String>,
    /// Une année entière, par exemple 2026.
    #[arg(long, value_name = "AAAA", conflicts_with_all = ["du", "au", "mois", "trimestre"])]
    pub annee: Option<String>,
    /// Ajoute un bloc par département.
    #[arg(long)]
    pub par_departement: bool,
    /// Seuil de secret statistique : cases de moins de K personnes masquées (5 par défaut,
    /// au moins 3).
    #[arg(
        long,
        default_value_t = 5,
        hide_default_value = true,
        value_name = "K",
        allow_negative_numbers = true
    )]
    pub seuil: u32,
    /// Fichier de sortie (sinon la sortie standard).
    #[arg(long, value_name = "FICHIER")]
    pub sortie: Option<PathBuf>,
    /// Format : csv (par défaut) ou excel-fr (point-virgule, virgule décimale, BOM).
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "csv",
        hide_default_value = true
    )]
    pub format: String,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PrefectureArgs {
    #[command(subcommand)]
    pub action: Option<PrefectureAction>,
    /// Numéro (33, 2a, 971) ou nom (gironde, réunion) de la préfecture.
    #[arg(value_name = "REQUÊTE")]
    pub requete: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum PrefectureAction {
    /// Écrit les corrections locales dans un fichier à partager.
    ExporterCorrections {
        /// Fichier CSV à écrire (departement,champ,valeur,verifie_le,source,auteur,saisi_le).
        #[arg(value_name = "FICHIER")]
        fichier: PathBuf,
    },
    /// Intègre les corrections d'un autre poste.
    ImporterCorrections {
        /// Fichier CSV reçu d'un autre poste (format d'exporter-corrections).
        #[arg(value_name = "FICHIER")]
        fichier: PathBuf,
    },
    /// Corrige ou complète localement la fiche d'une préfecture.
    Corriger {
        /// Numéro ou nom du département (33, 2a, gironde).
        #[arg(value_name = "DÉPARTEMENT")]
        departement: String,
        /// pan, pan_reservation, guichet, postal, courriel, postal_impose, adresse,
        /// telephone, courriel_contact, site ou note.
        #[arg(long, value_name = "CHAMP")]
        champ: String,
        /// pan : dedie, general, aucun, inconnu ; guichet, postal, courriel : oui, non,
        /// inconnu ; postal_impose : oui, non ; les autres champs : texte libre.
        #[arg(long, value_name = "TEXTE")]
        valeur: String,
        /// Date à laquelle le fait a été vérifié (par défaut : aujourd'hui).
        #[arg(long, value_name = "DATE")]
        verifie_le: Option<String>,
        /// D'où vient l'information (adresse d'une page, appel au standard…).
        #[arg(long, value_name = "TEXTE")]
        source: Option<String>,
    },
}

/// A failed command: its French message and exit code.
#[derive(Debug)]
pub struct ErreurCli {
    pub message: String,
    pub code: u8,
}

impl ErreurCli {
    pub fn new(message: impl Into<String>) -> Self {
        ErreurCli {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<String> for ErreurCli {
    fn from(message: String) -> Self {
        ErreurCli::new(message)
    }
}

impl From<crate::store::ErreurStore> for ErreurCli {
    fn from(e: crate::store::ErreurStore) -> Self {
        ErreurCli::new(e.to_string())
    }
}

/// The typed errors of the services, worded by `textes`.
macro_rules! erreur_cli_depuis {
    ($($t:ty),*) => {$(
        impl From<$t> for ErreurCli {
            fn from(e: $t) -> Self {
                ErreurCli::new(e.to_string())
            }
        }
    )*};
}

erreur_cli_depuis!(
    crate::prefectures::RepertoireIllisible,
    crate::prefectures::corrections::ErreurEchange,
    crate::prefectures::corrections::ErreurSaisie
);

/// What every command needs to reach the database.
pub struct Contexte {
    pub db: PathBuf,
    pub sans_chiffrement: bool,
    pub benevole: Option<String>,
}

impl Contexte {
    /// Opens the database. `ecriture`: the command writes, so the volunteer must be known
    /// (and the database is created if needed); a reading command never creates one.
    pub fn ouvrir(&self, ecriture: bool) -> Result<Store, ErreurCli> {
        if self.db.is_dir() || (!ecriture && !Store::existe(&self.db)) {
            return Err(ErreurCli::new(t::base_absente(&self.db)));
        }
        // An empty file is no base: a reading command leaves it as it is (keying it and
        // writing a schema would be a write).
        if !ecriture && std::fs::metadata(&self.db).is_ok_and(|m| m.len() == 0) {
            return Err(ErreurCli::new(t::base_vide(&self.db)));
        }
        let benevole = if ecriture {
            config::benevole(self.benevole.clone())?
        } else {
            self.benevole.clone().unwrap_or_default()
        };
        let phrase = if self.sans_chiffrement {
            None
        } else {
            // Moved, not copied, into the opening parameters (which wipe it when dropped).
            let mut p = config::phrase_secrete(!Store::existe(&self.db))?;
            Some(std::mem::take(&mut *p))
        };
        Ok(Store::ouvrir(&Ouverture {
            chemin: self.db.clone(),
            phrase,
            sans_chiffrement: self.sans_chiffrement,
            benevole,
        })?)
    }
}

/// Entry point of the binary.
pub fn principal() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let commande = en_francais(Cli::command());
    let cli = match commande
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with success; usage errors exit 2, in French.
            if !e.use_stderr() {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("{} {}", t::PREFIXE_ERREUR, t::erreur_arguments(&e));
            return ExitCode::from(2);
        }
    };
    let ctx = Contexte {
        db: config::chemin_base(cli.db.clone()),
        sans_chiffrement: cli.sans_chiffrement,
        benevole: cli.benevole.clone(),
    };
    match executer(cli.commande, &ctx) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // An error may quote a file's cell or a stored value: never raw to the terminal.
            let message = crate::textes::visible(&e.message);
            eprintln!("{} {message}", t::PREFIXE_ERREUR);
            ExitCode::from(e.code)
        }
    }
}

/// Applies the French help layout to every subcommand (clap's defaults are English).
fn en_francais(c: clap::Command) -> clap::Command {
    c.help_template(t::MODELE_AIDE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .mut_subcommands(en_francais)
}

fn executer(commande: Option<Commande>, ctx: &Contexte) -> Result<(), ErreurCli> {
    match commande {
        None => {
            let store = ctx.ouvrir(true)?;
            let aujourdhui = config::aujourdhui()?;
            crate::tui::lancer(store, aujourdhui).map_err(ErreurCli::new)
        }
        Some(Commande::Demo(a)) => donnees::demo(&a, ctx),
        Some(Commande::Aujourdhui(args)) => aujourdhui::executer(&args, ctx),
        Some(Commande::Import(a)) => donnees::import(&a, ctx),
        Some(Commande::Export(ExportCommande::Donnees(a))) => donnees::export_donnees(&a, ctx),
        Some(Commande::Export(ExportCommande::Stats(a))) => stats::executer(a, ctx),
        Some(Commande::Export(ExportCommande::Contribution(a))) => {
            federation::contribution(&a, ctx)
        }
        Some(Commande::Federation(FederationCommande::Cles { dossier })) => {
            federation::cles(&dossier)
        }
        Some(Commande::Federation(FederationCommande::Agreger(a))) => federation::agreger(&a),
        Some(Commande::Prefecture(args)) => prefecture::executer(args, ctx),
        Some(Commande::Regles) => regles::executer(),
        Some(Commande::Lettre(a)) => lettres::lettre(&a, ctx),
        Some(Commande::Chronologie(a)) => lettres::chronologie(&a, ctx),
        Some(Commande::Personne(PersonneCommande::Exporter(a))) => protection::exporter(&a, ctx),
        Some(Commande::Personne(PersonneCommande::Effacer(a))) => protection::effacer(&a, ctx),
        Some(Commande::Purger(a)) => protection::purger(&a, ctx),
        Some(Commande::Sauvegarde(a)) => protection::sauvegarde(&a, ctx),
        Some(Commande::Restaurer(a)) => restauration::restaurer(&a, ctx),
        Some(Commande::ChangerPhrase) => phrase::changer(ctx),
    }
}
