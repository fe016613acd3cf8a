//! Where things go on screen, as plain rectangles: `update` needs the table's height to page
//! and scroll, `ui` needs the rectangles to draw — one function serves both.

/// A rectangle in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub status: Area,
    /// The one-line summary under the status line: every group's count, the next
    /// deadline, the last day's failures.
    pub summary: Area,
    pub table: Area,
    pub detail: Area,
    pub hints: Area,
    /// Detail beside the table (wide) or below it (narrow).
    pub side_by_side: bool,
    pub too_small: bool,
}

/// Below this the dashboard shows a message instead of a broken board.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width the detail pane sits beside the table.
pub const SIDE_BY_SIDE_WIDTH: u16 = 140;

pub fn layout(width: u16, height: u16) -> Layout {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Layout {
            too_small: true,
            ..Layout::default()
        };
    }
    let status = Area {
        x: 0,
        y: 0,
        width,
        height: 1,
    };
    let summary = Area {
        x: 0,
        y: 1,
        width,
        height: 1,
    };
    let hints = Area {
        x: 0,
        y: height - 1,
        width,
        height: 1,
    };
    let body_h = height - 3;
    if width >= SIDE_BY_SIDE_WIDTH {
        let detail_w = (width * 2 / 5).clamp(50, 80);
        Layout {
            status,
            summary,
            table: Area {
                x: 0,
                y: 2,
                width: width - detail_w,
                height: body_h,
            },
            detail: Area {
                x: width - detail_w,
                y: 2,
                width: detail_w,
                height: body_h,
            },
            hints,
            side_by_side: true,
            too_small: false,
        }
    } else {
        let detail_h = (body_h * 2 / 5).clamp(7, 14).min(body_h.saturating_sub(6));
        let table_h = body_h - detail_h;
        Layout {
            status,
            summary,
            table: Area {
                x: 0,
                y: 2,
                width,
                height: table_h,
            },
            detail: Area {
                x: 0,
                y: 2 + table_h,
                width,
                height: detail_h,
            },
            hints,
            side_by_side: false,
            too_small: false,
        }
    }
}

/// Width of a centred dialog on a `width`-cell screen.
pub fn popup_width(width: u16) -> u16 {
    width.saturating_sub(4).min(78)
}

/// Label column of the dialogs.
pub const DIALOG_LABEL: usize = 12;
/// Rows of the confirm dialog besides the deposit address: the warning, the blank lines, the
/// payout, amount, network, wallet, token, external id and time-left rows, the arm prompt and
/// its status line, the border — plus two for lines that wrap at a word.
const CONFIRM_FIXED_ROWS: usize = 17;
/// Narrowest dialog interior that keeps the arm prompt and a token contract on one row each.
const CONFIRM_MIN_INNER: usize = 64;

/// Rows a line `cells` wide takes in an `inner`-cell dialog: wrapping at words may take one
/// more than the plain division.
fn rows_for(cells: usize, inner: usize) -> usize {
    cells.max(1).div_ceil(inner.max(1)) + usize::from(cells > inner)
}

/// Rows the dialog needs on an `inner`-cell interior: the confirm dialog's, plus `extra`
/// lines (their widths in cells).
fn rows_needed(address_chars: usize, extra: &[usize], inner: usize) -> usize {
    // Grouped in fours: one space per group.
    let addr_cells = DIALOG_LABEL + address_chars + address_chars / 4 + 1;
    CONFIRM_FIXED_ROWS
        + addr_cells.div_ceil(inner)
        + extra.iter().map(|w| rows_for(*w, inner)).sum::<usize>()
}

/// (width, height) the confirm dialog needs to show the whole `address` and the arm prompt.
pub fn confirm_needs(address_chars: usize) -> (u16, u16) {
    dialog_needs(address_chars, &[])
}

/// (width, height) a money dialog needs: the confirm dialog's rows plus `extra` lines (the
/// approve dialog's approval, reasons, quorums and expiry; their widths in cells).
pub fn dialog_needs(address_chars: usize, extra: &[usize]) -> (u16, u16) {
    let inner = CONFIRM_MIN_INNER;
    (
        u16::try_from(inner + 2 + 4).unwrap_or(u16::MAX),
        u16::try_from(rows_needed(address_chars, extra, inner)).unwrap_or(u16::MAX),
    )
}

/// Can a `width`×`height` screen show the confirm dialog whole — every line, the full
/// deposit address (`address_chars` long) and the arm prompt? When it cannot, the dialog
/// says so and Enter sends nothing: money never goes out on a transfer the operator could
/// not see.
pub fn confirm_fits(width: u16, height: u16, address_chars: usize) -> bool {
    dialog_fits(width, height, address_chars, &[])
}

