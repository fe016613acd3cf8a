//! A string that must never reach the screen, a log, an audit file or an error message.

use std::fmt;

/// Holds a secret (bearer token, PEM private key, user-action token). `Debug` and `Display`
/// print a fixed placeholder; the only way to the bytes is [`Secret::expose`], so every use
/// is visible in review.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret text, for the one place that must send or parse it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Drop for Secret {
    // Best effort: overwrite the heap bytes so a core dump is less likely to hold them.
    fn drop(&mut self) {
        // SAFETY-free: replace each byte through the safe API.
        let taken = std::mem::take(&mut self.0);
        let mut bytes = taken.into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("eyJhbGciOi.top-secret.sig");
        assert!(!format!("{s:?}").contains("top-secret"));
        assert!(!format!("{s}").contains("top-secret"));
        assert_eq!(s.expose(), "eyJhbGciOi.top-secret.sig");
    }
}
