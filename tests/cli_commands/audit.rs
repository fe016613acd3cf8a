//! The audit file under concurrent writers.

use payouts_tui::app::effect::{AuditEvent, AuditPhase};
use payouts_tui::audit::AuditLog;

#[test]
fn two_writers_at_once_never_interleave_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state/audit.jsonl");
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let log = AuditLog::new(path.clone(), who, "api.example", Some("us-1"));
            std::thread::spawn(move || {
                for i in 0..200 {
                    // Long lines (~8 KB), so a torn write would show.
                    let event = AuditEvent {
                        action: "confirm",
                        phase: AuditPhase::Attempt,
                        payout_id: format!("pyt-{who}-{i}"),
                        external_id: None,
                        echo: None,
                        http_status: None,
                        message: Some(who.repeat(8000)),
                    };
                    log.record(&event).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("torn line ({e})")))
        .collect();
    assert_eq!(lines.len(), 400);
    for who in ["a", "b"] {
        let mine: Vec<_> = lines.iter().filter(|l| l["profile"] == who).collect();
        assert_eq!(mine.len(), 200);
        assert!(mine.iter().all(|l| l["message"] == who.repeat(8000)));
    }
}
