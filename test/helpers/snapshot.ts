/** Byte-for-byte pictures of a repository (work tree with modes and file types, and the index file). */
import { lstatSync, readdirSync, readFileSync, readlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Repo } from './repo.js';

/** Every work-tree entry (outside .git) with type, mode and content, plus the raw index bytes. */
export function snapshot(repo: Repo): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (rel === '' && name === '.git') continue;
      const path = join(dir, name);
      const key = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) out[key] = `link ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        out[key] = `dir ${mode}`;
        walk(path, key);
      } else if (stat.isFile()) out[key] = `file ${mode} ${readFileSync(path).toString('base64')}`;
      else out[key] = `special ${mode}`;
    }
  };
  walk(repo.dir, '');
  const index = join(repo.dir, '.git/index');
  out['.git/index'] = existsSync(index) ? readFileSync(index).toString('base64') : '<none>';
  for (const lock of ['index.lock', 'djkey-guard-fix.lock'])
    if (existsSync(join(repo.dir, '.git', lock))) out[`.git/${lock}`] = 'present';
  return out;
}

/** Every 8-character window of each secret that shows up in `text` (none is the goal). */
export function leakedWindows(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const chars = [...secret];
    for (let i = 0; i + 8 <= chars.length; i++) {
      const window = chars.slice(i, i + 8).join('');
      if (text.includes(window)) {
        found.push(`${window} (of a ${chars.length}-char secret)`);
        break;
      }
    }
  }
  return found;
}
