//! Raw DEFLATE (RFC 1951) both ways, for share links.
//!
//! The compressor writes one block with Huffman codes built for the data (LZ77 with hash chains and one step of
//! lazy matching), which is what general-purpose compressors do at their higher levels; the decompressor reads
//! every block type, so links made by other DEFLATE writers open too. Both are small on purpose: they ship in the
//! web bundle, where a general-purpose library's many levels and strategies would weigh several times more.
//! Decoding is bounded by an output limit and never panics on damaged input.

/// Base match length of length codes 257..=285, and their extra bits.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distance of distance codes 0..=29, and their extra bits.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/// The order in which a dynamic block lists the code-length code's lengths.
const CODE_LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const END_OF_BLOCK: usize = 256;
const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 15;
/// How many earlier positions with the same hash a match search looks at: plenty for plan JSON, bounded for 1 MB.
const MAX_CHAIN: usize = 128;
const NONE: u32 = u32::MAX;

/// The index of the table entry whose base is the largest not above `value` (tables are ascending).
fn code_for(base: &[u16], value: usize) -> usize {
    base.iter().rposition(|&b| usize::from(b) <= value).unwrap_or(0)
}

// ---- compression ----

/// One LZ77 step: a literal byte (`distance` 0) or a match of `length` bytes `distance` back.
#[derive(Clone, Copy)]
struct Token {
    length: u16,
    distance: u16,
}

struct Matcher<'a> {
    data: &'a [u8],
    head: Vec<u32>,
    prev: Vec<u32>,
}

