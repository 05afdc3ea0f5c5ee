//! Where the address-space map's ranges fall: the sizes of the full and the compact map, and for each bar the x of
//! every address (in proportion, except that every range gets a minimum width).

use super::model::{Piece, Section};
use crate::diagram::options::DiagramSize;

/// Sizes that differ between the full and the compact map.
#[derive(Clone, Copy)]
pub(super) struct Geometry {
    pub(super) width: f64,
    pub(super) margin: f64,
    pub(super) lane_h: f64,
    pub(super) lane_gap: f64,
    pub(super) overlap_h: f64,
    pub(super) min_piece: f64,
    /// Width a subnet or avoid range gets at least, so its label fits in the bar.
    pub(super) named_min: f64,
    pub(super) row_h: f64,
    /// Table column starts, relative to the margin: key, swatch, name, CIDR, addresses (right edge), range, notes.
    pub(super) cols: [f64; 7],
    pub(super) show_range: bool,
}

impl Geometry {
    pub(super) fn of(size: DiagramSize) -> Geometry {
        match size {
            DiagramSize::Full => Geometry {
                width: 1280.0,
                margin: 24.0,
                lane_h: 54.0,
                lane_gap: 6.0,
                overlap_h: 24.0,
                min_piece: 6.0,
                named_min: 150.0,
                row_h: 27.0,
                cols: [0.0, 56.0, 80.0, 340.0, 620.0, 644.0, 944.0],
                show_range: true,
            },
            DiagramSize::Compact => Geometry {
                width: 560.0,
                margin: 16.0,
                lane_h: 44.0,
                lane_gap: 4.0,
                overlap_h: 18.0,
                min_piece: 4.0,
                named_min: 96.0,
                row_h: 22.0,
                cols: [0.0, 50.0, 70.0, 256.0, 528.0, 528.0, 528.0],
                show_range: false,
            },
        }
    }

    pub(super) fn bar_width(&self) -> f64 {
        self.width - 2.0 * self.margin
    }
}

/// Maps addresses to x: proportional, except that every range gets a minimum width.
pub(super) struct Scale {
    pub(super) bounds: Vec<u64>,
    pub(super) xs: Vec<f64>,
    /// Whether widths are in proportion to sizes (no minimum had to widen anything).
    pub(super) to_scale: bool,
}

impl Scale {
    /// Every range, free space included, gets at least `floor` pixels so that its label fits, as long as those
    /// floors take no more than 60% of the bar, and every sliver at least `min`. The floor is the same whatever the
    /// range is, so a bigger range is never drawn narrower than a smaller one; should nested ranges (each floored in
    /// parts) still invert two, the bar is drawn strictly to scale instead.
    pub(super) fn new(section: &Section, x0: f64, width: f64, min: f64, floor: f64) -> Scale {
        let mut bounds: Vec<u64> = vec![u64::from(section.prefix.network()), section.prefix.end()];
        for p in &section.pieces {
            bounds.extend([p.start, p.end]);
        }
        for o in &section.overlaps {
            bounds.extend([o.start, o.end]);
        }
        crate::order::sort(&mut bounds);
        bounds.dedup();
        let lengths: Vec<f64> = bounds.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
        let n = lengths.len().max(1) as f64;
        let mut floors = vec![min.min(width / n); lengths.len()];
        let floor = floor.min(width * 0.6 / section.pieces.len().max(1) as f64);
        let part = |address: u64| bounds.partition_point(|b| *b < address);
        for piece in &section.pieces {
            let (first, last) = (part(piece.start), part(piece.end));
            let share = floor / last.saturating_sub(first).max(1) as f64;
            for slot in floors.iter_mut().take(last).skip(first) {
                *slot = slot.max(share);
            }
        }
        let mut scale = Scale::from_widths(bounds.clone(), x0, &fill(&lengths, &floors, width));
        if scale.inverts(&section.pieces) {
            scale = Scale::from_widths(bounds, x0, &fill(&lengths, &vec![0.0; lengths.len()], width));
        }
        let total: f64 = lengths.iter().sum();
        scale.to_scale = scale
            .xs
            .windows(2)
            .zip(&lengths)
            .all(|(x, length)| ((x[1] - x[0]) - width * length / total.max(1.0)).abs() < 0.5);
        scale
    }

    fn from_widths(bounds: Vec<u64>, x0: f64, widths: &[f64]) -> Scale {
        let mut xs = Vec::with_capacity(bounds.len());
        let mut x = x0;
        xs.push(x);
        for w in widths {
            x += w;
            xs.push(x);
        }
        Scale {
            bounds,
            xs,
            to_scale: false,
        }
    }

    pub(super) fn x(&self, address: u64) -> f64 {
        let i = self.bounds.partition_point(|b| *b < address);
        self.xs.get(i).or(self.xs.last()).copied().unwrap_or(0.0)
    }

    pub(super) fn width(&self, piece: &Piece) -> f64 {
        self.x(piece.end) - self.x(piece.start)
    }

    /// Whether some range is drawn narrower than a smaller one.
    fn inverts(&self, pieces: &[Piece]) -> bool {
        pieces.iter().any(|a| {
            pieces
                .iter()
                .any(|b| a.size() > b.size() && self.width(a) + 0.5 < self.width(b))
        })
    }
}

/// Widths in proportion to `lengths` that add up to `width`, none below its floor: intervals that would fall below
/// are held at their floor and the rest share what is left, repeated until no new interval falls below.
fn fill(lengths: &[f64], floors: &[f64], width: f64) -> Vec<f64> {
    let floor_sum: f64 = floors.iter().sum();
    if floor_sum >= width {
        // Not even the floors fit: scale them down together.
        let factor = if floor_sum > 0.0 { width / floor_sum } else { 0.0 };
        return floors.iter().map(|f| f * factor).collect();
    }
    let mut held = vec![false; lengths.len()];
    let mut widths = floors.to_vec();
    for _ in 0..=lengths.len() {
        let held_width: f64 = floors.iter().zip(&held).filter(|(_, h)| **h).map(|(f, _)| *f).sum();
        let free_len: f64 = lengths.iter().zip(&held).filter(|(_, h)| !**h).map(|(l, _)| *l).sum();
        let room = (width - held_width).max(0.0);
        let mut changed = false;
        for (i, (length, floor)) in lengths.iter().zip(floors).enumerate() {
            if held.get(i).copied().unwrap_or(true) {
                continue;
            }
            let w = if free_len > 0.0 {
                room * length / free_len
            } else {
                room / lengths.len() as f64
            };
            if w < *floor {
                if let Some(h) = held.get_mut(i) {
                    *h = true;
                }
                changed = true;
            }
            if let Some(slot) = widths.get_mut(i) {
                *slot = w.max(*floor);
            }
        }
        if !changed {
            break;
        }
    }
    widths
}

/// Said in the legend and the description when a minimum width made a bar not to scale.
pub(super) const NOT_TO_SCALE: &str =
    "Widths are not to scale: small ranges are widened to stay readable, and a bigger range is \
                            never drawn narrower than a smaller one.";

/// One VNet prefix's bar: its section of the map, and where each of its addresses falls.
pub(super) struct Bar {
    pub(super) section: Section,
    pub(super) scale: Scale,
}

impl Bar {
    pub(super) fn lay_out(section: Section, g: &Geometry) -> Bar {
        let scale = Scale::new(&section, g.margin, g.bar_width(), g.min_piece, g.named_min);
        Bar { section, scale }
    }
}
