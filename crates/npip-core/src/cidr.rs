//! IPv4 CIDR maths: parsing with precise errors, containment, overlap, sizes and alignment.
//!
//! Addresses are `u32`; a block is kept as its first address and prefix length, and every operation works in `u64`
//! where a /0 block's size (2^32) would overflow.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// An IPv4 block in CIDR notation, always in canonical form (no host bits set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    network: u32,
    prefix: u8,
}

/// Why a text is not an IPv4 CIDR block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrError {
    Empty,
    /// No `/prefix` part.
    MissingPrefix,
    /// An IPv6 address or block, which is not accepted where only IPv4 works.
    Ipv6,
    /// The address part is not four decimal octets 0–255.
    BadAddress,
    /// The prefix is not a whole number 0–32.
    BadPrefix,
    /// Bits are set after the prefix; `canonical` is the block the person probably meant.
    HostBitsSet {
        canonical: Cidr,
    },
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::Empty => write!(f, "is empty"),
            CidrError::MissingPrefix => write!(f, "has no prefix length (write it like 10.0.0.0/16)"),
            CidrError::Ipv6 => write!(f, "is IPv6; only IPv4 ranges work here"),
            CidrError::BadAddress => write!(f, "is not an IPv4 address of four numbers 0-255"),
            CidrError::BadPrefix => write!(f, "has a prefix length that is not a number from 0 to 32"),
            CidrError::HostBitsSet { canonical } => {
                write!(f, "has bits set after the prefix; the block starts at {canonical}")
            }
        }
    }
}

impl std::error::Error for CidrError {}

/// Parses a dotted-quad IPv4 address strictly: four decimal octets, no leading `+`, no empty parts, no leading
/// zeros beyond a single `0` (they read as octal in some tools).
pub fn parse_ipv4(text: &str) -> Option<u32> {
    // One pass over the bytes (every rule and emitter parses addresses, so this stays off `split` and `parse`).
    let mut value: u32 = 0;
    let mut parts = 0;
    let mut octet: u32 = 0;
    let mut digits = 0;
    for byte in text.bytes().chain([b'.']) {
        match byte {
            b'0'..=b'9' => {
                // A fourth digit, or any digit after a leading zero.
                if digits == 3 || (digits == 1 && octet == 0) {
                    return None;
                }
                octet = octet * 10 + u32::from(byte - b'0');
                digits += 1;
            }
            b'.' if digits > 0 && octet <= 255 && parts < 4 => {
                value = (value << 8) | octet;
                parts += 1;
                octet = 0;
                digits = 0;
            }
            _ => return None,
        }
    }
    (parts == 4).then_some(value)
}

/// Whether `text` is an IPv6 block in CIDR notation (`fd00:db8::/48`), as a dual-stack VNet lists beside its IPv4
/// ranges. The planner places nothing in IPv6 space; it only needs to tell such a prefix from a typo.
pub fn is_ipv6_block(text: &str) -> bool {
    let Some((address, prefix)) = crate::plan::trim_value(text).split_once('/') else {
        return false;
    };
    let prefix_ok = !prefix.is_empty()
        && prefix.len() <= 3
        && prefix.bytes().all(|b| b.is_ascii_digit())
        && prefix.parse::<u8>().is_ok_and(|p| p <= 128);
    prefix_ok && address.parse::<std::net::Ipv6Addr>().is_ok()
}

/// Writes a `u32` as a dotted quad.
pub fn format_ipv4(address: u32) -> String {
    let mut out = String::with_capacity(18);
    push_ipv4(&mut out, address);
    out
}

/// Appends a `u32` as a dotted quad, without the formatting machinery.
fn push_ipv4(out: &mut String, address: u32) {
    for (i, octet) in address.to_be_bytes().into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        push_small(out, octet);
    }
}

/// Appends a number below 256 in decimal.
fn push_small(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
}

impl Cidr {
    /// The block of `prefix` bits containing `address` (host bits cleared). `prefix` above 32 is clamped.
    pub const fn containing(address: u32, prefix: u8) -> Cidr {
        let prefix = if prefix > 32 { 32 } else { prefix };
        Cidr {
            network: address & mask(prefix),
            prefix,
        }
    }

