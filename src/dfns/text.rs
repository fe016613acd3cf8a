//! Server text on its way to a terminal, a JSON document or a log line: the one sanitizer.
//!
//! Every string the API sends is hostile until shown otherwise. A terminal obeys C0/C1
//! controls (an OSC 52 rewrites the clipboard, OSC 0 retitles the window), bidi controls
//! reorder what is read (an address can be shown backwards), and zero-width or other format
//! characters hide inside what looks like one word. None of these belong in an id, an amount,
//! an address or a message, so instead of dropping them (which hides that something is off)
//! each is shown *visibly* as `\u{…}`: the operator sees that the server sent something odd.
//!
//! [`Shown`] is the boundary type: text that has passed the sanitizer, the only thing the
//! command outputs write (its `Display` escapes). The dashboard sanitizes every span at the
//! widget boundary (`ui::text`); JSON output goes through [`escape_json`]; the log file's
//! writer through [`escape_log_line`].

use std::borrow::Cow;
use std::fmt;

/// Whether `c` must never reach a terminal raw: C0 (tab and newline too: fields are one
/// line), DEL, C1, the bidi controls, zero-width and other format characters, and the line
/// and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        // Soft hyphen: invisible unless a line breaks there.
        | '\u{ad}'
        // Arabic number marks and the Arabic letter mark (bidi).
        | '\u{600}'..='\u{605}'
        | '\u{61c}'
        | '\u{6dd}'
        | '\u{70f}'
        | '\u{180e}'
        // Zero-width space/non-joiner/joiner, LRM/RLM.
        | '\u{200b}'..='\u{200f}'
        // Line/paragraph separators, bidi embeddings and overrides.
        | '\u{2028}'..='\u{202e}'
        // Word joiner, invisible operators, bidi isolates, deprecated format controls.
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        // Tag characters (invisible text after an emoji flag).
        | '\u{e0000}'..='\u{e007f}'
    )
}

/// `s` with every [`is_hidden`] character written as `\u{hex}`; borrowed when clean (the
/// common case costs one scan and no allocation).
pub fn escape(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(is_hidden) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    if is_hidden(c) {
        use std::fmt::Write;
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// Whether `s` holds anything [`escape`] would mark.
pub fn has_hidden(s: &str) -> bool {
    s.chars().any(is_hidden)
}

/// Server text that may be displayed: `Display` writes it through [`escape`].
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad` keeps width and alignment specifiers working on the escaped text.
        f.pad(&escape(self.0))
    }
}

/// Shorthand for [`Shown`].
pub fn shown(s: &str) -> Shown<'_> {
    Shown(s)
}

/// A serialized JSON document with every hidden character outside C0 written as a `\u`
/// escape (serde_json escapes C0 itself; the raw C0 left are the document's own
/// whitespace). Still valid JSON with the same values, so `jq` reads it unchanged.
pub fn escape_json(json: String) -> String {
    if !json.chars().any(|c| is_hidden(c) && c >= ' ') {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hidden(c) && c >= ' ' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                use std::fmt::Write;
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One formatted log record: everything hidden escaped except its final newline, so a
/// newline in server text cannot forge a second record.
pub fn escape_log_line(line: &str) -> Cow<'_, str> {
    let (body, end) = match line.strip_suffix('\n') {
        Some(body) => (body, "\n"),
        None => (line, ""),
    };
    match escape(body) {
        Cow::Borrowed(_) => Cow::Borrowed(line),
        Cow::Owned(mut s) => {
            s.push_str(end);
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_the_terminal_obeys_is_shown_visibly() {
        for (raw, want) in [
            ("a\u{1b}]52;c;eA==\u{7}b", "a\\u{1b}]52;c;eA==\\u{7}b"),
            ("tab\there", "tab\\u{9}here"),
            ("line\nbreak\r", "line\\u{a}break\\u{d}"),
            ("del\u{7f}", "del\\u{7f}"),
            ("c1\u{9b}2J", "c1\\u{9b}2J"),
            ("\u{202e}cba", "\\u{202e}cba"),
            ("\u{61c}\u{200e}\u{200f}", "\\u{61c}\\u{200e}\\u{200f}"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("0x12\u{200b}34", "0x12\\u{200b}34"),
            ("\u{2060}\u{2064}\u{feff}", "\\u{2060}\\u{2064}\\u{feff}"),
            ("flag\u{e0067}", "flag\\u{e0067}"),
        ] {
            assert_eq!(escape(raw), want, "{raw:?}");
            assert_eq!(shown(raw).to_string(), want);
        }
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged() {
        for s in [
            "",
            "pyt-abc",
            "1,000.00 USDC",
            "日本語 ✓ é 👍",
            "0xAbC…1234",
        ] {
            assert!(matches!(escape(s), Cow::Borrowed(_)), "{s:?}");
            assert!(!has_hidden(s));
        }
    }

    #[test]
    fn shown_keeps_padding() {
        assert_eq!(format!("[{:<6}]", shown("ab")), "[ab    ]");
        assert_eq!(format!("[{:>8}]", shown("a\u{7}")), "[  a\\u{7}]");
    }

    #[test]
    fn json_escapes_stay_valid_json_with_the_same_value() {
        let v = serde_json::json!({"s": "a\u{9b}b\u{202e}c\u{1b}d\u{e0067}\u{7f}"});
        let raw = serde_json::to_string_pretty(&v).unwrap();
        let out = escape_json(raw);
        assert!(!out.chars().any(|c| is_hidden(c) && c != '\n'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
        assert!(out.contains("\\u009b") && out.contains("\\u202e") && out.contains("\\udb40"));
    }

    #[test]
    fn a_log_line_keeps_only_its_own_newline() {
        assert_eq!(
            escape_log_line("x msg=a\nFAKE ERROR\n"),
            "x msg=a\\u{a}FAKE ERROR\n"
        );
        assert_eq!(escape_log_line("plain\n"), "plain\n");
    }

    proptest::proptest! {
        #[test]
        fn nothing_hidden_survives(s in ".*") {
            let e = escape(&s);
            proptest::prop_assert!(!has_hidden(&e));
            // Clean input is untouched.
            if !has_hidden(&s) {
                proptest::prop_assert_eq!(e.as_ref(), s.as_str());
            }
        }
    }
}
