//! The cursor stays where the work is: after a confirm, cancel, approve or deny went
//! through, the payout acted on leaves its group once it is re-read. The selection then goes
//! to the payout now at the same position in the group it left — the next one in the queue —
//! instead of following the payout out of it (working the queue top to bottom is then one
//! key per payout, not three).

use super::AppState;
use crate::app::board::{Board, Group, Row};

/// Where a payout was on the board before a rebuild: its group, its position among the
/// group's rows and its board row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    group: Group,
    position: usize,
    row: usize,
}

/// Where payout `index` is on `board`, if it is listed.
pub(super) fn of(board: &Board, index: usize) -> Option<Place> {
    let mut group = None;
    let mut position = 0;
    for (row, r) in board.rows.iter().enumerate() {
        match r {
            Row::Header { group: g, .. } => {
                group = Some(*g);
                position = 0;
            }
            Row::Item(i) if *i == index => {
                return group.map(|group| Place {
                    group,
                    position,
                    row,
                });
            }
            Row::Item(_) => position += 1,
        }
    }
    None
}

/// The payout at `position` in `group` on `board`, else the group's last; None when the
/// group lists none.
fn at(board: &Board, group: Group, position: usize) -> Option<usize> {
    let mut in_group = false;
    let mut found = None;
    let mut n = 0;
    for r in &board.rows {
        match r {
            Row::Header { group: g, .. } => {
                if in_group {
                    break;
                }
                in_group = *g == group;
            }
            Row::Item(i) if in_group => {
                found = Some(*i);
                if n == position {
                    break;
                }
                n += 1;
            }
            Row::Item(_) => {}
        }
    }
    found
}

impl AppState {
    /// After a rebuild: if the payout `keep_place` names was at `before` and has left that
    /// group, select what is now at its position there (or, when the group is empty, the
    /// first payout from its old row on) and forget it; while it stays, keep waiting.
    pub(super) fn stay_in_place(&mut self, index: usize, before: Place) {
        if of(&self.board, index).is_some_and(|now| now.group == before.group) {
            return;
        }
        self.keep_place = None;
        let next = at(&self.board, before.group, before.position).or_else(|| {
            self.board
                .item_rows()
                .find(|(row, _)| *row >= before.row)
                .map(|(_, i)| i)
        });
        if let Some(i) = next
            && self.selected != Some(i)
        {
            self.selected = Some(i);
            self.detail_scroll = 0;
        }
    }
}
