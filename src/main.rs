//! Mounts the app, configured from the page that loaded it.

fn main() {
    console_error_panic_hook::set_once();
    let content = broadsheet::api::ContentBase::from_document();
    leptos::mount::mount_to_body(move || leptos::view! { <broadsheet::App content/> });
}
