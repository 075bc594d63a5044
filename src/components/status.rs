//! What a reader sees while content loads and when it fails: placeholders of the
//! page's shape, and a message that says what went wrong with a Retry button.

use crate::api::{Freshness, LoadError};
use crate::i18n::{text, use_strings};
use leptos::prelude::*;

/// The reader's Retry presses. A resource that reads [`Retries::freshness`]
/// loads again on each press, and every load after the first goes past the
/// browser's cache to the host.
#[derive(Clone, Copy)]
pub struct Retries(RwSignal<u32>);

impl Retries {
    pub fn new() -> Self {
        Retries(RwSignal::new(0))
    }

    pub fn freshness(self) -> Freshness {
        if self.0.get() == 0 {
            Freshness::Usual
        } else {
            Freshness::FromHost
        }
    }

    pub fn retry(self) {
        self.0.update(|presses| *presses += 1);
    }
}

impl Default for Retries {
    fn default() -> Self {
        Self::new()
    }
}

/// The shape of an article page, shown while it loads.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton article-skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{text(|t| t.loading_article)}</p>
            <div class="skeleton-line skeleton-label"></div>
            <div class="skeleton-line skeleton-headline"></div>
            <div class="skeleton-line skeleton-headline short"></div>
            <div class="skeleton-box skeleton-hero"></div>
            {(0..5).map(|_| view! { <div class="skeleton-line"></div> }).collect_view()}
        </div>
    }
}

/// The shape of the front page, shown while it loads.
#[component]
pub fn FrontPageSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton front-skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{text(|t| t.loading_front_page)}</p>
            {(0..4).map(|_| view! {
                <div class="skeleton-card">
                    <div class="skeleton-box"></div>
                    <div class="skeleton-line skeleton-headline"></div>
                    <div class="skeleton-line"></div>
                </div>
            }).collect_view()}
        </div>
    }
}

/// A failure: what happened, what the reader can do, and Retry where it helps.
#[component]
pub fn LoadFailure(error: LoadError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let t = use_strings();
    let retryable = error.is_retryable();
    let has_detail = untrack(|| error.detail(t()).is_some());
    let (headline, advice) = (error.clone(), error.clone());
    view! {
        <section class="load-failure" role="alert">
            <h1 tabindex="-1">{move || headline.headline(t())}</h1>
            <p>{move || advice.advice(t())}</p>
            {retryable.then(|| view! {
                <button type="button" class="retry" on:click=move |_| on_retry.run(())>{text(|t| t.retry)}</button>
            })}
            {has_detail.then(|| view! {
                <details class="failure-detail">
                    <summary>{text(|t| t.details_for_newsroom)}</summary>
                    <code>{move || error.detail(t())}</code>
                </details>
            })}
        </section>
    }
}
