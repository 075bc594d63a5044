//! "Available offline" on the article cards (front page, related news) whose
//! article is kept on this device, labelled in the interface's words by the
//! stylesheet.

use crate::content::ContentBase;
use crate::i18n::Strings;
use crate::platform::offline_cache::is_kept;
use crate::routes::{article_id_of_route, ARTICLE_SEGMENT};
use wasm_bindgen::JsCast;

/// The words the stylesheet puts on cards marked available offline (its
/// `--offline-label`, a CSS string set on `<html>` for every card to inherit).
pub(super) fn label_available_offline(t: &Strings) {
    let root = crate::platform::root_element()
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        _ = root
            .style()
            .set_property(OFFLINE_LABEL_PROPERTY, &css_string(t.available_offline));
    }
}

/// The custom property `style/cards.css` prints on cards available offline.
const OFFLINE_LABEL_PROPERTY: &str = "--offline-label";

/// `text` as a CSS string, quoted and escaped.
fn css_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(character);
            }
            '\n' => quoted.push_str("\\a "),
            character if character.is_control() => {}
            character => quoted.push(character),
        }
    }
    quoted.push('"');
    quoted
}

/// Marks each article card (front page, related news) whose article is kept on
/// this device, `data-offline="available"`, which the stylesheet labels with
/// the interface's words ([`label_available_offline`]). Cards already looked
/// at are not looked at again.
pub(super) fn mark_available_offline(content: &ContentBase) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Ok(cards) = document.query_selector_all(".card:not([data-offline])") else {
        return;
    };
    for card in (0..cards.length()).filter_map(|i| cards.item(i)) {
        let Ok(card) = card.dyn_into::<web_sys::Element>() else {
            continue;
        };
        let id = card
            .query_selector(&format!("a[href^='/{ARTICLE_SEGMENT}/']"))
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .and_then(|href| article_id_of_route(&href));
        let Some(id) = id else {
            continue;
        };
        _ = card.set_attribute("data-offline", "unknown");
        let url = content.article(&id);
        leptos::task::spawn_local(async move {
            if is_kept(&url).await {
                _ = card.set_attribute("data-offline", "available");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_css_strings() {
        assert_eq!(css_string("Available offline"), "\"Available offline\"");
        assert_eq!(css_string("可离线阅读"), "\"可离线阅读\"");
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\a d\"");
    }
}
