//! `asyncpg`: connect, `SELECT * FROM users`, close, without blocking.
//!
//! Each step waits on the database; while it waits, the event loop is
//! free. In the page the database is a real IndexedDB in your browser,
//! playing the server; its `users` table is filled with `rows` users on
//! connect.

use crate::{text, Cx};

/// `async def fetch_users()`.
pub async fn main(cx: Cx, rows: u32) {
    let conn = match cx.connect(rows).await {
        Ok(conn) => conn,
        Err(error) => {
            return cx.log(
                "main",
                "error",
                text!("connect failed: {error}", "ошибка подключения: {error}"),
            )
        }
    };
    cx.log("main", "connected", text!("connected", "подключено"));
    match conn.fetch("SELECT * FROM users").await {
        Ok(rows) => {
            for row in rows {
                cx.log("main", "row", text!("{row}", "{row}"));
            }
        }
        Err(error) => {
            cx.log("main", "error", text!("query failed: {error}", "ошибка запроса: {error}"))
        }
    }
    conn.close().await;
    cx.log("main", "closed", text!("connection closed", "соединение закрыто"));
}
