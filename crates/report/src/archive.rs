//! A gzip-compressed tar archive of a few text files (POSIX ustar, IEEE Std 1003.1-1988 §10.1),
//! how HEPData takes a likelihood as one additional resource file. Entries carry mode 0644 and
//! time stamp 0 so that the same files give the same bytes.

use std::io::Write as _;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::error::ReportError;

const BLOCK: usize = 512;

/// Copy `value` into `field` as NUL-padded octal with `field.len() - 1` digits.
fn octal(field: &mut [u8], value: u64) {
    let digits = field.len() - 1;
    let s = format!("{value:0digits$o}");
    field[..digits].copy_from_slice(&s.as_bytes()[s.len() - digits..]);
    field[digits] = 0;
}

/// The ustar header block of a regular file `name` (≤ 100 bytes) of `size` bytes.
fn header(name: &str, size: u64) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    h[..name.len()].copy_from_slice(name.as_bytes());
    octal(&mut h[100..108], 0o644); // mode
    octal(&mut h[108..116], 0); // uid
    octal(&mut h[116..124], 0); // gid
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], 0); // mtime
    h[156] = b'0'; // regular file
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    // Checksum: byte sum of the header with the checksum field counted as spaces.
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|&b| u64::from(b)).sum();
    let s = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(s.as_bytes());
    h
}

/// The uncompressed tar stream of `files` (archive path, contents); `Err(name)` for a member
/// name that is not 1–100 ASCII bytes (ustar's `name` field; no `prefix` split needed here).
fn tar(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for (name, data) in files {
        if name.is_empty() || name.len() > 100 || !name.is_ascii() {
            return Err(name.clone());
        }
        out.extend_from_slice(&header(name, data.len() as u64));
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(BLOCK) * BLOCK, 0);
    }
    // End of archive: two zero blocks.
    out.resize(out.len() + 2 * BLOCK, 0);
    Ok(out)
}

/// Write `files` (archive path, contents) as the `.tar.gz` file `path`.
pub fn write_tar_gz(path: &Path, files: &[(String, Vec<u8>)]) -> Result<(), ReportError> {
    let stream = tar(files).map_err(|name| ReportError::ArchiveMember {
        archive: path.to_path_buf(),
        name,
    })?;
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(&stream)
        .and_then(|()| gz.finish())
        .and_then(|bytes| std::fs::write(path, bytes))
        .map_err(|e| ReportError::write(path, e))
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use flate2::read::GzDecoder;

    use super::*;

    #[test]
    fn ustar_headers_have_valid_checksums_and_sizes() {
        let files = vec![
            ("likelihood/a.json".to_string(), b"{\"x\": 1}\n".to_vec()),
            ("likelihood/README.txt".to_string(), vec![b'r'; 700]),
        ];
        let dir = std::env::temp_dir().join(format!("aprime-archive-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("l.tar.gz");
        write_tar_gz(&path, &files).unwrap();
        let mut raw = Vec::new();
        GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut raw)
            .unwrap();
        // Blocks: header + 1 data block, header + 2 data blocks (700 bytes), 2 end blocks.
        assert_eq!(raw.len(), 7 * BLOCK);
        let mut at = 0;
        for (name, data) in &files {
            let h = &raw[at..at + BLOCK];
            assert_eq!(&h[..name.len()], name.as_bytes());
            assert_eq!(&h[257..262], b"ustar");
            let size = u64::from_str_radix(std::str::from_utf8(&h[124..135]).unwrap(), 8).unwrap();
            assert_eq!(size, data.len() as u64);
            let stored =
                u64::from_str_radix(std::str::from_utf8(&h[148..154]).unwrap(), 8).unwrap();
            let sum: u64 = h
                .iter()
                .enumerate()
                .map(|(i, &b)| {
                    if (148..156).contains(&i) {
                        32
                    } else {
                        u64::from(b)
                    }
                })
                .sum();
            assert_eq!(stored, sum);
            assert_eq!(&raw[at + BLOCK..at + BLOCK + data.len()], &data[..]);
            at += BLOCK + data.len().div_ceil(BLOCK) * BLOCK;
        }
        assert!(raw[at..].iter().all(|&b| b == 0));
        assert!(tar(&[("x".repeat(101), vec![])]).is_err());
        std::fs::remove_dir_all(dir).ok();
    }
}
