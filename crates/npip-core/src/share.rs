//! Share links: the whole plan in a URL fragment, so a link restores it with no server.
//!
//! A link code is a format tag, then bytes in unpadded base64url (`2.` + `[A-Za-z0-9_-]*`). Format 2, the one this
//! engine writes, is the CRC-32 of the plan's compact JSON (four bytes, big-endian), then that JSON deflated: a link
//! damaged on its way opens to the plan it was made from or not at all. Format 1, which the first release wrote, is
//! the deflated JSON alone; such links still open, marked as not verifiable. Either way nothing may follow the
//! compressed data. Every step of decoding is bounded, so a hostile or mangled link costs little and ends in a
//! [`ShareError`], never a panic.

use crate::plan::Plan;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use std::fmt;

/// Tag of the link format this engine writes: a checksum, then the deflated plan. A future format gets a new tag;
/// old links keep working.
const FORMAT_TAG: &str = "2.";

/// Tag of the first release's links: the deflated plan without a checksum.
const FIRST_FORMAT_TAG: &str = "1.";

/// Bytes of the checksum before the deflated plan.
const CHECKSUM_BYTES: usize = 4;

/// Longest link code we read: far above any real plan (a firewall plan with long lists is a few hundred
/// characters), low enough to stop absurd input before any work.
pub const MAX_CODE_CHARS: usize = 256 * 1024;

/// Links longer than this may not survive mail and chat tools, some of which cut or refuse long URLs (2,000
/// characters is the classic safe length); past it the app suggests the plan file instead.
pub const SAFE_LINK_CHARS: usize = 2000;

/// Largest plan JSON a link may inflate to; the same limit as a plan file.
pub const MAX_PLAN_BYTES: usize = crate::plan::MAX_PLAN_BYTES;

/// Why a link code does not give a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing to decode.
    Empty,
    /// The code starts with a format tag this planner does not know (`3.…`: made by a newer one).
    UnknownFormat,
    /// The code is longer than [`MAX_CODE_CHARS`].
    TooLong,
    /// The code has no format tag at all: it was cut at the front or is not a plan link.
    Untagged,
    /// A character outside base64url, or a length no base64 text has: the link was cut or altered.
    NotBase64,
    /// The bytes are not deflate data, inflate to more than [`MAX_PLAN_BYTES`], or go on after the deflate data.
    Damaged,
    /// The plan does not match the checksum the link carries: it was altered on its way.
    Altered,
    /// The data inflates but is not a plan this planner reads.
    NotAPlan(String),
    /// A link is not made for a plan the planner could not save and read back (over a bound, or over 1 MB saved).
    NotSaveable(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link holds no plan"),
            ShareError::UnknownFormat => write!(f, "the link was made by a different version of the planner"),
            ShareError::TooLong => write!(f, "the link is too long to be a plan"),
            ShareError::Untagged => write!(
                f,
                "the link is incomplete or was altered (it does not start the way a plan link starts)"
            ),
            ShareError::NotBase64 => write!(
                f,
                "the link is incomplete or was altered (it has characters a plan link never has)"
            ),
            ShareError::Damaged => write!(f, "the link is incomplete or was altered (its data does not unpack)"),
            ShareError::Altered => write!(
                f,
                "the link was altered on its way (its plan does not match the checksum it was made with)"
            ),
            ShareError::NotAPlan(reason) => write!(f, "the link does not hold a valid plan: {reason}"),
            ShareError::NotSaveable(reason) => {
                write!(
                    f,
                    "a link is made only for a plan the planner can save and read back: {reason}"
                )
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// A plan opened from a link, and whether the link proved it is the plan the link was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedLink {
    pub plan: Plan,
    /// `true` for a link with a checksum (format 2) that matched; `false` for a link of the first format, which has
    /// none, so a change on its way cannot be told.
    pub verified: bool,
}

impl OpenedLink {
    /// A note for the person, when the link could not be verified.
    pub fn note(&self) -> Option<&'static str> {
        (!self.verified).then_some(
            "This link was made by an earlier version of the planner, without a checksum, so it cannot be verified: \
             check the plan before you rely on it.",
        )
    }
}

/// The link code for a plan. Deterministic: the same plan always gives the same code.
pub fn encode_plan(plan: &Plan) -> Result<String, ShareError> {
    plan.check_saveable().map_err(|e| ShareError::NotSaveable(e.reason()))?;
    let json = plan.to_json_compact();
    let mut bytes = crate::zip::crc32(json.as_bytes()).to_be_bytes().to_vec();
    bytes.extend(miniz_oxide::deflate::compress_to_vec(
        json.as_bytes(),
        COMPRESSION_LEVEL,
    ));
    let mut code = String::with_capacity(FORMAT_TAG.len() + bytes.len().div_ceil(3) * 4);
    code.push_str(FORMAT_TAG);
    BASE64URL.encode_string(&bytes, &mut code);
    Ok(code)
}

