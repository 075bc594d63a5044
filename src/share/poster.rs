//! The generated share poster: a tall image card for any article, drawn on a
//! canvas in the browser, with the publication, section, headline, summary,
//! date, hero image (when its origin allows) and a QR code of the article URL.
//! Readers post such cards to WeChat Moments and other feeds, where a link alone
//! shows nothing.

use super::qr::{QrGrid, QUIET_ZONE};
use super::wrap::wrap;
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// Poster size in pixels: 9:16, the shape of a phone screen and of the cards
/// WeChat readers already pass around.
pub const WIDTH: u32 = 1080;
pub const HEIGHT: u32 = 1920;

const MARGIN: f64 = 80.0;
const TEXT_WIDTH: f64 = WIDTH as f64 - 2.0 * MARGIN;
const FOOTER_TOP: f64 = 1560.0;
const PAPER: &str = "#fbf8f3";
const INK: &str = "#1a1a1a";
const INK_SOFT: &str = "#4a4a4a";
const ACCENT: &str = "#8b1d2c";
const SERIF: &str = "Georgia, 'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', serif";
const SANS: &str = "'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'PingFang SC', sans-serif";

/// What goes on the poster, already formatted for reading.
#[derive(Clone, Debug, PartialEq)]
pub struct PosterCard {
    pub publication: String,
    pub section: Option<String>,
    pub headline: String,
    pub summary: Option<String>,
    pub date: Option<String>,
    /// The hero image's resolved URL.
    pub hero: Option<String>,
    /// The URL the QR code carries.
    pub url: String,
    /// The words beside the QR code and under it, in the article's language.
    pub scan_call: &'static str,
    pub scan_hint: &'static str,
}

fn failure(context: &str) -> impl Fn(JsValue) -> String + '_ {
    move |error| {
        format!(
            "{context}: {}",
            error.as_string().unwrap_or_else(|| format!("{error:?}"))
        )
    }
}

/// Draws the poster on a new canvas.
pub async fn draw(card: &PosterCard) -> Result<HtmlCanvasElement, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(failure("creating a canvas"))?
        .dyn_into()
        .map_err(|_| "not a canvas".to_owned())?;
    canvas.set_width(WIDTH);
    canvas.set_height(HEIGHT);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(failure("getting a 2D context"))?
        .ok_or("no 2D context")?
        .dyn_into()
        .map_err(|_| "not a 2D context".to_owned())?;

    let hero = match &card.hero {
        Some(url) => load_image(url).await.ok(),
        None => None,
    };
    paint(&context, card, hero.as_ref());
    Ok(canvas)
}

fn paint(context: &CanvasRenderingContext2d, card: &PosterCard, hero: Option<&HtmlImageElement>) {
    let width = f64::from(WIDTH);
    context.set_fill_style_str(PAPER);
    context.fill_rect(0.0, 0.0, width, f64::from(HEIGHT));
    context.set_fill_style_str(ACCENT);
    context.fill_rect(0.0, 0.0, width, 14.0);
    context.set_text_baseline("alphabetic");

    let mut y = 110.0;
    write_line(
        context,
        &card.publication,
        &format!("bold 46px {SERIF}"),
        INK,
        y,
    );
    y += 40.0;

    if let Some(image) = hero {
        let height = (width * 9.0 / 16.0).round();
        draw_cover(context, image, 0.0, y, width, height);
        y += height + 90.0;
    } else {
        context.set_fill_style_str(ACCENT);
        context.fill_rect(MARGIN, y + 20.0, 120.0, 8.0);
        y += 130.0;
    }

    if let Some(section) = &card.section {
        write_line(
            context,
            &section.to_uppercase(),
            &format!("bold 32px {SANS}"),
            ACCENT,
            y,
        );
        y += 78.0;
    }

    y = write_paragraph(
        context,
        &card.headline,
        &format!("bold 70px {SERIF}"),
        INK,
        y,
        86.0,
        5,
    );
    y += 28.0;

    if let Some(summary) = &card.summary {
        let room = ((FOOTER_TOP - 90.0 - y) / 56.0).floor().max(0.0) as usize;
        y = write_paragraph(
            context,
            summary,
            &format!("38px {SERIF}"),
            INK_SOFT,
            y,
            56.0,
            room.min(6),
        );
    }
    if let Some(date) = &card.date {
        write_line(
            context,
            date,
            &format!("30px {SANS}"),
            INK_SOFT,
            (y + 20.0).min(FOOTER_TOP - 40.0),
        );
    }

    context.set_fill_style_str("#d8d2c8");
    context.fill_rect(MARGIN, FOOTER_TOP, TEXT_WIDTH, 2.0);
    let qr_size = 280.0;
    let qr_top = FOOTER_TOP + 50.0;
    draw_qr(context, &card.url, MARGIN, qr_top, qr_size);
    let (call, sub) = (card.scan_call, card.scan_hint);
    let text_left = MARGIN + qr_size + 40.0;
    let text_room = width - MARGIN - text_left;
    let mut text_y = qr_top + 100.0;
    for line in measure_wrap(context, call, &format!("bold 38px {SANS}"), text_room, 2) {
        context.set_fill_style_str(INK);
        let _ = context.fill_text(&line, text_left, text_y);
        text_y += 50.0;
    }
    context.set_font(&format!("28px {SANS}"));
    context.set_fill_style_str(INK_SOFT);
    let _ = context.fill_text(sub, text_left, text_y + 10.0);
    let _ = context.fill_text(&card.publication, text_left, text_y + 60.0);
}

