import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alignedRows } from '../../src/report/table.js';

test('pads every column but the last to its widest cell, two spaces apart', () => {
  assert.equal(
    alignedRows([
      ['a', 'bb', 'x'],
      ['ccc', 'd', 'yyyy']
    ]),
    ['  a    bb  x', '  ccc  d   yyyy']
  );
});

test('a column pads to 60 at most: one long cell overflows its own row only', () => {
  const long = 'p'.repeat(70);
  const [first, second] = alignedRows([
    [long, 'r'],
    ['q', 'r']
  ]);
  assert.is(first, `  ${long}  r`);
  assert.is(second, `  ${'q'.padEnd(60)}  r`);
});

test('paint sees the padded cell with its row and column', () => {
  const seen: string[] = [];
  const lines = alignedRows(
    [
      ['a', 'b'],
      ['cc', 'd']
    ],
    (cell, row, column) => {
      seen.push(`${row}${column}:${cell}`);
      return column === 0 ? `[${cell}]` : cell;
    }
  );
  assert.equal(lines, ['  [a ]  b', '  [cc]  d']);
  assert.equal(seen, ['00:a ', '01:b', '10:cc', '11:d']);
});

test('no rows, no lines', () => {
  assert.equal(alignedRows([]), []);
});

test.run();
