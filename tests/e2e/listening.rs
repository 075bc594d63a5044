//! Listening to an article: the browser's speech synthesis, stood in for by
//! a recorder of utterances (as the share sheet is), reads the article part
//! by part in its language, marks the part being read, pauses, skips, keeps
//! the listener's place; a device with no voice for the language says so.
//! Where the engine has no speech synthesis at all, there is no button.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, CHINESE_PATH, CHINESE_TITLE, SEED_PATH, SEED_TITLE};
use serde_json::Value;

scenarios!(
    the_article_is_read_aloud_part_by_part,
    a_chinese_article_is_read_by_a_chinese_voice_or_says_there_is_none,
);

/// Replaces `speechSynthesis` with a recorder: `window.said` lists what was
/// spoken (text, language, rate, voice) and `pause`/`resume`;
/// `window.finishSpeaking()` ends the utterance being spoken. `voices` are
/// the device's, as `[name, lang]`.
fn stand_in(voices: &[(&str, &str)]) -> String {
    let voices: Vec<Value> = voices
        .iter()
        .map(|(name, lang)| {
            serde_json::json!({ "name": name, "lang": lang, "localService": true,
                                "default": false, "voiceURI": name })
        })
        .collect();
    format!(
        "const voices = {voices}; window.said = []; let current = null; \
         const ended = (u) => {{ const e = new Event('end'); if (u.onend) u.onend(e); }}; \
         class Utterance {{ constructor(text) {{ this.text = text; this.lang = ''; this.rate = 1; this.voice = null; }} }}; \
         const synthesis = {{ \
           getVoices: () => voices, onvoiceschanged: null, \
           speak(u) {{ said.push({{ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice && u.voice.name }}); current = u; }}, \
           cancel() {{ const u = current; current = null; if (u) ended(u); }}, \
           pause() {{ said.push('pause'); }}, resume() {{ said.push('resume'); }} }}; \
         window.finishSpeaking = () => {{ const u = current; current = null; if (u) ended(u); return u !== null; }}; \
         Object.defineProperty(window, 'speechSynthesis', {{ value: synthesis, configurable: true }}); \
         window.SpeechSynthesisUtterance = Utterance",
        voices = Value::Array(voices)
    )
}

const ENGLISH_AND_CHINESE: &[(&str, &str)] =
    &[("Stand-in English", "en-GB"), ("Stand-in Chinese", "zh-CN")];

/// Whether the engine has speech synthesis; without it, checks that the page
/// shows no Listen button.
async fn can_speak_or_no_button(page: &Page) -> Result<bool, String> {
    if page.execute("return 'speechSynthesis' in window").await? == true {
        return Ok(true);
    }
    let shown = page
        .execute(
            "const b = document.querySelector('.listen-play'); \
             return b !== null && b.getClientRects().length > 0",
        )
        .await?;
    ensure!(
        shown == false,
        "no speech synthesis in {}, so no Listen button",
        page.engine()
    );
    println!(
        "    ({}: no speech synthesis; the page shows no Listen button)",
        page.engine()
    );
    Ok(false)
}

/// The utterances spoken so far, once there are `count`: each with what is
/// marked as being read when it was the last.
async fn until_said(page: &Page, count: usize) -> Result<Value, String> {
    page.wait_for_script(&format!(
        "const spoken = window.said.filter(s => typeof s === 'object'); \
         if (spoken.length < {count}) return null; \
         const marked = [...document.querySelectorAll('.being-read')]; \
         const last = spoken[spoken.length - 1]; \
         return {{ spoken, last, marked: marked.map(m => m.textContent.replace(/\\s+/g, ' ').trim()), \
                   markedIsHeadline: marked.length === 1 && marked[0].matches('h1.headline'), \
                   markedIsStandfirst: marked.length === 1 && marked[0].matches('.standfirst') }}"
    ))
    .await
    .map_err(|e| format!("waiting for utterance {count}: {e}"))
}

/// The utterance being spoken ends, and the next is awaited.
async fn finish_and_await(page: &Page, count: usize) -> Result<Value, String> {
    page.execute("return window.finishSpeaking()").await?;
    until_said(page, count).await
}

