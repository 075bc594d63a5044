//! Formatting model values for reading: dates, credit names, reading aids.
//! Pure functions, shared by every view and tested natively.

use crate::model::Timestamp;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `10 February 2026`, in the timestamp's own time zone (the newsroom's).
pub fn long_date(timestamp: &Timestamp) -> String {
    let (year, month, day) = timestamp.calendar_date();
    let month_name = MONTHS
        .get(usize::from(month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{day} {month_name} {year}")
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

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(
            escape_html(r#"A "quote" & <tag> 'x'"#),
            "A &quot;quote&quot; &amp; &lt;tag&gt; &#39;x&#39;"
        );
    }

    #[test]
    fn dates_read_as_a_newspaper_writes_them() {
        let published = Timestamp::parse("2026-02-10T09:30:00+08:00").unwrap();
        assert_eq!(long_date(&published), "10 February 2026");
        let late_evening_in_new_york = Timestamp::parse("2026-12-31T23:30:00-05:00").unwrap();
        assert_eq!(long_date(&late_evening_in_new_york), "31 December 2026");
    }
}
