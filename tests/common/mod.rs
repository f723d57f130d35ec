//! What several native test files share.

/// A small deterministic generator, so a failing case reproduces from its
/// seed (no dependency for what twenty lines do).
pub struct XorShift(pub u64);

impl XorShift {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number of tenths from 0 to `max_tenths / 10`: ties come often.
    #[allow(dead_code)] // not every test file uses every helper
    pub fn tenths(&mut self, max_tenths: u64) -> f64 {
        self.below(max_tenths + 1) as f64 / 10.0
    }

    /// `n` delays from 0 to 4 s in tenths.
    #[allow(dead_code)]
    pub fn delays(&mut self, n: usize) -> Vec<f64> {
        (0..n).map(|_| self.tenths(40)).collect()
    }
}
