/**
 * Any text file: `django-insecure-` tokens anywhere, and `NAME <sep> value` where the value is
 * quoted or looks like a key (so prose and code references don't trip it). Also the fallback in
 * `process.env.SECRET_KEY || '...'` style code.
 */
import type { Candidate, Samples } from '../../types.js';
import type { FormatReader } from './registry.js';
import { extractShell } from '../bind/shell-value.js';
import { INSECURE_PREFIX } from '../../placeholder.js';
import { isName, nameKind, nameRegex } from '../bind/names.js';
import { lineRest, looksKeyLike, readBare, readQuoted, skipBlanks } from '../bind/values.js';

// The run after the prefix uses Django's key alphabet; 20+ characters so prose like
// "keys start with django-insecure-" or a short made-up example is not mistaken for a key.
// Bounded above: an unbounded run over a 10 MB line overflows the regex engine's stack.
const INSECURE_TOKEN = /django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{20,256}/gi;

/** `django-insecure-...` tokens, wherever they are. */
export function extractInsecureTokens(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(INSECURE_TOKEN)) {
    found.push({ name: INSECURE_PREFIX, value: match[0], offset: match.index!, form: 'token' });
  }
  return found;
}

const SEPARATOR = /^(?:=>|:=|\?=|=(?!=\s|=$)|:(?!:))/; // `==` only as a comparison (`==` + blank); `NAME==x` is a key starting with `=`
const BARE_STOP = /[\s,;'"`<>\]}\\]/;
// `NAME || 'x'`, `NAME) ?? "x"`, `NAME'] or 'x'`: the operator must follow the name (and its closing
// quote/bracket) directly, or any `||` later on the line would be taken for a fallback.
const OR_FALLBACK = /^['"`]?[)\]]*[ \t]*(?:\|\||\?\?|\bor\b)[ \t]*(?=['"])/;

/** A value quoted with HTML entities, as rendered docs show code: `&quot;…&quot;`, `&#39;…&#39;`. */
function readEntityQuoted(text: string, pos: number): { value: string; offset: number; end: number } | null {
  const open = /^&(?:quot|#39|#x27|#34);/.exec(text.slice(pos, pos + 6));
  if (!open) return null;
  const start = pos + open[0].length;
  const close = text.indexOf(open[0], start);
  const lineEnd = text.indexOf('\n', start);
  if (close < 0 || (lineEnd >= 0 && close > lineEnd)) return null;
  return { value: text.slice(start, close), offset: start, end: close + open[0].length };
}

/** `NAME: value`, `NAME = "value"`, `"NAME" => 'value'`, `process.env.NAME || 'value'`. */
export function extractLoose(text: string, names: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  const regex = nameRegex(names);
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const start = match.index;
    const before = text[start - 1] ?? '';
    if (before === '$' || before === '{' || before === '%') continue;
    // `webhook.secret_key = '…'`: a generic spelling as another object's attribute is that object's.
    const kind = nameKind(match[0], names);
    if (!kind || (kind === 'generic' && before === '.')) continue;
    let pos = start + match[0].length;
    const quotedName = `"'\``.includes(text[pos] ?? '') && text[pos] === before;
    const fallback = OR_FALLBACK.exec(lineRest(text, pos));
    // A quoted name is a lookup only when it closes a call or subscript (`env['SECRET_KEY'] ||`);
    // followed by a comma it is data (`rule: 'secret-key', ... ?? 'error'`), not a binding.
    if (fallback && (!quotedName || /[)\]]/.test(text[pos + 1] ?? ''))) {
      const quoted = readQuoted(text, pos + fallback[0].length);
      if (quoted)
        found.push({ name: match[0], value: quoted.value, offset: quoted.offset, form: 'fallback' });
      continue;
    }
    if (quotedName) pos++;
    pos = skipBlanks(text, pos);
    const separator = SEPARATOR.exec(text.slice(pos, pos + 3));
    if (!separator) continue;
    pos = skipBlanks(text, pos + separator[0].length);
    const quoted =
      readQuoted(text, pos) ?? (text[pos] === '`' ? readBacktick(text, pos) : readEntityQuoted(text, pos));
    if (quoted) {
      found.push({ name: match[0], value: quoted.value, offset: quoted.offset, form: 'assign' });
      // A name inside a value is part of the value; resuming after it keeps long runs linear.
      regex.lastIndex = Math.max(regex.lastIndex, quoted.end);
      continue;
    }
    const bare = readBare(text, pos, BARE_STOP);
    regex.lastIndex = Math.max(regex.lastIndex, bare.end);
    if (looksKeyLike(bare.value)) {
      found.push({ name: match[0], value: bare.value, offset: bare.offset, form: 'assign' });
      continue;
    }
    // `SECRET_KEY = process.env.SECRET_KEY ?? '<lit>'`: code, then a literal fallback.
    const orElse = OR_FALLBACK.exec(lineRest(text, bare.end));
    const literal = orElse ? readQuoted(text, bare.end + orElse[0].length) : null;
    if (literal)
      found.push({ name: match[0], value: literal.value, offset: literal.offset, form: 'fallback' });
  }
  return [...found, ...xmlPairs(text, names), ...xmlElements(text, names)];
}

/** Element text up to the next tag, on at most a few lines (a value, not a document). */
const ELEMENT_TEXT = /^([^<]{1,512})</;

/**
 * Name and value as XML elements rather than attributes: `<SECRET_KEY>…</SECRET_KEY>`,
 * `<setting name="SECRET_KEY">…</setting>`, and a `<Name>SECRET_KEY</Name>` element followed by
 * its `<Value>…</Value>` sibling (any field names ending in "value").
 */
