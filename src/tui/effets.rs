//! The one effect executor: the only place of the interface with the store or a file path.
//! The update (`App::mettre_a_jour`, the panels' `action`) returns effects; `executer` runs
//! them (one short transaction each) and brings the results back into the state (a panel's
//! through `Panneau::recevoir`).

use super::app::{
    App, Confirmation, DonneesFiche, Ecran, EtatApercu, EtatConflit, EtatFiche, Perte,
    classer_resultats,
};
use super::clavier::Document;
use super::formulaire::FormPersonne;
use super::{Panneau, Reponse};
use crate::domain::regles::Regles;
use crate::domain::{Departement, Evenement, Personne};
use crate::prefectures::Fiche;
use crate::prefectures::corrections::{self, Correction, NouvelleCorrection};
use crate::stats::{Periode, Tableau};
use crate::store::{ErreurStore, Store};
use crate::textes::tui as t;
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;

mod liste;
mod panneaux;
use panneaux::lecture;
pub use panneaux::{EffetPanneau, ResultatPanneau, executer_panneau, piloter};

/// What the update asks the outside world to do.
#[derive(Debug)]
pub enum Effet {
    Recharger,
    /// Compute the next slice of the list being loaded (`App::chargement`), then of the
    /// search index.
    AvancerChargement,
    OuvrirFiche(i64),
    NouvellePersonne,
    ModifierPersonne(i64),
    EnregistrerEvenement {
        personne_id: i64,
        evenement: Evenement,
    },
    EnregistrerPersonne(Box<Personne>),
    Chercher,
    /// What the panel on top asked for; the result goes back to it (`Panneau::recevoir`).
    Panneau(EffetPanneau),
    /// Preview a document of the person with this reference.
    OuvrirApercu {
        reference: String,
        document: Document,
    },
    /// The file-name field was opened: learn the current directory.
    RepertoireCourant,
    /// Write the previewed document (`ecraser`: an existing file may be replaced).
    EcrireDocument {
        chemin: PathBuf,
        ecraser: bool,
    },
    /// Keep the form being typed as a draft in the base (`brouillon`).
    SauverBrouillon {
        genre: &'static str,
        personne_id: i64,
        contenu: String,
    },
    /// The form was saved or abandoned: its draft goes.
    OublierBrouillon {
        genre: &'static str,
        personne_id: i64,
    },
    /// At start: drop the drafts older than the rule, offer to resume the latest one.
    ProposerBrouillon,
    /// Reopen the form of a kept draft, with its values.
    ReprendreBrouillon(Box<crate::store::Brouillon>),
}

