//! The editor's keys as pure edits (`src/editing.rs`): what Enter, Tab and
//! Shift-Tab do to a program, and the browser's UTF-16 positions.

use async_playground::editing::{
    byte_of_utf16, dedent, indent, line_numbers, newline, utf16_of_byte, Edit,
};

fn apply(text: &str, edit: &Edit) -> String {
    format!("{}{}{}", &text[..edit.from], edit.insert, &text[edit.to..])
}

#[test]
fn enter_keeps_the_indentation_and_adds_a_level_after_a_colon() {
    let text = "async def main():";
    let edit = newline(text, text.len(), text.len());
    assert_eq!(apply(text, &edit), "async def main():\n    ");
    assert_eq!(edit.select, (text.len() + 5, text.len() + 5));

    let text = "    x = 1";
    assert_eq!(apply(text, &newline(text, 9, 9)), "    x = 1\n    ");
    // A comment after the colon still opens a block.
    let text = "    for i in range(3):  # three";
    assert_eq!(apply(text, &newline(text, text.len(), text.len())), format!("{text}\n        "));
    // In the middle of a line: the rest moves down, indented as the line.
    let text = "    print(1)";
    assert_eq!(apply(text, &newline(text, 4, 4)), "    \n    print(1)");
    // A selection is replaced.
    let text = "a = 1  # x";
    assert_eq!(apply(text, &newline(text, 5, 10)), "a = 1\n");
}

#[test]
fn tab_and_shift_tab_indent_and_dedent() {
    let text = "x = 1";
    assert_eq!(apply(text, &indent(text, 0, 0)), "    x = 1");
    let text = "def f():\nreturn 1\n\nprint(2)";
    let edit = indent(text, 2, text.len());
    assert_eq!(apply(text, &edit), "    def f():\n    return 1\n\n    print(2)");
    assert_eq!(edit.select, (0, edit.insert.len()));

    let text = "        x = 1";
    let edit = dedent(text, 10, 10);
    assert_eq!(apply(text, &edit), "    x = 1");
    assert_eq!(edit.select, (6, 6));
    let text = "  a\n      b\nc";
    assert_eq!(apply(text, &dedent(text, 0, text.len())), "a\n  b\nc");
}

#[test]
fn positions_convert_between_utf16_and_bytes() {
    let text = "print('привет 🙂')\nx";
    for (byte, _) in text.char_indices() {
        assert_eq!(byte_of_utf16(text, utf16_of_byte(text, byte)), byte);
    }
    assert_eq!(byte_of_utf16(text, 10_000), text.len());
    assert_eq!(line_numbers("a\nb\n"), "1\n2\n3");
}
