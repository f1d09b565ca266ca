/**
 * The one table of format families: which paths and which code-fence languages each one reads.
 * Metadata only — no extractor is imported here — so formatOf() and the fence languages can be
 * asked without loading any reader, and a container format (Markdown, notebooks) can import this
 * table without an import cycle. The readers themselves are bound to these ids in ./index.ts.
 */
import type { Candidate, Samples } from '../../types.js';
import { undecorated } from '../../env-file.js';

export type Format =
  | 'python'
  | 'notebook'
  | 'dotenv'
  | 'shell'
  | 'make'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'ini'
  | 'dockerfile'
  | 'markdown'
  | 'rst'
  | 'generic';

/** What a reader gets besides its text: the guarded names, and a way to read text as another format. */
export interface ExtractContext {
  names: readonly string[];
  /** Read `text` as `format` (a code block, a notebook cell, an embedded file). */
  extract(format: Format, text: string): Candidate[];
}

/** A format's reader: text in, candidates out, and the samples its tests run (the type requires them). */
export interface FormatReader {
  extract(text: string, context: ExtractContext): Candidate[];
  samples: Samples;
}

export interface FormatInfo {
  id: Format;
  /** File extensions, lower case, without the dot. A dotfile's whole name counts (`.flaskenv`). */
  extensions: readonly string[];
  /** Base names, lower case; a trailing `*` matches any rest (`.env.*`, `dockerfile.*`). */
  basenames: readonly string[];
  /** Whole paths that belong to the format whatever their extension (`.ebextensions/*.config`). */
  paths?: RegExp;
  /** Code-fence / cell languages read as this format (Markdown, reStructuredText). */
  fenceLangs: readonly string[];
}

/** A base name is matched before a whole-path pattern, and before the extension. */
export const FORMATS: readonly FormatInfo[] = [
  {
    id: 'python',
    extensions: ['py', 'pyw', 'pyi'],
    basenames: [],
    fenceLangs: ['python', 'py', 'python3', 'py3', 'pycon', 'ipython', 'ipython3', 'django', 'sage']
  },
  { id: 'notebook', extensions: ['ipynb'], basenames: [], fenceLangs: [] },
  {
    id: 'dotenv',
    extensions: ['env', 'flaskenv'],
    basenames: ['.env', '.env.*'],
    fenceLangs: ['env', 'dotenv', 'envfile']
  },
  {
    id: 'shell',
    extensions: ['envrc', 'sh', 'bash', 'zsh', 'ksh', 'fish', 'bat', 'cmd', 'ps1'],
    basenames: ['procfile', 'procfile.*'],
    fenceLangs: [
      'bash',
      'sh',
      'shell',
      'zsh',
      'ksh',
      'fish',
      'console',
      'shell-session',
      'shellsession',
      'terminal',
      'powershell',
      'ps1',
      'pwsh',
      'bat',
      'batch',
      'cmd',
      'procfile'
    ]
  },
  {
    id: 'make',
    extensions: ['mk'],
    basenames: ['makefile', 'gnumakefile', 'justfile'],
    fenceLangs: ['make', 'makefile', 'mk']
  },
  {
    id: 'yaml',
    extensions: ['yml', 'yaml'],
    basenames: [],
    paths: /(?:^|\/)\.ebextensions\/[^/]+\.config$/i,
    fenceLangs: ['yaml', 'yml', 'docker-compose']
  },
  {
    id: 'json',
    extensions: ['json', 'jsonc', 'json5'],
    basenames: [],
    fenceLangs: ['json', 'jsonc', 'json5']
  },
  {
    id: 'toml',
    extensions: ['toml', 'tfvars', 'tf', 'hcl'],
    basenames: ['pipfile'],
    fenceLangs: ['toml', 'hcl', 'terraform', 'tf']
  },
  {
    id: 'ini',
    extensions: ['ini', 'cfg', 'conf', 'properties', 'service', 'cnf'],
    basenames: [],
    fenceLangs: ['ini', 'cfg', 'conf', 'properties', 'apache', 'apacheconf', 'nginx', 'systemd', 'supervisor']
  },
  {
    id: 'dockerfile',
    extensions: ['dockerfile', 'containerfile'],
    basenames: ['dockerfile', 'dockerfile.*', 'dockerfile-*', 'dockerfile_*', 'containerfile'],
    fenceLangs: ['dockerfile', 'docker', 'containerfile']
  },
  { id: 'markdown', extensions: ['md', 'markdown', 'mdx'], basenames: [], fenceLangs: [] },
  { id: 'rst', extensions: ['rst'], basenames: [], fenceLangs: [] },
  {
    id: 'generic',
    extensions: [],
    basenames: [],
    fenceLangs: ['js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx', 'node']
  }
];

/** `docker-compose.yml.example`, `settings.py.j2`: read a template as the file it renders to. */
const TEMPLATE_SUFFIXES = new Set([
  'j2',
  'jinja',
  'jinja2',
  'tpl',
  'tmpl',
  'template',
  'example',
  'sample',
  'dist',
  'default',
  'bak',
  'orig',
  'old',
  'in'
]);

const BY_EXTENSION = new Map<string, Format>();
const BY_FENCE = new Map<string, Format>();
for (const format of FORMATS) {
  for (const extension of format.extensions) BY_EXTENSION.set(extension, format.id);
  for (const lang of format.fenceLangs) BY_FENCE.set(lang, format.id);
}

function matchesBasename(base: string, pattern: string): boolean {
  return pattern.endsWith('*') ? base.startsWith(pattern.slice(0, -1)) : base === pattern;
}

/** The format family of a repository path. The path decides; content sniffing is not needed. */
export function formatOf(path: string): Format {
  // An editor's leftover (`.env~`, `#.env#`, `settings.py~`) holds the file it was left from.
  const base = undecorated(path.slice(path.lastIndexOf('/') + 1));
  path = path.slice(0, path.lastIndexOf('/') + 1) + base;
  const lower = base.toLowerCase();
  const named =
    FORMATS.find((format) => format.basenames.some((pattern) => matchesBasename(lower, pattern))) ??
    FORMATS.find((format) => format.paths?.test(path));
  if (named) return named.id;
  const dot = lower.lastIndexOf('.');
  // A dotfile's whole name is its extension: `.flaskenv`, `.envrc`.
  const format = (dot >= 0 && BY_EXTENSION.get(lower.slice(dot + 1))) || 'generic';
  if (format === 'generic' && dot > 0 && TEMPLATE_SUFFIXES.has(lower.slice(dot + 1)))
    return formatOf(path.slice(0, path.length - base.length + dot));
  return format;
}

/** The format of a code block's language tag (lower case), or undefined for an unknown one. */
export function fenceFormat(lang: string): Format | undefined {
  return BY_FENCE.get(lang);
}
