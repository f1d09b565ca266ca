#!/usr/bin/env node
// Lines stay within 110 characters (Biome's line width; Biome cannot break strings, regexes and
// comments, so this check keeps them there). Run by `npm run lint`; exit 1 names each long line.
// Left alone: test fixtures and the corpus (real files, kept byte for byte), a line holding an
// unbreakable URL, and a line holding an allow pragma (the pragma must sit on its value's line).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 110;
const CODE = /\.(?:[cm]?js|[cm]?ts)$/;
const KEPT_AS_IS = /^test\/(?:fixtures|unit\/corpus)\//;
const EXEMPT_LINE = /https?:\/\/\S{30,}|djkey-guard: allow/;

const root = new URL('..', import.meta.url).pathname;
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((path) => CODE.test(path) && !KEPT_AS_IS.test(path));
const long = [];
for (const path of files) {
  let text;
  try {
    text = readFileSync(root + path, 'utf8');
  } catch {
    continue; // deleted in the work tree, not yet in the index
  }
  text.split('\n').forEach((line, index) => {
    const length = [...line].length;
    if (length > LIMIT && !EXEMPT_LINE.test(line)) long.push(`${path}:${index + 1}: ${length} characters`);
  });
}
if (long.length) {
  console.error(`${long.length} line(s) over ${LIMIT} characters (split strings with +, rewrap comments):`);
  for (const line of long) console.error(`  ${line}`);
  process.exit(1);
}
