//! The social card of an article: a 1200×630 PNG drawn at build time from its
//! hero and headline, for the networks that show a link as a picture and take
//! no SVG (Facebook, X, WeChat): `og:image` and `twitter:image`. It is drawn
//! as an SVG and rasterised with resvg, the headline in the machine's fonts
//! (Noto CJK or Droid Sans Fallback carry Chinese), the hero beside it when the
//! build holds it as a file.

use crate::html::escape;
use broadsheet::content::ContentBase;
use broadsheet::model::{publication_name, Article, Hero, Site};
use broadsheet::share::wrap::wrap;
use resvg::{tiny_skia, usvg};
use std::path::Path;
use std::sync::{Arc, OnceLock};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const MARGIN: f64 = 64.0;
const HERO_WIDTH: f64 = 480.0;
const HEADLINE_SIZE: f64 = 48.0;
const HEADLINE_LINES: usize = 5;
const PAPER: &str = "#fbf8f3";
const INK: &str = "#1a1a1a";
const INK_SOFT: &str = "#4a4a4a";
const ACCENT: &str = "#8b1d2c";
// Latin faces first: a CJK face's Latin letters are poor, and a character a
// face lacks is drawn from the next that has it.
const SERIF: &str =
    "'DejaVu Serif', 'Liberation Serif', 'Noto Serif CJK SC', 'Droid Sans Fallback', serif";
const SANS: &str =
    "'DejaVu Sans', 'Liberation Sans', 'Noto Sans CJK SC', 'Droid Sans Fallback', sans-serif";

/// The machine's fonts, read once for every card of the build.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = usvg::fontdb::Database::new();
            fonts.load_system_fonts();
            Arc::new(fonts)
        })
        .clone()
}

/// An estimate of a text's width in ems in a bold serif, for breaking the
/// headline into lines before any font is at hand, on the wide side (DejaVu
/// Serif Bold's widths): ideographs are square, Latin letters about two thirds.
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' => 1.0,
            'm' | 'w' | 'M' | 'W' => 0.9,
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ';' | ':' | '\'' | ' ' | '!' => 0.36,
            c if c.is_uppercase() || c.is_ascii_digit() => 0.74,
            _ => 0.6,
        })
        .sum()
}

/// The hero's file in the build, when it is one resvg can draw.
fn hero_file(dist: &Path, article: &Article, content: &ContentBase) -> Option<String> {
    let source = match article.hero()? {
        Hero::Image(image) => image.src,
        Hero::Video(video) => video.poster?,
    };
    let url = content.media(&source);
    let path = url.strip_prefix('/')?.to_owned();
    let drawable = [".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|extension| path.to_ascii_lowercase().ends_with(extension));
    (drawable && !path.contains("..") && dist.join(&path).is_file()).then_some(path)
}

/// The card as SVG, its hero named relative to `dist`.
fn svg(article: &Article, site: Option<&Site>, hero: Option<&str>) -> String {
    let text_width =
        f64::from(WIDTH) - 2.0 * MARGIN - if hero.is_some() { HERO_WIDTH } else { 0.0 };
    let lines = wrap(&article.title, text_width, HEADLINE_LINES, &mut |text| {
        ems(text) * HEADLINE_SIZE
    });
    let line_height = HEADLINE_SIZE * 1.18;
    let mut y = 190.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{PAPER}\"/>\
         <rect width=\"100%\" height=\"10\" fill=\"{ACCENT}\"/>"
    );
    if let Some(section) = &article.section {
        svg.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"110\" font-family=\"{SANS}\" font-size=\"28\" \
             font-weight=\"bold\" letter-spacing=\"2\" fill=\"{ACCENT}\">{}</text>",
            escape(&section.to_uppercase())
        ));
    }
    for line in &lines {
        svg.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"{y}\" font-family=\"{SERIF}\" font-size=\"{HEADLINE_SIZE}\" \
             font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            escape(line)
        ));
        y += line_height;
    }
    // The hero last, over anything the estimate let run too wide.
    if let Some(hero) = hero {
        svg.push_str(&format!(
            "<image x=\"{}\" y=\"0\" width=\"{HERO_WIDTH}\" height=\"{HEIGHT}\" \
             preserveAspectRatio=\"xMidYMid slice\" xlink:href=\"{}\"/>",
            f64::from(WIDTH) - HERO_WIDTH,
            escape(hero)
        ));
    }
    svg.push_str(&format!(
        "<rect x=\"{MARGIN}\" y=\"{}\" width=\"80\" height=\"4\" fill=\"{ACCENT}\"/>\
         <text x=\"{MARGIN}\" y=\"{}\" font-family=\"{SANS}\" font-size=\"30\" fill=\"{INK_SOFT}\">{}</text></svg>",
        f64::from(HEIGHT) - 110.0,
        f64::from(HEIGHT) - 60.0,
        escape(publication_name(site))
    ));
    svg
}

/// The card of `article` as PNG bytes.
pub fn png(
    dist: &Path,
    article: &Article,
    site: Option<&Site>,
    content: &ContentBase,
) -> Result<Vec<u8>, String> {
    let hero = hero_file(dist, article, content);
    let options = usvg::Options {
        resources_dir: Some(dist.to_path_buf()),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let drawn = |hero: Option<&str>| {
        usvg::Tree::from_str(&svg(article, site, hero), &options)
            .map_err(|e| format!("the social card of {}: {e}", article.id))
    };
    // A hero that cannot be read costs the card its picture, not the build.
    let tree = drawn(hero.as_deref()).or_else(|_| drawn(None))?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("the social card's size")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("the social card of {}: {e}", article.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::model::decode_article;

    #[test]
    fn a_card_is_a_1200_by_630_png_even_for_a_hostile_headline() {
        let article = decode_article(
            r#"{"format":1,"id":"a","title":"<script>alert(1)</script> & \"quotes\" 中文标题","section":"Business","blocks":[]}"#,
        )
        .unwrap();
        let dist = std::env::temp_dir();
        let png = png(&dist, &article, None, &ContentBase::default()).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (WIDTH, HEIGHT));
    }
}
