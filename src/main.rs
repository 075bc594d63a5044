//! The wasm entry point: see [`broadsheet::islands`] for how the app starts.

fn main() {
    console_error_panic_hook::set_once();
    broadsheet::islands::start();
}
