//! Where a text changed: the whole lines of the new text that differ from the old one, found from both ends. The
//! app's live preview marks them and scrolls to them, so that an edit shows where it lands in a long template.

use std::ops::Range;

/// The byte range of `new` that covers every line not shared with `old` at the start or at the end, or `None` when
/// the texts are equal. When lines were only taken out, the range is the line that now follows the cut (empty at the
/// very end), so there is still a place to point at.
pub fn changed_lines(old: &str, new: &str) -> Option<Range<usize>> {
    if old == new {
        return None;
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let same_start = old_lines.iter().zip(&new_lines).take_while(|(a, b)| a == b).count();
    let rest = old_lines.len().min(new_lines.len()) - same_start;
    let same_end = old_lines
        .iter()
        .rev()
        .zip(new_lines.iter().rev())
        .take(rest)
        .take_while(|(a, b)| a == b)
        .count();
    let start: usize = new_lines.iter().take(same_start).map(|l| l.len()).sum();
    let changed = new_lines.len() - same_start - same_end;
    // Only removals: point at the line after the cut.
    let shown = if changed == 0 { 1 } else { changed };
    let end = start
        + new_lines
            .iter()
            .skip(same_start)
            .take(shown)
            .map(|l| l.len())
            .sum::<usize>();
    Some(start..end.min(new.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(old: &str, new: &str) -> Option<String> {
        changed_lines(old, new).map(|r| new.get(r).unwrap_or_default().to_string())
    }

    #[test]
    fn equal_texts_have_no_change() {
        assert_eq!(changed_lines("a\nb\n", "a\nb\n"), None);
        assert_eq!(changed_lines("", ""), None);
    }

    #[test]
    fn the_changed_lines_are_found_from_both_ends() {
        assert_eq!(marked("a\nb\nc\n", "a\nB\nc\n").as_deref(), Some("B\n"));
        assert_eq!(marked("a\nb\nc\n", "a\nx\ny\nc\n").as_deref(), Some("x\ny\n"));
        assert_eq!(marked("a\nb\n", "z\nb\n").as_deref(), Some("z\n"));
        assert_eq!(marked("a\nb", "a\nc").as_deref(), Some("c"));
        // A line repeated at both ends is not counted twice.
        assert_eq!(marked("x\nx\n", "x\nx\nx\n").as_deref(), Some("x\n"));
    }

    #[test]
    fn a_removal_points_at_the_line_after_it() {
        assert_eq!(marked("a\nb\nc\n", "a\nc\n").as_deref(), Some("c\n"));
        assert_eq!(marked("a\nb\n", "a\n").as_deref(), Some(""));
        assert_eq!(changed_lines("a\nb\n", "a\n"), Some(2..2));
    }

    #[test]
    fn ranges_fall_on_character_boundaries() {
        let new = "é\nñ\n€\n";
        let range = changed_lines("é\nn\n€\n", new).unwrap();
        assert_eq!(new.get(range), Some("ñ\n"));
    }
}
