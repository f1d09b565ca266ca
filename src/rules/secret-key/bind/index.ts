/**
 * bind/: the binding shapes, how a guarded name (names.ts) and its value sit together in text, one
 * file per shape: name-value.ts (`NAME sep value`, in the modes of shell-value.ts), xml.ts, records.ts
 * (fields of a record in code), tree.ts (any parsed document), located.ts (`NAME=value` in a string).
 * Adding a shape: its file here, and its name in SHAPES beside each text reader that runs it; a
 * structured reader (YAML, JSON, TOML) gets a new pairing through tree.ts. Never imports a format.
 */
import type { Candidate } from '../../types.js';
import { readNameValues, type NameValueMode } from './name-value.js';
import { recordPairs } from './records.js';
import { xmlElements, xmlPairs } from './xml.js';

/** A shape read over a whole text: every binding of a guarded name it finds. */
export type Shape = (text: string, names: readonly string[]) => Candidate[];

const nameValue =
  (mode: NameValueMode): Shape =>
  (text, names) =>
    readNameValues(text, names, mode);

/** The readers that are their shapes (formats/shell.ts, formats/generic.ts): which shapes, in order. */
export const SHAPES = {
  dotenv: [nameValue('dotenv')],
  shell: [nameValue('shell')],
  make: [nameValue('make')],
  generic: [nameValue('generic'), xmlPairs, xmlElements, recordPairs, nameValue('loose')]
} satisfies Record<string, readonly Shape[]>;

/** Every binding the shapes `reader` lists find in `text`. */
export function readShapes(reader: keyof typeof SHAPES, text: string, names: readonly string[]): Candidate[] {
  return SHAPES[reader].flatMap((shape) => shape(text, names));
}
