//! The `quote` block: a pull quote with its attribution.

use crate::components::rich_text::RichTextView;
use crate::model::Quote;
use leptos::prelude::*;

#[component]
pub fn QuoteBlock(quote: Quote) -> impl IntoView {
    view! {
        <figure class="pull-quote">
            <blockquote>
                <p><RichTextView text=quote.text/></p>
            </blockquote>
            {quote.attribution.map(|name| view! { <figcaption>{name}</figcaption> })}
        </figure>
    }
}
