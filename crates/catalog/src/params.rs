//! Reading share links and typed values, never trusting them.
//!
//! Every value that arrives from a URL or an input goes through here. The
//! rule, for students and teachers alike: a value that cannot be used is
//! replaced by a sane one, and a [`Refusal`] says which value, why, and what
//! was used instead. Nothing here panics, whatever the input.
//!
//! The decisions, where the contract is silent:
//! - A list with any item that is not a number is refused whole: the lecture's
//!   default list is used (half a list would be a scenario nobody asked for).
//! - A number outside its range is clamped to the nearest allowed value.
//! - A list longer than allowed keeps its first values.
//! - A repeated key keeps its first value.
//! - Keys the playground does not know are ignored without a word: slide tools
//!   and course sites add their own.
//! - Numbers are plain decimals (`2`, `0.5`, `.5`, `-1`): no exponents, no
//!   `inf`/`NaN`, no digits other than ASCII, at most 32 characters.

use std::fmt::Write;

pub use scenarios::spec::format_list;
use scenarios::spec::{python_number, ParamSpec, ScenarioSpec, Unit, SPEED};
use text::Lang;

use crate::reference::{self, Reference};
use crate::registry as catalog;

/// What was wrong with a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not a plain decimal number.
    NotANumber,
    /// A number outside `min..=max`.
    OutOfRange {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
        /// The parameter's unit.
        unit: Unit,
    },
    /// More values than the list allows.
    TooMany {
        /// How many were given.
        given: usize,
        /// The most allowed.
        max: usize,
    },
    /// Fewer values than the list needs.
    TooFew {
        /// How many were given.
        given: usize,
        /// The fewest allowed.
        min: usize,
    },
    /// A fraction where only whole numbers make sense (`items=2.5`).
    NotWhole,
    /// The key was there with nothing after `=`.
    Empty,
    /// `s=` names no scenario of the catalog.
    UnknownScenario,
    /// Not one of a fixed set of words (`lang=de`).
    NotOneOf(String),
    /// The key appeared more than once.
    Repeated,
    /// A share link's program that cannot be read (cut short, or not one).
    Unreadable,
    /// A program longer than [`MAX_CODE_CHARS`].
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
}

/// The longest program the page takes, in characters: a long lecture cell is
/// 2,000, and the editor highlights the whole text at every keystroke.
pub const MAX_CODE_CHARS: usize = 100_000;

/// The `s=` id of the page for your own program.
pub const PYTHON_PAGE: &str = "python";

/// A value that was not used as given, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The parameter's name (`delays`, `speed`, `s`, or an input's label).
    pub param: String,
    /// What was given, shortened for display. Always shown as text.
    pub given: String,
    /// Why it was refused.
    pub problem: Problem,
    /// What the page uses instead, as it would be written in a link (`auto`:
    /// the browser's language or the system's theme; `—`: nothing).
    pub used: String,
    /// What the parameter accepts, when it is a scenario's parameter or the
    /// speed: every message about it says so.
    pub accepts: Option<Box<Accepts>>,
}

/// The values a parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accepts {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Its unit (whole numbers, seconds, or words).
    pub unit: Unit,
    /// How many values (`(1, 8)` for a list).
    pub count: (usize, usize),
}

impl Accepts {
    fn of(spec: &ParamSpec) -> Self {
        Accepts { min: spec.min, max: spec.max, unit: spec.unit, count: spec.count }
    }

    /// "0–60 s, 1 to 8 values", in `lang`.
    fn text(&self, lang: Lang) -> String {
        let mut text = range_text(self.min, self.max, self.unit, lang);
        if self.unit.whole() && !matches!(self.unit, Unit::Choice(_)) {
            text.push_str(match lang {
                Lang::En => ", whole numbers",
                Lang::Ru => ", целые числа",
            });
        }
        let (least, most) = self.count;
        if most > 1 {
            let _ = match lang {
                Lang::En => write!(text, ", {least} to {most} values"),
                Lang::Ru => write!(text, ", от {least} до {most} значений"),
            };
        }
        text
    }
}

