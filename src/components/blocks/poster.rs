//! The `poster` block: a tall, designed image card shown full width with its
//! title and credit. A tap opens it large in a viewer that scrolls and pinches
//! on a phone; from there the reader can save it or share it. In an embed it
//! opens in a new tab instead: see [`Presentation::Embed`].

use crate::components::figure::{media_url, Figure, Layout, Picture};
use crate::components::icons::{download_icon, share_icon};
use crate::components::modal::{CloseModal, Modal};
use crate::context::{use_presentation, Presentation};
use crate::i18n::{text, use_strings};
use crate::model::{Image, Poster, RichText, Span};
use crate::platform::share::{self as browser, ShareOutcome};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PosterBlock(poster: Poster) -> impl IntoView {
    let t = use_strings();
    let Poster {
        src,
        alt,
        width,
        height,
        title,
        credit,
        srcset,
        sources,
    } = poster;
    let full_size = media_url(&src);
    let name = title.clone().unwrap_or_else(|| alt.clone());
    let image = Image {
        src,
        alt: alt.clone(),
        width,
        height,
        caption: None,
        credit: None,
        srcset,
        sources,
    };
    let caption = title.map(|title| RichText(vec![Span::plain(title)]));
    let viewing = RwSignal::new(false);
    let viewer_image = image.clone();
    let open_label = {
        let name = name.clone();
        move || (t().view_poster_large)(&name)
    };
    if use_presentation() == Presentation::Embed {
        let label = move || (t().opens_in_new_tab)(&open_label());
        return view! {
            <Figure class="figure poster" caption credit>
                <a class="poster-open" href=full_size target="_blank" rel="noopener" aria-label=label>
                    <Picture image layout=Layout::Poster in_control=true/>
                </a>
            </Figure>
        }
        .into_any();
    }
    view! {
        <Figure class="figure poster" caption credit>
            <button type="button" class="poster-open" aria-label=open_label
                on:click=move |_| viewing.set(true)>
                <Picture image layout=Layout::Poster in_control=true/>
            </button>
        </Figure>
        <Modal open=viewing label=name class="poster-viewer">
            <PosterViewer image=viewer_image.clone() full_size=full_size.clone()/>
        </Modal>
    }
    .into_any()
}

/// The poster at full width, in a box that scrolls; the browser's own pinch zoom
/// enlarges it further. A tap on it closes the viewer.
#[component]
fn PosterViewer(image: Image, full_size: String) -> impl IntoView {
    let t = use_strings();
    let close = use_context::<CloseModal>();
    let status = RwSignal::new(String::new());
    let native_share = RwSignal::new(false);
    Effect::new(move |_| native_share.set(browser::can_share()));
    let file_name = full_size
        .rsplit('/')
        .next()
        .filter(|name| !name.is_empty())
        .unwrap_or("poster")
        .to_owned();
    let share = {
        let (full_size, title) = (full_size.clone(), image.alt.clone());
        move |_| {
            let (full_size, title, file_name) =
                (full_size.clone(), title.clone(), file_name.clone());
            spawn_local(async move {
                let outcome = match poster_file(&full_size, &file_name).await {
                    Some(file) if browser::can_share_file(&file) => {
                        browser::share_file(&file, &title).await
                    }
                    // Without file sharing, the poster's address still travels.
                    _ => {
                        browser::share(&[("title", title.into()), ("url", full_size.into())]).await
                    }
                };
                if let ShareOutcome::Failed(reason) = outcome {
                    status.set((t().poster_sharing_failed)(&reason));
                }
            });
        }
    };
    view! {
        <div class="poster-viewer-frame">
            <img
                src=full_size.clone()
                alt=image.alt.clone()
                width=image.width.get()
                height=image.height.get()
                on:click=move |_| {
                    if let Some(close) = close {
                        close.close();
                    }
                }
            />
        </div>
        <div class="modal-actions">
            <a class="share-action poster-save" href=full_size.clone() download="">
                {download_icon()}<span>{text(|t| t.save_poster)}</span>
            </a>
            <Show when=move || native_share.get()>
                <button type="button" class="share-action poster-share" on:click=share.clone()>
                    {share_icon()}<span>{text(|t| t.share_poster)}</span>
                </button>
            </Show>
        </div>
        <p class="share-status" role="status">{move || status.get()}</p>
    }
}

/// The poster image as a file, fetched from where it is served.
async fn poster_file(url: &str, name: &str) -> Option<web_sys::File> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let mime = response
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "image/png".to_owned());
    let bytes = response.binary().await.ok()?;
    let parts: js_sys::Array = std::iter::once(wasm_bindgen::JsValue::from(
        js_sys::Uint8Array::from(bytes.as_slice()),
    ))
    .collect();
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&mime);
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options).ok()
}
