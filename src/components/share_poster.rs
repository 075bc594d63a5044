//! The "Poster" action: a share poster for the article, drawn on a canvas (see
//! [`crate::share::poster`]), previewed in a dialog, saved as PNG, and on phones
//! handed to the system share sheet as a file.

use super::figure::media_url;
use super::icons::{download_icon, share_icon};
use super::modal::Modal;
use crate::context::use_site;
use crate::format::long_date;
use crate::i18n::{text, use_strings, Locale};
use crate::model::{publication_name, Article, Hero};
use crate::platform::share::{self as browser, ShareOutcome};
use crate::share::poster::{self, PosterCard};
use crate::share::ShareTarget;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SharePosterDialog(open: RwSignal<bool>, article: Article) -> impl IntoView {
    let article = StoredValue::new(article);
    view! {
        <Modal open label=text(|t| t.share_poster) class="share-poster-dialog">
            <SharePoster article=article.get_value()/>
        </Modal>
    }
}

/// Where drawing has got to.
#[derive(Clone)]
enum Drawing {
    Busy,
    Ready { png: String, file: Option<SendFile> },
    Failed(String),
}

/// A `File` kept only in the browser's single thread.
#[derive(Clone)]
struct SendFile(send_wrapper::SendWrapper<web_sys::File>);

fn card_for(article: &Article, publication: String) -> PosterCard {
    let hero = article.hero().and_then(|hero| match hero {
        Hero::Image(image) => Some(media_url(&image.src)),
        Hero::Video(video) => video.poster.as_ref().map(media_url),
    });
    // The poster speaks the article's language, its date too, whatever the
    // interface around it speaks.
    let words = article
        .language
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_default()
        .strings();
    PosterCard {
        publication,
        section: article.section.clone(),
        headline: article.title.clone(),
        summary: article.summary.clone(),
        date: article
            .published
            .as_ref()
            .map(|published| long_date(published, words)),
        hero,
        url: ShareTarget::for_article(article, &browser::page_origin()).url_from("poster"),
        scan_call: words.poster_scan_call,
        scan_hint: words.poster_scan_hint,
    }
}

#[component]
fn SharePoster(article: Article) -> impl IntoView {
    let t = use_strings();
    let publication = publication_name(use_site().get().as_ref()).to_owned();
    let card = card_for(&article, publication);
    let file_name = format!("{}.png", article.id.as_str());
    let drawing = RwSignal::new(Drawing::Busy);
    {
        let file_name = file_name.clone();
        spawn_local(async move {
            let drawn = async {
                let canvas = poster::draw(&card).await?;
                let png = poster::png_data_url(&canvas)?;
                let file = poster::png_file(&canvas, &file_name).await.ok();
                Ok::<_, String>(Drawing::Ready {
                    png,
                    file: file
                        .filter(browser::can_share_file)
                        .map(|file| SendFile(send_wrapper::SendWrapper::new(file))),
                })
            };
            drawing.set(drawn.await.unwrap_or_else(Drawing::Failed));
        });
    }
    let title = article.title.clone();
    move || match drawing.get() {
        Drawing::Busy => {
            view! { <p class="poster-busy" role="status">{text(|t| t.drawing_poster)}</p> }
                .into_any()
        }
        Drawing::Failed(reason) => view! {
            <p class="poster-failed" role="alert">{move || (t().poster_failed)(&reason)}</p>
        }
        .into_any(),
        Drawing::Ready { png, file } => {
            let alt = {
                let title = title.clone();
                move || (t().poster_alt)(&title)
            };
            let title = title.clone();
            let share = file.map(|file| {
                let status = RwSignal::new(String::new());
                let on_share = move |_| {
                    let file = file.clone();
                    let title = title.clone();
                    spawn_local(async move {
                        if let ShareOutcome::Failed(reason) = browser::share_file(&file.0, &title).await {
                            status.set((t().poster_sharing_failed)(&reason));
                        }
                    });
                };
                view! {
                    <button type="button" class="share-action" on:click=on_share>{share_icon()}<span>{text(|t| t.share_poster)}</span></button>
                    <p class="share-status" role="status">{move || status.get()}</p>
                }
            });
            view! {
                <img class="share-poster-preview" src=png.clone() alt=alt
                    width=poster::WIDTH height=poster::HEIGHT/>
                <div class="modal-actions">
                    <a class="share-action poster-save" href=png download=file_name.clone()>
                        {download_icon()}<span>{text(|t| t.save_as_png)}</span>
                    </a>
                    {share}
                </div>
            }
            .into_any()
        }
    }
}