/// The longest piece of a refused value that a message repeats.
const SHOWN_CHARS: usize = 40;

/// The longest string accepted as a number.
const NUMBER_CHARS: usize = 32;

fn shorten(raw: &str) -> String {
    if raw.chars().count() <= SHOWN_CHARS {
        raw.to_owned()
    } else {
        let mut short: String = raw.chars().take(SHOWN_CHARS).collect();
        short.push('…');
        short
    }
}

fn range_text(min: f64, max: f64, unit: Unit, lang: Lang) -> String {
    let unit = match (unit, lang) {
        (Unit::Seconds, Lang::En) => " s",
        (Unit::Seconds, Lang::Ru) => " с",
        (Unit::Count | Unit::Value, _) => "",
        (Unit::Choice(words), _) => return words.join(", "),
    };
    format!("{min}–{max}{unit}")
}

impl Refusal {
    fn new(param: &str, given: &str, problem: Problem, used: String) -> Self {
        Refusal { param: param.to_owned(), given: shorten(given), problem, used, accepts: None }
    }

    /// A refusal of a value of `spec`, which says what `spec` accepts.
    fn of(spec: &ParamSpec, name: &str, given: &str, problem: Problem, used: String) -> Self {
        Refusal {
            accepts: Some(Box::new(Accepts::of(spec))),
            ..Refusal::new(name, given, problem, used)
        }
    }

    /// A refusal of one value (an input, an item of a list): what one value
    /// may be, without the list's length.
    fn of_one(spec: &ParamSpec, name: &str, given: &str, problem: Problem, used: String) -> Self {
        let accepts = Accepts { count: (1, 1), ..Accepts::of(spec) };
        Refusal { accepts: Some(Box::new(accepts)), ..Refusal::new(name, given, problem, used) }
    }

