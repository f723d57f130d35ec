//! The page's parts, one component a file.

pub mod code_view;
pub mod controls;
pub mod log_pane;
pub mod navigation;
pub mod notices;
pub mod reference_table;
