//! Python's objects: strings, dicts, sets, classes and instances,
//! functions, generators, modules, exceptions, and the builtin types.

pub mod class;
pub mod dict;
pub mod exc;
pub mod func;
pub mod gen;
pub mod module;
pub mod set;
pub mod str;
pub mod types;