impl App {
    pub fn executer(&mut self, e: Effet, store: &mut Store) {
        match e {
            Effet::Recharger => self.recharger(store),
            Effet::AvancerChargement => self.avancer_chargement(store),
            Effet::OuvrirFiche(id) => match charger_fiche(store, &self.regles, self.aujourdhui, id)
            {
                Ok(Some(donnees)) => self.pile.push(Ecran::Fiche(Box::new(EtatFiche {
                    id,
                    donnees,
                    defilement: 0,
                }))),
                Ok(None) => self.message = Some(t::erreur(&ErreurStore::Introuvable.to_string())),
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::NouvellePersonne => match store.prochaine_reference(self.aujourdhui.year()) {
                Ok(r) => {
                    self.pile
                        .push(Ecran::Personne(Box::new(FormPersonne::nouvelle(
                            &r,
                            self.aujourdhui,
                        ))));
                }
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::ModifierPersonne(id) => match store.personne(id) {
                Ok(Some(p)) => self
                    .pile
                    .push(Ecran::Personne(Box::new(FormPersonne::modifier(
                        p,
                        self.aujourdhui,
                    )))),
                Ok(None) => self.message = Some(t::erreur(&ErreurStore::Introuvable.to_string())),
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::EnregistrerEvenement {
                personne_id,
                evenement,
            } => match store.ajouter_evenement(personne_id, &evenement) {
                Err(e) if e.base_occupee() => self.garder_pour_reessai(),
                Ok(_) => {
                    self.reessai = None;
                    let _ = store.oublier_brouillon(super::brouillon::EVENEMENT, personne_id);
                    self.suivi_brouillon = Default::default();
                    let nom = match self.pile.pop() {
                        Some(Ecran::Saisie(f)) => f.personne.nom_complet(),
                        _ => String::new(),
                    };
                    self.message = Some(t::evenement_enregistre(evenement.type_evenement, &nom));
                    self.recharger(store);
                    // Back on the file: show its top, where the new next step is.
                    if let Some(Ecran::Fiche(f)) = self.pile.last_mut() {
                        f.defilement = 0;
                    }
                }
                Err(e) => {
                    self.reessai = None;
                    if let Some(Ecran::Saisie(f)) = self.pile.last_mut() {
                        f.form.message = Some(t::erreur(&e.to_string()));
                    }
                }
            },
            Effet::EnregistrerPersonne(p) => self.enregistrer_personne(*p, store),
            Effet::Panneau(e) => {
                if let Some(Ecran::Panneau { panneau, .. }) = self.pile.last_mut() {
                    let reponse = panneau.recevoir(executer_panneau(e, store));
                    for e in self.reponse_panneau(reponse) {
                        self.executer(e, store);
                    }
                }
            }
            Effet::OuvrirApercu {
                reference,
                document,
            } => match crate::lettres::charger(store, &self.regles, &reference, self.aujourdhui) {
                Ok(Some(dossier)) => {
                    let mut a = EtatApercu::nouveau(document, dossier);
                    a.texte = self.texte_du_poste(a.document, &a.dossier);
                    self.pile.push(Ecran::Apercu(Box::new(a)));
                }
                Ok(None) => self.message = Some(t::erreur(&ErreurStore::Introuvable.to_string())),
                Err(e) => self.message = Some(t::erreur(&e.to_string())),
            },
            Effet::RepertoireCourant => {
                if let Some(Ecran::Apercu(a)) = self.pile.last_mut() {
                    // Unknown (e.g. removed) current directory: the name stays relative and
                    // the write says what is wrong.
                    a.repertoire = std::env::current_dir().unwrap_or_default();
                }
            }
            Effet::EcrireDocument { chemin, ecraser } => self.ecrire_document(chemin, ecraser),
            e @ (Effet::SauverBrouillon { .. }
            | Effet::OublierBrouillon { .. }
            | Effet::ProposerBrouillon
            | Effet::ReprendreBrouillon(_)) => self.executer_brouillon(e, store),
            Effet::Chercher if self.touches_en_attente => self.recherche_differee = true,
            Effet::Chercher => {
                self.recherche_differee = false;
                if let Some(Ecran::Recherche(r)) = self.pile.last_mut() {
                    let q = r.saisie.texte.trim().to_string();
                    r.resultats = if q.is_empty() {
                        Vec::new()
                    } else {
                        match store.chercher(&q, 100) {
                            Ok(v) => classer_resultats(v, &q),
                            Err(e) => {
                                self.message = Some(t::erreur(&e.to_string()));
                                Vec::new()
                            }
                        }
                    };
                    r.selection = 0;
                }
            }
        }
    }

    /// Writes the previewed document, owner-only; an existing file is never replaced
    /// without the volunteer's yes (`ecraser`).
    fn ecrire_document(&mut self, chemin: PathBuf, ecraser: bool) {
        let Some(Ecran::Apercu(a)) = self.pile.last_mut() else {
            return;
        };
        let chemin = std::path::absolute(&chemin).unwrap_or(chemin);
        let affiche = chemin.display().to_string();
        // A name ending in .pdf is the printable PDF (A4) of the same text.
        let pdf = chemin
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let octets = if pdf {
            let m = modele_du_document(a.document);
            let titre = crate::textes::lettres::titre_pdf(m, &a.dossier);
            match crate::lettres::pdf::pdf(&a.texte, &titre) {
                Ok(o) => o,
                Err(e) => {
                    self.message = Some(crate::textes::lettres::pdf_impossible(&e));
                    return;
                }
            }
        } else {
            a.texte.as_bytes().to_vec()
        };
        match ecrire_prive(&chemin, &octets, ecraser) {
            Ok(()) => {
                a.nom_fichier = None;
                a.erreur_nom = None;
                a.a_ecraser = None;
                self.message = Some(t::document_enregistre(
                    a.document == Document::Lettre,
                    &affiche,
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !ecraser => {
                a.a_ecraser = Some(chemin);
                self.confirmation = Some(Confirmation::Ecraser);
            }
            Err(e) => self.message = Some(t::ecriture_document(&affiche, &e)),
        }
    }

    /// The draft effects (`brouillon`).
    fn executer_brouillon(&mut self, e: Effet, store: &mut Store) {
        match e {
            Effet::SauverBrouillon {
                genre,
                personne_id,
                contenu,
            } => {
                if let Err(e) =
                    store.garder_brouillon(genre, personne_id, &contenu, self.maintenant)
                {
                    self.message = Some(t::brouillon_non_garde(&e.to_string()));
                }
            }
            Effet::OublierBrouillon { genre, personne_id } => {
                let _ = store.oublier_brouillon(genre, personne_id);
            }
            Effet::ProposerBrouillon => self.proposer_brouillon(store),
            Effet::ReprendreBrouillon(b) => self.reprendre_brouillon(*b, store),
            _ => {}
        }
    }

    /// Drops the drafts older than the rule; asks about the volunteer's latest one.
    fn proposer_brouillon(&mut self, store: &mut Store) {
        let jours = self.regles.brouillon_conservation_jours();
        let _ = store.purger_brouillons(self.maintenant - chrono::TimeDelta::days(jours));
        let Some(b) = store.brouillons().ok().and_then(|v| v.into_iter().next()) else {
            return;
        };
        let personne = match b.personne_id {
            0 => None,
            id => store.personne(id).ok().flatten(),
        };
        let entete = super::brouillon::decoder(&b.contenu)
            .into_iter()
            .next()
            .unwrap_or_default();
        let quoi = match (b.genre.as_str(), &personne) {
            (super::brouillon::PERSONNE, None) if b.personne_id == 0 => {
                t::BROUILLON_NOUVELLE_PERSONNE.to_string()
            }
            (super::brouillon::PERSONNE, Some(p)) => t::brouillon_personne(&p.nom_complet()),
            (_, Some(p)) => match crate::domain::TypeEvenement::depuis_code(&entete) {
                Ok(ty) => t::brouillon_evenement(ty.libelle(), &p.nom_complet()),
                Err(_) => t::brouillon_personne(&p.nom_complet()),
            },
            _ => {
                let _ = store.oublier_brouillon(super::brouillon::genre(&b.genre), b.personne_id);
                self.message = Some(t::BROUILLON_SANS_PERSONNE.into());
                return;
            }
        };
        let quand = b.garde_le.format("%d/%m/%Y à %H:%M").to_string();
        let question = t::reprendre_brouillon(&quoi, &quand);
        self.brouillon_propose = Some((b, question));
        self.confirmation = Some(Confirmation::Reprendre);
    }

    /// Reopens the form of a draft with its values (its person reloaded).
    fn reprendre_brouillon(&mut self, b: crate::store::Brouillon, store: &mut Store) {
        let mut lignes = super::brouillon::decoder(&b.contenu).into_iter();
        let entete = lignes.next().unwrap_or_default();
        let valeurs: Vec<String> = lignes.collect();
        let personne = match b.personne_id {
            0 => None,
            id => match store.personne(id) {
                Ok(Some(p)) => Some(p),
                _ => {
                    self.message = Some(t::BROUILLON_SANS_PERSONNE.into());
                    let _ = store.oublier_brouillon(super::brouillon::genre(&b.genre), id);
                    return;
                }
            },
        };
        let ecran = match (b.genre.as_str(), personne) {
            (super::brouillon::PERSONNE, None) => {
                let mut f = FormPersonne::nouvelle("", self.aujourdhui);
                f.form.reprendre(&valeurs);
                f.actualiser_aides();
                Ecran::Personne(Box::new(f))
            }
            (super::brouillon::PERSONNE, Some(p)) => {
                let mut f = FormPersonne::modifier(p, self.aujourdhui);
                f.form.reprendre(&valeurs);
                f.actualiser_aides();
                Ecran::Personne(Box::new(f))
            }
            (_, Some(p)) => {
                let Ok(ty) = crate::domain::TypeEvenement::depuis_code(&entete) else {
                    let _ = store.oublier_brouillon(super::brouillon::EVENEMENT, b.personne_id);
                    return;
                };
                let mut f = super::formulaire::FormEvenement::nouveau(p, ty, self.aujourdhui);
                f.form.reprendre(&valeurs);
                Ecran::Saisie(Box::new(f))
            }
            (_, None) => return,
        };
        // What was kept is what is on screen: nothing to keep again until a change.
        self.suivi_brouillon.garde = super::brouillon::de_l_ecran(&ecran).map(|(_, _, c)| c);
        self.pile.push(ecran);
    }

    fn enregistrer_personne(&mut self, p: Personne, store: &mut Store) {
        if p.id.is_none() && self.doublon_a_montrer(&p, store) {
            return;
        }
        let numeroter = matches!(self.pile.last(), Some(Ecran::Personne(f)) if f.a_numeroter(&p));
        let mut p = p;
        let resultat = match p.id {
            None if numeroter => store
                .creer_personne_numerotee(&p, self.aujourdhui.year())
                .map(|(id, reference)| {
                    p.reference = reference;
                    id
                }),
            None => store.creer_personne(&p),
            Some(_) => store.modifier_personne(&p),
        };
        if matches!(&resultat, Err(e) if e.base_occupee()) {
            self.garder_pour_reessai();
            return;
        }
        self.reessai = None;
        match resultat {
            Ok(v) => {
                let _ = store.oublier_brouillon(super::brouillon::PERSONNE, p.id.unwrap_or(0));
                self.suivi_brouillon = Default::default();
                self.pile.pop();
                self.recharger(store);
                match p.id {
                    None => {
                        self.message = Some(t::personne_creee(&p.reference));
                        self.executer(Effet::OuvrirFiche(v), store);
                    }
                    Some(_) => self.message = Some(t::personne_modifiee(&p.reference)),
                }
            }
            Err(ErreurStore::Conflit { actuelle }) => {
                if let Some(Ecran::Personne(form)) = self.pile.pop() {
                    let modifie_par = actuelle
                        .id
                        .and_then(|id| store.trace(id).ok().flatten())
                        .map(|t| t.modifie_par)
                        .unwrap_or_default();
                    self.pile.push(Ecran::Conflit(Box::new(EtatConflit {
                        mienne: p,
                        actuelle: *actuelle,
                        modifie_par,
                        form,
                        perte: None,
                    })));
                }
            }
            Err(e @ (ErreurStore::Anonymisee | ErreurStore::Introuvable)) if p.id.is_some() => {
                let perte = match e {
                    ErreurStore::Anonymisee => Perte::Anonymisee,
                    _ => Perte::Effacee,
                };
                if let Some(Ecran::Personne(form)) = self.pile.pop() {
                    self.pile.push(Ecran::Conflit(Box::new(EtatConflit {
                        actuelle: p.clone(),
                        mienne: p,
                        modifie_par: String::new(),
                        form,
                        perte: Some(perte),
                    })));
                }
            }
            Err(e @ ErreurStore::ReferenceExistante(_)) => {
                if let Some(Ecran::Personne(f)) = self.pile.last_mut() {
                    f.reference_prise(e.to_string());
                }
                self.message = Some(t::FORMULAIRE_ERREURS.into());
            }
            Err(e) => {
                if let Some(Ecran::Personne(f)) = self.pile.last_mut() {
                    f.form.message = Some(t::erreur(&e.to_string()));
                }
            }
        }
    }

    /// A new person whose name and date of birth, or phone, match a file not shown yet:
    /// that file is shown first and the volunteer asked (`Confirmation::Doublon`).
    fn doublon_a_montrer(&mut self, p: &Personne, store: &Store) -> bool {
        let Some(Ecran::Personne(f)) = self.pile.last_mut() else {
            return false;
        };
        let Ok(candidats) = store.doublons_possibles(p) else {
            return false;
        };
        let nouveau = candidats
            .into_iter()
            .find(|(c, _)| c.id.is_some_and(|id| !f.doublons_vus.contains(&id)));
        match nouveau {
            Some((c, raison)) => {
                f.doublons_vus.extend(c.id);
                f.doublon = Some((c, raison));
                self.confirmation = Some(Confirmation::Doublon);
                true
            }
            None => false,
        }
    }

    /// Reloads the list and every file on the stack, keeping the selection (by person).
    pub fn recharger(&mut self, store: &Store) {
        // The selection follows its person (`EtatListe::montrer`).
        if let Err(e) = self.recharger_liste(store) {
            self.message = Some(t::erreur(&e.to_string()));
        }
        let modeles = self.modeles_locaux.as_deref();
        for e in &mut self.pile {
            match e {
                Ecran::Fiche(f) => {
                    match charger_fiche(store, &self.regles, self.aujourdhui, f.id) {
                        Ok(Some(d)) => f.donnees = d,
                        Ok(None) => {}
                        Err(e) => self.message = Some(t::erreur(&e.to_string())),
                    }
                }
                Ecran::Panneau { panneau, .. } => {
                    // Panels under the top one are refreshed too (their messages wait).
                    if let Some(r) = panneau.recharger().and_then(|e| lecture(&e, store)) {
                        let _ = panneau.recevoir(r);
                    }
                }
                Ecran::Recherche(r) => {
                    // Another desk may have added or renamed someone: search again,
                    // keeping the person selected.
                    let q = r.saisie.texte.trim().to_string();
                    if !q.is_empty()
                        && let Ok(v) = store.chercher(&q, 100)
                    {
                        let garde = r.resultats.get(r.selection).and_then(|p| p.id);
                        r.resultats = classer_resultats(v, &q);
                        r.selection = garde
                            .and_then(|id| r.resultats.iter().position(|p| p.id == Some(id)))
                            .unwrap_or(r.selection)
                            .min(r.resultats.len().saturating_sub(1));
                    }
                }
                Ecran::Apercu(a) => {
                    let reference = a.dossier.personne.reference.clone();
                    match crate::lettres::charger(store, &self.regles, &reference, self.aujourdhui)
                    {
                        Ok(Some(d)) => {
                            let (texte, _) = texte_du_poste(a.document, &d, modeles);
                            a.texte = texte;
                            a.dossier = d;
                        }
                        Ok(None) => {}
                        Err(e) => self.message = Some(t::erreur(&e.to_string())),
                    }
                }
                _ => {}
            }
        }
        if let Ok(v) = store.version_donnees() {
            self.version_donnees = Some(v);
        }
    }

    /// Called on a short timer: reloads when another process committed a change.
    /// Returns whether it reloaded.
    pub fn verifier_changements(&mut self, store: &Store) -> bool {
        match store.version_donnees() {
            Ok(v) if self.version_donnees.is_some_and(|old| old != v) => {
                self.recharger(store);
                if self.message.is_none() {
                    self.message = Some(t::DONNEES_RAFRAICHIES.into());
                }
                true
            }
            Ok(v) => {
                self.version_donnees = Some(v);
                false
            }
            Err(_) => false,
        }
    }

    /// The once-a-second check of the main loop: a new day (`jour`, read by the loop) or
    /// another desk's change reloads what is shown. Returns whether anything changed (the
    /// loop then redraws).
    pub fn executer_verification(&mut self, jour: NaiveDate, store: &mut Store) -> bool {
        if jour != self.aujourdhui {
            self.aujourdhui = jour;
            self.recharger(store);
            return true;
        }
        self.verifier_changements(store)
    }
}

/// Loads one person's file (short reads, no transaction held).
pub fn charger_fiche(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    id: i64,
) -> Result<Option<DonneesFiche>, ErreurStore> {
    let Some(personne) = store.personne(id)? else {
        return Ok(None);
    };
    let evenements = store.evenements(id)?;
    // The same evaluation as the day's list: local préfecture corrections included.
    let evaluation = crate::jour::evaluer_personne(store, regles, &personne, aujourdhui)?;
    let prefecture = crate::prefectures::connaissance_avec(store, personne.departement)?;
    let trace = store.trace(id)?;
    Ok(Some(DonneesFiche {
        personne,
        evenements,
        evaluation,
        prefecture,
        trace,
    }))
}

/// Writes `octets` to an owner-only file; an existing file (or a symlink) is replaced only
/// with `ecraser` (otherwise `AlreadyExists`, so the volunteer can be asked), and a symlink is
/// then replaced itself, never followed. A folder is refused, and nothing half-written is left
/// behind (`fichiers::Provisoire`).
/// The template a TUI document is written from.
pub fn modele_du_document(d: Document) -> crate::lettres::Modele {
    match d {
        Document::Lettre => crate::lettres::Modele::Recommande,
        Document::Chronologie => crate::lettres::Modele::Chronologie,
    }
}

/// The text of a document from the desk's own templates when valid (the refusal message,
/// if one was refused), as `vigie lettre` writes it.
fn texte_du_poste(
    document: Document,
    dossier: &crate::lettres::Dossier,
    modeles: Option<&std::path::Path>,
) -> (String, Option<String>) {
    let m = modele_du_document(document);
    let g = crate::lettres::gabarit(dossier, m);
    let noms = crate::lettres::modeles::noms_de_fichiers();
    let (locaux, mut refus) = match modeles {
        Some(d) => crate::config::modeles_locaux_depuis(d, &noms),
        None => Default::default(),
    };
    let r = crate::textes::lettres::rediger(dossier, g, Default::default(), &locaux);
    refus.extend(r.refus);
    (r.texte, (!refus.is_empty()).then(|| refus.join(" ; ")))
}

impl App {
    /// `texte_du_poste`, a refused template said in the status line.
    fn texte_du_poste(&mut self, document: Document, dossier: &crate::lettres::Dossier) -> String {
        let (texte, refus) = texte_du_poste(document, dossier, self.modeles_locaux.as_deref());
        if let Some(r) = refus {
            self.message = Some(t::erreur(&r));
        }
        texte
    }
}

fn ecrire_prive(chemin: &std::path::Path, octets: &[u8], ecraser: bool) -> std::io::Result<()> {
    if chemin.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    let si_existe = if ecraser {
        crate::fichiers::SiExiste::Remplacer
    } else {
        crate::fichiers::SiExiste::Refuser
    };
    crate::fichiers::ecrire_prive(chemin, octets, si_existe)
}