function xmlElements(text: string, names: readonly string[]): Candidate[] {
  if (!text.includes('</')) return [];
  const found: Candidate[] = [];
  const regex = nameRegex(names);
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isName(match[0], names)) continue;
    let valueAt = -1;
    if (text[start - 1] === '<' && text[end] === '>')
      valueAt = end + 1; // <SECRET_KEY>value</SECRET_KEY>
    else if (/\b(?:name|key|id|variable)\s*=\s*["']$/i.test(text.slice(Math.max(0, start - 24), start))) {
      const close = /^["'][^<>]{0,200}?(\/?)>/.exec(text.slice(end, end + 220)); // <setting name="SECRET_KEY">value</setting>
      if (close && close[1] === '') valueAt = end + close[0].length;
    } else if (text[start - 1] === '>' && text[end] === '<') {
      const sibling = /^<\/[\w:.-]+>\s{0,80}<([\w:.-]*[Vv]alue)>/.exec(text.slice(end, end + 200)); // <Name>X</Name><Value>v</Value>
      if (sibling) valueAt = end + sibling[0].length;
    }
    if (valueAt < 0) continue;
    const element = ELEMENT_TEXT.exec(text.slice(valueAt, valueAt + 520));
    const raw = element?.[1] ?? '';
    const value = raw.trim();
    if (value === '' || text.slice(valueAt + raw.length, valueAt + raw.length + 2) !== '</') continue;
    found.push({ name: match[0], value, offset: valueAt + raw.indexOf(value), form: 'assign' });
  }
  return found;
}

// `<add key="SECRET_KEY" value="…"/>` (web.config, .NET/Java-style XML and HTML data): the name
// and the value are sibling attributes of one element.
const XML_PAIR = /\b(?:key|name)\s*=\s*(["'])([A-Za-z_][\w-]*)\1[^<>\n]{0,200}?\bvalue\s*=\s*(?=["'])/gi;

function xmlPairs(text: string, names: readonly string[]): Candidate[] {
  if (!/\bvalue\s*=/i.test(text)) return [];
  const found: Candidate[] = [];
  for (const match of text.matchAll(XML_PAIR)) {
    if (!names.includes(match[2]!.toUpperCase().replace(/-/g, '_'))) continue;
    const quoted = readQuoted(text, match.index! + match[0].length);
    if (quoted) found.push({ name: match[2]!, value: quoted.value, offset: quoted.offset, form: 'assign' });
  }
  return found;
}

function readBacktick(text: string, pos: number) {
  const end = text.indexOf('`', pos + 1);
  const newline = text.indexOf('\n', pos);
  if (end < 0 || (newline >= 0 && newline < end)) return null;
  return { value: text.slice(pos + 1, end), offset: pos + 1, end: end + 1, quoted: true };
}

const samples: Samples = {
  hit: [
    ['docs/_build/html/deploy.html', '<pre>SECRET_KEY = &quot;{{KEY}}&quot;</pre>\n'],
    [
      'deploy/app.xml',
      '<Variables>\n  <Variable>\n    <Name>DJANGO_SECRET_KEY</Name>\n    <Value>{{KEY}}</Value>\n  </Variable>\n</Variables>\n'
    ],
    ['deploy/settings.xml', '<settings>\n  <setting name="SECRET_KEY">{{KEY}}</setting>\n</settings>\n'],
    ['deploy/env.xml', '<env>\n  <SECRET_KEY>{{KEY}}</SECRET_KEY>\n</env>\n'],
    ['notes.txt', 'old key: {{INSECURE}}'],
    ['app.js', "const secret = process.env.SECRET_KEY || '{{KEY}}';"]
  ],
  miss: [
    // A generic secret_key beside another product's credentials is that product's (s3cmd, a storage section).
    // Generic spellings outside the app's configuration: another language's client code, a UI catalogue.
    ['frontend/src/jwt.ts', "const secretKey = '{{KEY}}';\nexport default { secretKey };\n"],
    [
      'frontend/src/locales/fr.json',
      '{"settings": {"secretKey": "Clé secrète", "secret_key": "Secret key copied to clipboard"}}\n'
    ],
    ['.s3cfg', '[default]\naccess_key = minio\nhost_base = s3.example.com\nsecret_key = {{KEY}}\n'],
    ['docs/_build/html/deploy.html', '<pre>SECRET_KEY = &quot;&lt;your secret key&gt;&quot;</pre>\n'],
    [
      'docs/_build/html/settings.html',
      '<p>Set <code>SECRET_KEY</code> in the environment.</p>\n<table><tr><td><code>SECRET_KEY</code></td><td>required</td></tr></table>\n'
    ],
    [
      'deploy/env.xml',
      '<env>\n  <SECRET_KEY>${SECRET_KEY}</SECRET_KEY>\n  <setting name="SECRET_KEY"/>\n</env>\n'
    ],
    ['notes.txt', 'Keys made by startproject begin with django-insecure- and must be replaced.'],
    ['notes.txt', 'SECRET_KEY: required, read from the environment'],
    ['app.js', 'const stripe = { STRIPE_SECRET_KEY: "{{KEY}}" };']
  ]
};

/** Files of no known format: the loose reader, plus `NAME=value` lines read as shell would. */
export const genericFormat: FormatReader = {
  extract: (text, { names }) => [...extractLoose(text, names), ...extractShell(text, names, 'loose')],
  samples
};
