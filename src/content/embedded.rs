//! The documents a prerendered page carries: the prerenderer writes each as
//! a `<script type="application/json">` under [`EMBEDDED_DOCUMENT_ATTRIBUTE`],
//! keyed by its URL, and the app takes it from there instead of fetching it.
//! A newer copy found since (a correction) is held in its place.

/// The `<script type="application/json">` attribute under which a prerendered
/// page carries the documents it was rendered from, keyed by their URL.
pub const EMBEDDED_DOCUMENT_ATTRIBUTE: &str = "data-broadsheet-document";

/// Marks the embedded document that is the page's own article, which a
/// sleeping page's loader (`islands/loader.js`) compares with the host's.
pub const FOLLOWED_DOCUMENT_ATTRIBUTE: &str = "data-broadsheet-follow";

/// A document the prerendered page carries (or a newer copy held since),
/// taken once: the app renders its first view from exactly what the page
/// shows, without a second download, and a Retry afterwards goes to the
/// network.
pub(super) fn take_embedded_document(url: &str) -> Option<String> {
    let newer = NEWER.with(|newer| {
        let mut newer = newer.borrow_mut();
        let at = newer.iter().position(|(held, _)| held == url)?;
        Some(newer.remove(at).1)
    });
    if newer.is_some() {
        return newer;
    }
    let root = crate::platform::root_element()?;
    crate::platform::query_all(&root, &format!("script[{EMBEDDED_DOCUMENT_ATTRIBUTE}]"))
        .into_iter()
        .find(|script| script.get_attribute(EMBEDDED_DOCUMENT_ATTRIBUTE).as_deref() == Some(url))
        .and_then(|script| {
            script.remove();
            script.text_content()
        })
}

thread_local! {
    /// Newer copies of documents the page carries, found since it was made:
    /// held here rather than written into the page, where a script's text
    /// is a Trusted Types sink.
    static NEWER: std::cell::RefCell<Vec<(String, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Holds `text` as the document at `url`, in place of the copy the page
/// carries ([`take_embedded_document`] looks here first): the app's next
/// load of it takes it from here, as it would have taken the page's.
pub(super) fn embed_document(url: &str, text: &str) {
    NEWER.with(|newer| {
        let mut newer = newer.borrow_mut();
        newer.retain(|(held, _)| held != url);
        newer.push((url.to_owned(), text.to_owned()));
    });
}
