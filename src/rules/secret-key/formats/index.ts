/** Which extractor reads which file. The path decides; content sniffing is not needed. */
import type { Candidate } from '../../types.js';
import { extractShell } from '../bind/assignment.js';
import { extractLoose } from './generic.js';
import { extractPython } from './python.js';
import { extractYaml } from './yaml.js';
import { extractJson } from './json.js';
import { extractIni, extractToml } from './ini-toml.js';
import { extractDockerfile } from './dockerfile.js';
import { extractMarkdown, extractRst } from './markdown.js';
import { extractNotebook } from './notebook.js';

export type Format =
  | 'python' | 'notebook' | 'dotenv' | 'shell' | 'make' | 'yaml' | 'json' | 'toml' | 'ini'
  | 'dockerfile' | 'markdown' | 'rst' | 'generic';

export type Extractor = (text: string, names: readonly string[]) => Candidate[];

const BY_EXTENSION: Record<string, Format> = {
  py: 'python', pyw: 'python', pyi: 'python', ipynb: 'notebook',
  env: 'dotenv', envrc: 'shell', sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell', fish: 'shell',
  bat: 'shell', cmd: 'shell', ps1: 'shell', mk: 'make',
  yml: 'yaml', yaml: 'yaml', json: 'json', jsonc: 'json', json5: 'json', toml: 'toml',
  ini: 'ini', cfg: 'ini', conf: 'ini', properties: 'ini',
  dockerfile: 'dockerfile', containerfile: 'dockerfile',
  md: 'markdown', markdown: 'markdown', mdx: 'markdown', rst: 'rst',
  flaskenv: 'dotenv', service: 'ini', cnf: 'ini', tfvars: 'toml', tf: 'toml', hcl: 'toml',
};

/** `docker-compose.yml.example`, `settings.py.j2`: read a template as the file it renders to. */
const TEMPLATE_SUFFIXES = new Set([
  'j2', 'jinja', 'jinja2', 'tpl', 'tmpl', 'template', 'example', 'sample', 'dist', 'default', 'bak', 'orig', 'old', 'in',
]);

/** The format family of a repository path. */
export function formatOf(path: string): Format {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return 'dotenv';
  if (lower === 'dockerfile' || /^dockerfile[._-]/.test(lower) || lower === 'containerfile') return 'dockerfile';
  if (lower === 'procfile' || lower.startsWith('procfile.')) return 'shell';
  if (lower === 'makefile' || lower === 'gnumakefile' || lower === 'justfile') return 'make';
  if (lower === 'pipfile') return 'toml';
  if (/(?:^|\/)\.ebextensions\/[^/]+\.config$/i.test(path)) return 'yaml';
  const dot = lower.lastIndexOf('.');
  // A dotfile's whole name is its extension: `.flaskenv`, `.envrc`.
  const format = (dot >= 0 && BY_EXTENSION[lower.slice(dot + 1)]) || 'generic';
  if (format === 'generic' && dot > 0 && TEMPLATE_SUFFIXES.has(lower.slice(dot + 1))) return formatOf(path.slice(0, path.length - base.length + dot));
  return format;
}

const EXTRACTORS: Record<Format, Extractor> = {
  python: extractPython,
  notebook: extractNotebook,
  dotenv: (text, names) => extractShell(text, names, 'dotenv'),
  shell: (text, names) => extractShell(text, names, 'shell'),
  make: (text, names) => extractShell(text, names, 'make'),
  yaml: extractYaml,
  json: extractJson,
  toml: extractToml,
  ini: extractIni,
  dockerfile: extractDockerfile,
  markdown: (text, names) => extractMarkdown(text, names, extractFormat),
  rst: (text, names) => extractRst(text, names, extractFormat),
  generic: (text, names) => [...extractLoose(text, names), ...extractShell(text, names, 'loose')],
};

/** Run the extractor for one format (Markdown uses this for fenced code by language). */
export function extractFormat(format: Format, text: string, names: readonly string[]): Candidate[] {
  return EXTRACTORS[format](text, names);
}
