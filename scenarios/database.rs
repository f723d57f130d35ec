//! `asyncpg`: connect, `SELECT * FROM users`, close, without blocking.
//!
//! Each step waits on the database; while it waits, the event loop is
//! free. In the page the database is a real IndexedDB in your browser,
//! playing the server; its `users` table is filled with `rows` users on
//! connect.

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const CONNECTED: &str = "connected";
const ROW: &str = "row";
const CLOSED: &str = "closed";
const ERROR: &str = "error";

/// `async def fetch_users()`.
pub async fn main(cx: Cx, rows: u32) {
    let conn = match cx.connect(rows).await {
        Ok(conn) => conn,
        Err(error) => {
            return cx.log(
                "main",
                ERROR,
                text!("connect failed: {error}", "ошибка подключения: {error}"),
            )
        }
    };
    cx.log("main", CONNECTED, text!("connected", "подключено"));
    match conn.fetch("SELECT * FROM users").await {
        Ok(rows) => {
            for row in rows {
                cx.log("main", ROW, text!("{row}", "{row}"));
            }
        }
        Err(error) => {
            cx.log("main", ERROR, text!("query failed: {error}", "ошибка запроса: {error}"))
        }
    }
    conn.close().await;
    cx.log("main", CLOSED, text!("connection closed", "соединение закрыто"));
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `rows` parameter.
const PARAM_ROWS: ParamSpec = ParamSpec {
    name: "rows",
    label: Words { en: "Rows", ru: "Строки" },
    min: 0.0,
    max: 100.0,
    unit: Unit::Count,
    count: (1, 1),
    default: &[3.0],
};

/// `asyncpg` against an IndexedDB playing the server.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "database",
    group: Group::Io,
    title: Words { en: "asyncpg: a database without blocking", ru: "asyncpg: база данных без блокировки" },
    about: crate::described!(Words {
        en: "connect, fetch and close each wait on the database, and the loop is free while they \
             wait. Here the server is a real IndexedDB database in your browser; its users table is \
             filled with the chosen number of rows on connect.",
        ru: "connect, fetch и close ждут базу данных, и пока они ждут, цикл свободен. Здесь сервер — \
             настоящая база IndexedDB в вашем браузере; при подключении в её таблицу users кладётся \
             выбранное число строк.",
    }),
    differs: None,
    params: &[PARAM_ROWS],
    kinds: &[CONNECTED, ROW, CLOSED, ERROR],
    order: &["main connected", "main row", "main row", "main row", "main closed"],
    browser_order: None,
    completes: &[ROW],
    lanes: &[],
    cell: source("scenarios/lecture/database.py", crate::lecture_cell!("lecture/database.py")),
    cell_lang: CellLang::Python,
    rust: &[source("scenarios/database.rs", crate::shown!("database.rs"))],
    main: |cx, values| main(cx, values.count(&PARAM_ROWS) as u32).boxed_local(),
    tasks: |_| vec!["main".into()],
    task_count: None,
    fill_cell: fill_values,
};
