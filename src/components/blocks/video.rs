//! The `video` block: HTML5 video with controls and caption tracks. It never
//! plays by itself, so it never surprises a reader with sound. It fetches
//! nothing, and its poster waits in `data-poster`
//! ([`crate::components::figure::WAITING_POSTER_ATTRIBUTE`]), until
//! `data-saver.js` finds the reader does not save data: then it shows the
//! poster and fetches the video's metadata. An embed, which has no loader,
//! does both at once. When
//! the browser cannot load or decode the file, the reader is told so and
//! offered the file.

use crate::components::figure::{media_url, Figure};
use crate::context::{use_presentation, Presentation};
use crate::i18n::text;
use crate::model::Video;
use leptos::prelude::*;

#[component]
pub fn VideoBlock(video: Video) -> impl IntoView {
    let Video {
        src,
        poster,
        caption,
        credit,
        width,
        height,
        tracks,
    } = video;
    let tracks = tracks
        .into_iter()
        .map(|track| {
            view! {
                <track
                    kind=track.kind.unwrap_or_else(|| "captions".to_owned())
                    src=media_url(&track.src)
                    srclang=track.srclang
                    label=track.label
                    default=track.default
                />
            }
        })
        .collect_view();
    let src = media_url(&src);
    let poster = poster.as_ref().map(media_url);
    // The mark that the video waits for `data-saver.js` is the attribute
    // itself, empty for a video without a poster.
    let (shown_poster, waiting_poster, preload) = if use_presentation() == Presentation::Embed {
        (poster, None, "metadata")
    } else {
        (None, Some(poster.unwrap_or_default()), "none")
    };
    let unplayable = RwSignal::new(false);
    let fallback = {
        let src = src.clone();
        move || {
            unplayable.get().then(|| {
                view! {
                    <p class="video-unplayable" role="status">
                        {text(|t| t.video_unplayable)}" "
                        <a href=src.clone() download>{text(|t| t.download_video)}</a>
                    </p>
                }
            })
        }
    };
    view! {
        <Figure class="figure video" caption credit>
            <video
                on:error=move |_| unplayable.set(true)
                src=src
                poster=shown_poster
                data-poster=waiting_poster
                width=width.map(|w| w.get())
                height=height.map(|h| h.get())
                controls=true
                playsinline=true
                preload=preload
            >
                {tracks}
            </video>
            {fallback}
        </Figure>
    }
}