/// The plan in a link code, and whether the link proved it unchanged. Surrounding whitespace is ignored.
pub fn decode_plan(code: &str) -> Result<OpenedLink, ShareError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    if code.len() > MAX_CODE_CHARS {
        return Err(ShareError::TooLong);
    }
    let (body, verified) = if let Some(body) = code.strip_prefix(FORMAT_TAG) {
        (body, true)
    } else if let Some(body) = code.strip_prefix(FIRST_FORMAT_TAG) {
        (body, false)
    } else if has_format_tag(code) {
        // Another version's tag is digits and a dot; anything else never was a link this planner made.
        return Err(ShareError::UnknownFormat);
    } else {
        return Err(ShareError::Untagged);
    };
    let bytes = BASE64URL.decode(body).map_err(|_| ShareError::NotBase64)?;
    let json = if verified {
        let (checksum, packed) = bytes.split_at_checked(CHECKSUM_BYTES).ok_or(ShareError::Damaged)?;
        let json = inflate(packed, MAX_PLAN_BYTES).ok_or(ShareError::Damaged)?;
        if checksum != crate::zip::crc32(&json).to_be_bytes() {
            return Err(ShareError::Altered);
        }
        json
    } else {
        inflate(&bytes, MAX_PLAN_BYTES).ok_or(ShareError::Damaged)?
    };
    let text = std::str::from_utf8(&json).map_err(|_| ShareError::Damaged)?;
    let plan = crate::plan::read_plan(text).map_err(|e| ShareError::NotAPlan(e.to_string()))?;
    // Within every bound already (it was read); saved, it is larger than the compact form the link carries.
    if plan.to_json_pretty().len() > MAX_PLAN_BYTES {
        return Err(ShareError::NotAPlan(
            "the plan it holds would be larger than 1 MB once saved, the most a plan file may be".to_string(),
        ));
    }
    Ok(OpenedLink { plan, verified })
}

/// miniz's best ratio short of its slowest mode; plans are a few kilobytes, so the time does not show.
const COMPRESSION_LEVEL: u8 = 9;

/// Unpadded base64url; a link whose `=` padding some tool added still reads. The bits past the last byte must be
/// zero, as the encoder writes them: a changed last character is a damaged link, not the same one.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(false),
);

/// Raw DEFLATE data inflated into at most `limit` bytes: `None` when it is damaged, inflates to more, or does not
/// end exactly where `packed` ends.
fn inflate(packed: &[u8], limit: usize) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let mut state = Box::<DecompressorOxide>::default();
    let mut out = vec![0; packed.len().saturating_mul(4).clamp(1, limit)];
    let (mut read, mut written) = (0, 0);
    loop {
        let (status, consumed, produced) = decompress(
            &mut state,
            packed.get(read..)?,
            &mut out,
            written,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        read += consumed;
        written += produced;
        match status {
            TINFLStatus::Done => {
                out.truncate(written);
                // The decompressor gives back what it read ahead, so `read` is where the data ends.
                return (read == packed.len()).then_some(out);
            }
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            _ => return None,
        }
    }
}

