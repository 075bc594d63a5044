//! Modal dialogs, one mechanism for all of them (WeChat QR, channel QR, poster
//! viewer, share poster): the browser's own `<dialog>` opened with
//! `showModal()`, so the rest of the page is inert and focus stays inside.
//! Focus moves in when it opens; Escape, the close button and a tap on the
//! backdrop close it; focus goes back to whatever opened it.

use crate::i18n::text;
use crate::platform::focused_element;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Closes the dialog around a child; children that close it themselves (a tap
/// on the poster viewer's image) take this from context.
#[derive(Clone, Copy)]
pub struct CloseModal(Callback<()>);

impl CloseModal {
    pub fn close(&self) {
        self.0.run(());
    }
}

/// A fresh id for a dialog's heading: two posters may share a title, but never an id.
fn next_heading_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("dialog-title-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A modal shown while `open` is true. `label` names it for screen readers and
/// heads it for everyone: a string, or a closure (`text(|t| t.share)`) that
/// follows a language switch.
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] class: String,
    children: ChildrenFn,
) -> impl IntoView {
    let children = StoredValue::new(children);
    let class = StoredValue::new(class);
    view! {
        <Show when=move || open.get()>
            <OpenDialog
                open
                label
                class=class.get_value()
                children=children.get_value()
            />
        </Show>
    }
}

#[component]
fn OpenDialog(
    open: RwSignal<bool>,
    label: Signal<String>,
    class: String,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let close = Callback::new(move |()| {
        if let Some(dialog) = dialog.get_untracked() {
            // Fires `close`, which does the rest.
            dialog.close();
        }
    });
    provide_context(CloseModal(close));
    Effect::new(move |_| {
        if let Some(element) = dialog.get() {
            opener.set_value(focused_element());
            if !element.open() {
                let _ = element.show_modal();
            }
        }
    });
    let on_close = move |_| {
        open.set(false);
        if let Some(opener) = opener.get_value() {
            let _ = opener.focus();
        }
    };
    // A click whose target is the dialog itself landed on the backdrop.
    let on_backdrop = move |event: web_sys::MouseEvent| {
        let on_dialog = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlDialogElement>().ok())
            .is_some();
        if on_dialog {
            close.run(());
        }
    };
    let heading_id = next_heading_id();
    let labelled_by = heading_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby=labelled_by
            on:close=on_close
            on:click=on_backdrop
        >
            <div class="modal-body">
                <header class="modal-header">
                    <h2 id=heading_id class="modal-title">{move || label.get()}</h2>
                    <button type="button" class="modal-close" autofocus on:click=move |_| close.run(())>
                        {crate::components::icons::close_icon()}
                        <span class="visually-hidden">{text(|t| t.close)}</span>
                    </button>
                </header>
                {children()}
            </div>
        </dialog>
    }
}
