use super::*;
use crate::app::board::filter::display_amount;
use crate::dfns::amount::format_human;

#[test]
fn filter_searches_every_listed_field() {
    let mut p = awaiting("pyt-4ihii");
    p.external_id = Some("Invoice-2025-001".into());
    p.asset.amount = "12500000000".into(); // 12,500.00 USDC
    let hits = [
        "PYT-4IH",            // id, any case
        "invoice-2025",       // externalId
        "ABCDEF12345678",     // deposit address
        "processing",         // status
        "awaitingpayoutconf", // execution status
        "polygon",            // network
        "usdc",               // symbol
        "us-me000",           // requester
        "wa-5pfuu",           // wallet
        "12,500.00",          // amount as displayed
        "12500.00",           // amount without separators
        "12500",              // a prefix of either
        "2,5",                // a piece of the displayed amount
        "500.0",              // a piece of the plain amount
        "  usdc   polygon ",  // every term must match, spaces trimmed
    ];
    for text in hits {
        assert!(Filter::new(text).matches(&p), "{text:?} should match");
    }
    let misses = [
        "ethereum",
        "12,5000",
        "125,00",
        "12500000000", // base units are not what the row shows
        "usdc ethereum",
        "1,000.00",
        "cancel",
    ];
    for text in misses {
        assert!(!Filter::new(text).matches(&p), "{text:?} should not match");
    }
}

#[test]
fn filter_inversion_and_empty() {
    let p = awaiting("pyt-1");
    for text in ["", "   ", "!", " ! "] {
        let f = Filter::new(text);
        assert!(f.is_empty() && f.matches(&p), "{text:?}");
        assert_eq!(f.text(), text);
    }
    assert!(!Filter::new("!usdc").matches(&p));
    assert!(Filter::new("!ethereum").matches(&p));
    // Inversion applies to the whole filter: exclude what matches all terms.
    assert!(Filter::new("!usdc ethereum").matches(&p));
    assert!(!Filter::new("!usdc polygon").matches(&p));
}

#[test]
fn filter_amount_without_decimals_searches_base_units() {
    let mut p = awaiting("pyt-1");
    p.asset.metadata = None;
    assert!(Filter::new("1000000000").matches(&p));
    assert!(!Filter::new("1,000.00").matches(&p));
    let mut bad = awaiting("pyt-2");
    bad.asset.amount = "12x".into();
    assert!(Filter::new("12").matches(&bad));
}

#[test]
fn filter_handles_non_ascii_text() {
    let mut p = awaiting("pyt-1");
    p.external_id = Some("Überweisung-ÄÖ".into());
    assert!(Filter::new("überweisung").matches(&p));
    assert!(Filter::new("äö").matches(&p));
    assert!(Filter::new("WEISUNG").matches(&p));
    assert!(!Filter::new("ae").matches(&p));
}

#[test]
fn display_amount_edge_cases() {
    let mut buf = [0u8; 160];
    for (b, d) in [("0", 0), ("0", 6), ("000", 36), ("1", 36), ("100", 3)] {
        let n = display_amount(b, d, &mut buf);
        assert_eq!(
            n.map(|n| String::from_utf8_lossy(&buf[..n]).into_owned()),
            format_human(b, d).ok(),
            "{b} / 10^{d}"
        );
    }
    let max = crate::dfns::amount::MAX_BASE_UNITS;
    assert!(display_amount(max, 0, &mut buf).is_some());
    assert!(display_amount(max, 36, &mut buf).is_some());
    assert_eq!(display_amount(&format!("{max}0"), 0, &mut buf), None);
    assert_eq!(display_amount("", 0, &mut buf), None);
    assert_eq!(display_amount("-1", 0, &mut buf), None);
    assert_eq!(display_amount("1", 37, &mut buf), None);
}

#[test]
fn field_terms_look_in_their_field_only() {
    let mut p = awaiting("pyt-4ihii");
    p.asset.amount = "12500000000".into(); // 12,500.00 USDC
    let hits = [
        "status:proc",
        "STATUS:Processing",
        "exec:awaitingpayout",
        "net:poly",
        "token:usdc",
        "requester:us-me000",
        "wallet:wa-5pfuu",
        "status:",                     // still typing: everything
        "net:polygon token:usdc 12,5", // with free text
        "amount>12499.99",
        "amount>=12,500",
        "amount=12500.000",
        "amount<=12500",
        "amount<1e9", // not a number: free text, which "1e9" is not in…
    ];
    for text in &hits[..hits.len() - 1] {
        assert!(Filter::new(text).matches(&p), "{text:?} should match");
    }
    assert!(!Filter::new(hits[hits.len() - 1]).matches(&p));
    let misses = [
        "status:polygon", // in another field, not this one
        "net:usdc",
        "token:poly",
        "exec:completed",
        "requester:wa-5pfuu",
        "wallet:us-me000",
        "amount>12500",
        "amount<12500",
        "amount=12500.01",
        "amount<=0.5",
    ];
    for text in misses {
        assert!(!Filter::new(text).matches(&p), "{text:?} should not match");
    }
    // Without decimals the amount cannot be compared: no amount term matches.
    let mut raw = p.clone();
    raw.asset.metadata = None;
    assert!(!Filter::new("amount>0").matches(&raw));
    assert!(!Filter::new("amount<999999999999999").matches(&raw));
}

#[test]
fn me_is_the_payouts_i_requested() {
    let mine = awaiting("pyt-mine");
    let theirs = with_requester(awaiting("pyt-theirs"), Some(OTHER));
    let f = Filter::new("me");
    assert!(f.matches_for(&mine, Some(ME)));
    assert!(!f.matches_for(&theirs, Some(ME)));
    assert!(!f.matches(&mine), "my id unknown: nothing is mine");
    assert!(Filter::new("!me").matches_for(&theirs, Some(ME)));
    // "me" only as a whole term; "meX" is free text.
    assert!(!Filter::new("mex").matches_for(&mine, Some(ME)));
}
