//! The `poster` block: a tall, designed image card shown full width with its
//! title and credit. The image opens large in a new tab.

use crate::components::figure::{media_url, Figure};
use crate::model::{Image, Poster};
use leptos::prelude::*;

#[component]
pub fn PosterBlock(poster: Poster) -> impl IntoView {
    let Poster {
        src,
        alt,
        width,
        height,
        title,
        credit,
    } = poster;
    let full_size = media_url(&src);
    let image = Image {
        src,
        alt,
        width,
        height,
        caption: None,
        credit: None,
        srcset: None,
    };
    let caption = title.map(|title| crate::model::RichText(vec![crate::model::Span::plain(title)]));
    view! {
        <Figure class="figure poster" caption credit>
            <a class="poster-open" href=full_size target="_blank" rel="noopener">
                <crate::components::figure::Picture image/>
            </a>
        </Figure>
    }
}