impl<'a> Matcher<'a> {
    fn new(data: &'a [u8]) -> Matcher<'a> {
        Matcher {
            data,
            head: vec![NONE; 1 << HASH_BITS],
            prev: vec![NONE; data.len()],
        }
    }

    fn hash(&self, at: usize) -> Option<usize> {
        let bytes = self.data.get(at..at + MIN_MATCH)?;
        let key = u32::from(bytes[0]) << 16 | u32::from(bytes[1]) << 8 | u32::from(bytes[2]);
        Some((key.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize)
    }

    /// Records position `at` as a match candidate for later positions.
    fn insert(&mut self, at: usize) {
        if let Some(h) = self.hash(at) {
            if let (Some(prev), Some(head)) = (self.prev.get_mut(at), self.head.get_mut(h)) {
                *prev = *head;
                *head = at as u32;
            }
        }
    }

    /// The longest earlier match for the bytes at `at`: (length, distance), length 0 when none reaches 3.
    fn longest(&self, at: usize) -> (usize, usize) {
        let Some(h) = self.hash(at) else { return (0, 0) };
        let here = self.data.get(at..).unwrap_or_default();
        let limit = here.len().min(MAX_MATCH);
        let mut best = (0, 0);
        let mut candidate = self.head.get(h).copied().unwrap_or(NONE);
        for _ in 0..MAX_CHAIN {
            if candidate == NONE {
                break;
            }
            let from = candidate as usize;
            if at - from > WINDOW {
                break;
            }
            let there = self.data.get(from..).unwrap_or_default();
            let length = here.iter().zip(there).take(limit).take_while(|(a, b)| a == b).count();
            if length > best.0 {
                best = (length, at - from);
                if length == limit {
                    break;
                }
            }
            candidate = self.prev.get(from).copied().unwrap_or(NONE);
        }
        if best.0 < MIN_MATCH {
            (0, 0)
        } else {
            best
        }
    }
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut matcher = Matcher::new(data);
    let mut out = Vec::with_capacity(data.len() / 2);
    let literal = |byte: u8| Token {
        length: u16::from(byte),
        distance: 0,
    };
    let mut at = 0;
    while at < data.len() {
        let (length, distance) = matcher.longest(at);
        matcher.insert(at);
        // One step of lazy matching: a longer match starting at the next byte wins over this one.
        if length > 0 && matcher.longest(at + 1).0 <= length {
            out.push(Token {
                length: length as u16,
                distance: distance as u16,
            });
            for next in at + 1..at + length {
                matcher.insert(next);
            }
            at += length;
        } else {
            out.push(literal(data.get(at).copied().unwrap_or(0)));
            at += 1;
        }
    }
    out
}

/// Huffman code lengths for `freqs`, none longer than `limit`. Symbols with frequency 0 get no code; at least two
/// symbols get one, so the code is always complete (as decoders expect).
fn code_lengths(freqs: &[u32], limit: u32) -> Vec<u8> {
    let mut freqs = freqs.to_vec();
    loop {
        let lengths = huffman_lengths(&freqs);
        if lengths.iter().all(|&l| u32::from(l) <= limit) {
            return lengths;
        }
        // Flatten the distribution and try again; all ones gives a balanced tree, so this ends.
        for f in freqs.iter_mut().filter(|f| **f > 0) {
            *f = (*f >> 1) | 1;
        }
    }
}

fn huffman_lengths(freqs: &[u32]) -> Vec<u8> {
    let mut lengths = vec![0u8; freqs.len()];
    let mut leaves: Vec<(u32, usize)> = freqs
        .iter()
        .enumerate()
        .filter(|(_, &f)| f > 0)
        .map(|(s, &f)| (f, s))
        .collect();
    // Fewer than two used symbols: give two symbols one bit each.
    if leaves.len() < 2 {
        let used = leaves.first().map_or(0, |l| l.1);
        let other = usize::from(used == 0);
        for s in [used, other] {
            if let Some(l) = lengths.get_mut(s) {
                *l = 1;
            }
        }
        return lengths;
    }
    crate::order::sort(&mut leaves);
    // The two-queue construction: leaves in weight order, then internal nodes, which are made in weight order.
    let m = leaves.len();
    let mut weight: Vec<u64> = leaves.iter().map(|l| u64::from(l.0)).collect();
    weight.resize(2 * m - 1, 0);
    let mut parent = vec![0usize; 2 * m - 1];
    let (mut next_leaf, mut next_inner, mut made) = (0, m, m);
    for _ in 0..m - 1 {
        let mut pick = || {
            let take_leaf = next_leaf < m && (next_inner >= made || weight[next_leaf] <= weight[next_inner]);
            if take_leaf {
                next_leaf += 1;
                next_leaf - 1
            } else {
                next_inner += 1;
                next_inner - 1
            }
        };
        let (a, b) = (pick(), pick());
        weight[made] = weight[a] + weight[b];
        parent[a] = made;
        parent[b] = made;
        made += 1;
    }
    // Depth from the root (the last node made) down.
    let mut depth = vec![0u32; 2 * m - 1];
    for node in (0..2 * m - 2).rev() {
        depth[node] = depth[parent[node]] + 1;
    }
    for (i, &(_, symbol)) in leaves.iter().enumerate() {
        lengths[symbol] = depth[i].min(255) as u8;
    }
    lengths
}

/// Canonical codes for code lengths, bit-reversed because DEFLATE writes them most significant bit first.
fn canonical_codes(lengths: &[u8]) -> Vec<u16> {
    let mut count = [0u16; 16];
    for &l in lengths.iter().filter(|&&l| l > 0) {
        count[usize::from(l.min(15))] += 1;
    }
    let mut next = [0u16; 16];
    let mut code = 0u16;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            let l = usize::from(l.min(15));
            if l == 0 {
                return 0;
            }
            let c = next[l];
            next[l] += 1;
            c.reverse_bits() >> (16 - l)
        })
        .collect()
}

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn code(&mut self, codes: &[u16], lengths: &[u8], symbol: usize) {
        let code = codes.get(symbol).copied().unwrap_or(0);
        let length = lengths.get(symbol).copied().unwrap_or(0);
        self.put(u32::from(code), u32::from(length));
    }
}

/// Code lengths run-length encoded as DEFLATE's code-length alphabet: (symbol, extra bits' value).
fn run_lengths(lengths: &[u8]) -> Vec<(u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let value = lengths[i];
        let run = lengths[i..].iter().take_while(|&&l| l == value).count();
        let mut left = run;
        if value == 0 {
            while left >= 11 {
                let n = left.min(138);
                out.push((18, (n - 11) as u8));
                left -= n;
            }
            if left >= 3 {
                out.push((17, (left - 3) as u8));
                left = 0;
            }
        } else {
            out.push((value, 0));
            left -= 1;
            while left >= 3 {
                let n = left.min(6);
                out.push((16, (n - 3) as u8));
                left -= n;
            }
        }
        out.extend(std::iter::repeat_n((value, 0), left));
        i += run;
    }
    out
}

