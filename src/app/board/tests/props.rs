use super::*;
use crate::app::board::filter::display_amount;
use crate::app::board::sort::AmountKey;
use crate::dfns::amount::format_human;

/// A payout with arbitrary status, execution status, requester and amount.
fn arb_payout() -> impl Strategy<Value = Payout> {
    let exec = prop_oneof![
        proptest::sample::select(E::KNOWN.to_vec()),
        "[A-Z][a-z]{3,8}".prop_map(E::Other),
    ];
    let status = prop_oneof![
        proptest::sample::select(PayoutStatus::KNOWN.to_vec()),
        "[A-Z][a-z]{3,8}".prop_map(PayoutStatus::Other),
    ];
    let requester = proptest::option::of(prop_oneof![Just(ME), Just(OTHER)]);
    (
        exec,
        status,
        requester,
        "[0-9]{1,12}",
        proptest::option::of(0u8..20),
    )
        .prop_map(|(exec, status, who, amount, dec)| {
            let mut p = with_amount(with_requester(payout("p", exec), who), &amount, dec);
            p.status = status;
            p
        })
}

proptest! {
    #[test]
    fn every_payout_appears_exactly_once(
        ps in proptest::collection::vec(arb_payout(), 0..40),
        me in proptest::option::of(prop_oneof![Just(ME), Just(OTHER)]),
        sort in proptest::sample::select(Sort::ALL.to_vec()),
    ) {
        let board = build(&ps, me, &all(), &unbounded(sort));
        let mut seen: Vec<usize> = board.item_rows().map(|(_, i)| i).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..ps.len()).collect::<Vec<_>>());
        prop_assert_eq!(board.counts.iter().sum::<usize>(), ps.len());
        for (r, i) in board.item_rows() {
            prop_assert_eq!(board.group_at(r), Some(group_of(&ps[i], me)));
        }
        // Each header's count is what is listed under it, in display order.
        let hs = headers(&board);
        prop_assert!(hs.windows(2).all(|w| w[0].0 < w[1].0));
        for (g, count, shown, _) in hs {
            prop_assert_eq!(count, shown);
            prop_assert_eq!(count, board.count(g));
        }
    }

    #[test]
    fn display_amount_equals_format_human(b in "[0-9]{1,80}", d in 0u8..=40) {
        let mut buf = [0u8; 160];
        let ours = display_amount(&b, d, &mut buf)
            .map(|n| String::from_utf8_lossy(&buf[..n]).into_owned());
        prop_assert_eq!(ours, format_human(&b, d).ok());
    }

    #[test]
    fn amount_order_is_exact(a: u64, b: u64, da in 0u8..=18, db in 0u8..=18, za in 0usize..3) {
        let sa = format!("{}{a}", "0".repeat(za));
        let sb = b.to_string();
        let (ka, kb) = (AmountKey::new(&sa, da), AmountKey::new(&sb, db));
        // Both scaled to 18 decimals fit in u128.
        let va = u128::from(a) * 10u128.pow(u32::from(18 - da));
        let vb = u128::from(b) * 10u128.pow(u32::from(18 - db));
        prop_assert_eq!(ka.zip(kb).map(|(x, y)| x.cmp(&y)), Some(va.cmp(&vb)));
    }

    #[test]
    fn inverted_filter_is_the_complement(p in arb_payout(), text in "[a-z0-9,.]{1,4}") {
        let f = Filter::new(&text);
        let inv = Filter::new(&format!("!{text}"));
        prop_assert_ne!(f.matches(&p), inv.matches(&p));
    }

    /// Any piece of the amount as the row shows it finds the payout (the digits pre-check
    /// refuses nothing the display contains), and so does its piece without separators.
    #[test]
    fn any_piece_of_the_shown_amount_finds_the_payout(
        b in "0{0,3}[0-9]{1,20}0{0,6}",
        d in 0u8..=18,
        cut in (0usize..40, 0usize..40),
    ) {
        let Ok(shown) = format_human(&b, d) else { return Ok(()) };
        let (x, y) = (cut.0 % shown.len(), cut.1 % shown.len());
        let piece = &shown[x.min(y)..=x.max(y)];
        prop_assume!(piece.bytes().any(|c| c.is_ascii_digit()));
        let p = with_amount(payout("p", E::Completed), &b, Some(d));
        prop_assert!(Filter::new(piece).matches(&p), "{piece:?} in {shown:?}");
        let plain = shown.replace(',', "");
        let (x, y) = (cut.0 % plain.len(), cut.1 % plain.len());
        let piece = &plain[x.min(y)..=x.max(y)];
        prop_assume!(piece.bytes().any(|c| c.is_ascii_digit()));
        prop_assert!(Filter::new(piece).matches(&p), "{piece:?} in {plain:?}");
    }
}
