//! The reading settings panel: a button in the site header on every page, and
//! the dialog it opens, where each setting is a group of radio buttons (one
//! keyboard pattern for all: Tab to the group, arrows to choose). A choice
//! applies at once and is kept.

use super::{Face, ReaderSettings, Theme, TEXT_SIZES};
use crate::components::modal::Modal;
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
    let change = move |update: &dyn Fn(&mut ReaderSettings)| {
        settings.update(|settings| update(settings));
        let settings = settings.get_untracked();
        settings.save_and_apply();
        if let Some(interface) = interface {
            interface.choose(settings.lang);
        }
    };
    let sizes: Vec<u8> = TEXT_SIZES.collect();
    let languages: Vec<Option<Locale>> = std::iter::once(None)
        .chain(Locale::ALL.into_iter().map(Some))
        .collect();
    let position = |found: Option<usize>| found.unwrap_or_default();
    view! {
        <div class="settings-form">
            <ChoiceGroup
                name="text-size"
                legend=|t| t.text_size
                choices=sizes.iter().map(|&size| Box::new(move || (t().text_size_step)(size)) as Label).collect()
                chosen=Signal::derive({
                    let sizes = sizes.clone();
                    move || position(sizes.iter().position(|&size| size == settings.get().size))
                })
                on_choose=Callback::new(move |index: usize| {
                    let size = sizes[index];
                    change(&|settings| settings.size = size)
                })
            />
            <ChoiceGroup
                name="theme"
                legend=|t| t.theme
                choices=Theme::ALL.into_iter().map(|theme| Box::new(move || theme_label(t(), theme)) as Label).collect()
                chosen=Signal::derive(move || position(Theme::ALL.iter().position(|&theme| theme == settings.get().theme)))
                on_choose=Callback::new(move |index: usize| {
                    let theme = Theme::ALL[index];
                    change(&|settings| settings.theme = theme)
                })
            />
            <ChoiceGroup
                name="face"
                legend=|t| t.typeface
                choices=Face::ALL.into_iter().map(|face| Box::new(move || face_label(t(), face)) as Label).collect()
                chosen=Signal::derive(move || position(Face::ALL.iter().position(|&face| face == settings.get().face)))
                on_choose=Callback::new(move |index: usize| {
                    let face = Face::ALL[index];
                    change(&|settings| settings.face = face)
                })
            />
            <ChoiceGroup
                name="language"
                legend=|t| t.interface_language
                choices=languages.iter().map(|&lang| Box::new(move || language_label(t(), lang)) as Label).collect()
                chosen=Signal::derive({
                    let languages = languages.clone();
                    move || position(languages.iter().position(|&lang| lang == settings.get().lang))
                })
                on_choose=Callback::new(move |index: usize| {
                    let lang = languages[index];
                    change(&|settings| settings.lang = lang)
                })
            />
        </div>
    }
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
