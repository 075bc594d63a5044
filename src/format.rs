//! Formatting model values for reading: dates, credit names, reading aids.
//! Pure functions, shared by every view and tested natively.

use crate::i18n::Strings;
use crate::model::{Article, Block, Timestamp};

/// The date of `timestamp` as the interface's language writes it (`10 February
/// 2026`, `2026年2月10日`), in the timestamp's own time zone: the newsroom's,
/// so a story filed late in Beijing is dated as Beijing dated it.
pub fn long_date(timestamp: &Timestamp, t: &Strings) -> String {
    let (year, month, day) = timestamp.calendar_date();
    (t.long_date)(year, month, day)
}

/// Reading speeds of an adult reader on a screen: words for scripts that space
/// words, characters for Chinese, Japanese and Korean, which do not.
const WORDS_PER_MINUTE: usize = 230;
const CJK_CHARACTERS_PER_MINUTE: usize = 400;

/// The minutes an article takes to read, at least one: its headline,
/// standfirst and every block of text, pictures not counted.
pub fn reading_minutes(article: &Article) -> u32 {
    let mut words = 0;
    let mut characters = 0;
    let mut count = |text: &str| {
        let (w, c) = words_and_cjk_characters(text);
        words += w;
        characters += c;
    };
    count(&article.title);
    if let Some(summary) = &article.summary {
        count(summary);
    }
    for block in &article.blocks {
        match block {
            Block::Paragraph(paragraph) => count(&paragraph.text.plain_text()),
            Block::Heading(heading) => count(&heading.text),
            Block::Quote(quote) => count(&quote.text.plain_text()),
            Block::List(list) => list.items.iter().for_each(|item| count(&item.plain_text())),
            _ => {}
        }
    }
    let minutes = (words as f64 / WORDS_PER_MINUTE as f64
        + characters as f64 / CJK_CHARACTERS_PER_MINUTE as f64)
        .round() as u32;
    minutes.max(1)
}

/// Words outside CJK script, and CJK characters, in `text`.
fn words_and_cjk_characters(text: &str) -> (usize, usize) {
    let characters = text.chars().filter(|&c| is_cjk(c)).count();
    let words = text
        .split(|c: char| c.is_whitespace() || is_cjk(c))
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count();
    (words, characters)
}

/// Han ideographs, kana and Hangul: scripts read character by character.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

/// `Ouyang Yan, Hu Nan, James Campion, Shen He`.
pub fn name_list(names: &[String]) -> String {
    names.join(", ")
}

/// Text made safe for HTML content and attribute values: for the markup this
/// app writes as text (prerendered heads, embed snippets), never for views,
/// which the renderer escapes itself.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(
            escape_html(r#"A "quote" & <tag> 'x'"#),
            "A &quot;quote&quot; &amp; &lt;tag&gt; &#39;x&#39;"
        );
    }

    #[test]
    fn dates_read_as_a_newspaper_writes_them_in_its_time_zone() {
        let (en, zh) = (Locale::En.strings(), Locale::ZhHans.strings());
        let published = Timestamp::parse("2026-02-10T09:30:00+08:00").unwrap();
        assert_eq!(long_date(&published, en), "10 February 2026");
        assert_eq!(long_date(&published, zh), "2026年2月10日");
        let late_evening_in_new_york = Timestamp::parse("2026-12-31T23:30:00-05:00").unwrap();
        assert_eq!(long_date(&late_evening_in_new_york, en), "31 December 2026");
    }

    #[test]
    fn reading_time_counts_words_and_cjk_characters() {
        assert_eq!(
            words_and_cjk_characters("Trade grew 5% in 2026 — again."),
            (6, 0)
        );
        assert_eq!(words_and_cjk_characters("中韩合作瞄准“银发经济”"), (0, 10));
        assert_eq!(words_and_cjk_characters("APEC峰会在深圳举行"), (1, 7));
        let document = |text: &str| {
            format!(
                r#"{{"format":1,"id":"a","title":"T","blocks":[{{"type":"paragraph","text":"{text}"}}]}}"#
            )
        };
        let english = crate::model::decode_article(&document(&"word ".repeat(690))).unwrap();
        assert_eq!(reading_minutes(&english), 3);
        let chinese = crate::model::decode_article(&document(&"字".repeat(2000))).unwrap();
        assert_eq!(reading_minutes(&chinese), 5);
        let short = crate::model::decode_article(&document("Brief.")).unwrap();
        assert_eq!(reading_minutes(&short), 1);
    }
}
