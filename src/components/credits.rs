//! Credits: who reported, filmed, designed and edited the story.

use crate::format::name_list;
use crate::i18n::text;
use crate::model::Credit;
use leptos::prelude::*;

#[component]
pub fn Credits(credits: Vec<Credit>) -> impl IntoView {
    (!credits.is_empty()).then(|| {
        view! {
            <dl class="credits" aria-label=text(|t| t.credits)>
                {credits
                    .into_iter()
                    .map(|credit| view! {
                        <div class="credit-line">
                            <dt>{credit.role}</dt>
                            <dd>{name_list(&credit.names)}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        }
    })
}