/// Whether the code starts as a link code of some version does: digits, then a dot.
fn has_format_tag(code: &str) -> bool {
    code.split_once('.')
        .is_some_and(|(tag, _)| !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Plan {
        let path = format!("{}/../../examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    const EXAMPLES: [&str; 7] = [
        "existing-vnet",
        "firewall",
        "load-balancer",
        "managed-custom-prefix",
        "managed-default",
        "nat-gateway",
        "service-tag-routes",
    ];

    #[test]
    fn every_example_round_trips_through_a_link() {
        for name in EXAMPLES {
            let plan = example(name);
            let code = encode_plan(&plan).unwrap();
            assert!(code.starts_with("2."), "{name}: {code}");
            assert!(
                code[2..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{name}: only URL-safe characters"
            );
            let opened = decode_plan(&code).unwrap();
            assert_eq!((opened.plan, opened.verified), (plan.clone(), true), "{name}");
            assert_eq!(opened_note(&code), None, "{name}: a verified link needs no note");
            assert_eq!(encode_plan(&plan).unwrap(), code, "{name}: deterministic");
        }
    }

    #[test]
    fn links_are_compact() {
        // A link must stay short enough to paste into a chat message or a ticket.
        for name in EXAMPLES {
            let plan = example(name);
            let json_len = serde_json::to_string(&plan).unwrap().len();
            let code = encode_plan(&plan).unwrap();
            assert!(
                code.len() < json_len,
                "{name}: {} chars for {json_len} bytes of JSON",
                code.len()
            );
            assert!(code.len() < 900, "{name}: {} chars", code.len());
        }
    }

    #[test]
    fn links_carry_the_compact_json() {
        for name in EXAMPLES {
            let mut plan = example(name);
            // Strings with spaces, quotes and escapes keep every character.
            plan.workspace.name = "a \"quoted\" name\\ with  spaces\n".to_string();
            assert_eq!(plan.to_json_compact(), serde_json::to_string(&plan).unwrap(), "{name}");
            let code = encode_plan(&plan).unwrap();
            let bytes = BASE64URL.decode(&code[2..]).unwrap();
            let json = plan.to_json_compact();
            assert_eq!(bytes[..4], crate::zip::crc32(json.as_bytes()).to_be_bytes());
            assert_eq!(inflate(&bytes[4..], MAX_PLAN_BYTES).unwrap(), json.as_bytes());
        }
    }

    #[test]
    fn base64url_is_unpadded_and_reads_padding_some_tools_add() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for len in 0..bytes.len() {
            let text = BASE64URL.encode(&bytes[..len]);
            assert_eq!(text.len(), (len * 4).div_ceil(3));
            assert_eq!(BASE64URL.decode(&text).unwrap(), &bytes[..len]);
        }
        assert_eq!(BASE64URL.decode("AQI=").unwrap(), vec![1, 2]);
        assert_eq!(BASE64URL.decode("AQI").unwrap(), vec![1, 2]);
        assert!(BASE64URL.decode("AQ+/").is_err(), "base64url, not base64");
        assert!(BASE64URL.decode("AQJ").is_err(), "bits past the last byte are zero");
    }

    fn opened_note(code: &str) -> Option<&'static str> {
        decode_plan(code).unwrap().note()
    }

    /// A link of format 2 whose checksum is `checksum` and whose data is `json` deflated, then `tail`.
    fn link_with(checksum: u32, json: &[u8], tail: &[u8]) -> String {
        let mut bytes = checksum.to_be_bytes().to_vec();
        bytes.extend(miniz_oxide::deflate::compress_to_vec(json, 9));
        bytes.extend(tail);
        let mut code = String::from(FORMAT_TAG);
        BASE64URL.encode_string(bytes, &mut code);
        code
    }

    #[test]
    fn a_link_with_a_wrong_checksum_or_anything_after_its_data_is_refused() {
        let json = example("nat-gateway").to_json_compact();
        let crc = crate::zip::crc32(json.as_bytes());
        assert!(decode_plan(&link_with(crc, json.as_bytes(), b"")).is_ok());
        assert_eq!(
            decode_plan(&link_with(crc ^ 1, json.as_bytes(), b"")),
            Err(ShareError::Altered)
        );
        // The plan changed, the checksum not: one character of the JSON.
        let changed = json.replacen("adb-host", "adb-hosu", 1);
        assert_eq!(
            decode_plan(&link_with(crc, changed.as_bytes(), b"")),
            Err(ShareError::Altered)
        );
        for tail in [&b"\0"[..], b"\0\0\0", b"x"] {
            assert_eq!(
                decode_plan(&link_with(crc, json.as_bytes(), tail)),
                Err(ShareError::Damaged)
            );
        }
        // Too short to hold a checksum.
        assert_eq!(decode_plan("2.AAA"), Err(ShareError::Damaged));
    }

    #[test]
    fn links_of_the_first_format_open_unverified_with_a_note() {
        let plan = example("firewall");
        let mut code = String::from(FIRST_FORMAT_TAG);
        BASE64URL.encode_string(
            miniz_oxide::deflate::compress_to_vec(plan.to_json_compact().as_bytes(), 9),
            &mut code,
        );
        let opened = decode_plan(&code).unwrap();
        assert_eq!((opened.plan, opened.verified), (plan, false));
        assert!(opened_note(&code).is_some_and(|note| note.contains("cannot be verified")));
        // Nothing may follow its data either.
        assert_eq!(decode_plan(&format!("{code}AAAA")), Err(ShareError::Damaged));
    }

    #[test]
    fn mangled_links_say_what_is_wrong() {
        let code = encode_plan(&example("firewall")).unwrap();
        assert_eq!(decode_plan(""), Err(ShareError::Empty));
        assert_eq!(decode_plan("   "), Err(ShareError::Empty));
        assert_eq!(
            decode_plan(&code.replacen("2.", "9.", 1)),
            Err(ShareError::UnknownFormat)
        );
        assert_eq!(
            decode_plan(&code.replacen("2.", "12.", 1)),
            Err(ShareError::UnknownFormat)
        );
        // Not a link code of any version: damaged, not "another version".
        assert_eq!(decode_plan("garbage"), Err(ShareError::Untagged));
        assert_eq!(decode_plan(".abc"), Err(ShareError::Untagged));
        assert_eq!(decode_plan(&code[2..]), Err(ShareError::Untagged));
        assert_eq!(decode_plan(&format!("{code}!")), Err(ShareError::NotBase64));
        assert_eq!(decode_plan("1.A"), Err(ShareError::NotBase64));
        assert_eq!(decode_plan("2.A"), Err(ShareError::NotBase64));
        // Cut in the middle of its data (on a whole number of base64 groups, so the base64 itself reads).
        let half = 2 + (code.len() - 2) / 2 / 4 * 4;
        assert_eq!(decode_plan(&code[..half]), Err(ShareError::Damaged));
        assert_eq!(decode_plan(&"A".repeat(MAX_CODE_CHARS + 1)), Err(ShareError::TooLong));
        // Valid deflate of something that is not a plan.
        let mut not_plan = String::from("1.");
        BASE64URL.encode_string(
            miniz_oxide::deflate::compress_to_vec(b"{\"version\":1}", 6),
            &mut not_plan,
        );
        assert!(matches!(decode_plan(&not_plan), Err(ShareError::NotAPlan(_))));
    }

    #[test]
    fn a_decompression_bomb_is_refused() {
        let bomb = vec![b' '; MAX_PLAN_BYTES + 10];
        let mut code = String::from("1.");
        BASE64URL.encode_string(miniz_oxide::deflate::compress_to_vec(&bomb, 9), &mut code);
        assert!(code.len() < 10_000, "the bomb itself is small");
        assert_eq!(decode_plan(&code), Err(ShareError::Damaged));
        assert_eq!(
            decode_plan(&link_with(crate::zip::crc32(&bomb), &bomb, b"")),
            Err(ShareError::Damaged)
        );
    }

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// A plan of just under 1 MB of compact JSON, within every bound, whose saved (pretty) form is over 1 MB.
    fn just_under_a_megabyte() -> Plan {
        let mut plan = example("existing-vnet");
        plan.avoid = (0..3_300u32)
            .map(|i| crate::plan::AvoidRange {
                cidr: format!("10.{}.{}.0/24", i / 256, i % 256),
                label: "l".repeat(crate::plan::MAX_NAME_CHARS),
            })
            .collect();
        assert!(plan.to_json_compact().len() < MAX_PLAN_BYTES);
        assert!(plan.to_json_pretty().len() > MAX_PLAN_BYTES);
        plan
    }

    #[test]
    fn a_link_whose_plan_would_save_over_a_megabyte_is_neither_made_nor_opened() {
        let plan = just_under_a_megabyte();
        assert!(
            matches!(encode_plan(&plan), Err(ShareError::NotSaveable(_))),
            "no link for a plan that cannot be saved"
        );
        let json = plan.to_json_compact();
        let code = link_with(crate::zip::crc32(json.as_bytes()), json.as_bytes(), b"");
        let error = decode_plan(&code).unwrap_err();
        assert!(matches!(error, ShareError::NotAPlan(_)), "{error}");
        assert!(error.to_string().contains("1 MB"), "{error}");
    }

    #[test]
    fn garbage_never_panics() {
        // A cheap deterministic generator: every input shape below, many times over.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let valid = encode_plan(&example("nat-gateway")).unwrap().into_bytes();
        for round in 0..4000 {
            let text: String = match round % 3 {
                // Random URL-safe text behind the right tag.
                0 => {
                    let len = (next() % 200) as usize;
                    let body: String = (0..len).map(|_| char::from(ALPHABET[(next() % 64) as usize])).collect();
                    format!("{}.{body}", 1 + next() % 2)
                }
                // A valid code with a few characters flipped.
                1 => {
                    let mut bytes = valid.clone();
                    for _ in 0..1 + next() % 4 {
                        let at = 2 + (next() as usize) % (bytes.len() - 2);
                        bytes[at] = ALPHABET[(next() % 64) as usize];
                    }
                    String::from_utf8(bytes).unwrap()
                }
                // Arbitrary characters, including non-ASCII.
                _ => (0..next() % 64)
                    .filter_map(|_| char::from_u32((next() % 0x3000) as u32))
                    .collect(),
            };
            let _ = decode_plan(&text);
        }
    }
}
