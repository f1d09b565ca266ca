/**
 * Decoding blobs (DESIGN §4 step 6): UTF-16 either order with or without BOM, UTF-32, and binary stays
 * binary.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { decode } from '../../src/decode.js';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { sampleKey } from '../helpers/keys.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const KEY = sampleKey(31);
const TEXT = `# settings written by a Windows tool\r\nDEBUG=0\r\nSECRET_KEY=${KEY}\r\nNAME=café\r\n`;

function utf32(text: string, little: boolean): Buffer {
  const points = [...text].map((ch) => ch.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((point, i) => {
    if (little) out.writeUInt32LE(point, i * 4);
    else out.writeUInt32BE(point, i * 4);
  });
  return out;
}
const le16 = (text: string) => Buffer.from(text, 'utf16le');
const be16 = (text: string) => Buffer.from(text, 'utf16le').swap16();

const ENCODINGS: Array<[string, (text: string) => Buffer]> = [
  ['utf-16le with BOM', (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), le16(text)])],
  ['utf-16be with BOM', (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), be16(text)])],
  ['utf-16le without BOM', le16],
  ['utf-16be without BOM', be16],
  ['utf-32le with BOM', (text) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text, true)])],
  ['utf-32be with BOM', (text) => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(text, false)])],
  ['utf-32le without BOM', (text) => utf32(text, true)],
  ['utf-32be without BOM', (text) => utf32(text, false)]
];

const decoding = suite('decode');

for (const [name, encode] of ENCODINGS) {
  decoding(`${name}: decoded and judged`, () => {
    const decoded = decode(encode(TEXT));
    assert.ok('text' in decoded, `${name} read as binary`);
    assert.is(decoded.text, TEXT);
    const hits = secretKeyRule.detect(decoded.text, '.env.production', options);
    assert.is(hits.length, 1);
  });
}

decoding('ASCII-dominant text round-trips through every wide encoding (property)', () => {
  const line = fc.string({
    unit: fc.constantFrom(...'abcXYZ019 =_-#:\'"\n\té'),
    minLength: 8,
    maxLength: 200
  });
  fc.assert(
    fc.property(line, (text) => {
      for (const [name, encode] of ENCODINGS) {
        const decoded = decode(encode(text));
        assert.ok('text' in decoded && decoded.text === text, `${name}: ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: 100 }
  );
});

decoding('binary stays binary: images, archives, random bytes with NULs', () => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52
  ]);
  const zeros = Buffer.alloc(64);
  const sparse = Buffer.from(Array.from({ length: 256 }, (_, i) => (i % 2 ? 0 : i % 32)));
  for (const bytes of [png, zeros, sparse]) assert.ok('binary' in decode(bytes), bytes.toString('hex', 0, 8));
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 300 }), (bytes) => {
      const decoded = decode(Uint8Array.from([...bytes, 0, 1, 2, 0]));
      if ('text' in decoded) assert.not.match(decoded.text, /[\u0000-\u0008]/);
    }),
    { numRuns: 200 }
  );
});

decoding.run();