    /// The message a student reads, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let Refusal { param, given, used, .. } = self;
        // "; accepted: 0–60 s", where the range is not already the message.
        let acc = match (&self.accepts, &self.problem) {
            (Some(_), Problem::OutOfRange { .. } | Problem::NotOneOf(_)) | (None, _) => {
                String::new()
            }
            (Some(accepts), _) => match lang {
                Lang::En => format!(" (accepted: {})", accepts.text(lang)),
                Lang::Ru => format!(" (допустимо: {})", accepts.text(lang)),
            },
        };
        match (&self.problem, lang) {
            (Problem::NotANumber, Lang::En) => {
                format!("{param}: “{given}” is not a number{acc}; using {used}.")
            }
            (Problem::NotANumber, Lang::Ru) => {
                format!("{param}: «{given}» — не число{acc}; используется {used}.")
            }
            (&Problem::OutOfRange { min, max, unit }, Lang::En) => format!(
                "{param}: {given} is outside {}; using {used}.",
                range_text(min, max, unit, lang)
            ),
            (&Problem::OutOfRange { min, max, unit }, Lang::Ru) => format!(
                "{param}: {given} вне диапазона {}; используется {used}.",
                range_text(min, max, unit, lang)
            ),
            (&Problem::TooMany { given: n, max }, Lang::En) => format!(
                "{param}: {n} values, but at most {max} are allowed{acc}; using the first {max}: {used}."
            ),
            (&Problem::TooMany { given: n, max }, Lang::Ru) => format!(
                "{param}: значений {n}, а можно не больше {max}{acc}; используются первые {max}: {used}."
            ),
            (&Problem::TooFew { given: n, min }, Lang::En) => {
                format!("{param}: {n} values, but at least {min} are needed{acc}; using {used}.")
            }
            (&Problem::TooFew { given: n, min }, Lang::Ru) => {
                format!("{param}: значений {n}, а нужно не меньше {min}{acc}; используется {used}.")
            }
            (Problem::NotWhole, Lang::En) => {
                format!("{param}: {given} is not a whole number{acc}; using {used}.")
            }
            (Problem::NotWhole, Lang::Ru) => {
                format!("{param}: {given} — не целое число{acc}; используется {used}.")
            }
            (Problem::Empty, Lang::En) => format!("{param}: no value given{acc}; using {used}."),
            (Problem::Empty, Lang::Ru) => {
                format!("{param}: значение не задано{acc}; используется {used}.")
            }
            (Problem::UnknownScenario, Lang::En) => {
                format!("{param}: there is no scenario “{given}”; showing “{used}”.")
            }
            (Problem::UnknownScenario, Lang::Ru) => {
                format!("{param}: сценария «{given}» нет; показан «{used}».")
            }
            (Problem::NotOneOf(allowed), Lang::En) => {
                format!("{param}: “{given}” is not one of {allowed}; using {used}.")
            }
            (Problem::NotOneOf(allowed), Lang::Ru) => {
                format!("{param}: «{given}» — допустимо только {allowed}; используется {used}.")
            }
            (Problem::Repeated, Lang::En) => {
                format!("{param} is given more than once{acc}; using the first value, {used}.")
            }
            (Problem::Repeated, Lang::Ru) => {
                format!("{param} указан несколько раз{acc}; используется первое значение, {used}.")
            }
            (Problem::Unreadable, Lang::En) => format!(
                "{param}: the link's program cannot be read (was the link cut short?); the page shows what it had."
            ),
            (Problem::Unreadable, Lang::Ru) => format!(
                "{param}: программу из ссылки не прочитать (ссылка обрезана?); на странице то, что было."
            ),
            (Problem::TooLong { chars }, Lang::En) => format!(
                "{param}: the program has {chars} characters, more than the {MAX_CODE_CHARS} the page takes; the editor keeps what it had."
            ),
            (Problem::TooLong { chars }, Lang::Ru) => format!(
                "{param}: в программе {chars} символов, больше {MAX_CODE_CHARS}, которые принимает страница; в редакторе осталось прежнее."
            ),
        }
    }
}

