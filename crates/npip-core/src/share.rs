//! Share links: the whole plan in a URL fragment, so a link restores it with no server.
//!
//! A link code is a format tag, then the plan's compact JSON, deflated, in unpadded base64url
//! (`1.` + `[A-Za-z0-9_-]*`). Every step of decoding is bounded, so a hostile or mangled link costs little and
//! ends in a [`ShareError`], never a panic.

use crate::plan::Plan;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use std::fmt;

/// Tag of the link format this engine writes. A future format gets a new tag; old links keep working.
const FORMAT_TAG: &str = "1.";

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
    /// The code starts with a format tag this planner does not know (`2.…`: made by a newer one).
    UnknownFormat,
    /// The code is longer than [`MAX_CODE_CHARS`].
    TooLong,
    /// The code has no format tag at all: it was cut at the front or is not a plan link.
    Untagged,
    /// A character outside base64url, or a length no base64 text has: the link was cut or altered.
    NotBase64,
    /// The bytes are not deflate data, or inflate to more than [`MAX_PLAN_BYTES`].
    Damaged,
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

/// The link code for a plan. Deterministic: the same plan always gives the same code.
pub fn encode_plan(plan: &Plan) -> Result<String, ShareError> {
    plan.check_saveable().map_err(|e| ShareError::NotSaveable(e.reason()))?;
    let packed = miniz_oxide::deflate::compress_to_vec(plan.to_json_compact().as_bytes(), COMPRESSION_LEVEL);
    let mut code = String::with_capacity(FORMAT_TAG.len() + packed.len().div_ceil(3) * 4);
    code.push_str(FORMAT_TAG);
    BASE64URL.encode_string(&packed, &mut code);
    Ok(code)
}

/// The plan in a link code. Surrounding whitespace is ignored.
pub fn decode_plan(code: &str) -> Result<Plan, ShareError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    if code.len() > MAX_CODE_CHARS {
        return Err(ShareError::TooLong);
    }
    let body = match code.strip_prefix(FORMAT_TAG) {
        Some(body) => body,
        // Another version's tag is digits and a dot; anything else never was a link this planner made.
        None if has_format_tag(code) => return Err(ShareError::UnknownFormat),
        None => return Err(ShareError::Untagged),
    };
    let packed = BASE64URL.decode(body).map_err(|_| ShareError::NotBase64)?;
    let json = inflate(&packed, MAX_PLAN_BYTES).ok_or(ShareError::Damaged)?;
    let text = std::str::from_utf8(&json).map_err(|_| ShareError::Damaged)?;
    let plan = crate::plan::read_plan(text).map_err(|e| ShareError::NotAPlan(e.to_string()))?;
    // Within every bound already (it was read); saved, it is larger than the compact form the link carries.
    if plan.to_json_pretty().len() > MAX_PLAN_BYTES {
        return Err(ShareError::NotAPlan(
            "the plan it holds would be larger than 1 MB once saved, the most a plan file may be".to_string(),
        ));
    }
    Ok(plan)
}

/// miniz's best ratio short of its slowest mode; plans are a few kilobytes, so the time does not show.
const COMPRESSION_LEVEL: u8 = 9;

/// Unpadded base64url; a link whose `=` padding some tool added still reads.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Raw DEFLATE data inflated into at most `limit` bytes: `None` when it is damaged or inflates to more.
fn inflate(packed: &[u8], limit: usize) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(packed, limit).ok()
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
            assert!(code.starts_with("1."), "{name}: {code}");
            assert!(
                code[2..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{name}: only URL-safe characters"
            );
            assert_eq!(decode_plan(&code).unwrap(), plan, "{name}");
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
            let packed = BASE64URL.decode(&code[2..]).unwrap();
            assert_eq!(
                inflate(&packed, MAX_PLAN_BYTES).unwrap(),
                plan.to_json_compact().as_bytes()
            );
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
    }

    #[test]
    fn mangled_links_say_what_is_wrong() {
        let code = encode_plan(&example("firewall")).unwrap();
        assert_eq!(decode_plan(""), Err(ShareError::Empty));
        assert_eq!(decode_plan("   "), Err(ShareError::Empty));
        assert_eq!(
            decode_plan(&code.replacen("1.", "9.", 1)),
            Err(ShareError::UnknownFormat)
        );
        assert_eq!(
            decode_plan(&code.replacen("1.", "12.", 1)),
            Err(ShareError::UnknownFormat)
        );
        // Not a link code of any version: damaged, not "another version".
        assert_eq!(decode_plan("garbage"), Err(ShareError::Untagged));
        assert_eq!(decode_plan(".abc"), Err(ShareError::Untagged));
        assert_eq!(decode_plan(&code[2..]), Err(ShareError::Untagged));
        assert_eq!(decode_plan(&format!("{code}!")), Err(ShareError::NotBase64));
        assert_eq!(decode_plan("1.A"), Err(ShareError::NotBase64));
        assert_eq!(decode_plan(&code[..code.len() / 2]), Err(ShareError::Damaged));
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
        let mut code = String::from(FORMAT_TAG);
        BASE64URL.encode_string(
            miniz_oxide::deflate::compress_to_vec(plan.to_json_compact().as_bytes(), 9),
            &mut code,
        );
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
                    format!("1.{body}")
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
