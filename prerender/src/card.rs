//! The social card of an article: a 1200×630 PNG drawn at build time from its
//! hero and headline, for the networks that show a link as a picture and take
//! no SVG (Facebook, X, WeChat): `og:image` and `twitter:image`. It is drawn
//! as an SVG and rasterised with resvg, the headline in the machine's fonts
//! (Noto CJK or Droid Sans Fallback carry Chinese), the hero beside it when the
//! build holds it as a file.
//!
//! An archive draws thousands of cards a build, so the costly parts are made
//! once: the hero is rasterised once per picture (many articles share one:
//! an agency photo, a section's picture, a video's poster) into a small
//! bounded cache, and each thread draws on one canvas it keeps, instead of
//! asking the system for three fresh megabytes a card.

use crate::files::media_file;
use crate::html::escape;
use broadsheet::content::ContentBase;
use broadsheet::model::{publication_name, Article, Hero, Site};
use broadsheet::share::wrap::{is_ideographic, wrap};
use lru::LruCache;
use resvg::{tiny_skia, usvg};
use std::cell::RefCell;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const MARGIN: f64 = 64.0;
const HERO_WIDTH: f64 = 480.0;
const HERO_PIXELS_WIDE: u32 = HERO_WIDTH as u32;
const HEADLINE_SIZE: f64 = 48.0;
const HEADLINE_LINES: usize = 5;
/// Heroes kept drawn: 1.2 MB each.
const HEROES_KEPT: usize = 32;
/// The card's ground, the paper of the share poster (src/share/poster.rs).
const PAPER: [u8; 3] = [0xfb, 0xf8, 0xf3];
const INK: &str = "#1a1a1a";
const INK_SOFT: &str = "#4a4a4a";
const ACCENT: &str = "#8b1d2c";
// Latin faces first: a CJK face's Latin letters are poor, and a character a
// face lacks is drawn from the next that has it.
const SERIF: [&str; 4] = [
    "DejaVu Serif",
    "Liberation Serif",
    "Noto Serif CJK SC",
    "Droid Sans Fallback",
];
const SANS: [&str; 4] = [
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans CJK SC",
    "Droid Sans Fallback",
];

/// A `font-family` attribute naming `faces`, then the generic `fallback`.
fn font_family(faces: &[&str], fallback: &str) -> String {
    let mut family: String = faces.iter().map(|face| format!("'{face}', ")).collect();
    family.push_str(fallback);
    family
}

/// The machine's fonts, read once for every card of the build. The upright
/// faces the card names are read into memory, ahead of the others: a
/// character the first face lacks is looked for face by face in this order,
/// and a face on disk is opened and mapped again at every look, hundreds of
/// times a card.
fn fonts() -> Arc<usvg::fontdb::Database> {
    use usvg::fontdb::{Database, Source, Stretch, Style};
    static FONTS: OnceLock<Arc<Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut system = Database::new();
            system.load_system_fonts();
            let named = |face: &usvg::fontdb::FaceInfo, name: &str| {
                face.style == Style::Normal
                    && face.stretch == Stretch::Normal
                    && face.families.iter().any(|(family, _)| family == name)
            };
            let mut kept = Vec::new();
            for name in SERIF.iter().chain(&SANS) {
                for face in system.faces().filter(|face| named(face, name)) {
                    if let Source::File(path) = &face.source {
                        if !kept.contains(path) {
                            kept.push(path.clone());
                        }
                    }
                }
            }
            let mut fonts = Database::new();
            for path in &kept {
                match std::fs::read(path) {
                    Ok(bytes) => fonts.load_font_data(bytes),
                    Err(error) => eprintln!("prerender: cannot read {}: {error}", path.display()),
                }
            }
            for face in system.faces() {
                if !matches!(&face.source, Source::File(path) if kept.contains(path)) {
                    fonts.push_face_info(face.clone());
                }
            }
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
            c if is_ideographic(c) => 1.0,
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
    let file = media_file(dist, content, &source)?;
    let path = file.strip_prefix(dist).ok()?.to_str()?.to_owned();
    let drawable = [".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|extension| path.to_ascii_lowercase().ends_with(extension));
    (drawable && file.is_file()).then_some(path)
}

/// The card's words as SVG, leaving room on the right for a hero when it has one.
fn svg(article: &Article, site: Option<&Site>, with_hero: bool) -> String {
    let text_width = f64::from(WIDTH) - 2.0 * MARGIN - if with_hero { HERO_WIDTH } else { 0.0 };
    let lines = wrap(&article.title, text_width, HEADLINE_LINES, &mut |text| {
        ems(text) * HEADLINE_SIZE
    });
    let (serif, sans) = (
        font_family(&SERIF, "serif"),
        font_family(&SANS, "sans-serif"),
    );
    let line_height = HEADLINE_SIZE * 1.18;
    let mut y = 190.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
         <rect width=\"100%\" height=\"10\" fill=\"{ACCENT}\"/>"
    );
    if let Some(section) = &article.section {
        svg.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"110\" font-family=\"{}\" font-size=\"28\" \
             font-weight=\"bold\" letter-spacing=\"2\" fill=\"{ACCENT}\">{}</text>",
            sans,
            escape(&section.to_uppercase())
        ));
    }
    for line in &lines {
        svg.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"{y}\" font-family=\"{}\" font-size=\"{HEADLINE_SIZE}\" \
             font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            serif,
            escape(line)
        ));
        y += line_height;
    }
    svg.push_str(&format!(
        "<rect x=\"{MARGIN}\" y=\"{}\" width=\"80\" height=\"4\" fill=\"{ACCENT}\"/>\
         <text x=\"{MARGIN}\" y=\"{}\" font-family=\"{}\" font-size=\"30\" fill=\"{INK_SOFT}\">{}</text></svg>",
        f64::from(HEIGHT) - 110.0,
        f64::from(HEIGHT) - 60.0,
        sans,
        escape(publication_name(site))
    ));
    svg
}