/// `data` as one raw DEFLATE stream (no zlib or gzip wrapper). Deterministic.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let tokens = tokens(data);
    let mut lit_freqs = [0u32; 286];
    let mut dist_freqs = [0u32; 30];
    for t in &tokens {
        if t.distance == 0 {
            lit_freqs[usize::from(t.length)] += 1;
        } else {
            lit_freqs[257 + code_for(&LENGTH_BASE, usize::from(t.length))] += 1;
            dist_freqs[code_for(&DIST_BASE, usize::from(t.distance))] += 1;
        }
    }
    lit_freqs[END_OF_BLOCK] = 1;
    let lit_lengths = code_lengths(&lit_freqs, 15);
    let dist_lengths = code_lengths(&dist_freqs, 15);
    let used = |lengths: &[u8], min: usize| lengths.iter().rposition(|&l| l > 0).map_or(min, |i| (i + 1).max(min));
    let hlit = used(&lit_lengths, 257);
    let hdist = used(&dist_lengths, 1);
    let mut all = lit_lengths[..hlit].to_vec();
    all.extend_from_slice(&dist_lengths[..hdist]);
    let runs = run_lengths(&all);
    let mut cl_freqs = [0u32; 19];
    for &(symbol, _) in &runs {
        cl_freqs[usize::from(symbol)] += 1;
    }
    let cl_lengths = code_lengths(&cl_freqs, 7);
    let hclen = CODE_LENGTH_ORDER
        .iter()
        .rposition(|&s| cl_lengths[s] > 0)
        .map_or(4, |i| (i + 1).max(4));

    let mut w = BitWriter {
        out: Vec::with_capacity(data.len() / 2 + 64),
        acc: 0,
        n: 0,
    };
    w.put(1, 1); // the final block
    w.put(2, 2); // with dynamic Huffman codes
    w.put((hlit - 257) as u32, 5);
    w.put((hdist - 1) as u32, 5);
    w.put((hclen - 4) as u32, 4);
    for &s in &CODE_LENGTH_ORDER[..hclen] {
        w.put(u32::from(cl_lengths[s]), 3);
    }
    let cl_codes = canonical_codes(&cl_lengths);
    for &(symbol, extra) in &runs {
        w.code(&cl_codes, &cl_lengths, usize::from(symbol));
        match symbol {
            16 => w.put(u32::from(extra), 2),
            17 => w.put(u32::from(extra), 3),
            18 => w.put(u32::from(extra), 7),
            _ => {}
        }
    }
    let lit_codes = canonical_codes(&lit_lengths);
    let dist_codes = canonical_codes(&dist_lengths);
    for t in &tokens {
        if t.distance == 0 {
            w.code(&lit_codes, &lit_lengths, usize::from(t.length));
            continue;
        }
        let (length, distance) = (usize::from(t.length), usize::from(t.distance));
        let l = code_for(&LENGTH_BASE, length);
        w.code(&lit_codes, &lit_lengths, 257 + l);
        w.put(
            (length - usize::from(LENGTH_BASE[l])) as u32,
            u32::from(LENGTH_EXTRA[l]),
        );
        let d = code_for(&DIST_BASE, distance);
        w.code(&dist_codes, &dist_lengths, d);
        w.put((distance - usize::from(DIST_BASE[d])) as u32, u32::from(DIST_EXTRA[d]));
    }
    w.code(&lit_codes, &lit_lengths, END_OF_BLOCK);
    w.put(0, 7); // flush the last partial byte
    w.out
}

// ---- decompression ----

struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
    acc: u64,
    n: u32,
}

impl BitReader<'_> {
    fn bits(&mut self, need: u32) -> Option<u32> {
        while self.n < need {
            let byte = *self.data.get(self.pos)?;
            self.pos += 1;
            self.acc |= u64::from(byte) << self.n;
            self.n += 8;
        }
        let value = (self.acc & ((1u64 << need) - 1)) as u32;
        self.acc >>= need;
        self.n -= need;
        Some(value)
    }
}

