//! The page's parts, one component a file.

pub mod code_view;
pub mod controls;
pub mod export_bar;
pub mod lecture_output;
pub mod log_pane;
pub mod navigation;
pub mod notices;
pub mod predict_panel;
pub mod reference_table;
pub mod stress_panel;
pub mod timeline_view;
