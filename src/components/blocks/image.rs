//! The `image` block: a figure that reserves its box before the image loads.

use crate::components::figure::{Figure, Picture};
use crate::model::Image;
use leptos::prelude::*;

#[component]
pub fn ImageBlock(image: Image) -> impl IntoView {
    let caption = image.caption.clone();
    let credit = image.credit.clone();
    view! {
        <Figure class="figure" caption credit>
            <Picture image/>
        </Figure>
    }
}
