/** Rule `env-file`: a dotenv file is being committed. Judged on the path alone. */
import type { PathRule, RuleOptions } from './types.js';

export const DEFAULT_TEMPLATES = [
  '.env.example',
  '.env.sample',
  '.env.template',
  '.env.dist',
  '.env.defaults'
];

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * `.env` or `.env.<anything>`, in any case (`.ENV`, `.Env.local`: the same file to a
 * case-insensitive checkout and to python-dotenv on Windows and macOS); a template name (also as
 * the last suffix: `.env.prod.example`) passes.
 */
export function isDotenvPath(path: string, templates: readonly string[]): boolean {
  const lower = undecorated(basename(path)).toLowerCase();
  if (lower !== '.env' && !lower.startsWith('.env.')) return false;
  if (lower === '.env') return true;
  // A template's own leftover (`.env.example.bak`) is still the template.
  const name = lower.replace(LEFTOVER_SUFFIXES, '');
  const lastSuffix = name.slice(name.lastIndexOf('.'));
  // The last suffix may join the template word to others (`.env.dev-sample`, `.env.prod_example`).
  const lastWords = lastSuffix.slice(1).split(/[-_]/);
  return !templates.some((template) => {
    const t = template.toLowerCase();
    const templateSuffix = t.slice(t.lastIndexOf('.'));
    return name === t || lastSuffix === templateSuffix || lastWords.includes(templateSuffix.slice(1));
  });
}

/** Suffixes editors and tools add to a copy they leave behind. */
const LEFTOVER_SUFFIXES = /(?:\.(?:bak|orig|old|swp|swo|tmp|save|backup|rej))+$/;

/**
 * A file's name without what editors and tools wrap around a leftover copy of it: `.env~` and `.env~1`
 * (backups), `#.env#` and `.#.env` (Emacs), a file manager's duplicate (`.env copy`, `.env copy 2`,
 * `.env (copy)`, `.env (1)`, `Copy of .env`), trailing blanks (a name typed with a space).
 */
export function undecorated(base: string): string {
  return base
    .replace(/[ \t]+$/, '')
    .replace(/^copy of (?=\.)/i, '')
    .replace(/ (?:copy(?: \d+)?|\((?:(?:another )?copy(?: \d+)?|\d+)\))$/i, '')
    .replace(/^#(.+)#$/, '$1')
    .replace(/^\.#(?=\.)/, '')
    .replace(/~\d*$/, '')
    .replace(/~+$/, '');
}

export const envFileRule: PathRule = {
  id: 'env-file',
  title: 'dotenv file committed',
  kind: 'path',
  matches: (path: string, options: RuleOptions) => isDotenvPath(path, options.templates),
  samples: {
    hit: [
      '.env',
      '.ENV',
      'app/.Env',
      '.Env.local',
      'backend/.env',
      '.env.production',
      '.env.local',
      'config/.env.prod.bak',
      'a b/.env.staging',
      '.env.example.local',
      // Editor and tool leftovers of a .env are dotenv files too.
      '.env copy',
      '.env (1)',
      'Copy of .env',
      '.env~1',
      '.env~',
      'config/#.env#',
      '.#.env',
      '.env.swp',
      '.env.bak',
      '.env.orig',
      '.env.old',
      '.env ',
      '.env.local~',
      // A template word inside another word of the last suffix is not one (`sampled`), nor before it.
      '.env.sampled',
      '.env.prod-db'
    ],
    miss: [
      '.env.example copy',
      '.env.example',
      '.ENV.EXAMPLE',
      '.Env.Sample',
      '.env.sample',
      '.env.template',
      '.env.dist',
      'deploy/.env.production.example',
      '.env/bin/activate',
      '.envrc',
      'env.py',
      'prod.env',
      '.environment',
      'docs/.env.md.sample',
      '.env.example~',
      '.env.example.bak',
      '#.env.sample#',
      '.env/lib/python3.12/site-packages/x.py',
      'env~',
      'my.env~',
      // The template word joined to others in the last suffix (docker tutorials' per-stage samples).
      '.env.dev-sample',
      'deploy/.env.prod.db-sample',
      '.env.staging_example'
    ]
  }
};