/// A canonical Huffman code for decoding: how many codes of each length, and the symbols in code order.
struct Decoder {
    count: [u16; 16],
    symbols: Vec<u16>,
}

impl Decoder {
    /// `None` for an over-subscribed code (more codes than the lengths allow); an incomplete one is read until a
    /// missing code turns up.
    fn new(lengths: &[u8]) -> Option<Decoder> {
        let mut count = [0u16; 16];
        for &l in lengths {
            *count.get_mut(usize::from(l))? += 1;
        }
        count[0] = 0;
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return None;
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + count[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (symbol, &l) in lengths.iter().enumerate().filter(|(_, &l)| l > 0) {
            let slot = offsets.get_mut(usize::from(l))?;
            *symbols.get_mut(usize::from(*slot))? = symbol as u16;
            *slot += 1;
        }
        Some(Decoder { count, symbols })
    }

    fn decode(&self, r: &mut BitReader) -> Option<usize> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= r.bits(1)? as i32;
            let count = i32::from(self.count[len]);
            if code - count < first {
                return self
                    .symbols
                    .get((index + code - first) as usize)
                    .map(|&s| usize::from(s));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        None
    }
}

/// The bytes of a raw DEFLATE stream, or `None` when it is damaged or would inflate to more than `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut r = BitReader {
        data,
        pos: 0,
        acc: 0,
        n: 0,
    };
    let mut out = Vec::new();
    loop {
        let last = r.bits(1)? == 1;
        match r.bits(2)? {
            0 => stored(&mut r, &mut out, limit)?,
            1 => {
                let mut lengths = [8u8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                let lit = Decoder::new(&lengths)?;
                let dist = Decoder::new(&[5; 30])?;
                codes(&mut r, &mut out, limit, &lit, &dist)?;
            }
            2 => {
                let (lit, dist) = dynamic_codes(&mut r)?;
                codes(&mut r, &mut out, limit, &lit, &dist)?;
            }
            _ => return None,
        }
        if last {
            return Some(out);
        }
    }
}

fn stored(r: &mut BitReader, out: &mut Vec<u8>, limit: usize) -> Option<()> {
    // To the next byte boundary: the reader never holds more than 7 bits between blocks.
    r.acc = 0;
    r.n = 0;
    let length = r.bits(16)? as usize;
    let check = r.bits(16)? as usize;
    if length != !check & 0xffff || out.len() + length > limit {
        return None;
    }
    out.extend_from_slice(r.data.get(r.pos..r.pos + length)?);
    r.pos += length;
    Some(())
}

fn dynamic_codes(r: &mut BitReader) -> Option<(Decoder, Decoder)> {
    let hlit = r.bits(5)? as usize + 257;
    let hdist = r.bits(5)? as usize + 1;
    let hclen = r.bits(4)? as usize + 4;
    let mut cl_lengths = [0u8; 19];
    for &s in CODE_LENGTH_ORDER.get(..hclen)? {
        cl_lengths[s] = r.bits(3)? as u8;
    }
    let cl = Decoder::new(&cl_lengths)?;
    let mut lengths = Vec::with_capacity(hlit + hdist);
    while lengths.len() < hlit + hdist {
        let (value, repeat) = match cl.decode(r)? {
            symbol @ 0..=15 => (symbol as u8, 1),
            16 => (*lengths.last()?, 3 + r.bits(2)? as usize),
            17 => (0, 3 + r.bits(3)? as usize),
            18 => (0, 11 + r.bits(7)? as usize),
            _ => return None,
        };
        if lengths.len() + repeat > hlit + hdist {
            return None;
        }
        lengths.extend(std::iter::repeat_n(value, repeat));
    }
    let (lit, dist) = lengths.split_at(hlit);
    // A block must be able to end.
    if lit.get(END_OF_BLOCK) == Some(&0) {
        return None;
    }
    Some((Decoder::new(lit)?, Decoder::new(dist)?))
}

