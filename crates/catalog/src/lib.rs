//! The top of the scenario layers: the [`registry`] of scenarios (one line
//! each, in the lecture's order), reading links into settings ([`params`]), the
//! lecture's comparison tables ([`reference`]), the lecture's printed output
//! ([`printed`]) and the virtual clock's prediction of a run ([`predict`]).
//!
//! Below it, the scenarios describe themselves (`scenarios::spec`); above it,
//! the app shows what it lists.
#![deny(missing_docs)]

pub mod params;
pub mod predict;
pub mod printed;
pub mod reference;
pub mod registry;
pub mod texts;

pub use scenarios::gather::SPEC as GATHER;
pub use scenarios::spec::{
    python_number, CellLang, Group, ParamSpec, ScenarioSpec, Source, Unit, Wait, DESCRIPTION_MARK,
    MAX_DELAY, MAX_TASKS, SPEED,
};
pub use scenarios::stress::SPEC as STRESS;
pub use text::{Lang, Words};

pub use registry::{find, SCENARIOS};
