//! Aligned columns fitted to a width: optional columns drop in a fixed order until the
//! rest fits; the essential ones always stay (a narrow terminal then wraps, as `ls -l` does).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub align: Align,
    /// None: always shown. Some(n): dropped when the table is too wide, lowest n first.
    pub drop_rank: Option<u8>,
}

/// A cell's text and an optional SGR colour code ("31" is red) used only with colour on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub sgr: Option<&'static str>,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: super::clean(&text.into()),
            sgr: None,
        }
    }

    pub fn colored(text: impl Into<String>, sgr: Option<&'static str>) -> Cell {
        Cell {
            sgr,
            ..Cell::plain(text)
        }
    }
}

const GAP: usize = 2;

fn len(s: &str) -> usize {
    s.chars().count()
}

/// Which columns to show within `width`: indices into `cols`, in display order.
pub fn fit(cols: &[Column], widths: &[usize], width: Option<usize>) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..cols.len()).collect();
    let Some(limit) = width else {
        return shown;
    };
    let total = |shown: &[usize]| {
        shown.iter().map(|&i| widths[i]).sum::<usize>() + GAP * shown.len().saturating_sub(1)
    };
    while total(&shown) > limit {
        let next = shown
            .iter()
            .enumerate()
            .filter_map(|(pos, &i)| cols[i].drop_rank.map(|r| (r, pos)))
            .min();
        match next {
            Some((_, pos)) => {
                shown.remove(pos);
            }
            None => break,
        }
    }
    shown
}

/// The table as text: a header row, then one line per row; no trailing spaces.
pub fn render(cols: &[Column], rows: &[Vec<Cell>], width: Option<usize>, color: bool) -> String {
    let widths: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|cell| len(&cell.text))
                .max()
                .unwrap_or(0)
                .max(len(c.title))
        })
        .collect();
    let shown = fit(cols, &widths, width);
    let header: Vec<Cell> = cols.iter().map(|c| Cell::plain(c.title)).collect();
    let mut out = String::new();
    for (n, row) in std::iter::once(&header).chain(rows.iter()).enumerate() {
        let mut line = String::new();
        for (pos, &i) in shown.iter().enumerate() {
            let cell = row.get(i).cloned().unwrap_or_default();
            let pad = widths[i].saturating_sub(len(&cell.text));
            let last = pos + 1 == shown.len();
            if pos > 0 {
                line.push_str(&" ".repeat(GAP));
            }
            let text = match (color, cell.sgr, n) {
                (true, Some(sgr), n) if n > 0 => format!("\u{1b}[{sgr}m{}\u{1b}[0m", cell.text),
                (true, _, 0) => format!("\u{1b}[1m{}\u{1b}[0m", cell.text),
                _ => cell.text.clone(),
            };
            match cols[i].align {
                Align::Right => {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&text);
                }
                Align::Left => {
                    line.push_str(&text);
                    if !last {
                        line.push_str(&" ".repeat(pad));
                    }
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<Column> {
        vec![
            Column {
                title: "ID",
                align: Align::Left,
                drop_rank: None,
            },
            Column {
                title: "AMOUNT",
                align: Align::Right,
                drop_rank: None,
            },
            Column {
                title: "NOTE",
                align: Align::Left,
                drop_rank: Some(0),
            },
        ]
    }

    fn rows() -> Vec<Vec<Cell>> {
        vec![
            vec![Cell::plain("a"), Cell::plain("1.00"), Cell::plain("x")],
            vec![
                Cell::plain("bbb"),
                Cell::plain("1,000.00"),
                Cell::plain("longer note"),
            ],
        ]
    }

    #[test]
    fn aligns_and_right_aligns_amounts() {
        let t = render(&cols(), &rows(), None, false);
        assert_eq!(
            t,
            "ID     AMOUNT  NOTE\na        1.00  x\nbbb  1,000.00  longer note\n"
        );
    }

    #[test]
    fn drops_optional_columns_to_fit() {
        let t = render(&cols(), &rows(), Some(20), false);
        assert_eq!(t, "ID     AMOUNT\na        1.00\nbbb  1,000.00\n");
        assert!(t.lines().all(|l| l.chars().count() <= 20));
        // Essential columns stay even when nothing fits.
        assert_eq!(render(&cols(), &rows(), Some(3), false).lines().count(), 3);
    }

    #[test]
    fn colour_only_when_asked() {
        let mut r = rows();
        r[0][0].sgr = Some("31");
        assert!(!render(&cols(), &r, None, false).contains('\u{1b}'));
        let c = render(&cols(), &r, None, true);
        assert!(c.contains("\u{1b}[31ma\u{1b}[0m"));
        // Padding stays outside the escape codes, so columns still line up.
        assert!(c.lines().nth(1).unwrap().contains("\u{1b}[0m  "));
    }
}
