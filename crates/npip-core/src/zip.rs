//! A ZIP archive writer (PKWARE APPNOTE 6.3) for the review step's "Download all": every file in one archive.
//!
//! Deterministic: entries keep the order given, every timestamp is the format's earliest (1980-01-01 00:00), and no
//! extra fields are written, so the same files give the same bytes. Each entry is deflated (miniz_oxide), or stored
//! when that would not be smaller. Names are flagged as UTF-8. No ZIP64: the planner's files
//! are a few kilobytes each.

/// CRC-32 (the IEEE polynomial), as ZIP entries and share links carry it.
pub fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

/// miniz's best ratio short of its slowest mode; the planner's files are a few kilobytes.
const COMPRESSION_LEVEL: u8 = 9;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// Version 2.0: what deflate needs to extract.
const VERSION: u16 = 20;
/// General purpose flag bit 11: the name is UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// 1980-01-01 in MS-DOS date format (year since 1980 << 9 | month << 5 | day); the time is 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;

fn u16_le(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn u32_le(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// A length as the format's 32-bit field (the planner's files are far below 4 GiB).
fn len32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

fn len16(len: usize) -> u16 {
    u16::try_from(len).unwrap_or(u16::MAX)
}

/// The fields local and central headers share, from "version needed" to the extra field's length.
fn common_fields(out: &mut Vec<u8>, method: u16, crc: u32, compressed: usize, size: usize, name: &str) {
    u16_le(out, VERSION);
    u16_le(out, UTF8_NAMES);
    u16_le(out, method);
    u16_le(out, 0); // time 00:00:00
    u16_le(out, DOS_DATE);
    u32_le(out, crc);
    u32_le(out, len32(compressed));
    u32_le(out, len32(size));
    u16_le(out, len16(name.len()));
    u16_le(out, 0); // no extra field
}

/// The archive of `files` (name, contents), in that order.
pub fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len();
        let crc = crc32(data);
        let packed = miniz_oxide::deflate::compress_to_vec(data, COMPRESSION_LEVEL);
        let (method, body): (u16, &[u8]) = if packed.len() < data.len() {
            (DEFLATED, &packed)
        } else {
            (STORED, data)
        };
        u32_le(&mut out, LOCAL_HEADER);
        common_fields(&mut out, method, crc, body.len(), data.len(), name);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        u32_le(&mut central, CENTRAL_HEADER);
        u16_le(&mut central, VERSION); // made by: MS-DOS attributes, version 2.0
        common_fields(&mut central, method, crc, body.len(), data.len(), name);
        u16_le(&mut central, 0); // no comment
        u16_le(&mut central, 0); // disk 0
        u16_le(&mut central, 0); // internal attributes
        u32_le(&mut central, 0); // external attributes
        u32_le(&mut central, len32(offset));
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len();
    let central_size = central.len();
    out.extend_from_slice(&central);
    u32_le(&mut out, END_OF_CENTRAL_DIRECTORY);
    u16_le(&mut out, 0); // this disk
    u16_le(&mut out, 0); // disk with the central directory
    u16_le(&mut out, len16(files.len()));
    u16_le(&mut out, len16(files.len()));
    u32_le(&mut out, len32(central_size));
    u32_le(&mut out, len32(central_offset));
    u16_le(&mut out, 0); // no archive comment
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(bytes: &[u8], at: usize) -> usize {
        usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]))
    }

    fn u32_at(bytes: &[u8], at: usize) -> usize {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    }

    /// Reads an archive back through its central directory, checking each entry's CRC: (name, contents).
    fn unzip(archive: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = archive.len() - 22;
        assert_eq!(u32_at(archive, end), END_OF_CENTRAL_DIRECTORY as usize);
        let count = u16_at(archive, end + 10);
        let mut at = u32_at(archive, end + 16);
        assert_eq!(
            at + u32_at(archive, end + 12),
            end,
            "the central directory ends where the end record starts"
        );
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(archive, at), CENTRAL_HEADER as usize);
            let method = u16_at(archive, at + 10);
            let crc = u32_at(archive, at + 16);
            let (packed, size) = (u32_at(archive, at + 20), u32_at(archive, at + 24));
            let name_len = u16_at(archive, at + 28);
            let local = u32_at(archive, at + 42);
            let name = String::from_utf8(archive[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(u32_at(archive, local), LOCAL_HEADER as usize);
            assert_eq!(
                archive[local + 4..local + 30],
                archive[at + 6..at + 32],
                "local and central agree"
            );
            let start = local + 30 + name_len;
            let body = &archive[start..start + packed];
            let data = match method {
                0 => body.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec_with_limit(body, size).unwrap(),
                other => panic!("method {other}"),
            };
            assert_eq!((data.len(), crc32(&data) as usize), (size, crc), "{name}");
            files.push((name, data));
            at += 46 + name_len;
        }
        files
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archives_read_back_to_the_same_files_in_order() {
        let template = "{\n  \"resources\": []\n}\n".repeat(200);
        let files: [(&str, &[u8]); 4] = [
            ("azuredeploy.json", template.as_bytes()),
            ("empty.txt", b""),
            ("tiny.md", b"x"),
            ("r\u{e9}seau.svg", "<svg/>".as_bytes()),
        ];
        let archive = zip(&files);
        let back = unzip(&archive);
        assert_eq!(back.len(), 4);
        for ((name, data), (back_name, back_data)) in files.iter().zip(&back) {
            assert_eq!((*name, *data), (back_name.as_str(), back_data.as_slice()));
        }
        // The repetitive template is deflated; the tiny file is stored, since deflating it would not be smaller.
        assert!(archive.len() < template.len() / 4, "{}", archive.len());
        assert!(
            archive.windows(8).any(|w| w == b"tiny.mdx"),
            "the stored byte follows its name"
        );
        assert_eq!(zip(&files), archive, "the same files give the same bytes");
        assert_eq!(unzip(&zip(&[])), Vec::new());
    }
}
