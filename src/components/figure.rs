//! Figures: the frame shared by images, video, posters and the hero — the media,
//! then a caption and a credit when the document gives them.

use super::rich_text::RichTextView;
use crate::content::ContentBase;
use crate::model::{Image, MediaUrl, RichText};
use leptos::prelude::*;

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

/// An `<img>` that reserves its box from its width and height before it loads.
#[component]
pub fn Picture(image: Image, #[prop(optional)] eager: bool) -> impl IntoView {
    let srcset = image.srcset.as_ref().map(|srcset| resolve_srcset(srcset));
    view! {
        <img
            src=media_url(&image.src)
            srcset=srcset
            alt=image.alt
            width=image.width.get()
            height=image.height.get()
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
        />
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