/// Reads a plain decimal: optional `-`, ASCII digits, at most one `.`, at
/// least one digit. Anything else (exponents, `inf`, `NaN`, `٣`, spaces inside)
/// is `None`.
pub fn parse_decimal(raw: &str) -> Option<f64> {
    let text = raw.trim();
    if text.is_empty() || text.len() > NUMBER_CHARS {
        return None;
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut seen_digit = false;
    let mut seen_point = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if !seen_digit {
        return None;
    }
    Some(decimal_value(text)).filter(|v| v.is_finite())
}

/// Decimals a value keeps: a microsecond of notebook time is far below what
/// a browser timer can show. The rest is rounded off.
pub const DECIMALS: i32 = 6;

/// The value of a checked plain decimal (`-12.5`), without the standard
/// library's float parser: its tables cost the page about 10 KB of wasm.
///
/// The digits, to [`DECIMALS`] places, are read as a whole number and
/// divided by a power of ten. Up to 15 significant digits both are exact in
/// an `f64` and the division is correctly rounded, so the result is the
/// nearest `f64`, as `str::parse` gives, and writing it back (shortest form)
/// reads back the same value. Past the 19th digit of the whole part, digits
/// only scale the value (such numbers are far out of every range anyway).
fn decimal_value(text: &str) -> f64 {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut scale: i32 = 0; // the value is mantissa × 10^scale
    let mut decimals = None; // digits read after the point
    for byte in digits.bytes() {
        let digit = match byte {
            b'.' => {
                decimals = Some(0);
                continue;
            }
            b'0'..=b'9' => u64::from(byte - b'0'),
            _ => continue,
        };
        match decimals {
            Some(DECIMALS) => {
                // The first digit past the last kept one rounds it, once.
                mantissa += u64::from(digit >= 5);
                decimals = Some(DECIMALS + 1);
            }
            Some(n) if n > DECIMALS => {}
            Some(n) => {
                mantissa = mantissa * 10 + digit;
                scale -= 1;
                decimals = Some(n + 1);
            }
            None if mantissa < 1_000_000_000_000_000_000 => mantissa = mantissa * 10 + digit,
            None => scale += 1,
        }
    }
    let magnitude = if scale >= 0 {
        mantissa as f64 * 10f64.powi(scale)
    } else {
        mantissa as f64 / 10f64.powi(-scale)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// Reads one number for `spec`, as typed into an input or found in a list.
///
/// `Ok` carries the value to use, and a refusal when it was clamped; `Err`
/// means it is not a number at all, and the caller picks the fallback.
pub fn read_number(
    spec: &ParamSpec,
    name: &str,
    raw: &str,
) -> Result<(f64, Option<Refusal>), Refusal> {
    if let Unit::Choice(words) = spec.unit {
        let word = raw.trim().to_ascii_lowercase();
        return match words.iter().position(|w| *w == word) {
            Some(index) => Ok((index as f64, None)),
            None => {
                let problem = if word.is_empty() {
                    Problem::Empty
                } else {
                    Problem::NotOneOf(words.join(", "))
                };
                Err(Refusal::of_one(spec, name, raw.trim(), problem, String::new()))
            }
        };
    }
    let Some(value) = parse_decimal(raw) else {
        let problem = if raw.trim().is_empty() { Problem::Empty } else { Problem::NotANumber };
        return Err(Refusal::of_one(spec, name, raw.trim(), problem, String::new()));
    };
    // `-0` is 0: a student should never see "-0" echoed back.
    let clamped = value.clamp(spec.min, spec.max) + 0.0;
    if spec.unit.whole() && clamped.fract() != 0.0 {
        let rounded = clamped.round() + 0.0;
        let refusal =
            Refusal::of_one(spec, name, raw.trim(), Problem::NotWhole, python_number(rounded));
        return Ok((rounded, Some(refusal)));
    }
    if clamped == value {
        Ok((clamped, None))
    } else {
        let refusal = Refusal::of_one(
            spec,
            name,
            raw.trim(),
            Problem::OutOfRange { min: spec.min, max: spec.max, unit: spec.unit },
            python_number(clamped),
        );
        Ok((clamped, Some(refusal)))
    }
}

/// Reads a parameter's value from a link: a single number, or a
/// comma-separated list for list parameters. Always returns usable values.
pub fn read_param(spec: &ParamSpec, raw: &str) -> (Vec<f64>, Vec<Refusal>) {
    let refuse_whole = |problem: Problem, given: &str| {
        let refusal = Refusal::of(spec, spec.name, given, problem, spec.format(spec.default));
        (spec.default.to_vec(), vec![refusal])
    };
    let (min_count, max_count) = spec.count;
    if max_count == 1 {
        return match read_number(spec, spec.name, raw) {
            Ok((value, clamped)) => (vec![value], clamped.into_iter().collect()),
            Err(refusal) => refuse_whole(refusal.problem, raw.trim()),
        };
    }
    if raw.trim().is_empty() {
        return refuse_whole(Problem::Empty, raw);
    }
    let given_count = raw.split(',').count();
    let mut values = Vec::new();
    let mut refusals = Vec::new();
    for item in raw.split(',').take(max_count) {
        match read_number(spec, spec.name, item) {
            Ok((value, clamped)) => {
                values.push(value);
                refusals.extend(clamped);
            }
            Err(_) => return refuse_whole(Problem::NotANumber, item.trim()),
        }
    }
    if given_count > max_count {
        let problem = Problem::TooMany { given: given_count, max: max_count };
        refusals.insert(0, Refusal::of(spec, spec.name, raw, problem, format_list(&values)));
    } else if values.len() < min_count {
        let problem = Problem::TooFew { given: values.len(), min: min_count };
        return refuse_whole(problem, raw);
    }
    (values, refusals)
}

/// Decodes a query string (`?s=gather&delays=2%2C1`) into key–value pairs, in
/// order. `+` is a space; a bad `%` escape is kept as written; bytes that are
/// not UTF-8 become `�`.
pub fn decode_query(search: &str) -> Vec<(String, String)> {
    search
        .strip_prefix('?')
        .unwrap_or(search)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a value for a query string: what is not a letter, digit or one of
/// `-._~,` is percent-encoded (commas stay readable in `delays=2,1,3`).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b',' => {
                out.push(byte as char)
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The query string `query` with `key` set to `value`, or removed when
/// `value` is `None`; the other pairs stay as they were, in order.
pub fn with_pair(query: &str, key: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> =
        decode_query(query).into_iter().filter(|(k, _)| k != key).collect();
    if let Some(value) = value {
        pairs.push((key.to_owned(), value.to_owned()));
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    format!("?{}", encoded.join("&"))
}

/// Everything a link can set.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The scenario shown (or, under a reference table, the one to go back to).
    pub scenario: &'static ScenarioSpec,
    /// The reference table shown instead of a scenario, if `s=` names one.
    pub reference: Option<&'static Reference>,
    /// One `Vec` per parameter of the scenario, in its order.
    pub values: Vec<Vec<f64>>,
    /// Notebook seconds per real second.
    pub speed: f64,
    /// `run=1`: start as soon as the page has loaded.
    pub autorun: bool,
    /// `lang=`; `None` leaves it to the browser.
    pub lang: Option<Lang>,
    /// `embed=1`: the compact layout for slides.
    pub embed: bool,
    /// `predict=1`: the student orders the completions before the run.
    pub predict: bool,
    /// `theme=`; `None` follows the system's light or dark setting.
    pub theme: Option<Theme>,
    /// In a frame, keys the page does not use go to the deck around it;
    /// `deckkeys=0` keeps them in the frame.
    pub deck_keys: bool,
    /// `s=python`: the page for your own program (`scenario` is then only
    /// the page a link back would open).
    pub own_program: bool,
    /// The program, once it is not the lecture's cell (or, on `s=python`,
    /// the starter): Run then runs it. It never goes into the query; the
    /// page's share links carry it compressed in the fragment (`#code=`).
    pub code: Option<String>,
}

/// The page's look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light.
    Light,
    /// Light text on dark.
    Dark,
    /// Large type and the strongest contrast, for a projector.
    Projector,
}

impl Theme {
    /// The `theme=` value.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Projector => "projector",
        }
    }

    /// Every theme, in menu order.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Projector];
}

impl Settings {
    /// The defaults of `scenario`.
    pub fn defaults(scenario: &'static ScenarioSpec) -> Self {
        Settings {
            scenario,
            reference: None,
            values: scenario.defaults(),
            speed: SPEED.default[0],
            autorun: false,
            lang: None,
            embed: false,
            predict: false,
            theme: None,
            deck_keys: true,
            own_program: false,
            code: None,
        }
    }

    /// Whether Run runs a Python program (`s=python`, or an edited cell)
    /// rather than the scenario's Rust.
    pub fn runs_program(&self) -> bool {
        self.own_program || self.code.is_some()
    }

    /// Whether the page shows an editable Python cell.
    pub fn edits_python(&self) -> bool {
        self.reference.is_none()
            && (self.own_program || self.scenario.cell_lang == crate::CellLang::Python)
    }

    /// The refusal of a share link's `#code=` that is not a program.
    pub fn unreadable_code() -> Refusal {
        Refusal::new("code", "#code=…", Problem::Unreadable, String::new())
    }

    /// Takes `raw` as the program (`code=`, `{type: "set"}`), if the page
    /// edits Python and it is not too long; a scenario whose cell is not
    /// Python gives way to `s=python`.
    pub fn set_code(&mut self, raw: &str) -> Option<Refusal> {
        let chars = raw.chars().count();
        if chars > MAX_CODE_CHARS {
            return Some(Refusal::new("code", "", Problem::TooLong { chars }, String::new()));
        }
        if self.reference.is_some() || self.scenario.cell_lang != crate::CellLang::Python {
            self.reference = None;
            self.own_program = true;
        }
        self.code = Some(raw.to_owned());
        None
    }

    /// The query string for these settings: the pairs the playground owns
    /// first (`s`, the scenario's parameters, `speed`, `lang` once chosen),
    /// then every other pair of `current` as it was (`run`, `embed`, keys of
    /// course sites), each key once.
    pub fn to_query(&self, current: &str) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(table) = self.reference {
            pairs.push(("s".into(), table.id.into()));
        } else if self.own_program {
            pairs.push(("s".into(), PYTHON_PAGE.into()));
            pairs.push(("speed".into(), python_number(self.speed)));
        } else {
            pairs.push(("s".into(), self.scenario.id.into()));
            for (spec, values) in self.scenario.params.iter().zip(&self.values) {
                pairs.push((spec.name.into(), spec.format(values)));
            }
            pairs.push(("speed".into(), python_number(self.speed)));
        }
        if let Some(lang) = self.lang {
            pairs.push(("lang".into(), lang.code().into()));
        }
        if let Some(theme) = self.theme {
            pairs.push(("theme".into(), theme.code().into()));
        }
        if self.predict {
            pairs.push(("predict".into(), "1".into()));
        }
        for (key, value) in decode_query(current) {
            let owned =
                matches!(key.as_str(), "s" | "speed" | "lang" | "theme" | "predict" | "code")
                    || is_param_of_any(&key);
            if !owned && !pairs.iter().any(|(k, _)| *k == key) {
                pairs.push((key, value));
            }
        }
        let mut out = String::from("?");
        for (i, (key, value)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&encode_component(key));
            out.push('=');
            out.push_str(&encode_component(value));
        }
        out
    }
}

