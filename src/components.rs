//! The page's parts, one component a file.

pub mod about;
pub mod code_view;
pub mod controls;
pub mod editor;
pub mod export_bar;
pub mod lecture_output;
pub mod log_pane;
pub mod navigation;
pub mod notices;
pub mod predict_panel;
pub mod reference_table;
pub mod stress_panel;
pub mod timeline_view;

/// An event's kind as an attribute value, without copying it: a constant
/// stays a constant, an owned kind is shared (rows render often).
pub fn kind_value(kind: &runtime::Kind) -> yew::AttrValue {
    match kind {
        runtime::Kind::Static(kind) => yew::AttrValue::Static(kind),
        runtime::Kind::Owned(kind) => yew::AttrValue::Rc(kind.clone()),
    }
}
