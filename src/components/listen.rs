//! "Listen" under an article: the device reads it aloud with the browser's
//! own speech synthesis ([`crate::platform::speech`]), in the article's
//! language: headline, standfirst, then the body part by part
//! ([`Article::spoken`]), captions and credits only when asked. Pause and
//! resume, stop, the previous and next paragraph, the speed; the part being
//! read is marked and brought into view, and the listener's place is kept
//! on the device for when they come back.
//!
//! It never speaks unasked, never moves the focus and announces nothing but
//! a missing voice, so it does not talk over a screen reader. A browser
//! without speech synthesis shows no button (`html[data-can-speak]`, set by
//! `context/reader-settings.js` before the first paint).

use crate::components::blocks::rendered_block;
use crate::components::icons::listen_icon;
use crate::i18n::{use_locale, use_strings};
use crate::model::{Article, Spoken, SpokenPart};
use crate::platform::{browser_document, query_all, root_element, speech, storage};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The class on the element being read.
pub const BEING_READ_CLASS: &str = "being-read";

/// The speeds offered, in percent of the voice's own. (Whole numbers: the
/// formatting and parsing of floats would cost the app some 25 KB.)
const SPEEDS: [u32; 6] = [75, 100, 125, 150, 175, 200];

/// A speed in percent as a reader reads it: `1.25×`, `2×`.
fn speed_label(percent: u32) -> String {
    let (whole, part) = (percent / 100, percent % 100);
    match part {
        0 => format!("{whole}×"),
        part if part % 10 == 0 => format!("{whole}.{}×", part / 10),
        part => format!("{whole}.{part:02}×"),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Playing {
    Stopped,
    Speaking,
    Paused,
}

/// The reading in progress, shared by the controls.
#[derive(Clone)]
struct Reader {
    article: Rc<Article>,
    language: Rc<str>,
    place_key: Rc<str>,
    voice: Rc<RefCell<Option<web_sys::SpeechSynthesisVoice>>>,
    /// Each start bumps it; a voice finishing a part of an earlier start
    /// (stopped, skipped) is not followed.
    generation: Rc<Cell<u32>>,
    playing: RwSignal<Playing>,
    current: RwSignal<Option<SpokenPart>>,
    kept: RwSignal<Option<SpokenPart>>,
    /// In percent of the voice's own speed.
    rate: RwSignal<u32>,
    captions: RwSignal<bool>,
}

impl Reader {
    fn parts(&self) -> Vec<Spoken> {
        self.article.spoken(self.captions.get_untracked())
    }

    /// Reads from the part at `index` of [`Reader::parts`] to the end.
    fn read_from(&self, index: usize) {
        let Some(synthesis) = speech::synthesis() else {
            return;
        };
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        synthesis.cancel();
        let parts = self.parts();
        let Some(spoken) = parts.get(index) else {
            self.finished();
            return;
        };
        self.current.set(Some(spoken.part));
        self.kept.set(Some(spoken.part));
        storage::set(&self.place_key, &spoken.part.key());
        self.playing.set(Playing::Speaking);
        mark_being_read(&self.article, Some(spoken.part));
        let next = self.clone();
        speech::speak(
            &synthesis,
            &spoken.words,
            &self.language,
            self.voice.borrow().as_ref(),
            self.rate.get_untracked() as f32 / 100.0,
            move || {
                if next.generation.get() == generation {
                    next.read_from(index + 1);
                }
            },
        );
    }

    /// The index of the first part at or after `part` (`after`: past it).
    fn index_from(&self, part: Option<SpokenPart>, after: bool) -> usize {
        let Some(part) = part else {
            return 0;
        };
        self.parts()
            .iter()
            .position(|spoken| {
                if after {
                    spoken.part > part
                } else {
                    spoken.part >= part
                }
            })
            .unwrap_or(usize::MAX)
    }

    fn previous(&self) {
        let current = self.current.get_untracked();
        let index = self
            .parts()
            .iter()
            .rposition(|spoken| current.is_some_and(|current| spoken.part < current))
            .unwrap_or(0);
        self.read_from(index);
    }

    fn next(&self) {
        self.read_from(self.index_from(self.current.get_untracked(), true));
    }

    /// Reads the current part again, as now set (speed, captions).
    fn again(&self) {
        if self.playing.get_untracked() != Playing::Stopped {
            self.read_from(self.index_from(self.current.get_untracked(), false));
        }
    }

    fn stop(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        if let Some(synthesis) = speech::synthesis() {
            synthesis.cancel();
        }
        self.playing.set(Playing::Stopped);
        self.current.set(None);
        mark_being_read(&self.article, None);
    }

    /// The end of the article: the next Listen starts from the top.
    fn finished(&self) {
        self.stop();
        self.kept.set(None);
        storage::remove(&self.place_key);
    }
}

/// Marks the element of `part` as being read (none when `None`), and brings
/// it into view.
fn mark_being_read(article: &Article, part: Option<SpokenPart>) {
    let (Some(document), Some(root)) = (browser_document(), root_element()) else {
        return;
    };
    for marked in query_all(&root, &format!(".{BEING_READ_CLASS}")) {
        _ = marked.class_list().remove_1(BEING_READ_CLASS);
    }
    let found = |css: &str| document.query_selector(css).ok().flatten();
    let element = match part {
        None => None,
        Some(SpokenPart::Headline) => found("article.article h1.headline"),
        Some(SpokenPart::Standfirst) => found("article.article .standfirst"),
        Some(SpokenPart::Block(at)) => found("article.article .article-body")
            .and_then(|body| rendered_block(&body, &article.blocks, at)),
    };
    if let Some(element) = element {
        _ = element.class_list().add_1(BEING_READ_CLASS);
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

#[component]
pub fn Listen(article: Article) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let place_key = format!("broadsheet:listening:{}", article.id.as_str());
    let kept = storage::get(&place_key).and_then(|key| SpokenPart::from_key(&key));
    let language = article
        .language
        .clone()
        .unwrap_or_else(|| locale().tag().to_owned());
    let reader = Reader {
        article: Rc::new(article),
        language: language.into(),
        place_key: place_key.into(),
        voice: Rc::default(),
        generation: Rc::default(),
        playing: RwSignal::new(Playing::Stopped),
        current: RwSignal::new(None),
        kept: RwSignal::new(kept),
        rate: RwSignal::new(100),
        captions: RwSignal::new(false),
    };
    let no_voice = RwSignal::new(false);
    let (playing, kept, rate, captions) =
        (reader.playing, reader.kept, reader.rate, reader.captions);

    let play = {
        let reader = reader.clone();
        move |_| match reader.playing.get_untracked() {
            Playing::Speaking => {
                if let Some(synthesis) = speech::synthesis() {
                    synthesis.pause();
                }
                reader.playing.set(Playing::Paused);
            }
            Playing::Paused => {
                if let Some(synthesis) = speech::synthesis() {
                    synthesis.resume();
                }
                reader.playing.set(Playing::Speaking);
            }
            Playing::Stopped => {
                let reader = reader.clone();
                leptos::task::spawn_local(async move {
                    let Some(synthesis) = speech::synthesis() else {
                        return;
                    };
                    if reader.voice.borrow().is_none() {
                        let voices = speech::listed_voices(&synthesis).await;
                        let Some(voice) = speech::best_voice(&voices, &reader.language) else {
                            no_voice.set(true);
                            return;
                        };
                        *reader.voice.borrow_mut() = Some(voice);
                    }
                    no_voice.set(false);
                    reader.read_from(reader.index_from(reader.kept.get_untracked(), false));
                });
            }
        }
    };
    let (previous, next, stop, again_rate, again_captions) = (
        reader.clone(),
        reader.clone(),
        reader.clone(),
        reader.clone(),
        reader.clone(),
    );
    let active = move || playing.get() != Playing::Stopped;
    view! {
        <div class="listen" role="group" aria-label=move || t().listen_controls>
            <button type="button" class="share-action listen-play" on:click=play>
                {listen_icon()}
                <span>
                    {move || match playing.get() {
                        Playing::Speaking => t().listen_pause,
                        Playing::Paused => t().listen_resume,
                        Playing::Stopped if kept.get().is_some() => t().listen_continue,
                        Playing::Stopped => t().listen,
                    }}
                </span>
            </button>
            <div class="listen-controls" hidden=move || !active()>
                <button type="button" class="share-action listen-previous"
                    on:click={let reader = previous.clone(); move |_| reader.previous()}>
                    {move || t().listen_previous}
                </button>
                <button type="button" class="share-action listen-next"
                    on:click={let reader = next.clone(); move |_| reader.next()}>
                    {move || t().listen_next}
                </button>
                <button type="button" class="share-action listen-stop"
                    on:click={let reader = stop.clone(); move |_| reader.stop()}>
                    {move || t().listen_stop}
                </button>
                <label class="listen-option">
                    {move || t().listen_speed}
                    <select class="listen-rate"
                        on:change={let reader = again_rate.clone(); move |event| {
                            if let Ok(chosen) = event_target_value(&event).parse::<u32>() {
                                rate.set(chosen);
                                reader.again();
                            }
                        }}>
                        {SPEEDS
                            .into_iter()
                            .map(|speed| view! {
                                <option value=speed.to_string() selected=move || rate.get() == speed>
                                    {speed_label(speed)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="listen-option">
                    <input type="checkbox" class="listen-captions"
                        prop:checked=move || captions.get()
                        on:change={let reader = again_captions.clone(); move |event| {
                            captions.set(event_target_checked(&event));
                            reader.again();
                        }}/>
                    {move || t().listen_captions}
                </label>
            </div>
            <p class="listen-status" role="status">
                {move || no_voice.get().then(|| t().listen_no_voice)}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_read_as_multiples() {
        let labels: Vec<String> = SPEEDS.into_iter().map(speed_label).collect();
        assert_eq!(labels, ["0.75×", "1×", "1.25×", "1.5×", "1.75×", "2×"]);
    }
}
