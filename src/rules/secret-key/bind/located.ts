/** Binding helpers over located strings: `NAME=value` inside a decoded string, env-block keys. */
import type { Candidate } from '../../types.js';
import { locate, LocatedBuilder, type Located } from '../../../parse/located.js';
import { readNameValues, type ShellMode } from './name-value.js';
import { mentionsName } from './names.js';
import { inPieces } from './pieces.js';

/**
 * Python read as shell (`SECRET_KEY = config("SECRET_KEY")` in an embedded settings file or an
 * untagged code block) leaves a bare `config(` or `os.environ.get(` as the "value". A Django key
 * never contains `.`, and one made only of word characters up to a final `(` is vanishingly rare.
 * Nor is an identifier closed by a bracket (`secret_key=COOKIE_SECRET)`,
 * `secret_key=settings.SECRET_KEY)` in a docstring's example call): identifiers are not literals (DESIGN §3).
 */
const CODE_VALUE =
  /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:[([].*|[)\]},;]*)$|^[A-Za-z_]\w*[([]\)?$|^[A-Za-z_]+\d{0,3}[)\]},]+$/;

/** Does this bare value read as a Python expression rather than a key? */
export function looksLikeCode(value: string): boolean {
  return CODE_VALUE.test(value);
}

/** The shell modes of readNameValues, safe on any input size. */
export function extractShellSafe(text: string, names: readonly string[], mode: ShellMode): Candidate[] {
  return inPieces(text, (piece) => (mentionsName(piece, names) ? readNameValues(piece, names, mode) : []));
}

/** `NAME=value` bindings inside a decoded string (a compose list item, a `run:` block, a JSON script). */
export function shellInString(located: Located, names: readonly string[], mode: ShellMode): Candidate[] {
  if (!mentionsName(located.value, names)) return [];
  const html = unescapeHtml(located.value);
  return extractShellSafe(html.value, names, mode)
    .filter((candidate) => !looksLikeCode(candidate.value))
    .map((candidate) => ({ ...candidate, offset: locate(located, locate(html, candidate.offset)) }));
}

const HTML_ENTITY = /&(?:amp|quot|#39|#x27|#34|lt|gt);/g;
const HTML_CHARACTERS: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&#34;': '"',
  '&lt;': '<',
  '&gt;': '>'
};

/**
 * HTML held in a string (a docs search index's page text): entities decoded so a key written
 * `&quot;…&amp;…&quot;` is read whole. Offsets of the result are indices into `text`.
 */
function unescapeHtml(text: string): Located {
  if (!text.includes('&') || !/&(?:amp|quot|#39|#x27|#34|lt|gt);/.test(text))
    return { value: text, offset: 0 };
  const builder = new LocatedBuilder();
  let last = 0;
  for (const match of text.matchAll(HTML_ENTITY)) {
    builder.add(text.slice(last, match.index), last);
    builder.add(HTML_CHARACTERS[match[0]]!, match.index!);
    last = match.index! + match[0].length;
  }
  builder.add(text.slice(last), last);
  return builder.done(0);
}

/** Parent keys whose list items are `NAME=value` environment entries rather than commands. */
const ENV_KEYS = new RegExp(
  String.raw`^(?:env|envs|environment|environments|environment[_-]?variables|env[_-]?vars?|` +
    String.raw`variables|vars|setenv|set[_-]?env|container[_-]?env|remote[_-]?env|build[_-]?args|` +
    String.raw`args?)$`,
  'i'
);

/** Is `key` the name of an environment block (compose `environment:`, pytest-env `env`, tox `setenv`)? */
export function isEnvKey(key: string | undefined): boolean {
  return key !== undefined && ENV_KEYS.test(key);
}