fn write_line(context: &CanvasRenderingContext2d, text: &str, font: &str, colour: &str, y: f64) {
    context.set_font(font);
    context.set_fill_style_str(colour);
    let _ = context.fill_text_with_max_width(text, MARGIN, y, TEXT_WIDTH);
}

/// Writes wrapped text from `y` (the first baseline); returns the next free baseline.
fn write_paragraph(
    context: &CanvasRenderingContext2d,
    text: &str,
    font: &str,
    colour: &str,
    mut y: f64,
    line_height: f64,
    max_lines: usize,
) -> f64 {
    context.set_fill_style_str(colour);
    for line in measure_wrap(context, text, font, TEXT_WIDTH, max_lines) {
        let _ = context.fill_text(&line, MARGIN, y);
        y += line_height;
    }
    y
}

fn measure_wrap(
    context: &CanvasRenderingContext2d,
    text: &str,
    font: &str,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    context.set_font(font);
    wrap(text, max_width, max_lines, &mut |candidate| {
        context
            .measure_text(candidate)
            .map(|metrics| metrics.width())
            .unwrap_or(f64::INFINITY)
    })
}

/// Draws `image` to fill the box, cropped to its centre rather than squashed.
fn draw_cover(
    context: &CanvasRenderingContext2d,
    image: &HtmlImageElement,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
) {
    let (natural_w, natural_h) = (
        f64::from(image.natural_width()),
        f64::from(image.natural_height()),
    );
    if natural_w <= 0.0 || natural_h <= 0.0 {
        return;
    }
    let scale = (w / natural_w).max(h / natural_h);
    let (crop_w, crop_h) = (w / scale, h / scale);
    let _ = context.draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        image,
        (natural_w - crop_w) / 2.0,
        (natural_h - crop_h) / 2.0,
        crop_w,
        crop_h,
        x,
        y,
        w,
        h,
    );
}

fn draw_qr(context: &CanvasRenderingContext2d, url: &str, x: f64, y: f64, size: f64) {
    let Some(grid) = QrGrid::encode(url) else {
        return;
    };
    let modules = grid.size_with_quiet_zone() as f64;
    // Whole pixels per module, so every module is crisp and the code scans.
    let module = (size / modules).floor().max(1.0);
    let side = module * modules;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(x, y, side, side);
    context.set_fill_style_str("#000000");
    let offset = QUIET_ZONE as f64;
    for (column, row, length) in grid.dark_runs() {
        context.fill_rect(
            x + (column as f64 + offset) * module,
            y + (row as f64 + offset) * module,
            length as f64 * module,
            module,
        );
    }
}

/// Loads an image for the canvas. `crossOrigin = anonymous` means an image
/// from another origin either comes with CORS (and the canvas stays
/// exportable) or fails to load (and the poster goes without it).
async fn load_image(url: &str) -> Result<HtmlImageElement, JsValue> {
    let image = HtmlImageElement::new()?;
    image.set_cross_origin(Some("anonymous"));
    let loaded = Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(url);
    JsFuture::from(loaded).await?;
    Ok(image)
}

/// The poster as a PNG `data:` URL, for the preview and for saving.
pub fn png_data_url(canvas: &HtmlCanvasElement) -> Result<String, String> {
    canvas
        .to_data_url_with_type("image/png")
        .map_err(failure("exporting the poster"))
}

/// The poster as a PNG file, for the system share sheet.
pub async fn png_file(canvas: &HtmlCanvasElement, name: &str) -> Result<web_sys::File, String> {
    let blob = Promise::new(&mut |resolve, reject| {
        let refuse = reject.clone();
        let callback = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call1(&JsValue::NULL, &"no PNG".into());
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        if let Err(error) = canvas.to_blob_with_type(callback.unchecked_ref(), "image/png") {
            let _ = refuse.call1(&JsValue::NULL, &error);
        }
    });
    let blob = JsFuture::from(blob)
        .await
        .map_err(failure("making the PNG"))?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/png");
    let parts: js_sys::Array = std::iter::once(blob).collect();
    web_sys::File::new_with_blob_sequence_and_options(&parts, name, &options)
        .map_err(failure("making the PNG file"))
}
