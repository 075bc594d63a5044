//! The `heading` block: a section heading with an anchor a reader can link to.

use crate::i18n::use_strings;
use crate::model::{Heading, HeadingLevel};
use leptos::prelude::*;

#[component]
pub fn HeadingBlock(heading: Heading) -> impl IntoView {
    let Heading {
        text,
        level,
        anchor,
    } = heading;
    let t = use_strings();
    let label = {
        let text = text.clone();
        move || (t().link_to_section)(&text)
    };
    let link = view! {
        <a class="heading-anchor" href=format!("#{anchor}") aria-label=label>
            "#"
        </a>
    };
    match level {
        HeadingLevel::Section => {
            view! { <h2 id=anchor class="section-heading">{text}" "{link}</h2> }.into_any()
        }
        HeadingLevel::Subsection => {
            view! { <h3 id=anchor class="section-heading">{text}" "{link}</h3> }.into_any()
        }
    }
}
