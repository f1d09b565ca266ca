/**
 * Was a value ever committed, in any form? Every object reachable from any ref is streamed
 * through one `git cat-file --batch` (the secret never appears on a command line, where `ps`
 * would show it) and checked two ways: its raw bytes, and the values the secret-key rule's own
 * extractors decode from it — so a key committed split over two literals or written with
 * escapes (`'\x41'`, `'\101'`) counts as committed too.
 */
import { decode } from '../decode.js';
import { readObjects, reachableObjects, type GitOptions } from '../git.js';
import { extractFormat, type Format } from '../rules/secret-key/formats/index.js';
import { extractInsecureTokens } from '../rules/secret-key/formats/generic.js';
import { mentionsName } from '../rules/secret-key/bind/names.js';

const MAX_OBJECT_BYTES = 32 * 1024 * 1024;
/** Blob paths are not known here: every family a key is usually written in is tried. */
const FORMATS: readonly Format[] = ['python', 'dotenv', 'yaml', 'json', 'ini', 'generic'];

/** The subset of `values` found in any object reachable from any ref. */
export async function valuesInHistory(
  values: readonly string[],
  names: readonly string[],
  options: GitOptions
): Promise<Set<string>> {
  const wanted = new Set(values.filter((value) => value.length > 0));
  const found = new Set<string>();
  if (wanted.size === 0) return found;
  const oids = await reachableObjects(options);
  const needles = [...wanted].map(
    (value) => [value, Buffer.from(value, 'utf8'), Buffer.from(value, 'latin1')] as const
  );
  await readObjects(
    oids,
    MAX_OBJECT_BYTES,
    (object) => {
      if (!object.data || found.size === wanted.size) return;
      for (const [value, utf8, latin1] of needles) {
        if (!found.has(value) && (object.data.includes(utf8) || object.data.includes(latin1)))
          found.add(value);
      }
      if (found.size === wanted.size) return;
      const decoded = decode(object.data);
      if ('binary' in decoded) return;
      const text = decoded.text;
      const candidates = [...extractInsecureTokens(text)];
      if (mentionsName(text, names))
        for (const format of FORMATS) candidates.push(...safeExtract(format, text, names));
      for (const candidate of candidates) if (wanted.has(candidate.value)) found.add(candidate.value);
    },
    options
  );
  return found;
}

function safeExtract(format: Format, text: string, names: readonly string[]) {
  try {
    return extractFormat(format, text, names);
  } catch {
    return [];
  }
}
