//! Module objects: a name and a namespace dict.

use crate::objects::str::PyStr;
use crate::value::DictRef;
use std::rc::Rc;

/// A module.
pub struct Module {
    /// `__name__`.
    pub name: Rc<PyStr>,
    /// Its globals.
    pub dict: DictRef,
}
