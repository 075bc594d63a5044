//! Figures: the frame shared by images, video, posters and the hero — the media,
//! then a caption and a credit when the document gives them — and pictures:
//! each in the encodings and widths its document offers, at the width the
//! stylesheet lays it out at, and, when the reader saves data, a placeholder
//! of its size to tap (`data-saver.js`, beside this file, in every page's
//! loader).

use super::rich_text::RichTextView;
use crate::content::ContentBase;
use crate::i18n::text;
use crate::model::{Image, MediaUrl, RichText};
use leptos::prelude::*;

/// The class of the frame around a picture that can wait for a tap.
pub const PICTURE_FRAME_CLASS: &str = "picture-frame";
/// Set on that frame once the reader asked for its picture.
pub const PICTURE_SHOWN_ATTRIBUTE: &str = "data-shown";
/// Where a video that can wait names its poster, which `data-saver.js`
/// makes its `poster` unless the reader saves data.
pub const WAITING_POSTER_ATTRIBUTE: &str = "data-poster";

#[component]
pub fn Figure(
    #[prop(into)] class: String,
    caption: Option<RichText>,
    credit: Option<String>,
    children: Children,
) -> impl IntoView {
    let has_caption =
        caption.as_ref().is_some_and(|caption| !caption.is_blank()) || credit.is_some();
    view! {
        <figure class=class>
            {children()}
            {has_caption.then(|| view! {
                <figcaption>
                    {caption.map(|text| view! { <span class="caption"><RichTextView text/></span> })}
                    {credit.map(|credit| view! { <span class="credit">{credit}</span> })}
                </figcaption>
            })}
        </figure>
    }
}

/// The URL of a document's media file, resolved against the content base.
pub fn media_url(source: &MediaUrl) -> String {
    use_context::<ContentBase>()
        .unwrap_or_default()
        .media(source)
}

/// Where a picture is laid out, and so how wide it is drawn at each window
/// width: the `sizes` its renditions are chosen by. Each follows the rules of
/// the stylesheets (`style/article.css`, `style/cards.css`) for its place:
/// the column of `--measure` (36rem) in a page padded by 1rem a side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A figure in the article's column.
    #[default]
    Column,
    /// The article's lead picture, wider than the column on a wide screen.
    Hero,
    /// A poster, the column's width and its padding.
    Poster,
    /// A card in a grid of columns at least 17rem wide.
    Card,
    /// The front page's first card, three fifths of the page's width.
    LeadCard,
}

impl Layout {
    pub fn sizes(self) -> &'static str {
        match self {
            Layout::Column => "(min-width: 38rem) 36rem, calc(100vw - 2rem)",
            Layout::Hero => {
                "(min-width: 60rem) 52rem, (min-width: 38rem) 36rem, calc(100vw - 2rem)"
            }
            Layout::Poster => "(min-width: 38rem) 38rem, 100vw",
            Layout::Card => "(min-width: 56rem) 22rem, (min-width: 38rem) 50vw, calc(100vw - 2rem)",
            Layout::LeadCard => {
                "(min-width: 70rem) 40rem, (min-width: 48rem) 60vw, calc(100vw - 2rem)"
            }
        }
    }
}

/// A picture that reserves its box from its width and height before it
/// loads, in the encodings its document offers. An `eager` one (the hero,
/// the lead card) always loads; any other waits until it is near the window,
/// and, when the reader saves data, until they tap its placeholder, which is
/// a button unless the picture is already inside a control (`in_control`),
/// which then shows the picture's box alone.
#[component]
pub fn Picture(
    image: Image,
    #[prop(optional)] eager: bool,
    #[prop(optional)] layout: Layout,
    #[prop(optional)] in_control: bool,
) -> impl IntoView {
    let sizes = layout.sizes();
    let srcset = image.srcset.as_ref().map(|srcset| resolve_srcset(srcset));
    let sources = image
        .sources
        .iter()
        .map(|source| {
            view! {
                <source type=source.media_type.clone() srcset=resolve_srcset(&source.srcset) sizes=sizes/>
            }
        })
        .collect_view();
    let picture = view! {
        <picture>
            {sources}
            <img
                src=media_url(&image.src)
                srcset=srcset.clone()
                sizes=srcset.is_some().then_some(sizes)
                alt=image.alt.clone()
                width=image.width.get()
                height=image.height.get()
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
            />
        </picture>
    };
    if eager {
        return picture.into_any();
    }
    let shape = view! { <Proportions width=image.width.get() height=image.height.get()/> };
    // Inside a control, the box alone: the control names what a tap does.
    // Elsewhere the button is named with the picture's description, which
    // the reader cannot see yet.
    let placeholder = if in_control {
        view! { <span class="picture-load" aria-hidden="true">{shape}</span> }.into_any()
    } else {
        view! {
            <button type="button" class="picture-load">
                {shape}
                <span class="picture-load-label">{text(|t| t.show_picture)}</span>
                <span class="visually-hidden">": "{image.alt}</span>
            </button>
        }
        .into_any()
    };
    view! { <span class=PICTURE_FRAME_CLASS>{picture}{placeholder}</span> }.into_any()
}

/// A placeholder's box: an empty drawing of `width` by `height`, which the
/// stylesheet makes as wide as what it stands for would be.
#[component]
pub fn Proportions(width: u32, height: u32) -> impl IntoView {
    view! {
        <svg class="picture-shape" aria-hidden="true" viewBox=format!("0 0 {width} {height}")></svg>
    }
}

/// Resolves each candidate URL of a (model-checked) srcset against the content base.
fn resolve_srcset(srcset: &str) -> String {
    srcset
        .split(',')
        .filter_map(|candidate| {
            let mut parts = candidate.split_whitespace();
            let url = MediaUrl::parse(parts.next()?)?;
            let descriptor: Vec<&str> = parts.collect();
            Some(
                format!("{} {}", media_url(&url), descriptor.join(" "))
                    .trim_end()
                    .to_owned(),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
