/**
 * Binding shapes of XML and HTML data: name and value as sibling attributes
 * (`<add key="SECRET_KEY" value="…"/>`) or as elements (`<SECRET_KEY>…</SECRET_KEY>`,
 * `<setting name="SECRET_KEY">…</setting>`, `<Name>SECRET_KEY</Name><Value>…</Value>`).
 */
import type { Candidate } from '../../types.js';
import { isName, nameRegex } from './names.js';
import { readQuoted } from './values.js';

/** Element text up to the next tag, on at most a few lines (a value, not a document). */
const ELEMENT_TEXT = /^([^<]{1,512})</;

/**
 * Name and value as XML elements rather than attributes: `<SECRET_KEY>…</SECRET_KEY>`,
 * `<setting name="SECRET_KEY">…</setting>`, and a `<Name>SECRET_KEY</Name>` element followed by
 * its `<Value>…</Value>` sibling (any field names ending in "value").
 */
export function xmlElements(text: string, names: readonly string[]): Candidate[] {
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
      // <setting name="SECRET_KEY">value</setting>
      const close = /^["'][^<>]{0,200}?(\/?)>/.exec(text.slice(end, end + 220));
      if (close && close[1] === '') valueAt = end + close[0].length;
    } else if (text[start - 1] === '>' && text[end] === '<') {
      // <Name>X</Name><Value>v</Value>
      const sibling = /^<\/[\w:.-]+>\s{0,80}<([\w:.-]*[Vv]alue)>/.exec(text.slice(end, end + 200));
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

export function xmlPairs(text: string, names: readonly string[]): Candidate[] {
  if (!/\bvalue\s*=/i.test(text)) return [];
  const found: Candidate[] = [];
  for (const match of text.matchAll(XML_PAIR)) {
    if (!names.includes(match[2]!.toUpperCase().replace(/-/g, '_'))) continue;
    const quoted = readQuoted(text, match.index! + match[0].length);
    if (quoted) found.push({ name: match[2]!, value: quoted.value, offset: quoted.offset, form: 'assign' });
  }
  return found;
}
