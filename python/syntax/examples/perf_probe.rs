//! Times parsing of large synthetic inputs (a development aid for finding
//! slow paths): `perf_probe`.

fn main() {
    let n = 100_000;
    let inputs = [
        ("long list", format!("x = [{}]\n", "1, ".repeat(n))),
        ("long sum", format!("x = {}1\n", "a + ".repeat(n / 200)).repeat(200)),
        ("f-string fields", format!("x = f'{}'\n", "{a}b".repeat(n))),
        ("string run", format!("x = ({})\n", "'a' ".repeat(n))),
        ("many statements", "x = 1\n".repeat(n)),
        ("nested brackets", format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150)).repeat(2000)),
        ("deep blocks", {
            let mut s = String::new();
            for _ in 0..100 {
                for i in 0..90 {
                    s.push_str(&" ".repeat(i));
                    s.push_str("if x:\n");
                }
                s.push_str(&" ".repeat(90));
                s.push_str("pass\n");
            }
            s
        }),
        ("error at end", format!("{}x = (\n", "y = [1, 2, 3]\n".repeat(n / 2))),
        ("comma error at end", format!("{}x = [a b]\n", "y = [1, 2, 3]\n".repeat(n / 2))),
    ];
    for (name, src) in inputs {
        let t = std::time::Instant::now();
        let r = asyncpy_syntax::parse_module(&src);
        println!("{name:20} {:8} bytes {:?} ok={}", src.len(), t.elapsed(), r.is_ok());
    }
}
