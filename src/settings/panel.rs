//! The reading settings panel: a button in the site header on every page, and
//! the dialog it opens, where each setting is a group of radio buttons (one
//! keyboard pattern for all: Tab to the group, arrows to choose). A choice
//! applies at once and is kept.

use super::{Face, ReaderSettings, Theme, TEXT_SIZES};
use crate::components::modal::Modal;
use crate::i18n::{use_strings, Interface, Locale, Strings};
use leptos::prelude::*;

#[component]
pub fn ReadingSettings() -> impl IntoView {
    let t = use_strings();
    let open = RwSignal::new(false);
    let label = Signal::derive(move || t().reading_settings.to_owned());
    view! {
        <button type="button" class="reading-settings-open" aria-haspopup="dialog"
            aria-label=move || t().reading_settings title=move || t().reading_settings
            on:click=move |_| open.set(true)>
            <span aria-hidden="true">"Aa"</span>
        </button>
        <Modal open label=label.get_untracked() class="settings-dialog">
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
    view! {
        <div class="settings-form">
            <ChoiceGroup
                name="text-size"
                legend=move || t().text_size
                choices=TEXT_SIZES.map(|size| (size, Box::new(move || (t().text_size_step)(size)) as Label)).collect()
                chosen=Signal::derive(move || settings.get().size)
                on_choose=move |size| change(&|settings| settings.size = size)
            />
            <ChoiceGroup
                name="theme"
                legend=move || t().theme
                choices=Theme::ALL.into_iter().map(|theme| (theme, Box::new(move || theme_label(t(), theme)) as Label)).collect()
                chosen=Signal::derive(move || settings.get().theme)
                on_choose=move |theme| change(&|settings| settings.theme = theme)
            />
            <ChoiceGroup
                name="face"
                legend=move || t().typeface
                choices=Face::ALL.into_iter().map(|face| (face, Box::new(move || face_label(t(), face)) as Label)).collect()
                chosen=Signal::derive(move || settings.get().face)
                on_choose=move |face| change(&|settings| settings.face = face)
            />
            <ChoiceGroup
                name="language"
                legend=move || t().interface_language
                choices=std::iter::once(None).chain(Locale::ALL.into_iter().map(Some))
                    .map(|lang| (lang, Box::new(move || language_label(t(), lang)) as Label))
                    .collect()
                chosen=Signal::derive(move || settings.get().lang)
                on_choose=move |lang| change(&|settings| settings.lang = lang)
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

/// One setting: a fieldset of radio buttons.
#[component]
fn ChoiceGroup<T, L>(
    name: &'static str,
    legend: L,
    choices: Vec<(T, Label)>,
    #[prop(into)] chosen: Signal<T>,
    on_choose: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    L: Fn() -> &'static str + Send + Sync + 'static,
{
    view! {
        <fieldset class=format!("settings-group settings-{name}")>
            <legend>{legend}</legend>
            {choices
                .into_iter()
                .enumerate()
                .map(|(index, (value, label))| {
                    let id = format!("setting-{name}-{index}");
                    view! {
                        <div class="settings-choice">
                            <input type="radio" id=id.clone() name=name
                                prop:checked=move || chosen.get() == value
                                on:change=move |_| on_choose(value)/>
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