    /// A block from its first address and prefix, or `None` when host bits are set or the prefix exceeds 32.
    pub fn new(network: u32, prefix: u8) -> Option<Cidr> {
        (prefix <= 32 && network & !mask(prefix) == 0).then_some(Cidr { network, prefix })
    }

    pub const fn network(self) -> u32 {
        self.network
    }

    pub const fn prefix(self) -> u8 {
        self.prefix
    }

    /// Number of addresses in the block (2^32 for /0).
    pub const fn size(self) -> u64 {
        1u64 << (32 - self.prefix as u32)
    }

    /// The last address in the block.
    pub const fn last(self) -> u32 {
        (self.network as u64 + self.size() - 1) as u32
    }

    /// One past the last address, as `u64` so that the top block does not overflow.
    pub const fn end(self) -> u64 {
        self.network as u64 + self.size()
    }

    /// Whether `other` lies wholly inside this block.
    pub const fn contains(self, other: Cidr) -> bool {
        self.prefix <= other.prefix && (other.network & mask(self.prefix)) == self.network
    }

    pub const fn contains_address(self, address: u32) -> bool {
        address & mask(self.prefix) == self.network
    }

    /// Whether the two blocks share any address. CIDR blocks either nest or are disjoint.
    pub const fn overlaps(self, other: Cidr) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// The two halves of this block, or `None` for a /32.
    pub fn split(self) -> Option<(Cidr, Cidr)> {
        if self.prefix >= 32 {
            return None;
        }
        let prefix = self.prefix + 1;
        let upper = self.network | (1u32 << (32 - prefix as u32));
        Some((
            Cidr {
                network: self.network,
                prefix,
            },
            Cidr { network: upper, prefix },
        ))
    }

    /// The smallest prefix length whose block has at least `addresses` addresses, or `None` if over 2^32.
    pub fn prefix_for_size(addresses: u64) -> Option<u8> {
        (0..=32u8).rev().find(|&p| 1u64 << (32 - p as u32) >= addresses)
    }
}

const fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix as u32)
    }
}

impl FromStr for Cidr {
    type Err = CidrError;

    fn from_str(text: &str) -> Result<Cidr, CidrError> {
        // The planner's one trim, so a range judged here is the range the plan's normalised copy holds.
        let text = crate::plan::trim_value(text);
        if text.is_empty() {
            return Err(CidrError::Empty);
        }
        if text.contains(':') {
            return Err(CidrError::Ipv6);
        }
        let (address, prefix) = text.split_once('/').ok_or(CidrError::MissingPrefix)?;
        let address = parse_ipv4(address).ok_or(CidrError::BadAddress)?;
        if prefix.is_empty() || prefix.len() > 2 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CidrError::BadPrefix);
        }
        let prefix: u8 = prefix.parse().map_err(|_| CidrError::BadPrefix)?;
        if prefix > 32 {
            return Err(CidrError::BadPrefix);
        }
        let canonical = Cidr::containing(address, prefix);
        if canonical.network != address {
            return Err(CidrError::HostBitsSet { canonical });
        }
        Ok(canonical)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(18);
        push_ipv4(&mut text, self.network);
        text.push('/');
        push_small(&mut text, self.prefix);
        f.write_str(&text)
    }
}

/// Orders by first address, then larger blocks first, so that a sorted list sweeps left to right.
impl Ord for Cidr {
    fn cmp(&self, other: &Cidr) -> Ordering {
        self.network.cmp(&other.network).then(self.prefix.cmp(&other.prefix))
    }
}

impl PartialOrd for Cidr {
    fn partial_cmp(&self, other: &Cidr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Cidr {
        text.parse().unwrap()
    }

    #[test]
    fn the_byte_parser_agrees_with_split_and_parse() {
        let reference = |text: &str| -> Option<u32> {
            let parts: Vec<&str> = text.split('.').collect();
            if parts.len() != 4 {
                return None;
            }
            let mut value = 0;
            for part in parts {
                let digits = !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit());
                if !digits || (part.len() > 1 && part.starts_with('0')) {
                    return None;
                }
                let octet: u32 = part.parse().ok().filter(|&o| o <= 255)?;
                value = (value << 8) | octet;
            }
            Some(value)
        };
        let pieces = [
            "0", "00", "01", "1", "9", "10", "99", "255", "256", "999", "1000", "", "+1", "a", "1 ", "é",
        ];
        for a in pieces {
            for b in ["0", "255", "07"] {
                for text in [
                    format!("{a}.{b}.0.1"),
                    format!("10.{a}.{b}.3"),
                    format!("1.2.3.{a}"),
                    format!("{a}.1.2"),
                    format!("1.2.3.4.{a}"),
                    a.to_string(),
                ] {
                    assert_eq!(parse_ipv4(&text), reference(&text), "{text:?}");
                }
            }
        }
        assert_eq!(format_ipv4(0x0a00_ff07), "10.0.255.7");
        assert_eq!(c("192.168.100.0/22").to_string(), "192.168.100.0/22");
    }

