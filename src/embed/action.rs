//! The "Embed" action under each article: a dialog with both snippets a
//! partner can paste (the loader, and a plain iframe for pages that allow no
//! script), each with its own Copy button.

use super::Snippets;
use crate::app::use_site;
use crate::components::icons::embed_icon;
use crate::components::modal::Modal;
use crate::model::Article;
use crate::share::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn EmbedAction(article: Article) -> impl IntoView {
    let open = RwSignal::new(false);
    let site = use_site();
    // Made when the dialog opens: the address is the one this app is served
    // from, known only in the browser.
    let snippets = move || {
        let publication = site.get().map(|site| site.name).unwrap_or_default();
        Snippets::new(
            &browser::page_origin(),
            &article.id,
            &article.title,
            &publication,
        )
    };
    view! {
        <button type="button" class="share-action share-embed" on:click=move |_| open.set(true)>
            {embed_icon()}<span>"Embed"</span>
        </button>
        <Modal open label="Embed this article" class="embed-dialog">
            {
                let Snippets { script, iframe } = snippets();
                view! {
                    <SnippetField
                        label="Sizes itself to the article. Paste it where the article should appear:"
                        code=script
                    />
                    <SnippetField
                        label="For pages that allow no script, a frame of fixed height:"
                        code=iframe
                    />
                }
            }
        </Modal>
    }
}

#[component]
fn SnippetField(label: &'static str, code: String) -> impl IntoView {
    let status = RwSignal::new("");
    let copy = {
        let code = code.clone();
        move |_| {
            let code = code.clone();
            spawn_local(async move {
                status.set(if browser::copy_text(&code).await {
                    "Copied"
                } else {
                    "Your browser would not copy. Select the code and copy it."
                });
            });
        }
    };
    view! {
        <div class="snippet">
            <label>
                <span class="snippet-label">{label}</span>
                <textarea class="snippet-code" readonly rows="4" spellcheck="false"
                    on:focus=|event| {
                        use wasm_bindgen::JsCast;
                        if let Some(field) = event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                        {
                            field.select();
                        }
                    }
                >{code}</textarea>
            </label>
            <button type="button" class="share-action snippet-copy" on:click=copy>"Copy"</button>
            <span class="snippet-status" role="status" aria-live="polite">{move || status.get()}</span>
        </div>
    }
}