/// A parameter name of some scenario: switching scenarios drops the old one's
/// parameters from the link.
fn is_param_of_any(key: &str) -> bool {
    catalog::SCENARIOS.iter().any(|spec| spec.params.iter().any(|p| p.name == key))
}
impl Settings {
    /// Applies `key=value` pairs to the current scenario's parameters and the
    /// speed, as a link would set them (`{type: "set"}` from a slide). Other
    /// keys are refused; values are read as in a link.
    pub fn apply_pairs(&mut self, pairs: &[(String, String)]) -> Vec<Refusal> {
        let mut refusals = Vec::new();
        for (key, raw) in pairs {
            if key == SPEED.name {
                let (values, refused) = read_param(&SPEED, raw);
                self.speed = values[0];
                refusals.extend(refused);
            } else if key == "code" {
                refusals.extend(self.set_code(raw));
            } else if let Some(index) = self.scenario.params.iter().position(|p| p.name == key) {
                let (values, refused) = read_param(&self.scenario.params[index], raw);
                self.values[index] = values;
                refusals.extend(refused);
            } else {
                let used = "—".to_owned();
                refusals.push(Refusal::new(
                    key,
                    raw,
                    Problem::NotOneOf("this scenario's parameters".into()),
                    used,
                ));
            }
        }
        refusals
    }
}

