/**
 * The one aligned-table renderer behind scan's rows, history's rows and the push rejection: each
 * column padded to its widest cell (at most COLUMN_CAP, so one long path does not push every row
 * off screen), the last column left ragged, two spaces of indent and between columns.
 */

/** Widest padding a column gets; a longer cell overflows its own row only. */
const COLUMN_CAP = 60;

/** Colours a cell (already padded) by its row and column; identity when colour is off. */
export type Paint = (cell: string, row: number, column: number) => string;

/** One text line per row. Cells are plain text: paint adds colour after the widths are measured. */
export function alignedRows(rows: readonly (readonly string[])[], paint?: Paint): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.min(COLUMN_CAP, Math.max(...rows.map((row) => row[column]!.length)))
  );
  return rows.map((row, index) => {
    const cells = row.map((cell, column) => {
      const padded = column === row.length - 1 ? cell : cell.padEnd(widths[column]!);
      return paint ? paint(padded, index, column) : padded;
    });
    return `  ${cells.join('  ')}`;
  });
}