/// [`confirm_fits`] for a dialog with `extra` lines besides the transfer (the approve
/// dialog): the same rule, so an approval is never armed on a screen that cut it.
pub fn dialog_fits(width: u16, height: u16, address_chars: usize, extra: &[usize]) -> bool {
    let inner = usize::from(popup_width(width).saturating_sub(2));
    if inner < CONFIRM_MIN_INNER {
        return false;
    }
    usize::from(height) >= rows_needed(address_chars, extra, inner)
}

impl Layout {
    /// Rows of payouts the table shows: its height less the border (2) and the column header.
    pub fn table_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3)).max(1)
    }

    /// The full-screen detail (`z`): the detail pane over the whole body, between the
    /// summary and the hint line; the table is not drawn. Paging the board still follows
    /// the table of the plain layout, so the selection does not jump on the way back.
    pub fn detail_zoomed(self) -> Layout {
        if self.too_small {
            return self;
        }
        let top = self.summary.y + self.summary.height;
        Layout {
            table: Area {
                x: 0,
                y: top,
                width: 0,
                height: 0,
            },
            detail: Area {
                x: 0,
                y: top,
                width: self.status.width,
                height: self.hints.y.saturating_sub(top),
            },
            side_by_side: false,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zoomed_detail_fills_the_body_at_every_size() {
        for (w, h) in [(80, 24), (120, 40), (200, 50), (60, 15)] {
            let plain = layout(w, h);
            let l = plain.detail_zoomed();
            assert_eq!((l.table.width, l.table.height), (0, 0), "{w}x{h}");
            assert_eq!((l.detail.x, l.detail.y, l.detail.width), (0, 2, w));
            assert_eq!(
                l.status.height + l.summary.height + l.detail.height + l.hints.height,
                h
            );
            assert_eq!(
                (l.status, l.summary, l.hints),
                (plain.status, plain.summary, plain.hints)
            );
        }
        // 80×24: 21 rows of detail where the stacked pane has 8 (six inside its border).
        assert_eq!(layout(80, 24).detail.height, 8);
        assert_eq!(layout(80, 24).detail_zoomed().detail.height, 21);
        assert!(layout(40, 10).detail_zoomed().too_small);
    }

    #[test]
    fn areas_tile_the_screen() {
        for (w, h) in [(80, 24), (120, 40), (200, 50), (60, 15)] {
            let l = layout(w, h);
            assert!(!l.too_small);
            let rows = l.status.height
                + l.summary.height
                + l.hints.height
                + if l.side_by_side {
                    l.table.height
                } else {
                    l.table.height + l.detail.height
                };
            assert_eq!(rows, h, "{w}x{h}");
            let least = if (w, h) == (MIN_WIDTH, MIN_HEIGHT) {
                3
            } else {
                5
            };
            assert!(l.table_rows() >= least, "{w}x{h}: {}", l.table_rows());
        }
        assert!(layout(200, 50).side_by_side);
        assert!(!layout(80, 24).side_by_side);
        assert!(layout(59, 24).too_small && layout(80, 14).too_small);
    }

    #[test]
    fn the_confirm_dialog_fits_an_ordinary_terminal_and_refuses_a_tiny_one() {
        assert!(confirm_fits(80, 24, 42));
        assert!(confirm_fits(80, 24, 44));
        assert!(
            !confirm_fits(60, 24, 42),
            "too narrow for the prompt on one row"
        );
        assert!(!confirm_fits(80, 15, 42), "too short");
        assert!(!confirm_fits(80, 24, 3000));
        let (w, h) = confirm_needs(42);
        assert!(confirm_fits(w, h, 42) && !confirm_fits(w, h - 1, 42));
    }

    #[test]
    fn extra_lines_need_rows_and_long_ones_more() {
        let extra = [40, 40, 200];
        let (w, h) = dialog_needs(42, &extra);
        assert!(dialog_fits(w, h, 42, &extra) && !dialog_fits(w, h - 1, 42, &extra));
        assert_eq!(h, confirm_needs(42).1 + 1 + 1 + 5);
        assert!(dialog_fits(80, 40, 42, &extra));
        assert!(dialog_fits(80, 24, 42, &extra) && !dialog_fits(80, 23, 42, &extra));
        assert_eq!(dialog_needs(42, &[]), confirm_needs(42));
    }
}
