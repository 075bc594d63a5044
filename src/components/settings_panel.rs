//! The reading settings panel: a button in the site header on every page, and
//! the dialog it opens, where each setting is a group of radio buttons (one
//! keyboard pattern for all: Tab to the group, arrows to choose). A choice
//! applies at once and is kept.

use super::modal::Modal;
use crate::context::settings::{Face, Pictures, ReaderSettings, Theme, TEXT_SIZES};
use crate::i18n::{text, use_strings, Interface, Locale, Strings};
use leptos::prelude::*;

#[component]
pub fn ReadingSettings() -> impl IntoView {
    let open = RwSignal::new(false);
    let title = text(|t| t.reading_settings);
    view! {
        <button type="button" class="reading-settings-open" aria-haspopup="dialog"
            aria-label=text(|t| t.reading_settings) title=text(|t| t.reading_settings)
            on:click=move |_| open.set(true)>
            <span aria-hidden="true">"Aa"</span>
        </button>
        <Modal open label=Signal::derive(move || title().to_owned()) class="settings-dialog">
            <SettingsForm/>
        </Modal>
    }
}

#[component]
fn SettingsForm() -> impl IntoView {
    let t = use_strings();
    let settings = RwSignal::new(ReaderSettings::load());
    let interface = use_context::<Interface>();
    let kept = Callback::new(move |settings: ReaderSettings| {
        settings.save_and_apply();
        if let Some(interface) = interface {
            interface.choose(settings.lang);
        }
    });
    let sizes: Vec<u8> = TEXT_SIZES.collect();
    let languages: Vec<Option<Locale>> = std::iter::once(None)
        .chain(Locale::ALL.into_iter().map(Some))
        .collect();
    let (size, choose_size) = bind(sizes.clone(), settings, |s| s.size, |s, v| s.size = v, kept);
    let (theme, choose_theme) = bind(
        Theme::ALL.to_vec(),
        settings,
        |s| s.theme,
        |s, v| s.theme = v,
        kept,
    );
    let (face, choose_face) = bind(
        Face::ALL.to_vec(),
        settings,
        |s| s.face,
        |s, v| s.face = v,
        kept,
    );
    let (pictures, choose_pictures) = bind(
        Pictures::ALL.to_vec(),
        settings,
        |s| s.pictures,
        |s, v| s.pictures = v,
        kept,
    );
    let (lang, choose_lang) = bind(
        languages.clone(),
        settings,
        |s| s.lang,
        |s, v| s.lang = v,
        kept,
    );
    view! {
        <div class="settings-form">
            <ChoiceGroup
                name="text-size"
                legend=|t| t.text_size
                choices=sizes.into_iter().map(|size| Box::new(move || (t().text_size_step)(size)) as Label).collect()
                chosen=size
                on_choose=choose_size
            />
            <ChoiceGroup
                name="theme"
                legend=|t| t.theme
                choices=Theme::ALL.into_iter().map(|theme| Box::new(move || theme_label(t(), theme)) as Label).collect()
                chosen=theme
                on_choose=choose_theme
            />
            <ChoiceGroup
                name="face"
                legend=|t| t.typeface
                choices=Face::ALL.into_iter().map(|face| Box::new(move || face_label(t(), face)) as Label).collect()
                chosen=face
                on_choose=choose_face
            />
            <ChoiceGroup
                name="pictures"
                legend=|t| t.pictures
                choices=Pictures::ALL.into_iter().map(|pictures| Box::new(move || pictures_label(t(), pictures)) as Label).collect()
                chosen=pictures
                on_choose=choose_pictures
            />
            <ChoiceGroup
                name="language"
                legend=|t| t.interface_language
                choices=languages.into_iter().map(|lang| Box::new(move || language_label(t(), lang)) as Label).collect()
                chosen=lang
                on_choose=choose_lang
            />
        </div>
    }
}

/// One setting's options bound to the kept settings by position: which is
/// chosen now, and choosing one (kept and applied through `kept`).
fn bind<T: Copy + PartialEq + Send + Sync + 'static>(
    options: Vec<T>,
    settings: RwSignal<ReaderSettings>,
    read: fn(&ReaderSettings) -> T,
    write: fn(&mut ReaderSettings, T),
    kept: Callback<ReaderSettings>,
) -> (Signal<usize>, Callback<usize>) {
    let options = StoredValue::new(options);
    let chosen = Signal::derive(move || {
        let now = read(&settings.get());
        options.with_value(|options| {
            options
                .iter()
                .position(|&option| option == now)
                .unwrap_or_default()
        })
    });
    let choose = Callback::new(move |index: usize| {
        let Some(value) = options.with_value(|options| options.get(index).copied()) else {
            return;
        };
        settings.update(|settings| write(settings, value));
        kept.run(settings.get_untracked());
    });
    (chosen, choose)
}

/// A choice's label, in the interface's language of the moment.
type Label = Box<dyn Fn() -> String + Send + Sync>;

fn theme_label(t: &Strings, theme: Theme) -> String {
    match theme {
        Theme::Light => t.theme_light,
        Theme::Dark => t.theme_dark,
        Theme::Auto => t.theme_system,
    }
    .to_owned()
}

fn face_label(t: &Strings, face: Face) -> String {
    match face {
        Face::Serif => t.typeface_serif,
        Face::Sans => t.typeface_sans,
    }
    .to_owned()
}

fn pictures_label(t: &Strings, pictures: Pictures) -> String {
    match pictures {
        Pictures::Auto => t.pictures_automatic,
        Pictures::OnTap => t.pictures_on_tap,
        Pictures::Always => t.pictures_always,
    }
    .to_owned()
}

/// A language by its own name, so a reader finds theirs whatever the
/// interface speaks now.
fn language_label(t: &Strings, lang: Option<Locale>) -> String {
    match lang {
        None => t.language_automatic.to_owned(),
        Some(locale) => locale.strings().language_name.to_owned(),
    }
}

/// One setting: a fieldset of radio buttons, chosen by position. Not generic
/// over the setting's type: one copy of this view in the wasm serves all four.
#[component]
fn ChoiceGroup(
    name: &'static str,
    legend: fn(&Strings) -> &'static str,
    choices: Vec<Label>,
    #[prop(into)] chosen: Signal<usize>,
    on_choose: Callback<usize>,
) -> impl IntoView {
    view! {
        <fieldset class=format!("settings-group settings-{name}")>
            <legend>{text(legend)}</legend>
            {choices
                .into_iter()
                .enumerate()
                .map(|(index, label)| {
                    let id = format!("setting-{name}-{index}");
                    view! {
                        <div class="settings-choice">
                            <input type="radio" id=id.clone() name=name
                                prop:checked=move || chosen.get() == index
                                on:change=move |_| on_choose.run(index)/>
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
