/** Binding helpers over located strings: `NAME=value` inside a decoded string, env-block keys. */
import type { Candidate } from '../../types.js';
import { locate, type Located } from '../../../parse/located.js';
import { readNameValues, type ShellMode } from './name-value.js';
import { mentionsName } from './names.js';
import { inPieces } from './pieces.js';

/**
 * Python read as shell (`SECRET_KEY = config("SECRET_KEY")` in an embedded settings file or an
 * untagged code block) leaves a bare `config(` or `os.environ.get(` as the "value". A Django key
 * never contains `.`, and one made only of word characters up to a final `(` is vanishingly rare.
 */
const CODE_VALUE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:[([].*)?$|^[A-Za-z_]\w*[([]\)?$/;

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
  return extractShellSafe(located.value, names, mode)
    .filter((candidate) => !looksLikeCode(candidate.value))
    .map((candidate) => ({ ...candidate, offset: locate(located, candidate.offset) }));
}

/** Parent keys whose list items are `NAME=value` environment entries rather than commands. */
const ENV_KEYS =
  /^(?:env|envs|environment|environments|environment[_-]?variables|env[_-]?vars?|variables|vars|setenv|set[_-]?env|container[_-]?env|remote[_-]?env|build[_-]?args|args?)$/i;

/** Is `key` the name of an environment block (compose `environment:`, pytest-env `env`, tox `setenv`)? */
export function isEnvKey(key: string | undefined): boolean {
  return key !== undefined && ENV_KEYS.test(key);
}
