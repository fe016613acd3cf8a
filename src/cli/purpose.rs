//! `--purpose`: one of the 26 documented payment purposes (Appendix B), with a did-you-mean.
//!
//! Letter case, `-`/`_` and repeated spaces are forgiven ("Salary-Payment" is "salary
//! payment": the mapping is unambiguous and the wire value sent is always the documented
//! one). Anything else is refused locally, before any request.

use crate::dfns::model::PaymentPurpose;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown payment purpose '{given}'{}. Documented purposes: {}", suggestion(.suggestions), known())]
pub struct UnknownPurpose {
    pub given: String,
    pub suggestions: Vec<&'static str>,
}

fn suggestion(s: &[&str]) -> String {
    match s {
        [] => String::new(),
        [one] => format!(": did you mean '{one}'?"),
        many => format!(
            ": did you mean {}?",
            many.iter()
                .map(|m| format!("'{m}'"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

fn known() -> String {
    PaymentPurpose::KNOWN
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn normalize(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The documented purpose `input` names.
pub fn parse(input: &str) -> Result<PaymentPurpose, UnknownPurpose> {
    let n = normalize(input);
    if let Some(p) = PaymentPurpose::KNOWN.iter().find(|p| p.as_str() == n) {
        return Ok(p.clone());
    }
    Err(UnknownPurpose {
        given: input.to_owned(),
        suggestions: suggest(&n),
    })
}

/// Purposes that contain every word typed (a word may be a prefix: "salary" → "salary
/// payment"); else the nearest by edit distance, when near enough to be a typo.
fn suggest(n: &str) -> Vec<&'static str> {
    let all = || KNOWN_WIRE.iter().copied();
    if n.is_empty() {
        return vec![];
    }
    let words: Vec<&str> = n.split(' ').collect();
    let containing: Vec<&'static str> = all()
        .filter(|p| {
            words
                .iter()
                .all(|w| w.len() >= 3 && p.split(' ').any(|pw| pw.starts_with(w)))
        })
        .collect();
    if !containing.is_empty() {
        return containing;
    }
    let best = all().map(|p| (distance(n, p), p)).min();
    match best {
        // A third of the letters wrong is still a typo; more is another word.
        Some((d, p)) if d <= (n.chars().count() / 3).max(2) => vec![p],
        _ => vec![],
    }
}

/// The documented strings with a static lifetime (the enum's `as_str` borrows).
const KNOWN_WIRE: [&str; 26] = [
    "salary payment",
    "personal remittance",
    "rent payment",
    "property purchase",
    "owned account abroad",
    "advertising expenses",
    "advisory fees",
    "business insurance",
    "construction",
    "delivery fees",
    "education",
    "exports",
    "donation",
    "hotel",
    "loan payment",
    "maintenance expenses",
    "medical expense",
    "office expenses",
    "royalty fees",
    "service charge",
    "shares investment",
    "tax payment",
    "transportation fees",
    "travel",
    "utility bills",
    "other",
];

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_list_matches_the_model() {
        assert_eq!(PaymentPurpose::KNOWN.len(), KNOWN_WIRE.len());
        for (p, w) in PaymentPurpose::KNOWN.iter().zip(KNOWN_WIRE) {
            assert_eq!(p.as_str(), w);
        }
    }

    #[test]
    fn exact_and_forgiving_spellings() {
        assert_eq!(
            parse("salary payment").unwrap(),
            PaymentPurpose::SalaryPayment
        );
        assert_eq!(
            parse("  Salary-Payment ").unwrap(),
            PaymentPurpose::SalaryPayment
        );
        assert_eq!(parse("OTHER").unwrap(), PaymentPurpose::OtherPurpose);
    }

    #[test]
    fn did_you_mean() {
        let e = parse("salary").unwrap_err();
        assert_eq!(e.suggestions, vec!["salary payment"]);
        assert!(
            e.to_string()
                .starts_with("unknown payment purpose 'salary': did you mean 'salary payment'?")
        );
        assert_eq!(parse("travl").unwrap_err().suggestions, vec!["travel"]);
        assert_eq!(
            parse("medical expenses").unwrap_err().suggestions,
            vec!["medical expense"]
        );
        assert_eq!(
            parse("payment").unwrap_err().suggestions,
            vec![
                "salary payment",
                "rent payment",
                "loan payment",
                "tax payment"
            ]
        );
        assert!(parse("xyzzy quux").unwrap_err().suggestions.is_empty());
        assert!(parse("").unwrap_err().to_string().contains("utility bills"));
    }
}
