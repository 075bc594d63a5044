//! The browser's localStorage, where the reader's choices are kept. A browser
//! that refuses storage (private mode, a full disk) reads as nothing stored
//! and writes nothing: the choice still holds for the page.

/// The value kept under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`, where the browser allows.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        _ = storage.set_item(key, value);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    super::browser_window()?.local_storage().ok().flatten()
}

/// Forgets what is kept under `key`.
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        _ = storage.remove_item(key);
    }
}