/// Reads a whole query string. Always returns usable settings, and the list of
/// what was refused.
pub fn parse_settings(search: &str) -> (Settings, Vec<Refusal>) {
    let pairs = decode_query(search);
    let mut refusals = Vec::new();
    let first = |key: &str, refusals: &mut Vec<Refusal>| first_value(&pairs, key, refusals);
    let scenario_id = first("s", &mut refusals);
    let speed_raw = first("speed", &mut refusals);
    let run_raw = first("run", &mut refusals);
    let lang_raw = first("lang", &mut refusals);
    let embed_raw = first("embed", &mut refusals);
    let predict_raw = first("predict", &mut refusals);
    let theme_raw = first("theme", &mut refusals);
    let deck_keys_raw = first("deckkeys", &mut refusals);
    let code_raw = first("code", &mut refusals);
    let default_scenario = catalog::SCENARIOS[0];
    let mut table = None;
    let mut own_program = false;
    let scenario = match scenario_id.as_deref().map(str::trim) {
        None => default_scenario,
        Some(PYTHON_PAGE) => {
            own_program = true;
            default_scenario
        }
        Some(id) => match (catalog::find(id), reference::find(id)) {
            (Some(scenario), _) => scenario,
            (None, Some(found)) => {
                table = Some(found);
                default_scenario
            }
            (None, None) => {
                let used = default_scenario.id.to_owned();
                refusals.push(Refusal::new("s", id, Problem::UnknownScenario, used));
                default_scenario
            }
        },
    };
    let mut settings = Settings::defaults(scenario);
    settings.reference = table;
    settings.own_program = own_program;
    if let Some(raw) = code_raw {
        // `code=` alone opens your own program's page.
        if scenario_id.is_none() {
            settings.own_program = true;
        }
        refusals.extend(settings.set_code(&raw));
    }
    for (index, spec) in scenario.params.iter().enumerate() {
        if let Some(raw) = first(spec.name, &mut refusals) {
            let (values, refused) = read_param(spec, &raw);
            settings.values[index] = values;
            refusals.extend(refused);
        }
    }
    if let Some(raw) = speed_raw {
        let (values, refused) = read_param(&SPEED, &raw);
        settings.speed = values[0];
        refusals.extend(refused);
    }
    settings.autorun = read_flag("run", run_raw, &mut refusals);
    settings.embed = read_flag("embed", embed_raw, &mut refusals);
    settings.predict = read_flag("predict", predict_raw, &mut refusals);
    // On unless the link says 0: a refused value keeps it on.
    settings.deck_keys = match deck_keys_raw.as_deref().map(str::trim) {
        None | Some("1") => true,
        Some("0") => false,
        Some(other) => {
            let allowed = Problem::NotOneOf("1, 0".into());
            refusals.push(Refusal::new("deckkeys", other, allowed, "1".into()));
            true
        }
    };
    settings.theme = match theme_raw.as_deref().map(str::trim) {
        None => None,
        Some(code) => Theme::ALL.into_iter().find(|t| t.code() == code).or_else(|| {
            let allowed = Problem::NotOneOf("light, dark, projector".into());
            refusals.push(Refusal::new("theme", code, allowed, "auto".into()));
            None
        }),
    };
    settings.lang = match lang_raw.as_deref().map(str::trim) {
        None => None,
        Some("ru") => Some(Lang::Ru),
        Some("en") => Some(Lang::En),
        Some(other) => {
            refusals.push(Refusal::new(
                "lang",
                other,
                Problem::NotOneOf("ru, en".into()),
                "auto".into(),
            ));
            None
        }
    };
    (settings, refusals)
}

/// The first value of `key`, noting a refusal when it is repeated.
fn first_value(
    pairs: &[(String, String)],
    key: &str,
    refusals: &mut Vec<Refusal>,
) -> Option<String> {
    let mut found = pairs.iter().filter(|(k, _)| k == key);
    let value = found.next()?.1.clone();
    if found.next().is_some() {
        refusals.push(Refusal::new(key, &value, Problem::Repeated, shorten(&value)));
    }
    Some(value)
}

fn read_flag(name: &str, raw: Option<String>, refusals: &mut Vec<Refusal>) -> bool {
    match raw.as_deref().map(str::trim) {
        None | Some("0") => false,
        Some("1") => true,
        Some(other) => {
            refusals.push(Refusal::new(name, other, Problem::NotOneOf("1, 0".into()), "0".into()));
            false
        }
    }
}
