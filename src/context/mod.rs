//! What every view of a page reads from the reactive context: where the
//! content lives, the publication ([`SiteState`]), the interface's language
//! ([`Interface`]), how the page is presented ([`Presentation`]: a page of
//! the site, or an embed in a partner's page), and the reader's own settings
//! ([`settings`]). The app, the islands and the native renderer each provide
//! it once, through [`provide_page_context`].

pub mod settings;

use crate::content::ContentBase;
use crate::i18n::{Interface, Locale};
use crate::model::Site;
use leptos::prelude::*;

/// The publication, loaded once for every page. `None` while it loads and when it
/// cannot be read: pages render without it rather than fail. The prerenderer
/// gives it whole.
#[derive(Clone, Copy)]
pub struct SiteState(Signal<Option<Site>>);

impl SiteState {
    pub fn get(&self) -> Option<Site> {
        self.0.get()
    }

    /// A site known before rendering, as when prerendering.
    pub fn known(site: Option<Site>) -> Self {
        SiteState(Signal::stored(site))
    }

    /// A site that arrives later, as `site.json` loads.
    pub fn loading(site: Signal<Option<Site>>) -> Self {
        SiteState(site)
    }

    /// The first language of the publication that the interface speaks.
    fn interface_language(self) -> Signal<Option<Locale>> {
        Signal::derive(move || {
            self.0
                .with(|site| site.as_ref().and_then(Locale::of_publication))
        })
    }
}

/// The publication of the page; none known outside a page (a component
/// mounted alone).
pub fn use_site() -> SiteState {
    use_context::<SiteState>().unwrap_or_else(|| SiteState::known(None))
}

/// How a view is presented: on the site's own page, or inside a partner's
/// embed, where parts that would open a dialog inside the frame (the poster
/// viewer) link out to a new tab instead, because a frame sized to its
/// content has no screen-sized viewport to show it in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Presentation {
    #[default]
    Page,
    Embed,
}

pub fn use_presentation() -> Presentation {
    use_context::<Presentation>().unwrap_or_default()
}

/// Provides what every view reads, for a page with `content` and `site`: its
/// interface speaks `chosen` (the reader's choice), else `page_language` (the
/// article's), else the publication's, else English.
pub fn provide_page_context(
    content: ContentBase,
    site: SiteState,
    chosen: Option<Locale>,
    page_language: Option<String>,
) {
    provide_context(content);
    provide_context(site);
    provide_context(Interface::new(
        chosen,
        page_language,
        site.interface_language(),
    ));
}
