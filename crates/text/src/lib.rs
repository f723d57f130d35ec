//! The bottom layer: the page's two languages and text in both.
//!
//! Everything above (the runtime, the scenarios, the catalog, the app) says
//! things to people; this crate is how, and it depends on nothing.
#![deny(missing_docs)]

/// The page's two languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Russian, the lecture's language.
    Ru,
}

impl Lang {
    /// The `lang=` value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The contract's rule for a browser language: `ru*` gives Russian,
    /// anything else English.
    pub fn from_browser(language: &str) -> Lang {
        if language.to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }
}

/// A fixed string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    /// English.
    pub en: &'static str,
    /// Russian.
    pub ru: &'static str,
}

impl Words {
    /// The string in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ru => self.ru,
        }
    }
}

/// A message in the page's languages: English always, Russian when it was
/// written. A scenario's rows have both; what a student's program prints is
/// the same in every language (`ru` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// English, or the text as it was printed.
    pub en: String,
    /// Russian, if it differs.
    pub ru: Option<String>,
}

impl Text {
    /// The message in `lang` (English where there is no Russian).
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.ru) {
            (Lang::Ru, Some(ru)) => ru,
            _ => &self.en,
        }
    }

    /// Text that reads the same in every language (a printed line).
    pub fn plain(text: impl Into<String>) -> Text {
        Text { en: text.into(), ru: None }
    }
}

/// Builds a [`Text`] from two `format!` strings: `text!("Task {name}", "Задача {name}")`.
#[macro_export]
macro_rules! text {
    ($en:literal, $ru:literal) => {
        $crate::Text { en: format!($en), ru: Some(format!($ru)) }
    };
}
