//! The documents a prerendered page carries: the prerenderer writes each as
//! a `<script type="application/json">` under [`EMBEDDED_DOCUMENT_ATTRIBUTE`],
//! keyed by its URL, and the app takes it from there instead of fetching it.

/// The `<script type="application/json">` attribute under which a prerendered
/// page carries the documents it was rendered from, keyed by their URL.
pub const EMBEDDED_DOCUMENT_ATTRIBUTE: &str = "data-broadsheet-document";

/// A document the prerendered page carries, taken once: the app renders its
/// first view from exactly what the page shows, without a second download,
/// and a Retry afterwards goes to the network.
pub(super) fn take_embedded_document(url: &str) -> Option<String> {
    let root = crate::platform::root_element()?;
    crate::platform::query_all(&root, &format!("script[{EMBEDDED_DOCUMENT_ATTRIBUTE}]"))
        .into_iter()
        .find(|script| script.get_attribute(EMBEDDED_DOCUMENT_ATTRIBUTE).as_deref() == Some(url))
        .and_then(|script| {
            script.remove();
            script.text_content()
        })
}
