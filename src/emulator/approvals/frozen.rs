//! A settled approval (Approved, Denied or Expired: it never changes again) kept as its JSON
//! text, under half the size of the `Approval` with its embedded transfer, with its id, status
//! and initiator beside it so the list filters skip it without reading it back.

use crate::dfns::model::{Approval, ApprovalStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct FrozenApproval {
    json: Box<str>,
    pub id: Box<str>,
    pub status: ApprovalStatus,
    pub initiator_id: Box<str>,
}

impl FrozenApproval {
    /// None only if it cannot be written (it then stays whole).
    pub fn freeze(a: &Approval) -> Option<FrozenApproval> {
        let json = serde_json::to_string(a).ok()?;
        debug_assert_eq!(
            Self::read(&json).and_then(|b| serde_json::to_string(&b).ok()),
            Some(json.clone()),
            "a frozen approval reads back as the JSON it was frozen to"
        );
        Some(FrozenApproval {
            json: json.into_boxed_str(),
            id: a.id.as_str().into(),
            status: a.status.clone(),
            initiator_id: a.initiator_id.as_str().into(),
        })
    }

    /// The approval as it was frozen.
    pub fn thaw(&self) -> Option<Approval> {
        Self::read(&self.json)
    }

    fn read(json: &str) -> Option<Approval> {
        serde_json::from_str(json).ok()
    }
}
