//! The wasm entry point, and the one place that starts the top floors: on a
//! prerendered page the islands (which hand over to the app at the first
//! link), elsewhere the app; then what every page has (the reader's place),
//! and after the page the installed app's parts. On a prerendered page the
//! loader (`islands/loader.js`) runs this only once the app is needed.

use broadsheet::content::ContentBase;
use broadsheet::platform::{next_task, trusted_types};
use broadsheet::{app, islands, pwa};

fn main() {
    console_error_panic_hook::set_once();
    trusted_types::install_default_policy();
    let content = ContentBase::from_document();
    match islands::prerendered_page() {
        Some(prerendered) => islands::enhance(prerendered, content.clone(), app::mount),
        None => app::mount(content.clone(), false),
    }
    app::scroll::remember_scroll_positions();
    // The installed app's parts (service worker, status line) come after the
    // page, in tasks of their own; both ways of starting set up Leptos's
    // executor first.
    leptos::task::spawn_local(async move {
        next_task().await;
        next_task().await;
        pwa::start(content);
    });
}
