//! Identifiers in the Dfns formats, drawn from the emulator's seeded RNG.

use rand::Rng;

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";
const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn pick(rng: &mut impl Rng, alphabet: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| char::from(alphabet[rng.gen_range(0..alphabet.len())]))
        .collect()
}

/// `<prefix>-xxxxx-xxxxx-xxxxxxxxxxxxxxxx`, e.g. `pyt-4ihii-9lonb-tmhjo9bor4odmb5h`.
pub fn dfns_id(rng: &mut impl Rng, prefix: &str) -> String {
    format!(
        "{prefix}-{}-{}-{}",
        pick(rng, ALNUM, 5),
        pick(rng, ALNUM, 5),
        pick(rng, ALNUM, 16)
    )
}

pub fn evm_address(rng: &mut impl Rng) -> String {
    format!("0x{}", pick(rng, HEX, 40))
}

pub fn evm_tx_hash(rng: &mut impl Rng) -> String {
    format!("0x{}", pick(rng, HEX, 64))
}

pub fn solana_address(rng: &mut impl Rng) -> String {
    pick(rng, BASE58, 44)
}

pub fn solana_signature(rng: &mut impl Rng) -> String {
    pick(rng, BASE58, 88)
}

/// Borderless' own payout id: a UUID.
pub fn uuid(rng: &mut impl Rng) -> String {
    let h = pick(rng, HEX, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn formats_match_the_reference_patterns() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let id = dfns_id(&mut rng, "pyt");
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(parts[0], "pyt");
        assert_eq!((parts[1].len(), parts[2].len(), parts[3].len()), (5, 5, 16));
        assert!(id[4..].bytes().all(|b| b == b'-' || ALNUM.contains(&b)));
        assert_eq!(evm_address(&mut rng).len(), 42);
        assert_eq!(evm_tx_hash(&mut rng).len(), 66);
        assert_eq!(uuid(&mut rng).len(), 36);
    }
}
