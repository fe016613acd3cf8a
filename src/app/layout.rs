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
    let hints = Area {
        x: 0,
        y: height - 1,
        width,
        height: 1,
    };
    let body_h = height - 2;
    if width >= SIDE_BY_SIDE_WIDTH {
        let detail_w = (width * 2 / 5).clamp(50, 80);
        Layout {
            status,
            table: Area {
                x: 0,
                y: 1,
                width: width - detail_w,
                height: body_h,
            },
            detail: Area {
                x: width - detail_w,
                y: 1,
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
            table: Area {
                x: 0,
                y: 1,
                width,
                height: table_h,
            },
            detail: Area {
                x: 0,
                y: 1 + table_h,
                width,
                height: detail_h,
            },
            hints,
            side_by_side: false,
            too_small: false,
        }
    }
}

impl Layout {
    /// Rows of payouts the table shows: its height less the border (2) and the column header.
    pub fn table_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_tile_the_screen() {
        for (w, h) in [(80, 24), (120, 40), (200, 50), (60, 15)] {
            let l = layout(w, h);
            assert!(!l.too_small);
            let rows = l.status.height
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
}
