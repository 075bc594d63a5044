//! The article's tags.

use leptos::prelude::*;

#[component]
pub fn Tags(tags: Vec<String>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label="Topics">
                {tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
            </ul>
        }
    })
}
