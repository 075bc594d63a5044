//! The `video` block: HTML5 video with controls and caption tracks. It never
//! plays by itself, so it never surprises a reader with sound, and fetches
//! nothing of the video until the reader plays it. Its poster waits in
//! `data-poster` ([`crate::components::figure::WAITING_POSTER_ATTRIBUTE`]) for `data-saver.js`, which shows it unless the
//! reader saves data; an embed, which has no loader, shows it at once. When
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
    let (shown_poster, waiting_poster) = if use_presentation() == Presentation::Embed {
        (poster, None)
    } else {
        (None, poster)
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
                preload="none"
            >
                {tracks}
            </video>
            {fallback}
        </Figure>
    }
}
