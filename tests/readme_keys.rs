//! README's dashboard keys agree with the help overlay and the hint bar: all three come from
//! `app::action` (`ACTIONS` and the popups' key tables). README holds the generated tables
//! verbatim between its `<!-- keys:begin -->` and `<!-- keys:end -->` markers;
//! `UPDATE_README=1 cargo test --test readme_keys` rewrites them after a key changes.

use payouts_tui::app::action::keys_markdown;

const BEGIN: &str = "<!-- keys:begin -->";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_keys_are_generated_from_the_key_tables() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let (Some(begin), Some(end)) = (readme.find(BEGIN), readme.find(END)) else {
        panic!("README.md has no {BEGIN} … {END} markers");
    };
    assert!(begin < end, "{BEGIN} after {END}");
    let block = format!("{BEGIN}\n{}{END}", keys_markdown());
    if std::env::var_os("UPDATE_README").is_some_and(|v| v == "1") {
        let updated = format!("{}{block}{}", &readme[..begin], &readme[end + END.len()..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let current = &readme[begin..end + END.len()];
    assert!(
        current == block,
        "README's keys differ from app::action's tables; run \
         `UPDATE_README=1 cargo test --test readme_keys` and review the diff.\n\
         README:\n{current}\n\ngenerated:\n{block}"
    );
}
