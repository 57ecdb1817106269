//! What the CSV reader reads through: a file (or bytes) read piece by piece, never whole.
//! On its way to the reader every byte is checked as UTF-8, counted (line breaks, for the
//! line of a bad byte), hashed (so that an import can tell that a file changed between its
//! two passes) and kept in a small window until the record it belongs to has its
//! spreadsheet row.

use std::hash::{DefaultHasher, Hasher};
use std::io::{self, BufRead, BufReader, Read};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The window drops the bytes before the current record once they are this many.
const COMPACTER_APRES: usize = 1 << 16;

fn sauts(octets: &[u8]) -> usize {
    octets.iter().filter(|b| **b == b'\n').count()
}

/// A reader handing the bytes of `source` (its BOM removed) to the CSV reader.
pub(super) struct Flux<R> {
    source: BufReader<R>,
    /// The first bytes, read to look for a BOM, not handed over yet.
    tete: Vec<u8>,
    /// The bytes handed over from offset `debut` on (offsets counted after the BOM), kept
    /// while `garder`.
    fenetre: Vec<u8>,
    debut: u64,
    garder: bool,
    /// The first bytes of a character cut at the end of the last piece, not checked yet.
    coupe: Vec<u8>,
    /// Line breaks in the bytes checked so far.
    sauts_verifies: usize,
    /// The line of the first byte that is not UTF-8.
    pas_utf8: Option<usize>,
    /// The system's refusal to read (the CSV reader only sees a failure).
    erreur: Option<io::ErrorKind>,
    empreinte: DefaultHasher,
    rangs: Rangs,
}

/// Where the reader is, to turn a record's byte offset into its spreadsheet row: its first
/// physical line (blank lines, which the reader skips, still count) minus the line breaks
/// inside the quoted cells before it.
struct Rangs {
    sauts_dans_cellules: usize,
    octet_vu: u64,
    sauts_vus: usize,
    precedente: usize,
}

