/**
 * formats/: one reader per file format, each carrying its samples (the type requires them). Here:
 * format id → reader, the extractor for a path, and the sample list; registry.ts maps paths and fence
 * languages to ids. Containers (Markdown, notebooks) reach other readers through ExtractContext.
 * A new format: its file here, its id and paths in registry.ts, its reader in READERS below.
 */
import type { Candidate, Samples } from '../../types.js';
import type { ExtractContext, Format, FormatReader } from './registry.js';
import { pythonFormat } from './python.js';
import { notebookFormat } from './notebook.js';
import { dotenvFormat, makeFormat, shellFormat } from './shell.js';
import { yamlFormat } from './yaml.js';
import { jsonFormat } from './json.js';
import { iniFormat, tomlFormat } from './ini-toml.js';
import { dockerfileFormat } from './dockerfile.js';
import { markdownFormat, rstFormat } from './markdown.js';
import { genericFormat } from './generic.js';

export {
  fenceFormat,
  formatOf,
  FORMATS,
  type ExtractContext,
  type Format,
  type FormatReader
} from './registry.js';

const READERS: Record<Format, FormatReader> = {
  python: pythonFormat,
  notebook: notebookFormat,
  dotenv: dotenvFormat,
  shell: shellFormat,
  make: makeFormat,
  yaml: yamlFormat,
  json: jsonFormat,
  toml: tomlFormat,
  ini: iniFormat,
  dockerfile: dockerfileFormat,
  markdown: markdownFormat,
  rst: rstFormat,
  generic: genericFormat
};

/**
 * Formats whose strings hold `${…}` as plain text (DESIGN §3: interpolation is a property of the
 * format). A block of one inside another (a ```python fence in Markdown) keeps its own rule.
 */
const PLAIN_TEXT: ReadonlySet<Format> = new Set(['python', 'notebook', 'json', 'toml']);

function withInterpolation(candidates: Candidate[], format: Format): Candidate[] {
  if (!PLAIN_TEXT.has(format)) return candidates;
  return candidates.map((candidate) =>
    candidate.interpolates === undefined ? { ...candidate, interpolates: false } : candidate
  );
}

/** Run the reader of one format over `text`. */
export function extractFormat(format: Format, text: string, names: readonly string[]): Candidate[] {
  const context: ExtractContext = {
    names,
    extract: (inner, body) => withInterpolation(READERS[inner].extract(body, context), inner)
  };
  return READERS[format].extract(text, context);
}

/** Every format's samples, once each (a family's readers share one list). */
export function formatSamples(): Samples {
  const lists = [...new Set(Object.values(READERS).map((reader) => reader.samples))];
  return { hit: lists.flatMap((list) => list.hit), miss: lists.flatMap((list) => list.miss) };
}
