//! A QR code drawn as inline SVG: crisp at any size, made in Rust with no
//! network call. Dark on white with its quiet zone, whatever the page's colours.

use crate::share::qr::QrGrid;
use leptos::prelude::*;

/// `label` names the code for screen readers; a closure keeps it live.
#[component]
pub fn QrCode(#[prop(into)] text: String, #[prop(into)] label: Signal<String>) -> impl IntoView {
    match QrGrid::encode(&text) {
        Some(grid) => {
            let side = grid.size_with_quiet_zone();
            view! {
                <svg
                    class="qr-code"
                    viewBox=format!("0 0 {side} {side}")
                    role="img"
                    aria-label=move || label.get()
                    shape-rendering="crispEdges"
                >
                    <rect width=side height=side fill="#fff"/>
                    <path d=grid.svg_path() fill="#000"/>
                </svg>
            }
            .into_any()
        }
        None => {
            view! { <p class="qr-too-long">{crate::i18n::text(|t| t.qr_too_long)}</p> }.into_any()
        }
    }
}
