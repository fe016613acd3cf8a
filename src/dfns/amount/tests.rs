use super::*;
use AmountError as E;
use proptest::prelude::*;

/// 2^n by repeated decimal doubling: an oracle independent of MAX_BASE_UNITS.
fn pow2(n: u32) -> String {
    let mut digits = vec![1u8]; // little-endian
    for _ in 0..n {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = *d * 2 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

fn max_plus(delta: i8) -> String {
    // 2^256 ends in ...936, so +-1 never carries past the last digit.
    let (head, last) = MAX_BASE_UNITS.split_at(77);
    let last = last.parse::<i8>().unwrap_or(0) + delta;
    format!("{head}{last}")
}

fn usdc(e: u8) -> E {
    E::TooManyDecimals {
        symbol: "USDC".into(),
        decimals: e,
    }
}

#[test]
fn max_is_two_pow_256() {
    assert_eq!(MAX_BASE_UNITS, pow2(256));
    assert_eq!(pow2(10), "1024");
}

#[test]
fn validate_base_units_table() {
    let too_long = format!("1{}", "0".repeat(78));
    let cases: Vec<(String, Result<(), E>)> = vec![
        ("0".into(), Ok(())),
        ("000123".into(), Ok(())),
        (MAX_BASE_UNITS.into(), Ok(())),
        (format!("000{MAX_BASE_UNITS}"), Ok(())),
        (max_plus(-1), Ok(())),
        (max_plus(1), Err(E::TooLarge)),
        (too_long, Err(E::TooLarge)),
        ("".into(), Err(E::Empty)),
        ("-1".into(), Err(E::Negative("-1".into()))),
        ("1.5".into(), Err(E::NotANumber("1.5".into()))),
        (" 1".into(), Err(E::NotANumber("1".into()))),
        ("1e6".into(), Err(E::NotANumber("1e6".into()))),
        ("0x10".into(), Err(E::NotANumber("0x10".into()))),
        ("１".into(), Err(E::NotANumber("１".into()))),
    ];
    for (input, want) in cases {
        assert_eq!(validate_base_units(&input), want, "input {input:?}");
    }
    assert_eq!(canonical_base_units("000").as_deref(), Ok("0"));
    assert_eq!(canonical_base_units("0042").as_deref(), Ok("42"));
}

#[test]
fn to_human_table() {
    let one_e36 = format!("1{}", "0".repeat(36));
    let cases: Vec<(&str, u8, &str)> = vec![
        ("1000000000", 6, "1000"),
        ("1500000", 6, "1.5"),
        ("1", 18, "0.000000000000000001"),
        ("0", 6, "0"),
        ("0", 0, "0"),
        ("000", 36, "0"),
        ("5", 0, "5"),
        ("0001234", 0, "1234"),
        ("0001234", 2, "12.34"),
        ("120", 3, "0.12"),
        ("1", 36, "0.000000000000000000000000000000000001"),
        (&one_e36, 36, "1"),
        (
            MAX_BASE_UNITS,
            18,
            "115792089237316195423570985008687907853269984665640564039457.584007913129639936",
        ),
        (
            MAX_BASE_UNITS,
            36,
            "115792089237316195423570985008687907853269.984665640564039457584007913129639936",
        ),
    ];
    for (base, d, want) in cases {
        assert_eq!(to_human(base, d).as_deref(), Ok(want), "{base} / 10^{d}");
    }
    assert_eq!(to_human("1", 37), Err(E::DecimalsOutOfRange(37)));
    assert_eq!(to_human(&max_plus(1), 6), Err(E::TooLarge));
    assert_eq!(to_human("1.5", 6), Err(E::NotANumber("1.5".into())));
    assert_eq!(to_human("", 6), Err(E::Empty));
}

#[test]
fn format_human_table() {
    let cases = [
        ("1000000000", 6, "1,000.00"),
        ("1234567891", 6, "1,234.567891"),
        ("5", 0, "5"),
        ("1234567", 0, "1,234,567"),
        ("0", 6, "0.00"),
        ("0", 0, "0"),
        ("50", 1, "5.0"),
        ("5", 1, "0.5"),
        ("123456", 3, "123.456"),
        ("100", 3, "0.10"),
        ("1", 18, "0.000000000000000001"),
        ("999999000000", 6, "999,999.00"),
    ];
    for (base, d, want) in cases {
        assert_eq!(
            format_human(base, d).as_deref(),
            Ok(want),
            "{base} / 10^{d}"
        );
    }
    assert_eq!(
        format_human(MAX_BASE_UNITS, 0).map(|s| s.matches(',').count()),
        Ok(25)
    );
    assert_eq!(format_human("1", 40), Err(E::DecimalsOutOfRange(40)));
}

#[test]
fn parse_human_accepts() {
    let cases = [
        ("1000", 6, "1000000000"),
        ("  1000.5\n", 6, "1000500000"),
        (".5", 6, "500000"),
        ("1,000.50", 6, "1000500000"),
        ("1,234,567", 0, "1234567"),
        ("007.25", 2, "725"),
        ("1.500000000", 6, "1500000"),
        ("5.000", 0, "5"),
        ("0.000000000000000001", 18, "1"),
        ("1", 36, "1000000000000000000000000000000000000"),
    ];
    for (input, d, want) in cases {
        assert_eq!(
            parse_human(input, d, "TOK").as_deref(),
            Ok(want),
            "{input:?}"
        );
    }
    let max_human = to_human(MAX_BASE_UNITS, 18).unwrap_or_default();
    assert_eq!(
        parse_human(&max_human, 18, "ETH").as_deref(),
        Ok(MAX_BASE_UNITS)
    );
}

#[test]
fn parse_human_rejects() {
    let nan = |s: &str| E::NotANumber(s.into());
    let bad = |s: &str| E::BadGrouping(s.into());
    let plus_one = max_plus(1);
    let above_max = format!("{}.{}", &plus_one[..77], &plus_one[77..]);
    let huge = format!("1{}", "0".repeat(78));
    let cases: Vec<(&str, u8, E)> = vec![
        ("", 6, E::Empty),
        ("   ", 6, E::Empty),
        ("-1", 6, E::Negative("-1".into())),
        (" -1,000.5 ", 6, E::Negative("-1,000.5".into())),
        ("-abc", 6, nan("-abc")),
        ("1e6", 6, nan("1e6")),
        ("0x10", 6, nan("0x10")),
        ("1.2.3", 6, nan("1.2.3")),
        ("NaN", 6, nan("NaN")),
        ("inf", 6, nan("inf")),
        ("+1", 6, nan("+1")),
        ("1_000", 6, nan("1_000")),
        ("1 000", 6, nan("1 000")),
        (".", 6, nan(".")),
        ("5.", 6, nan("5.")),
        ("0", 6, E::Zero),
        ("0.000", 6, E::Zero),
        ("0.0000001", 6, usdc(6)),
        ("1.5", 0, usdc(0)),
        ("1.0000001", 6, usdc(6)),
        ("1,00", 6, bad("1,00")),
        ("1,0000", 6, bad("1,0000")),
        ("1000,000", 6, bad("1000,000")),
        (",100", 6, bad(",100")),
        ("0,500", 6, bad("0,500")),
        ("1,000.5,0", 6, bad("1,000.5,0")),
        ("1.000,50", 6, bad("1.000,50")),
        ("1", 37, E::DecimalsOutOfRange(37)),
        (&above_max, 1, E::TooLarge),
        (&huge, 0, E::TooLarge),
    ];
    for (input, d, want) in cases {
        assert_eq!(parse_human(input, d, "USDC"), Err(want), "{input:?}");
    }
}

#[test]
fn messages_read_well() {
    let msg = |r: Result<String, E>| r.err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        msg(parse_human("1.0000001", 6, "USDC")),
        "too many decimals for USDC (6)"
    );
    assert_eq!(
        msg(parse_human(" 1e6 ", 6, "USDC")),
        r#"not a number: "1e6""#
    );
    assert_eq!(
        msg(parse_human("0", 6, "USDC")),
        "amount must be greater than zero"
    );
    assert_eq!(
        msg(to_human(&max_plus(1), 6)),
        "amount too large (more than 2^256 base units)"
    );
    assert_eq!(
        msg(parse_human("1.5", 0, "")),
        "too many decimals for this token (0)"
    );
    assert!(msg(parse_human("1,00", 6, "USDC")).contains("groups of 3 digits"));
    // Control characters are escaped, long input is cut to 40 characters.
    assert_eq!(
        msg(parse_human("1\u{1b}[2J", 6, "USDC")),
        r#"not a number: "1\u{1b}[2J""#
    );
    let long = "é".repeat(100);
    assert_eq!(
        parse_human(&long, 6, "USDC"),
        Err(E::NotANumber(format!("{}…", "é".repeat(40))))
    );
}

#[test]
fn compare_base_table() {
    let cases = [
        ("0", "0", Ordering::Equal),
        ("000", "0", Ordering::Equal),
        ("0010", "10", Ordering::Equal),
        ("9", "10", Ordering::Less),
        ("100", "099", Ordering::Greater),
        ("123", "124", Ordering::Less),
        (MAX_BASE_UNITS, "99999999999999999999", Ordering::Greater),
    ];
    for (a, b, want) in cases {
        assert_eq!(compare_base(a, b), want, "{a} vs {b}");
        assert_eq!(compare_base(b, a), want.reverse(), "{b} vs {a}");
    }
    assert_eq!(
        compare_base(&max_plus(1), MAX_BASE_UNITS),
        Ordering::Greater
    );
}

/// to_human with the fraction padded as format_human pads it.
fn padded(human: &str, decimals: u8) -> String {
    let min = usize::from(decimals.min(2));
    let (int, frac) = human.split_once('.').unwrap_or((human, ""));
    if min == 0 && frac.is_empty() {
        return int.to_owned();
    }
    format!("{int}.{frac:0<min$}")
}

proptest! {
    #[test]
    fn roundtrip_and_display(b in "[0-9]{1,78}", d in 0u8..=MAX_DECIMALS) {
        match canonical_base_units(&b) {
            Err(e) => {
                prop_assert_eq!(&e, &E::TooLarge);
                prop_assert_eq!(to_human(&b, d), Err(e));
            }
            Ok(canon) => {
                let human = to_human(&b, d)?;
                let shown = format_human(&b, d)?;
                prop_assert_eq!(shown.replace(',', ""), padded(&human, d));
                if canon == "0" {
                    prop_assert_eq!(parse_human(&human, d, "T"), Err(E::Zero));
                } else {
                    prop_assert_eq!(parse_human(&human, d, "T")?, canon.clone());
                    prop_assert_eq!(parse_human(&shown, d, "T")?, canon);
                }
            }
        }
    }

    #[test]
    fn to_human_matches_u128(v: u128, zeros in 0usize..4, d in 0u8..=MAX_DECIMALS) {
        let scale = 10u128.pow(u32::from(d));
        let (int, frac) = (v / scale, v % scale);
        let frac = format!("{frac:0>width$}", width = usize::from(d));
        let frac = frac.trim_end_matches('0');
        let want = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
        let base = format!("{}{v}", "0".repeat(zeros));
        prop_assert_eq!(to_human(&base, d)?, want);
    }

    #[test]
    fn compare_matches_u128(a: u128, b: u128, za in 0usize..4, zb in 0usize..4) {
        let sa = format!("{}{a}", "0".repeat(za));
        let sb = format!("{}{b}", "0".repeat(zb));
        prop_assert_eq!(compare_base(&sa, &sb), a.cmp(&b));
    }

    #[test]
    fn parse_human_never_panics(s in "[ ,._e+0-9-]{0,30}|\\PC{0,60}", d in 0u8..=40) {
        if let Ok(digits) = parse_human(&s, d, "T") {
            prop_assert!(validate_base_units(&digits).is_ok());
            prop_assert!(!digits.starts_with('0'));
        }
    }
}
