//! The article page: fetches `articles/{id}.json` (again, should the copy it
//! was given turn out withdrawn or corrected since) and renders the whole story —
//! header, hero, body blocks, credits, notes, tags and related news.

use crate::components::article_header::ArticleHeader;
use crate::components::blocks::ArticleBody;
use crate::components::credits::Credits;
use crate::components::island::{Island, IslandKind};
use crate::components::listen::Listen;
use crate::components::notes::Notes;
use crate::components::reading_aids::{BackToTop, ReadingProgress, TableOfContents};
use crate::components::related::RelatedNews;
use crate::components::save_offline::SaveOffline;
use crate::components::share_bar::ShareBar;
use crate::components::status::{self, ArticleSkeleton, LoadFailure, Retries};
use crate::components::tags::Tags;
use crate::content::{self, ContentBase, Freshness, LoadError, SinceShown};
use crate::context::use_site;
use crate::i18n::Interface;
use crate::model::{Article, ArticleId};
use crate::pages::not_found::NotFound;
use crate::platform::offline_cache::withdrawn_since_kept;
use crate::routes::{public_article_url, publication_base, ARTICLE_ID_PARAM};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let content = use_context::<ContentBase>().unwrap_or_default();
    let retries = Retries::new();
    // Corrections found since the article was first shown: each loads it
    // again, from the newer copy then in hand.
    let corrections = RwSignal::new(0u32);
    let article = LocalResource::new(move || {
        let id = params.read().get(ARTICLE_ID_PARAM).unwrap_or_default();
        let freshness = retries.freshness();
        let first_load = corrections.get() == 0 && freshness == Freshness::Usual;
        let content = content.clone();
        async move {
            let loaded = content::fetch_article(&content, &id, freshness).await;
            if let (Ok(shown), Ok(id)) = (&loaded, ArticleId::parse(&id)) {
                take_back_if_withdrawn(content.article(&id), retries);
                if first_load {
                    follow_corrections(content, id, shown.clone(), corrections, retries);
                }
            }
            loaded
        }
    });
    view! {
        <Suspense fallback=ArticleSkeleton>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) => view! { <ArticleView article/> }.into_any(),
                    Err(LoadError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <Title text={
                            let (error, t) = (error.clone(), crate::i18n::use_strings());
                            move || status::headline(&error, t())
                        }/>
                        <LoadFailure error on_retry=move || retries.retry()/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The service worker hands out its copy of a document when the network is
/// slower than it waits; if the network then says the newsroom withdrew the
/// article, it is asked for again, from the host, which says so.
fn take_back_if_withdrawn(document: String, retries: Retries) {
    leptos::task::spawn_local(async move {
        if withdrawn_since_kept(&[document]).await {
            retries.retry();
        }
    });
}

/// The copy first shown may be older than the host's (the page was
/// prerendered before a correction, or a copy was kept): once the host is
/// asked, a correction is shown in place, from the newer copy then in hand,
/// and a withdrawal is asked for again, from the host, which says so.
fn follow_corrections(
    content: ContentBase,
    id: ArticleId,
    shown: Article,
    corrections: RwSignal<u32>,
    retries: Retries,
) {
    leptos::task::spawn_local(async move {
        match content::article_since(&content, &id, &shown).await {
            SinceShown::Same => {}
            SinceShown::Corrected => corrections.update(|found| *found += 1),
            SinceShown::Gone => retries.retry(),
        }
    });
}

/// A whole article, ready to read.
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let related: Vec<_> = article.related_articles().cloned().collect();
    let Article {
        ref title,
        ref language,
        ref blocks,
        ref credits,
        ref notes,
        ref tags,
        ..
    } = article;
    let (title, language, blocks, credits, notes, tags) = (
        title.clone(),
        language.clone(),
        blocks.clone(),
        credits.clone(),
        notes.clone(),
        tags.clone(),
    );
    let direction = article.direction();
    // The article's address, printed at its end.
    let address = public_article_url(&article, publication_base(use_site().get().as_ref()));
    // The interface speaks the article's language where it can.
    if let Some(interface) = use_context::<Interface>() {
        interface.set_page_language(language.clone());
    }
    let (shared, saved, listened) = (article.clone(), article.clone(), article.clone());
    view! {
        <Title text=title/>
        <ReadingProgress/>
        <article class="article" lang=language dir=direction>
            <ArticleHeader article=article.clone()/>
            <Island kind=IslandKind::ShareBar><ShareBar article=shared/></Island>
            <Island kind=IslandKind::SaveOffline><SaveOffline article=saved/></Island>
            <Island kind=IslandKind::Listen><Listen article=listened/></Island>
            <TableOfContents blocks=blocks.clone()/>
            <ArticleBody blocks/>
            <footer class="article-footer">
                <Credits credits/>
                <Notes notes/>
                <Tags tags/>
                <p class="print-only print-address">{address}</p>
                <BackToTop/>
            </footer>
        </article>
        <RelatedNews related/>
    }
}
