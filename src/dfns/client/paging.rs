//! Following `nextPageToken`: the decision is pure, the loop lives in the client.

use std::collections::HashSet;

/// What to do after a page arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Ask for the page after `token`.
    Next(String),
    /// No token: that was the last page.
    Done,
    /// The server handed back a token it gave before: stop rather than loop forever.
    Loop(String),
}

/// Tracks tokens already followed.
#[derive(Debug, Default)]
pub struct Pager {
    seen: HashSet<String>,
    pages: usize,
}

impl Pager {
    /// Upper bound on pages in one listing (50 × 200 000 = 10 M items) — a guard, not a limit
    /// anyone should meet.
    pub const MAX_PAGES: usize = 200_000;

    pub fn step(&mut self, next_page_token: Option<&str>) -> Step {
        self.pages += 1;
        match next_page_token {
            // An empty token is treated as absent (some gateways send "").
            None | Some("") => Step::Done,
            Some(t) if !self.seen.insert(t.to_owned()) || self.pages >= Self::MAX_PAGES => {
                Step::Loop(t.to_owned())
            }
            Some(t) => Step::Next(t.to_owned()),
        }
    }

    pub fn pages(&self) -> usize {
        self.pages
    }
}

/// Appends `page` to `all`, skipping ids already collected: a list that changes while it is
/// paged can repeat an item across pages.
pub fn merge_unique<T>(
    all: &mut Vec<T>,
    seen: &mut HashSet<String>,
    page: Vec<T>,
    id: impl Fn(&T) -> &str,
) {
    for item in page {
        if seen.insert(id(&item).to_owned()) {
            all.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_tokens_until_absent() {
        let mut p = Pager::default();
        assert_eq!(p.step(Some("a")), Step::Next("a".into()));
        assert_eq!(p.step(Some("b")), Step::Next("b".into()));
        assert_eq!(p.step(None), Step::Done);
        assert_eq!(p.pages(), 3);
        assert_eq!(Pager::default().step(Some("")), Step::Done);
    }

    #[test]
    fn stops_on_a_repeated_token() {
        let mut p = Pager::default();
        assert_eq!(p.step(Some("a")), Step::Next("a".into()));
        assert_eq!(p.step(Some("a")), Step::Loop("a".into()));
    }

    #[test]
    fn merge_skips_duplicates_across_pages() {
        let mut all = Vec::new();
        let mut seen = HashSet::new();
        merge_unique(&mut all, &mut seen, vec!["a", "b"], |s| s);
        merge_unique(&mut all, &mut seen, vec!["b", "c"], |s| s);
        assert_eq!(all, vec!["a", "b", "c"]);
    }
}