fn codes(r: &mut BitReader, out: &mut Vec<u8>, limit: usize, lit: &Decoder, dist: &Decoder) -> Option<()> {
    loop {
        let symbol = lit.decode(r)?;
        if symbol < END_OF_BLOCK {
            if out.len() >= limit {
                return None;
            }
            out.push(symbol as u8);
            continue;
        }
        if symbol == END_OF_BLOCK {
            return Some(());
        }
        let l = symbol - 257;
        let length = usize::from(*LENGTH_BASE.get(l)?) + r.bits(u32::from(LENGTH_EXTRA[l]))? as usize;
        let d = dist.decode(r)?;
        let distance = usize::from(*DIST_BASE.get(d)?) + r.bits(u32::from(DIST_EXTRA[d]))? as usize;
        if distance > out.len() || out.len() + length > limit {
            return None;
        }
        // Byte by byte: a match may overlap the bytes it is copying.
        let from = out.len() - distance;
        for i in from..from + length {
            let byte = *out.get(i)?;
            out.push(byte);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plans() -> Vec<Vec<u8>> {
        crate::examples::EXAMPLES
            .iter()
            .map(|e| crate::read_plan(e.text).unwrap().to_json_compact().into_bytes())
            .collect()
    }

    #[test]
    fn plans_round_trip_and_compress_about_as_well_as_miniz_at_its_best() {
        for plan in plans() {
            let ours = deflate(&plan);
            assert_eq!(inflate(&ours, usize::MAX).unwrap(), plan);
            assert_eq!(
                miniz_oxide::inflate::decompress_to_vec(&ours).unwrap(),
                plan,
                "others read ours"
            );
            let theirs = miniz_oxide::deflate::compress_to_vec(&plan, 10);
            assert!(
                ours.len() * 100 <= theirs.len() * 104,
                "{} against {} bytes",
                ours.len(),
                theirs.len()
            );
        }
    }

    #[test]
    fn reads_every_block_type_others_write() {
        let text: Vec<u8> = plans().concat();
        // Level 0 writes stored blocks, 1 fixed codes for short input, the rest dynamic codes.
        for level in 0..=10 {
            for input in [&text[..], &text[..40], b"", b"a"] {
                let packed = miniz_oxide::deflate::compress_to_vec(input, level);
                assert_eq!(inflate(&packed, usize::MAX).as_deref(), Some(input), "level {level}");
            }
        }
    }

    #[test]
    fn edge_inputs_round_trip() {
        let long_run = vec![b'x'; 100_000];
        let every_byte: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        for input in [&b""[..], b"a", b"ab", b"aaa", &long_run, &every_byte] {
            let packed = deflate(input);
            assert_eq!(inflate(&packed, usize::MAX).as_deref(), Some(input));
            assert_eq!(miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(), input);
        }
        assert!(deflate(&long_run).len() < 300, "runs compress");
    }

    #[test]
    fn the_output_limit_holds() {
        let packed = deflate(&vec![b'x'; 10_000]);
        assert!(inflate(&packed, 9_999).is_none());
        assert_eq!(inflate(&packed, 10_000).map(|v| v.len()), Some(10_000));
    }

    #[test]
    fn code_lengths_respect_their_limit() {
        // Fibonacci frequencies give the deepest possible tree.
        let mut freqs = vec![1u32, 1];
        while freqs.len() < 30 {
            let n = freqs.len();
            freqs.push(freqs[n - 1] + freqs[n - 2]);
        }
        let lengths = code_lengths(&freqs, 15);
        assert!(lengths.iter().all(|&l| (1..=15).contains(&l)));
        // Still a complete prefix code: the Kraft sum is exactly 1.
        let kraft: f64 = lengths.iter().map(|&l| 0.5f64.powi(i32::from(l))).sum();
        assert!((kraft - 1.0).abs() < 1e-12, "{kraft}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn round_trips(data in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 0..3000)) {
            let packed = deflate(&data);
            prop_assert_eq!(inflate(&packed, usize::MAX), Some(data.clone()));
            prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&packed).ok(), Some(data));
        }

        #[test]
        fn damaged_streams_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = inflate(&data, 4096);
        }
    }
}
