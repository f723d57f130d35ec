//! Entry point of the page; everything lives in the library so tests reach it.

fn main() {
    async_playground::start();
}