fn paper() -> tiny_skia::Color {
    let [red, green, blue] = PAPER;
    tiny_skia::Color::from_rgba8(red, green, blue, 0xff)
}

fn options(dist: &Path) -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: Some(dist.to_path_buf()),
        fontdb: fonts(),
        ..usvg::Options::default()
    }
}

/// The hero at `path` (relative to `dist`) drawn to fill the card's right
/// side, cropped to it as CSS's `object-fit: cover` would; `None` when it
/// cannot be read, which costs the card its picture, not the build.
fn drawn_hero(dist: &Path, path: &str) -> Option<Arc<tiny_skia::Pixmap>> {
    type Heroes = Mutex<LruCache<String, Option<Arc<tiny_skia::Pixmap>>>>;
    static HEROES: OnceLock<Heroes> = OnceLock::new();
    let heroes = HEROES.get_or_init(|| {
        Mutex::new(LruCache::new(
            NonZeroUsize::new(HEROES_KEPT).expect("a cache keeps something"),
        ))
    });
    let key = dist.join(path).to_string_lossy().into_owned();
    if let Some(drawn) = heroes.lock().ok()?.get(&key) {
        return drawn.clone();
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"{HERO_WIDTH}\" height=\"{HEIGHT}\"><image width=\"{HERO_WIDTH}\" height=\"{HEIGHT}\" \
         preserveAspectRatio=\"xMidYMid slice\" xlink:href=\"{}\"/></svg>",
        escape(path)
    );
    let drawn = usvg::Tree::from_str(&svg, &options(dist))
        .ok()
        .filter(|tree| tree.root().has_children())
        .and_then(|tree| {
            let mut pixmap = tiny_skia::Pixmap::new(HERO_PIXELS_WIDE, HEIGHT)?;
            pixmap.fill(paper());
            resvg::render(
                &tree,
                tiny_skia::Transform::identity(),
                &mut pixmap.as_mut(),
            );
            Some(Arc::new(pixmap))
        });
    heroes.lock().ok()?.put(key, drawn.clone());
    drawn
}

/// The card of `article` as PNG bytes.
pub fn png(
    dist: &Path,
    article: &Article,
    site: Option<&Site>,
    content: &ContentBase,
) -> Result<Vec<u8>, String> {
    thread_local! {
        static CANVAS: RefCell<Option<tiny_skia::Pixmap>> = const { RefCell::new(None) };
    }
    let hero = hero_file(dist, article, content).and_then(|path| drawn_hero(dist, &path));
    let failed = |e: &dyn std::fmt::Display| format!("the social card of {}: {e}", article.id);
    let words = usvg::Tree::from_str(&svg(article, site, hero.is_some()), &options(dist))
        .map_err(|e| failed(&e))?;
    CANVAS.with_borrow_mut(|canvas| {
        let canvas = match canvas {
            Some(canvas) => canvas,
            None => canvas
                .insert(tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| failed(&"its size"))?),
        };
        canvas.fill(paper());
        resvg::render(
            &words,
            tiny_skia::Transform::identity(),
            &mut canvas.as_mut(),
        );
        // The hero last, over anything the estimate let run too wide. It is
        // opaque (drawn on paper), so its rows are copied as they are.
        if let Some(hero) = &hero {
            let row = 4 * HERO_PIXELS_WIDE as usize;
            let rows = canvas.data_mut().chunks_exact_mut(4 * WIDTH as usize);
            for (card_row, hero_row) in rows.zip(hero.data().chunks_exact(row)) {
                let hero_start = card_row.len() - row;
                card_row[hero_start..].copy_from_slice(hero_row);
            }
        }
        canvas.encode_png().map_err(|e| failed(&e))
    })
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

    /// The colour of the card's pixel at (`x`, `y`).
    fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 3] {
        let card = tiny_skia::Pixmap::decode_png(png).unwrap();
        let pixel = card.pixel(x, y).unwrap().demultiply();
        [pixel.red(), pixel.green(), pixel.blue()]
    }

    #[test]
    fn the_hero_fills_the_right_of_the_card_and_a_missing_one_leaves_paper() {
        let dist = std::env::temp_dir().join(format!("card-hero-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("img")).unwrap();
        std::fs::write(
            dist.join("img/green.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="lime"/></svg>"#,
        )
        .unwrap();
        let with_hero = |id: &str, src: &str| {
            decode_article(&format!(
                r#"{{"format":1,"id":"{id}","title":"Ports","hero":{{"type":"image","src":"{src}","alt":"A green field","width":160,"height":90}},"blocks":[]}}"#
            ))
            .unwrap()
        };
        let content = ContentBase::new("/");
        // Twice: the second card is drawn from the kept hero.
        for id in ["first", "second"] {
            let card = png(&dist, &with_hero(id, "img/green.svg"), None, &content).unwrap();
            assert_eq!(pixel(&card, WIDTH - 1, HEIGHT - 1), [0, 255, 0], "{id}");
            assert_eq!(
                pixel(&card, WIDTH - HERO_PIXELS_WIDE, HEIGHT / 2),
                [0, 255, 0]
            );
            assert_eq!(pixel(&card, 20, HEIGHT / 2), PAPER, "{id}");
        }
        let card = png(&dist, &with_hero("gone", "img/gone.svg"), None, &content).unwrap();
        assert_eq!(pixel(&card, WIDTH - 1, HEIGHT - 1), PAPER);
        std::fs::remove_dir_all(dist).unwrap();
    }
}
