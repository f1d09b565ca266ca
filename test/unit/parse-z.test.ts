/** The parsers of git's -z output (src/parse-z.ts) on hand-written records: no git, no build. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchParser,
  LogRawParser,
  parseLsFiles,
  parseLsTree,
  parseRawDiff,
  type BatchObject,
  type LogCommit,
  type RawEntry
} from '../../src/parse-z.js';

const ZERO = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

test('parseRawDiff: added and modified entries, paths taken verbatim (spaces, newline, unicode)', () => {
  const out =
    `:000000 100644 ${ZERO} ${A} A\x00new file.py\x00:100644 100755 ${A} ${B} ` +
    `M\x00dir/line\nbreak é.py\x00`;
  assert.equal(parseRawDiff(out), [
    { status: 'A', oldMode: '000000', newMode: '100644', oldOid: ZERO, newOid: A, path: 'new file.py' },
    { status: 'M', oldMode: '100644', newMode: '100755', oldOid: A, newOid: B, path: 'dir/line\nbreak é.py' }
  ]);
});

test('parseRawDiff: a rename or copy carries two paths, the entry is the destination', () => {
  const out =
    `:100644 100644 ${A} ${B} R086\x00old.py\x00new.py\x00:100644 100644 ${A} ${A} ` +
    `C100\x00a.py\x00b.py\x00`;
  assert.equal(
    parseRawDiff(out).map((entry) => [entry.status, entry.path]),
    [
      ['R', 'new.py'],
      ['C', 'b.py']
    ]
  );
});

test('parseRawDiff: empty output, no entries', () => {
  assert.equal(parseRawDiff(''), []);
});

test('parseLsFiles: mode, id, stage and the path after the tab (which may hold a tab itself)', () => {
  const out = `100644 ${A} 0\tsettings.py\x00160000 ${B} 0\tvendor/lib\x00100644 ${C} 2\tmerge\tme.py\x00`;
  assert.equal(parseLsFiles(out), [
    { mode: '100644', oid: A, stage: 0, path: 'settings.py' },
    { mode: '160000', oid: B, stage: 0, path: 'vendor/lib' },
    { mode: '100644', oid: C, stage: 2, path: 'merge\tme.py' }
  ]);
});

test('parseLsTree: mode, type, id and path', () => {
  const out = `100644 blob ${A}\ta b.py\x00040000 tree ${B}\tdir\x00`;
  assert.equal(parseLsTree(out), [
    { mode: '100644', type: 'blob', oid: A, path: 'a b.py' },
    { mode: '040000', type: 'tree', oid: B, path: 'dir' }
  ]);
});

/** cat-file --batch output for these objects: `[oid, contents]`, or `[oid, null]` for missing. */
function batchOutput(objects: Array<[string, string | null]>): Buffer {
  return Buffer.concat(
    objects.map(([oid, data]) =>
      data === null
        ? Buffer.from(`${oid} missing\n`)
        : Buffer.concat([
            Buffer.from(`${oid} blob ${Buffer.byteLength(data)}\n`),
            Buffer.from(data),
            Buffer.from('\n')
          ])
    )
  );
}

function parseBatch(bytes: Buffer, maxSize: number, chunk: number): BatchObject[] {
  const objects: BatchObject[] = [];
  const parser = new BatchParser(maxSize, (object) => objects.push(object));
  for (let at = 0; at < bytes.length; at += chunk) parser.push(bytes.subarray(at, at + chunk));
  return objects;
}

test('BatchParser: objects in order, whatever the chunk size (a newline in the contents included)', () => {
  const bytes = batchOutput([
    [A, 'SECRET = 1\nline two\n'],
    [B, ''],
    [C, null]
  ]);
  for (const chunk of [1, 2, 3, 7, bytes.length]) {
    const objects = parseBatch(bytes, 1 << 20, chunk);
    assert.equal(
      objects.map((o) => [o.oid, o.type, o.size, o.data?.toString('utf8') ?? null]),
      [
        [A, 'blob', 20, 'SECRET = 1\nline two\n'],
        [B, 'blob', 0, ''],
        [C, 'missing', 0, null]
      ],
      `chunk ${chunk}`
    );
  }
});

test('BatchParser: an object over the cap is counted with its size, its bytes dropped', () => {
  const objects = parseBatch(
    batchOutput([
      [A, 'x'.repeat(100)],
      [B, 'small']
    ]),
    10,
    16
  );
  assert.equal(
    objects.map((o) => [o.oid, o.size, o.data?.toString('utf8') ?? null]),
    [
      [A, 100, null],
      [B, 5, 'small']
    ]
  );
});

function parseLog(bytes: Buffer, chunk: number): Array<LogCommit | RawEntry> {
  const seen: Array<LogCommit | RawEntry> = [];
  const parser = new LogRawParser(
    (commit) => seen.push(commit),
    (entry) => seen.push(entry)
  );
  for (let at = 0; at < bytes.length; at += chunk) parser.push(bytes.subarray(at, at + chunk));
  return seen;
}

test('LogRawParser: commits and their entries in order, at every chunk boundary (multi-byte path)', () => {
  const log = Buffer.from(
    `\x01${A} 2024-01-02T03:04:05+00:00\x00\n:000000 100644 ${ZERO} ${B} A\x00é/settings.py\x00` +
      `\x01${C} 2024-01-03T00:00:00+00:00\x00`
  );
  const expected = [
    { oid: A, date: '2024-01-02T03:04:05+00:00' },
    { status: 'A', oldMode: '000000', newMode: '100644', oldOid: ZERO, newOid: B, path: 'é/settings.py' },
    { oid: C, date: '2024-01-03T00:00:00+00:00' }
  ];
  for (const chunk of [1, 2, 5, log.length]) assert.equal(parseLog(log, chunk), expected, `chunk ${chunk}`);
});

test('LogRawParser: a path that starts with a newline is kept verbatim', () => {
  const log = Buffer.from(
    `\x01${A} 2024-01-02T03:04:05+00:00\x00\n:000000 100644 ${ZERO} ${B} A\x00\nodd.py\x00`
  );
  const entry = parseLog(log, log.length)[1] as RawEntry;
  assert.is(entry.path, '\nodd.py');
});

test("LogRawParser: a merge's combined record: first parent as old, all-zero result as a deletion", () => {
  const log = Buffer.from(
    `\x01${A} 2024-01-02T03:04:05+00:00\x00\n` +
      `::100644 100644 100644 ${A} ${B} ${C} MM\x00kept.py\x00` +
      `::100644 100644 000000 ${A} ${B} ${ZERO} DD\x00gone.py\x00`
  );
  const [, kept, gone] = parseLog(log, 3) as [LogCommit, RawEntry, RawEntry];
  assert.equal(kept, {
    status: 'M',
    oldMode: '100644',
    newMode: '100644',
    oldOid: A,
    newOid: C,
    path: 'kept.py'
  });
  assert.equal(
    [gone.status, gone.oldOid, gone.newOid, gone.newMode, gone.path],
    ['D', A, ZERO, '000000', 'gone.py']
  );
});

test.run();
