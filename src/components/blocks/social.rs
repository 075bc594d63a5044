//! The `social` block: a post on a social platform, privacy first. The page
//! shows a facade made of what the document holds (the platform's name, the
//! author, the post's words and a thumbnail from the publication's own
//! files) and asks nothing of the platform. The facade is a link to the
//! post, which is what a reader without JavaScript (or an embed) follows; a
//! tap with it loads the platform's own embed in a sandboxed frame in its
//! place (`social-facade.js`, beside this file, in every page's loader), so
//! no app is woken for it, with a link to the post under it for a platform
//! that will not be framed.

use crate::components::figure::{Figure, Picture, Proportions};
use crate::i18n::use_strings;
use crate::model::Social;
use leptos::prelude::*;

/// The class of a facade that a tap replaces with its frame.
pub const SOCIAL_FACADE_CLASS: &str = "social-facade";

#[component]
pub fn SocialBlock(post: Social) -> impl IntoView {
    let t = use_strings();
    let Social {
        platform,
        url,
        frame,
        author,
        text,
        thumbnail,
        caption,
        credit,
    } = post;
    let name = platform.name();
    let (width, height) = thumbnail.as_ref().map_or(platform.frame_shape(), |image| {
        (image.width.get(), image.height.get())
    });
    let picture = match thumbnail {
        Some(image) => view! { <Picture image in_control=true/> }.into_any(),
        None => view! { <Proportions width height/> }.into_any(),
    };
    view! {
        <Figure class="figure social" caption credit>
            <a class=SOCIAL_FACADE_CLASS href=url.as_str().to_owned() target="_blank" rel="noopener noreferrer"
                data-platform=platform.key() data-frame=frame
                data-frame-title=move || (t().social_frame_title)(name)
                data-open-label=move || (t().social_open)(name)
                data-width=width data-height=height>
                <span class="social-picture">{picture}</span>
                <span class="social-card">
                    <span class="social-platform">{name}</span>
                    {author.map(|author| view! { <span class="social-author">{author}</span> })}
                    {text.map(|text| view! { <span class="social-text">{text}</span> })}
                    <span class="social-show">{move || (t().social_show)(name)}</span>
                </span>
            </a>
            <p class="social-privacy">{move || (t().social_privacy)(name)}</p>
        </Figure>
    }
}
