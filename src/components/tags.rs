//! The article's tags.

use crate::i18n::use_strings;
use leptos::prelude::*;

#[component]
pub fn Tags(tags: Vec<String>) -> impl IntoView {
    let t = use_strings();
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label=move || t().topics>
                {tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
            </ul>
        }
    })
}
