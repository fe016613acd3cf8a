//! ISO-8601 timestamps kept as sent.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A timestamp as the API wrote it, plus its parsed value when it parses.
///
/// Re-serializing a `DateTime` would change the text (`.000Z` → `Z`), so the wire string is
/// what round-trips; the parsed instant is what the countdowns use. An unparseable string is
/// kept and shown verbatim instead of failing the whole payout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    raw: String,
    parsed: Option<DateTime<Utc>>,
}

impl Timestamp {
    pub fn parse(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parsed = DateTime::parse_from_rfc3339(&raw)
            .ok()
            .map(|d| d.with_timezone(&Utc));
        Self { raw, parsed }
    }

    /// The Dfns format: milliseconds and `Z`, e.g. `2025-03-01T12:01:00.000Z`.
    pub fn from_datetime(at: DateTime<Utc>) -> Self {
        Self {
            raw: at.to_rfc3339_opts(SecondsFormat::Millis, true),
            parsed: Some(at),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn instant(&self) -> Option<DateTime<Utc>> {
        self.parsed
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_wire_text_and_parses_the_instant() {
        let t: Timestamp = serde_json::from_str("\"2025-03-01T12:01:00.000Z\"").unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2025-03-01T12:01:00.000Z\""
        );
        assert_eq!(t.instant().unwrap().timestamp(), 1_740_830_460);
        let odd = Timestamp::parse("yesterday");
        assert_eq!(odd.instant(), None);
        assert_eq!(odd.as_str(), "yesterday");
    }

    #[test]
    fn formats_like_dfns() {
        let at = DateTime::from_timestamp(1_740_830_460, 5_000_000).unwrap();
        assert_eq!(
            Timestamp::from_datetime(at).as_str(),
            "2025-03-01T12:01:00.005Z"
        );
    }
}