    #[test]
    fn parses_and_prints_canonical_blocks() {
        assert_eq!(c("10.179.0.0/16").to_string(), "10.179.0.0/16");
        assert_eq!(c(" 0.0.0.0/0 ").size(), 1 << 32);
        assert_eq!(c("10.0.0.7/32").last(), c("10.0.0.7/32").network());
        assert_eq!(c("255.255.255.0/24").end(), 1 << 32);
    }

    #[test]
    fn explains_what_is_wrong() {
        assert_eq!("".parse::<Cidr>(), Err(CidrError::Empty));
        assert_eq!("10.0.0.0".parse::<Cidr>(), Err(CidrError::MissingPrefix));
        assert_eq!("fd00::/8".parse::<Cidr>(), Err(CidrError::Ipv6));
        assert_eq!("10.0.0.256/24".parse::<Cidr>(), Err(CidrError::BadAddress));
        assert_eq!("10.0.0/24".parse::<Cidr>(), Err(CidrError::BadAddress));
        assert_eq!("10.0.00.0/24".parse::<Cidr>(), Err(CidrError::BadAddress));
        assert_eq!("10.0.0.0/33".parse::<Cidr>(), Err(CidrError::BadPrefix));
        assert_eq!("10.0.0.0/".parse::<Cidr>(), Err(CidrError::BadPrefix));
        assert_eq!("10.0.0.0/+8".parse::<Cidr>(), Err(CidrError::BadPrefix));
        assert_eq!(
            "10.1.2.3/16".parse::<Cidr>(),
            Err(CidrError::HostBitsSet {
                canonical: c("10.1.0.0/16")
            })
        );
    }

    #[test]
    fn ipv6_blocks_are_told_from_typos() {
        for block in ["fd00:db8::/48", "2001:db8:1234::/64", " ::/0 ", "fd00::1/128"] {
            assert!(is_ipv6_block(block), "{block}");
        }
        for not in [
            "fd00:db8::",
            "fd00::/129",
            "fd00::/",
            "fd00:::/48",
            "10.0.0.0/16",
            "fd00::/+8",
            "g::/8",
        ] {
            assert!(!is_ipv6_block(not), "{not}");
        }
    }

    #[test]
    fn containment_and_overlap() {
        assert!(c("10.0.0.0/16").contains(c("10.0.255.0/24")));
        assert!(!c("10.0.0.0/16").contains(c("10.1.0.0/24")));
        assert!(!c("10.0.0.0/24").contains(c("10.0.0.0/16")));
        assert!(c("10.0.0.0/24").overlaps(c("10.0.0.0/16")));
        assert!(!c("10.0.0.0/25").overlaps(c("10.0.0.128/25")));
        assert!(c("0.0.0.0/0").contains(c("255.255.255.255/32")));
    }

    #[test]
    fn prefixes_for_sizes() {
        assert_eq!(Cidr::prefix_for_size(64), Some(26));
        assert_eq!(Cidr::prefix_for_size(65), Some(25));
        assert_eq!(Cidr::prefix_for_size(1), Some(32));
        assert_eq!(Cidr::prefix_for_size(1 << 32), Some(0));
        assert_eq!(Cidr::prefix_for_size((1 << 32) + 1), None);
    }

    #[test]
    fn split_halves() {
        assert_eq!(c("10.0.0.0/16").split(), Some((c("10.0.0.0/17"), c("10.0.128.0/17"))));
        assert_eq!(c("10.0.0.1/32").split(), None);
    }
}
