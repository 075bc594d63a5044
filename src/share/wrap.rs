//! Line breaking for text drawn on a canvas, which has none of its own. English
//! breaks between words; Chinese and Japanese between any two characters, except
//! that closing punctuation never starts a line and opening punctuation never
//! ends one. Words too long for a line are broken where they must be.

/// Characters written without spaces, where a line may break between any
/// two; each as wide as it is tall.
pub fn is_ideographic(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}'     // radicals
        | '\u{3000}'..='\u{303F}'   // CJK punctuation
        | '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}'   // full-width forms
        | '\u{20000}'..='\u{2FA1F}') // extensions B and on
}

/// Punctuation that belongs to what comes before it: never at a line's start.
fn closes(c: char) -> bool {
    "，。、；：？！）》」』】〉”’…,.;:?!)]}%".contains(c)
}

/// Punctuation that belongs to what comes after it: never at a line's end.
fn opens(c: char) -> bool {
    "（《「『【〈“‘([{".contains(c)
}

/// A piece of text that is never split unless it alone is wider than a line.
#[derive(Debug, PartialEq)]
struct Piece {
    text: String,
    /// Whether a space separates it from the piece before.
    spaced: bool,
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut spaced = false;
    // Whether the last piece may still grow: a word in progress, or an opening
    // mark waiting for what it opens.
    let mut open_ended = false;
    for c in text.chars() {
        if c.is_whitespace() {
            spaced = true;
            open_ended = false;
            continue;
        }
        let joins_previous = !spaced && (open_ended || closes(c)) && !pieces.is_empty();
        if joins_previous {
            let last = pieces.last_mut().expect("not empty");
            last.text.push(c);
        } else {
            pieces.push(Piece {
                text: c.to_string(),
                spaced: spaced && !pieces.is_empty(),
            });
        }
        open_ended = opens(c) || !is_ideographic(c);
        spaced = false;
    }
    pieces
}

/// Breaks `text` into lines no wider than `max_width` by `measure`, at most
/// `max_lines` of them; when the text does not fit, the last line ends in "…".
/// Measuring stops at the last line: a headline of any length costs the
/// poster's canvas no more than its lines.
pub fn wrap(
    text: &str,
    max_width: f64,
    max_lines: usize,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut overflows = false;
    'pieces: for piece in pieces(text) {
        let candidate = if line.is_empty() {
            piece.text.clone()
        } else if piece.spaced {
            format!("{line} {}", piece.text)
        } else {
            format!("{line}{}", piece.text)
        };
        if measure(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A piece wider than a whole line is broken between characters.
        for c in piece.text.chars() {
            if lines.len() >= max_lines {
                overflows = true;
                break 'pieces;
            }
            let longer = format!("{line}{c}");
            if !line.is_empty() && measure(&longer) > max_width {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        if lines.len() < max_lines {
            lines.push(line);
        } else {
            overflows = true;
        }
    }
    if overflows {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(last, max_width, measure);
        }
    }
    lines
}

/// `line` shortened until it fits with "…" after it.
fn with_ellipsis(line: &str, max_width: f64, measure: &mut dyn FnMut(&str) -> f64) -> String {
    let mut kept: Vec<char> = line.chars().collect();
    loop {
        let shortened: String = kept.iter().collect();
        let candidate = format!("{}…", shortened.trim_end());
        if kept.is_empty() || measure(&candidate) <= max_width {
            return candidate;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A monospaced measure: ideographs are two units wide, everything else one.
    fn width(text: &str) -> f64 {
        text.chars()
            .map(|c| if is_ideographic(c) { 2.0 } else { 1.0 })
            .sum()
    }

    fn lines(text: &str, max_width: f64, max_lines: usize) -> Vec<String> {
        wrap(text, max_width, max_lines, &mut width)
    }

    #[test]
    fn english_breaks_between_words() {
        assert_eq!(
            lines("More S. Koreans eyeing new cooperation models", 16.0, 9),
            ["More S. Koreans", "eyeing new", "cooperation", "models"]
        );
    }

    #[test]
    fn no_line_is_wider_than_asked_even_for_one_long_word() {
        let wrapped = lines("Supercalifragilisticexpialidocious is long", 10.0, 9);
        assert!(wrapped.iter().all(|l| width(l) <= 10.0), "{wrapped:?}");
        let original: String = "Supercalifragilisticexpialidocious is long"
            .split_whitespace()
            .collect();
        assert_eq!(wrapped.concat().replace(' ', ""), original);
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_marks() {
        let wrapped = lines("中山银发经济，迎来“新蓝海”。", 8.0, 9);
        assert!(wrapped.iter().all(|l| width(l) <= 8.0), "{wrapped:?}");
        for line in &wrapped {
            let first = line.chars().next().unwrap();
            assert!(!closes(first), "{line:?} starts with closing punctuation");
            let last = line.chars().last().unwrap();
            assert!(!opens(last), "{line:?} ends with opening punctuation");
        }
        assert_eq!(wrapped.concat(), "中山银发经济，迎来“新蓝海”。");
    }

    #[test]
    fn mixed_text_keeps_latin_words_whole() {
        let wrapped = lines("广东与韩国 APEC 合作", 10.0, 9);
        assert!(wrapped.iter().any(|l| l.contains("APEC")), "{wrapped:?}");
    }

    #[test]
    fn text_past_the_last_line_ends_in_an_ellipsis() {
        let wrapped = lines("one two three four five six seven", 9.0, 2);
        assert_eq!(wrapped.len(), 2);
        assert!(
            wrapped[1].ends_with('…') && width(&wrapped[1]) <= 9.0,
            "{wrapped:?}"
        );
    }

    #[test]
    fn measuring_stops_at_the_last_line() {
        let mut measured = 0;
        let headline = "A headline that goes on and on ".repeat(2_000);
        let wrapped = wrap(&headline, 20.0, 3, &mut |text| {
            measured += 1;
            width(text)
        });
        assert_eq!(wrapped.len(), 3);
        assert!(wrapped[2].ends_with('…'), "{wrapped:?}");
        assert!(measured < 100, "{measured} measurements for three lines");
    }

    #[test]
    fn empty_text_is_no_lines() {
        assert!(lines("   ", 10.0, 3).is_empty());
    }
}
