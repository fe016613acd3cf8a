//! Query strings as the SDKs send them: repeated keys (TS), comma-separated values (the TS
//! doc comment), and the bracketed forms the Go (`[A B]`) and Python (`['A', 'B']`) SDKs
//! produce. Unknown keys are ignored (open question 2 of the reference).

use crate::dfns::signing::{b64url, b64url_decode};
use crate::emulator::error::EmuError;

pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        let pairs = url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Params { pairs }
    }

    /// The first value of `key`.
    pub fn one(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first value under any of `keys` (camelCase as the TS and Go SDKs send, and the
    /// snake_case a Python caller may pass through).
    pub fn one_of(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.one(k))
    }

    /// Every value of `key`, split on commas and whitespace, brackets and quotes removed.
    pub fn many(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| {
                v.split(|c: char| c == ',' || c.is_whitespace())
                    .map(|s| {
                        s.trim_matches(|c| matches!(c, '[' | ']' | '\'' | '"'))
                            .to_owned()
                    })
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Values of `key` as an enum; a value the API does not know is a 400 naming it.
    pub fn enum_list<T, F>(&self, key: &str, parse: F) -> Result<Vec<T>, EmuError>
    where
        F: Fn(&str) -> T,
        T: EnumLike,
    {
        self.many(key)
            .into_iter()
            .map(|v| {
                let t = parse(&v);
                if t.known() {
                    Ok(t)
                } else {
                    Err(EmuError::field(key, format!("unknown value '{v}'")))
                }
            })
            .collect()
    }

    /// `limit`: an integer from 1 to `max`, `default` when absent.
    pub fn limit(&self, default: usize, max: usize) -> Result<usize, EmuError> {
        match self.one("limit") {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(EmuError::field(
                    "limit",
                    format!("must be an integer from 1 to {max}"),
                )),
            },
        }
    }

    /// The position encoded in `paginationToken`.
    pub fn cursor(&self) -> Result<Option<usize>, EmuError> {
        self.cursor_in(&["paginationToken"])
    }

    /// The position encoded in the token under the first of `keys` present.
    pub fn cursor_in(&self, keys: &[&str]) -> Result<Option<usize>, EmuError> {
        let Some(token) = self.one_of(keys) else {
            return Ok(None);
        };
        let bad = || EmuError::field("paginationToken", "is not a token this API issued");
        let bytes = b64url_decode(token).map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let pos = text
            .strip_prefix("pos:")
            .and_then(|n| n.parse().ok())
            .ok_or_else(bad)?;
        Ok(Some(pos))
    }
}

/// The opaque token for a cursor position.
pub fn token_for(pos: usize) -> String {
    b64url(format!("pos:{pos}").as_bytes())
}

/// Enums made by `open_enum!` know whether a value is documented.
pub trait EnumLike {
    fn known(&self) -> bool;
}

impl EnumLike for crate::dfns::model::PayoutStatus {
    fn known(&self) -> bool {
        self.is_known()
    }
}

impl EnumLike for crate::dfns::model::Provider {
    fn known(&self) -> bool {
        self.is_known()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dfns::model::PayoutStatus;

    fn statuses(q: &str) -> Vec<PayoutStatus> {
        Params::parse(Some(q))
            .enum_list("status", PayoutStatus::from_wire)
            .unwrap()
    }

    #[test]
    fn every_sdk_form_of_a_status_list() {
        let both = vec![PayoutStatus::Processing, PayoutStatus::Failed];
        assert_eq!(statuses("status=Processing&status=Failed"), both); // TS: repeated
        assert_eq!(statuses("status=Processing,Failed"), both); // comma-separated
        assert_eq!(statuses("status=Processing%2CFailed"), both);
        assert_eq!(statuses("status=%5BProcessing+Failed%5D"), both); // Go: [A B]
        assert_eq!(
            statuses("status=%5B%27Processing%27%2C+%27Failed%27%5D"),
            both
        ); // Python repr
        let e = Params::parse(Some("status=Done"))
            .enum_list("status", PayoutStatus::from_wire)
            .unwrap_err();
        assert_eq!(e.message, "status: unknown value 'Done'");
    }

    #[test]
    fn limit_and_cursor() {
        assert_eq!(Params::parse(None).limit(50, 50).unwrap(), 50);
        assert_eq!(Params::parse(Some("limit=7")).limit(50, 50).unwrap(), 7);
        for bad in ["limit=0", "limit=51", "limit=x", "limit=-1"] {
            assert_eq!(
                Params::parse(Some(bad)).limit(50, 50).unwrap_err().status,
                400,
                "{bad}"
            );
        }
        let t = token_for(1234);
        assert_eq!(
            Params::parse(Some(&format!("paginationToken={t}")))
                .cursor()
                .unwrap(),
            Some(1234)
        );
        assert!(Params::parse(Some("paginationToken=zzz")).cursor().is_err());
        assert_eq!(
            Params::parse(Some("pagination_token=abc"))
                .cursor()
                .unwrap(),
            None
        );
    }
}
