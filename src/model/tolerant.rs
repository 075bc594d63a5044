//! `Tolerant<T>`: a part of a document that a reader can do without. It decodes
//! as `T` when it can and otherwise keeps the reason, so the rest of the document
//! still reads and the fault can still be reported with its JSON path.

use serde::{de::DeserializeOwned, Deserialize, Deserializer};

/// Why a tolerated part was set aside: the path inside the part and the fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// JSON path relative to the part itself, such as `text` or `items[2]`; empty for the part as a whole.
    pub path: String,
    pub reason: String,
}

impl Rejection {
    pub fn whole(reason: impl Into<String>) -> Self {
        Rejection {
            path: String::new(),
            reason: reason.into(),
        }
    }

    /// The message for the CMS team, with the path of the part (`blocks[3]`) in front.
    pub fn describe_at(&self, part_path: &str) -> String {
        if self.path.is_empty() {
            format!("{part_path}: {}", self.reason)
        } else {
            format!("{part_path}.{}: {}", self.path, self.reason)
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tolerant<T> {
    Accepted(T),
    Rejected(Rejection),
}

impl<T> Tolerant<T> {
    pub fn accepted(&self) -> Option<&T> {
        match self {
            Tolerant::Accepted(value) => Some(value),
            Tolerant::Rejected(_) => None,
        }
    }

    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            Tolerant::Accepted(_) => None,
            Tolerant::Rejected(rejection) => Some(rejection),
        }
    }
}

/// Decodes a JSON value as `T`, keeping the path of the fault inside it.
pub(crate) fn decode_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Rejection> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let (path, reason) =
            locate_fault(&error.path().to_string(), error.into_inner().to_string());
        Rejection { path, reason }
    })
}

/// Puts a fault where a reader of the document would look for it: serde reports
/// a missing field at its parent, so it is moved to the field itself. The root
/// path `.` becomes empty.
pub(crate) fn locate_fault(path: &str, message: String) -> (String, String) {
    let path = if path == "." { "" } else { path };
    match message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        Some(field) if path.is_empty() => {
            (field.to_owned(), "required field is missing".to_owned())
        }
        Some(field) => (
            format!("{path}.{field}"),
            "required field is missing".to_owned(),
        ),
        None => (path.to_owned(), message),
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Tolerant<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(match decode_value(value) {
            Ok(part) => Tolerant::Accepted(part),
            Err(rejection) => Tolerant::Rejected(rejection),
        })
    }
}
