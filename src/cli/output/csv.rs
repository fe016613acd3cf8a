//! RFC 4180 CSV: CRLF line ends; a field containing `,` or `"` is quoted, with `"` doubled.
//! Fields are server text, so they pass the sanitizer first (a CR or LF inside one is shown
//! as `\u{d}` / `\u{a}`: one record per line).

/// One field, through the one sanitizer (a spreadsheet or `cat` shows it too), quoted when
/// it must be.
pub fn field(s: &str) -> String {
    let s = crate::dfns::text::escape(s);
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// One record with its CRLF.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        // Server text: a line break or escape inside a field is shown, not obeyed.
        assert_eq!(field("two\nlines"), "two\\u{a}lines");
        assert_eq!(field("cr\r,x"), "\"cr\\u{d},x\"");
        assert_eq!(field("\u{1b}]52;c;eA==\u{7}"), "\\u{1b}]52;c;eA==\\u{7}");
        assert_eq!(field(""), "");
        assert_eq!(record(&["a", "b,c", ""]), "a,\"b,c\",\r\n");
    }
}