async fn the_article_is_read_aloud_part_by_part(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    if !can_speak_or_no_button(page).await? {
        return Ok(());
    }
    ensure!(
        page.text(".listen-play").await? == "Listen",
        "the button offers to listen"
    );
    page.in_page(&stand_in(ENGLISH_AND_CHINESE)).await?;
    page.click(".listen-play").await?;
    let state = until_said(page, 1).await?;
    ensure!(
        state["last"]["text"] == SEED_TITLE
            && state["last"]["lang"] == "en"
            && state["last"]["voice"] == "Stand-in English"
            && state["last"]["rate"] == 1
            && state["markedIsHeadline"] == true,
        "the headline first, in English by the English voice, marked: {state}"
    );
    // It does not take the focus or talk over a screen reader.
    let quiet = page
        .execute(
            "return document.activeElement.matches('.listen-play') \
               && document.querySelectorAll('.listen [aria-live], .being-read[aria-live]').length === 0",
        )
        .await?;
    ensure!(
        quiet == true,
        "the focus stays on the button; nothing is announced"
    );
    ensure!(
        page.text(".listen-play").await? == "Pause",
        "while it reads, the button pauses"
    );

    let state = finish_and_await(page, 2).await?;
    ensure!(
        state["markedIsStandfirst"] == true
            && state["last"]["text"]
                .as_str()
                .is_some_and(|text| text.starts_with("A wave of collaborative sentiment")),
        "then the standfirst: {state}"
    );
    let state = finish_and_await(page, 3).await?;
    ensure!(
        state["marked"].as_array().is_some_and(|m| m.len() == 1)
            && state["marked"][0] == state["last"]["text"]
            && state["last"]["text"]
                .as_str()
                .is_some_and(|text| text.starts_with("Kim Mun-hwan, President")),
        "then the first paragraph, the one marked: {state}"
    );
    let first_paragraph = state["last"]["text"].clone();

    page.click(".listen-next").await?;
    let state = until_said(page, 4).await?;
    ensure!(
        state["marked"][0] == state["last"]["text"] && state["last"]["text"] != first_paragraph,
        "Next reads the next paragraph: {state}"
    );
    page.click(".listen-previous").await?;
    let state = until_said(page, 5).await?;
    ensure!(
        state["last"]["text"] == first_paragraph,
        "Previous reads the one before again: {state}"
    );

    page.click(".listen-play").await?;
    ensure!(
        page.text(".listen-play").await? == "Resume",
        "paused, the button resumes"
    );
    page.click(".listen-play").await?;
    let controls = page
        .execute("return window.said.filter(s => typeof s === 'string')")
        .await?;
    ensure!(
        controls == serde_json::json!(["pause", "resume"]),
        "pause and resume reach the voice: {controls}"
    );

    page.execute(
        "const s = document.querySelector('.listen-rate'); s.value = '150'; \
         s.dispatchEvent(new Event('change', { bubbles: true })); return true",
    )
    .await?;
    let state = until_said(page, 6).await?;
    ensure!(
        state["last"]["rate"] == 1.5 && state["last"]["text"] == first_paragraph,
        "a new speed reads the paragraph again at it: {state}"
    );

    // Leaving and coming back: the place is kept.
    finish_and_await(page, 7).await?;
    let state = finish_and_await(page, 8).await?;
    let place = state["last"]["text"].clone();
    page.open(SEED_PATH).await?;
    page.wait_for_text(".listen-play", "Continue listening")
        .await?;
    page.in_page(&stand_in(ENGLISH_AND_CHINESE)).await?;
    page.click(".listen-play").await?;
    let state = until_said(page, 1).await?;
    ensure!(
        state["last"]["text"] == place && state["marked"][0] == place,
        "coming back, it reads on from the same part: {state}"
    );

    // To the end: captions and credits are not read unless asked.
    // (The stand-in speaks nothing once the reading is over.)
    for _ in 0..60 {
        if page.execute("return window.finishSpeaking()").await? != true {
            break;
        }
    }
    page.wait_for_text(".listen-play", "Listen").await?;
    let state = page
        .execute(
            "return { texts: window.said.filter(s => typeof s === 'object').map(s => s.text), \
                      marked: document.querySelectorAll('.being-read').length, \
                      button: document.querySelector('.listen-play').textContent.trim() }",
        )
        .await?;
    let texts = state["texts"].as_array().cloned().unwrap_or_default();
    ensure!(
        !texts.iter().any(|text| text
            .as_str()
            .is_some_and(|text| text.contains("Kim Mun-hwan on the new models"))),
        "the video's caption is not read: {state}"
    );
    ensure!(
        texts
            .last()
            .and_then(Value::as_str)
            .is_some_and(|text| !text.is_empty())
            && state["marked"] == 0
            && state["button"] == "Listen",
        "at the end, nothing is marked and the next Listen starts over: {state}"
    );
    Ok(())
}

async fn a_chinese_article_is_read_by_a_chinese_voice_or_says_there_is_none(
    page: &Page,
) -> Outcome {
    page.open(CHINESE_PATH).await?;
    page.wait_for_text("h1.headline", CHINESE_TITLE).await?;
    if !can_speak_or_no_button(page).await? {
        return Ok(());
    }
    page.in_page(&stand_in(ENGLISH_AND_CHINESE)).await?;
    page.click(".listen-play").await?;
    let state = until_said(page, 1).await?;
    ensure!(
        state["last"]["text"] == CHINESE_TITLE
            && state["last"]["lang"]
                .as_str()
                .is_some_and(|lang| lang.starts_with("zh"))
            && state["last"]["voice"] == "Stand-in Chinese",
        "the Chinese article by the Chinese voice: {state}"
    );
    page.click(".listen-stop").await?;

    // A device with English voices only.
    page.open(CHINESE_PATH).await?;
    page.wait_for_text("h1.headline", CHINESE_TITLE).await?;
    page.in_page(&stand_in(&[("Stand-in English", "en-US")]))
        .await?;
    page.click(".listen-play").await?;
    page.wait_for_text(".listen-status", "此设备没有能朗读本文语言的语音。")
        .await?;
    let said = page.execute("return window.said.length").await?;
    ensure!(said == 0, "nothing is read in the wrong voice: {said}");
    Ok(())
}
