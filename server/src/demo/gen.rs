use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use app::domain::RegistrationCode;

use super::words;

/// The seeded source of every choice the generator makes. ChaCha8 gives the same stream on
/// every platform and version, so a seed names one database.
pub struct Gen {
    rng: ChaCha8Rng,
    registrations: u64,
}

impl Gen {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            registrations: 0,
        }
    }

    pub fn range(&mut self, lo: i64, hi_inclusive: i64) -> i64 {
        self.rng.gen_range(lo..=hi_inclusive)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    pub fn unit(&mut self) -> f64 {
        self.rng.gen()
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items
            .choose(&mut self.rng)
            .expect("word lists are not empty")
    }

    /// Picks by weight: `(weight, value)`.
    pub fn weighted<T: Copy>(&mut self, items: &[(u32, T)]) -> T {
        let total: u32 = items.iter().map(|(w, _)| w).sum();
        let mut x = self.rng.gen_range(0..total);
        for (w, v) in items {
            if x < *w {
                return *v;
            }
            x -= w;
        }
        items[items.len() - 1].1
    }

    /// A count with the given mean: the integer part plus one more with the fractional chance.
    pub fn count(&mut self, mean: f64) -> usize {
        let whole = mean.floor();
        whole as usize + usize::from(self.chance(mean - whole))
    }

    pub fn person_name(&mut self) -> String {
        format!("{}{}", self.pick(words::SURNAMES), self.pick(words::GIVEN))
    }

    pub fn place_name(&mut self) -> String {
        format!(
            "{}{}",
            self.pick(words::PLACE_SYLLABLES),
            self.pick(words::PLACE_SYLLABLES)
        )
    }

    pub fn mobile(&mut self) -> String {
        format!("1{}{:09}", self.range(3, 9), self.range(0, 999_999_999))
    }

    /// The next registration code: a counter spread over the code space by a multiplier
    /// coprime to it (a bijection), so codes are unique and do not look sequential.
    pub fn registration_code(&mut self) -> String {
        self.registrations += 1;
        let n = (u128::from(self.registrations) * 0x9E37_79B9_7F4A)
            % u128::from(RegistrationCode::SPACE);
        RegistrationCode::from_number(n as u64).as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_codes_are_unique_and_well_formed() {
        let mut g = Gen::new(1);
        let codes: std::collections::HashSet<String> =
            (0..50_000).map(|_| g.registration_code()).collect();
        assert_eq!(codes.len(), 50_000);
        assert!(codes.iter().all(|c| c.len() == 8));
    }

    #[test]
    fn the_same_seed_gives_the_same_choices() {
        let (mut a, mut b) = (Gen::new(7), Gen::new(7));
        assert_eq!((a.person_name(), a.mobile()), (b.person_name(), b.mobile()));
    }
}
