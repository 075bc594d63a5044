//! The browser's own speech synthesis (`speechSynthesis`): whether the device
//! can read aloud, its best voice for a language, and one utterance at a
//! time. No server and no third-party request: the voices are the device's,
//! and those on the device speak offline.

use crate::i18n::Locale;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// How long to wait for a browser that lists its voices late (Chromium
/// loads them after the page) before taking it at its word.
const VOICES_PATIENCE_MS: i32 = 1500;

/// The window's speech synthesis, where the browser has one.
pub fn synthesis() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    js_sys::Reflect::has(&window, &JsValue::from_str("speechSynthesis"))
        .unwrap_or(false)
        .then(|| window.speech_synthesis().ok())
        .flatten()
}

fn voices(synthesis: &SpeechSynthesis) -> Vec<SpeechSynthesisVoice> {
    synthesis
        .get_voices()
        .iter()
        .map(|voice| voice.unchecked_into())
        .collect()
}

/// The device's voices, once it has listed them or the wait is over.
pub async fn listed_voices(synthesis: &SpeechSynthesis) -> Vec<SpeechSynthesisVoice> {
    let now = voices(synthesis);
    if !now.is_empty() {
        return now;
    }
    let listed = js_sys::Promise::new(&mut |done, _| {
        synthesis.set_onvoiceschanged(Some(&done));
        if let Some(window) = web_sys::window() {
            _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&done, VOICES_PATIENCE_MS);
        }
    });
    _ = wasm_bindgen_futures::JsFuture::from(listed).await;
    synthesis.set_onvoiceschanged(None);
    voices(synthesis)
}

/// The best of `voices` for the BCP 47 `language`, or `None` when none
/// speaks it: the same language is required; the same variety (the same
/// tag, or the same written Chinese) comes first, then a voice on the
/// device (it speaks offline), then the device's default.
pub fn best_voice(voices: &[SpeechSynthesisVoice], language: &str) -> Option<SpeechSynthesisVoice> {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let normal = |tag: &str| tag.replace('_', "-").to_ascii_lowercase();
    let wanted = primary(language);
    voices
        .iter()
        .filter(|voice| primary(&voice.lang()) == wanted)
        .max_by_key(|voice| {
            let lang = voice.lang();
            let same_variety = normal(&lang) == normal(language)
                || Locale::from_tag(&lang).is_some_and(|locale| {
                    Locale::from_tag(language) == Some(locale) && wanted == "zh"
                });
            (same_variety, voice.local_service(), voice.default())
        })
        .cloned()
}

/// Says `words` in `language` with `voice` at `rate`, and calls `done` once
/// when the voice has finished, was stopped or failed.
pub fn speak(
    synthesis: &SpeechSynthesis,
    words: &str,
    language: &str,
    voice: Option<&SpeechSynthesisVoice>,
    rate: f32,
    done: impl FnOnce() + 'static,
) {
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(words) else {
        done();
        return;
    };
    utterance.set_lang(language);
    utterance.set_voice(voice);
    utterance.set_rate(rate);
    // One of the two is heard; the other goes with the utterance.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let finish = move || {
        if let Some(done) = done.take() {
            done();
        }
    };
    let (on_end, on_error) = (finish.clone(), finish);
    let on_end = Closure::once_into_js(on_end);
    let on_error = Closure::once_into_js(on_error);
    utterance.set_onend(Some(on_end.unchecked_ref()));
    utterance.set_onerror(Some(on_error.unchecked_ref()));
    synthesis.speak(&utterance);
}
