//! The fault specification shared by `--faults` and `POST /_emulator/faults`.

use serde::{Deserialize, Serialize};

/// Which faults to inject, and how often. Every field is optional; an absent rate is 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// Probability of answering 500/502/503 without calling the handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// Probability of answering 429 with `Retry-After` without calling the handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_rate: Option<f64>,
    /// Delay before every Dfns request, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// Probability of breaking the connection after the handler ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_rate: Option<f64>,
    /// Probability of cutting a successful answer's body in half after the handler ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncate_rate: Option<f64>,
    /// The `Retry-After` value of injected 429s, in seconds (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    /// Only requests whose `METHOD /path` starts with this are disturbed, e.g.
    /// `"POST /payouts/"` to hit the action route alone (the others pass untouched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<String>,
}

pub const KEYS: &str =
    "error_rate, rate_limit_rate, latency_ms, reset_rate, truncate_rate, retry_after_secs, only";

impl FaultSpec {
    /// Parses `--faults`: either the JSON object of the control route or
    /// `key=value,key=value` (e.g. `error_rate=0.3,latency_ms=2000`). Validated.
    pub fn parse(spec: &str) -> Result<FaultSpec, String> {
        let text = spec.trim();
        let parsed = if text.starts_with('{') {
            serde_json::from_str::<FaultSpec>(text).map_err(|e| {
                format!("invalid fault spec JSON: {e} (expected keys among: {KEYS})")
            })?
        } else {
            Self::parse_pairs(text)?
        };
        parsed.validate()?;
        Ok(parsed)
    }

    fn parse_pairs(text: &str) -> Result<FaultSpec, String> {
        let mut out = FaultSpec::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Err(format!(
                    "fault spec item `{part}` is not key=value (e.g. error_rate=0.3)"
                ));
            };
            let (key, value) = (key.trim(), value.trim());
            let duplicate = match key {
                "error_rate" => out.error_rate.replace(rate(key, value)?).is_some(),
                "rate_limit_rate" => out.rate_limit_rate.replace(rate(key, value)?).is_some(),
                "reset_rate" => out.reset_rate.replace(rate(key, value)?).is_some(),
                "truncate_rate" => out.truncate_rate.replace(rate(key, value)?).is_some(),
                "latency_ms" => out.latency_ms.replace(whole(key, value)?).is_some(),
                "retry_after_secs" => out.retry_after_secs.replace(whole(key, value)?).is_some(),
                "only" => out.only.replace(value.to_owned()).is_some(),
                _ => {
                    return Err(format!(
                        "unknown fault key `{key}` (expected one of: {KEYS})"
                    ));
                }
            };
            if duplicate {
                return Err(format!("fault key `{key}` is given twice"));
            }
        }
        Ok(out)
    }

    /// Every rate must be a number within 0..=1.
    pub fn validate(&self) -> Result<(), String> {
        let rates = [
            ("error_rate", self.error_rate),
            ("rate_limit_rate", self.rate_limit_rate),
            ("reset_rate", self.reset_rate),
            ("truncate_rate", self.truncate_rate),
        ];
        for (key, value) in rates {
            if let Some(v) = value
                && !(0.0..=1.0).contains(&v)
            {
                return Err(format!(
                    "{key} must be within 0..=1 (a probability), got {v}"
                ));
            }
        }
        Ok(())
    }

    /// True when no request would ever be delayed or disturbed.
    pub fn is_empty(&self) -> bool {
        let off = |r: Option<f64>| r.is_none_or(|v| v <= 0.0);
        off(self.error_rate)
            && off(self.rate_limit_rate)
            && off(self.reset_rate)
            && off(self.truncate_rate)
            && self.latency_ms.unwrap_or(0) == 0
    }

    /// Whether `METHOD /path` is in scope of `only`.
    pub fn applies_to(&self, target: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|prefix| target.starts_with(prefix))
    }

    /// The `Retry-After` of injected 429s.
    pub fn retry_after(&self) -> u64 {
        self.retry_after_secs.unwrap_or(1)
    }
}

fn rate(key: &str, value: &str) -> Result<f64, String> {
    value
        .parse::<f64>()
        .map_err(|_| format!("{key}: `{value}` is not a number (use a probability like 0.3)"))
}

fn whole(key: &str, value: &str) -> Result<u64, String> {
    value
        .parse::<u64>()
        .map_err(|_| format!("{key}: `{value}` is not a whole number"))
}