impl<R: Read> Flux<R> {
    pub(super) fn new(source: R) -> Flux<R> {
        let mut source = BufReader::with_capacity(1 << 16, source);
        let mut empreinte = DefaultHasher::new();
        let mut erreur = None;
        let mut tete = Vec::with_capacity(BOM.len());
        while tete.len() < BOM.len() {
            match source.fill_buf() {
                Ok([]) => break,
                Ok(lus) => {
                    let n = lus.len().min(BOM.len() - tete.len());
                    tete.extend_from_slice(&lus[..n]);
                    source.consume(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    erreur = Some(e.kind());
                    break;
                }
            }
        }
        if tete == BOM {
            empreinte.write(BOM);
            tete.clear();
        }
        Flux {
            source,
            tete,
            fenetre: Vec::new(),
            debut: 0,
            garder: true,
            coupe: Vec::new(),
            sauts_verifies: 0,
            pas_utf8: None,
            erreur,
            empreinte,
            rangs: Rangs {
                sauts_dans_cellules: 0,
                octet_vu: 0,
                sauts_vus: 0,
                precedente: 1,
            },
        }
    }

    /// Reads what the CSV reader left, to the end (or to the first byte that is not UTF-8),
    /// without keeping it: the whole file is checked and hashed.
    pub(super) fn finir(&mut self) {
        self.garder = false;
        self.fenetre = Vec::new();
        let mut tampon = [0u8; 1 << 14];
        while self.pas_utf8.is_none() && self.erreur.is_none() {
            match self.read(&mut tampon) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
}

impl<R> Flux<R> {
    /// The line of the first byte that is not UTF-8, among the bytes read so far.
    pub(super) fn pas_utf8(&self) -> Option<usize> {
        self.pas_utf8
    }

    /// Why the file could not be read, if it could not.
    pub(super) fn erreur(&self) -> Option<io::ErrorKind> {
        self.erreur
    }

    /// The hash of every byte read (the BOM included).
    pub(super) fn empreinte(&self) -> u64 {
        self.empreinte.finish()
    }

    /// Whether the file's first line (as far as it was read: the header's) holds more
    /// semicolons than commas, and at least one.
    pub(super) fn point_virgule(&self) -> bool {
        let premiere = self
            .fenetre
            .split(|b| *b == b'\n')
            .next()
            .unwrap_or_default();
        let points_virgules = premiere.iter().filter(|b| **b == b';').count();
        let virgules = premiere.iter().filter(|b| **b == b',').count();
        points_virgules > 0 && points_virgules >= virgules
    }

    /// Line breaks inside a record's cells: they do not start a new spreadsheet row.
    pub(super) fn sauts_dans_cellules(&mut self, n: usize) {
        self.rangs.sauts_dans_cellules += n;
    }

    /// The spreadsheet row of the record read from offset `octet` (the reader's position
    /// before it); records come in order.
    pub(super) fn ligne(&mut self, octet: Option<u64>) -> usize {
        let fin = self.debut + self.fenetre.len() as u64;
        // The reader's offset may be that of the blank lines it skipped before the record.
        let octet = octet.map(|o| {
            let o = o.clamp(self.debut, fin);
            let i = usize::try_from(o - self.debut).unwrap_or(self.fenetre.len());
            o + self.fenetre[i..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count() as u64
        });
        let r = &mut self.rangs;
        if let Some(o) = octet.filter(|o| *o >= r.octet_vu) {
            let a = usize::try_from(r.octet_vu - self.debut).unwrap_or(0);
            let b = usize::try_from(o - self.debut).unwrap_or(a);
            r.sauts_vus += sauts(&self.fenetre[a..b]);
            r.octet_vu = o;
            if b >= COMPACTER_APRES {
                self.fenetre.drain(..b);
                self.debut = o;
            }
        }
        let ligne = (r.sauts_vus + 1)
            .checked_sub(r.sauts_dans_cellules)
            .filter(|l| octet.is_some() && *l > r.precedente)
            .unwrap_or(r.precedente + 1);
        r.precedente = ligne;
        ligne
    }

    fn verifier(&mut self, lus: &[u8]) {
        if self.pas_utf8.is_some() {
            return;
        }
        let mut joints = Vec::new();
        let octets = if self.coupe.is_empty() {
            lus
        } else {
            joints.append(&mut self.coupe);
            joints.extend_from_slice(lus);
            &joints[..]
        };
        match std::str::from_utf8(octets) {
            Ok(_) => self.sauts_verifies += sauts(octets),
            Err(e) => {
                self.sauts_verifies += sauts(&octets[..e.valid_up_to()]);
                if e.error_len().is_some() {
                    self.pas_utf8 = Some(1 + self.sauts_verifies);
                } else {
                    self.coupe = octets[e.valid_up_to()..].to_vec();
                }
            }
        }
    }
}

impl<R: Read> Read for Flux<R> {
    fn read(&mut self, tampon: &mut [u8]) -> io::Result<usize> {
        if self.pas_utf8.is_some() {
            // The file is refused as a whole: nothing more to read.
            return Ok(0);
        }
        let n = loop {
            if !self.tete.is_empty() {
                let n = self.tete.len().min(tampon.len());
                tampon[..n].copy_from_slice(&self.tete[..n]);
                self.tete.drain(..n);
                break n;
            }
            match self.source.read(tampon) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.erreur = Some(e.kind());
                    return Err(e);
                }
            }
        };
        if n == 0 {
            if !self.coupe.is_empty() {
                // The file ends inside a character.
                self.pas_utf8 = Some(1 + self.sauts_verifies);
            }
            return Ok(0);
        }
        let lus = &tampon[..n];
        self.empreinte.write(lus);
        self.verifier(lus);
        if self.garder {
            self.fenetre.extend_from_slice(lus);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source giving at most `n` bytes per read, to cut characters and lines anywhere.
    struct Goutte<'a>(&'a [u8], usize);

    impl Read for Goutte<'_> {
        fn read(&mut self, t: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(t.len());
            t[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn lire(octets: &[u8], par: usize) -> (Vec<u8>, Option<usize>, u64) {
        let mut f = Flux::new(Goutte(octets, par));
        let mut tout = Vec::new();
        let _ = f.read_to_end(&mut tout);
        (tout, f.pas_utf8(), f.empreinte())
    }

    #[test]
    fn bytes_pass_unchanged_bom_removed_and_hash_independent_of_pieces() {
        let texte = "\u{feff}a,b\nété,ü\n".as_bytes();
        let (tout, bad, h1) = lire(texte, 1);
        assert_eq!(tout, "a,b\nété,ü\n".as_bytes());
        assert_eq!(bad, None);
        let (_, _, h2) = lire(texte, 1000);
        assert_eq!(h1, h2);
        let (_, _, h3) = lire("\u{feff}a,b\nété,v\n".as_bytes(), 1000);
        assert_ne!(h1, h3);
    }

    #[test]
    fn the_first_bad_byte_is_found_on_its_line_wherever_pieces_are_cut() {
        for par in [1, 2, 3, 5, 100] {
            assert_eq!(lire(b"a\n\xC3\xA9\nb\xE9t\xE9\n", par).1, Some(3), "{par}");
            // Cut at the end of the file, inside a character.
            assert_eq!(lire(b"a\nb\n\xC3", par).1, Some(3), "{par}");
        }
    }

    const COLS: &[crate::csvio::Colonne] = &[
        crate::csvio::Colonne {
            nom: "a",
            requise: true,
        },
        crate::csvio::Colonne {
            nom: "b",
            requise: false,
        },
    ];

    type Lu = Result<(Vec<(usize, Vec<String>)>, Vec<String>), String>;

    fn en_morceaux(octets: &[u8], par: usize) -> Lu {
        let mut lignes = Vec::new();
        let r = crate::csvio::parcourir_table("f.csv", Goutte(octets, par), COLS, |_, l, c| {
            lignes.push((l, c.to_vec()))
        });
        match r {
            Ok(p) => Ok((lignes, p.erreurs.iter().map(|e| e.to_string()).collect())),
            Err(e) => Err(format!("{e:?}")),
        }
    }

    #[test]
    fn a_file_read_in_pieces_gives_the_rows_lines_and_errors_of_the_whole() {
        let cas: &[&[u8]] = &[
            b"a,b\n1,2\n\n3,4\n,\n\"x\ny\",5\n6,7\n",
            b"a,b\r\n\r\n1\r\n",
            b"a,b\n\"x,1\n2,3\n",
            b"\xEF\xBB\xBFa,b\r\n\"x,\"\"y\"\"\r\nz\",\xC3\xA9\r\n",
            b"a,b\n1\n1,2,3\n\n\n\"p\nq\nr\",s\n",
            b"a,b\n1,\xE9t\xE9\n",
            b"a;b\n1;\xE9\n",
            b"a;b\n1;2\n",
            b"a,c\n1,2\n",
            b"",
            b"\n\n",
        ];
        for octets in cas {
            let entier: Lu = match crate::csvio::lire_table("f.csv", octets, COLS) {
                Ok((t, e)) => Ok((t.lignes, e.iter().map(|e| e.to_string()).collect())),
                Err(e) => Err(format!("{:?}", crate::csvio::ErreurParcours::Table(e))),
            };
            for par in [1, 2, 3, 7, 4096] {
                assert_eq!(
                    en_morceaux(octets, par),
                    entier,
                    "{par}: {}",
                    String::from_utf8_lossy(octets)
                );
            }
        }
    }
}
