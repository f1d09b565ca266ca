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
  const lower = basename(path).toLowerCase();
  if (lower !== '.env' && !lower.startsWith('.env.')) return false;
  if (lower === '.env') return true;
  const lastSuffix = lower.slice(lower.lastIndexOf('.'));
  return !templates.some((template) => {
    const t = template.toLowerCase();
    return lower === t || lastSuffix === t.slice(t.lastIndexOf('.'));
  });
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
      '.env.example.local'
    ],
    miss: [
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
      'docs/.env.md.sample'
    ]
  }
};
