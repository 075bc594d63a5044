//! Islands, declared where they render. A prerendered page is read as served;
//! only its interactive parts need the app, and each is marked by the view
//! that renders it: `<Island kind at>` wraps it in an element carrying
//! `data-island` (its [`IslandKind`]) and `data-island-at` (which part of the
//! page's documents it renders: a block's index in its article, a channel's in
//! the site's channel row). The islands runtime ([`crate::islands`]) finds the
//! marks, and its registry renders each kind again from the documents the page
//! carries. No class name or position is involved: restyling a part cannot
//! silently disconnect it.
//!
//! The wrapper is laid out as if absent (`display: contents` in
//! `style/base.css`), so it changes nothing a reader sees.

use leptos::prelude::*;

/// The attribute that names an island's kind.
pub const ISLAND_ATTRIBUTE: &str = "data-island";
/// The attribute that says which part of the documents an island renders.
pub const ISLAND_AT_ATTRIBUTE: &str = "data-island-at";
/// Set on an island once the runtime has brought it to life.
pub const ISLAND_ALIVE_ATTRIBUTE: &str = "data-island-alive";

/// Every kind of interactive part a prerendered page can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IslandKind {
    /// The header's "Aa" button and its dialog.
    ReadingSettings,
    /// The share bar under a headline.
    ShareBar,
    /// "Save for offline" under a headline.
    SaveOffline,
    /// "Listen" under a headline: the article read aloud.
    Listen,
    /// A channel of the header's row that shows a QR code (WeChat).
    Channel,
    /// A `poster` block: its viewer.
    Poster,
    /// A `video` block: its fallback when the browser cannot play it.
    Video,
}

impl IslandKind {
    pub const ALL: [IslandKind; 7] = [
        IslandKind::ReadingSettings,
        IslandKind::ShareBar,
        IslandKind::SaveOffline,
        IslandKind::Listen,
        IslandKind::Channel,
        IslandKind::Poster,
        IslandKind::Video,
    ];

    /// The value of `data-island`.
    pub fn name(self) -> &'static str {
        match self {
            IslandKind::ReadingSettings => "reading-settings",
            IslandKind::ShareBar => "share-bar",
            IslandKind::SaveOffline => "save-offline",
            IslandKind::Listen => "listen",
            IslandKind::Channel => "channel",
            IslandKind::Poster => "poster",
            IslandKind::Video => "video",
        }
    }

    pub fn from_name(name: &str) -> Option<IslandKind> {
        IslandKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// Marks `children` as an island of `kind`, rendering the part of the page's
/// documents numbered `at` where the kind needs one.
#[component]
pub fn Island(
    kind: IslandKind,
    #[prop(optional)] at: Option<usize>,
    children: Children,
) -> impl IntoView {
    view! {
        <div data-island=kind.name() data-island-at=at.map(|at| at.to_string())>
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_found_by_its_name() {
        for kind in IslandKind::ALL {
            assert_eq!(IslandKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(IslandKind::from_name("share_bar"), None);
    }
}
