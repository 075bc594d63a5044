//! The same article in other languages, linked under the headline, each in
//! its own language ("阅读中文版", "Read in English"). A plain link to the
//! translation's page; `translation-switch.js` (in every page's loader, so
//! it works with the app asleep) adds the furthest paragraph the reader has
//! read to it, so the translation opens where they were reading.

use crate::i18n::Locale;
use crate::model::Article;
use crate::routes::article_route;
use leptos::prelude::*;

/// On a link to a translation: follow it to the same paragraph.
pub const KEEPS_PLACE_ATTRIBUTE: &str = "data-keeps-place";

/// What a link to a translation in `language` says: its own interface's
/// words where the interface speaks it, else the tag.
pub fn translation_label(language: &str) -> String {
    Locale::from_tag(language).map_or_else(
        || language.to_owned(),
        |locale| locale.strings().read_this_version.to_owned(),
    )
}

#[component]
pub fn Translations(article: Article) -> impl IntoView {
    let links: Vec<_> = article.translations().cloned().collect();
    (!links.is_empty()).then(|| {
        view! {
            <p class="translations">
                {links
                    .into_iter()
                    .map(|translation| {
                        let label = translation_label(&translation.language);
                        view! {
                            <a class="translation-link" href=article_route(&translation.id)
                                hreflang=translation.language.clone() lang=translation.language
                                data-keeps-place="">
                                {label}
                            </a>
                        }
                    })
                    .collect_view()}
            </p>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_link_speaks_its_own_language() {
        assert_eq!(translation_label("en"), "Read in English");
        assert_eq!(translation_label("zh-Hans"), "阅读中文版");
        assert_eq!(translation_label("zh-TW"), "閱讀中文版");
        assert_eq!(translation_label("fr"), "fr");
    }
}
