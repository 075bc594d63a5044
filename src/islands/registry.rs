//! The island registry: for each [`IslandKind`], the component that renders
//! it again from the documents the page carries. The one place an island's
//! kind meets its component; the `match` is exhaustive, so a new kind cannot
//! be declared without its entry here.

use crate::components::blocks::{PosterBlock, VideoBlock};
use crate::components::island::IslandKind;
use crate::components::listen::Listen;
use crate::components::save_offline::SaveOffline;
use crate::components::settings_panel::ReadingSettings;
use crate::components::share_bar::ShareBar;
use crate::components::site_header::Channel;
use crate::model::{Article, Block, Site};
use leptos::prelude::*;

/// The documents a prerendered page carries.
pub struct Documents {
    pub site: Option<Site>,
    pub article: Option<Article>,
}

/// The view of the island of `kind` that renders part `at` of `documents`;
/// `None` when the documents lack that part (one that could not be read).
pub fn render(kind: IslandKind, at: Option<usize>, documents: &Documents) -> Option<AnyView> {
    let article = || documents.article.clone();
    let block = || documents.article.as_ref()?.blocks.get(at?).cloned();
    Some(match kind {
        IslandKind::ReadingSettings => view! { <ReadingSettings/> }.into_any(),
        IslandKind::ShareBar => {
            let article = article()?;
            view! { <ShareBar article/> }.into_any()
        }
        IslandKind::SaveOffline => {
            let article = article()?;
            view! { <SaveOffline article/> }.into_any()
        }
        IslandKind::Listen => {
            let article = article()?;
            view! { <Listen article/> }.into_any()
        }
        IslandKind::Channel => {
            let link = documents.site.as_ref()?.channel_row().nth(at?)?.clone();
            view! { <Channel link/> }.into_any()
        }
        IslandKind::Poster => match block()? {
            Block::Poster(poster) => view! { <PosterBlock poster/> }.into_any(),
            _ => return None,
        },
        IslandKind::Video => match block()? {
            Block::Video(video) => view! { <VideoBlock video/> }.into_any(),
            _ => return None,
        },
    })
}
