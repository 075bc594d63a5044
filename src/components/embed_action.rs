//! The "Embed" action under each article: a dialog with both snippets a
//! partner can paste (the loader, and a plain iframe for pages that allow no
//! script), each with its own Copy button.

use super::icons::embed_icon;
use super::modal::Modal;
use crate::context::use_site;
use crate::i18n::{text, use_strings, Strings};
use crate::model::Article;
use crate::platform::share as browser;
use crate::share::embed::Snippets;
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
            {embed_icon()}<span>{text(|t| t.embed)}</span>
        </button>
        <Modal open label=text(|t| t.embed_this_article) class="embed-dialog">
            {
                let Snippets { script, iframe } = snippets();
                view! {
                    <SnippetField
                        label=|t: &Strings| t.embed_with_script
                        code=script
                    />
                    <SnippetField
                        label=|t: &Strings| t.embed_without_script
                        code=iframe
                    />
                }
            }
        </Modal>
    }
}

/// `label` picks the field's words from the interface's strings.
#[component]
fn SnippetField(label: fn(&Strings) -> &'static str, code: String) -> impl IntoView {
    let t = use_strings();
    let status = RwSignal::new("");
    let copy = {
        let code = code.clone();
        move |_| {
            let code = code.clone();
            spawn_local(async move {
                status.set(if browser::copy_text(&code).await {
                    t().copied
                } else {
                    t().copy_by_hand
                });
            });
        }
    };
    view! {
        <div class="snippet">
            <label>
                <span class="snippet-label">{move || label(t())}</span>
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
            <button type="button" class="share-action snippet-copy" on:click=copy>{text(|t| t.copy)}</button>
            <span class="snippet-status" role="status" aria-live="polite">{move || status.get()}</span>
        </div>
    }
}
