/**
 * A private copy of the running package in the git dir (`<common dir>/djkey-guard/tool`), for repos
 * without package.json: `npx djkey-guard install` runs from npx's throw-away cache, so the hook
 * needs its own copy to run offline on every commit. Only dist/, hooks/, package.json and the one
 * runtime dependency are copied (well under 1 MB).
 */
import { parseJsonText } from '../parse/json.js';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { explainWriteError } from './files.js';
import { OWN_ROOT } from '../own-package.js';
import { MANIFEST_NAME, manifestText } from './integrity.js';

const RUNTIME_DEPENDENCIES = ['picocolors'];

/** Folder of an installed dependency, found the way node would from this package. */
function dependencyDir(name: string): string {
  let dir = dirname(createRequire(join(OWN_ROOT, 'package.json')).resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    (parseJsonText(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name
  ) {
    dir = dirname(dir);
  }
  return dir;
}

/** [source, destination relative to the copy] for every part of the copy. */
function parts(): [string, string][] {
  return [
    [join(OWN_ROOT, 'package.json'), 'package.json'],
    [join(OWN_ROOT, 'dist'), 'dist'],
    [join(OWN_ROOT, 'hooks'), 'hooks'],
    ...RUNTIME_DEPENDENCIES.map((name): [string, string] => [dependencyDir(name), join('node_modules', name)])
  ];
}

function walk(path: string, base: string, hash: ReturnType<typeof createHash>): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), base, hash);
    return;
  }
  hash.update(relative(base, path)).update('\0').update(readFileSync(path)).update('\0');
}

/** A digest of what would be copied (or of an existing copy), to tell "already present". */
export function fingerprint(copyDir?: string): string {
  const hash = createHash('sha256');
  // A copy without its manifest predates it (or lost it): copy again.
  if (copyDir && !existsSync(join(copyDir, MANIFEST_NAME))) return 'no manifest';
  for (const [source, target] of parts()) {
    const path = copyDir ? join(copyDir, target) : source;
    if (!existsSync(path)) return 'missing';
    hash.update(target).update('\0');
    walk(path, path, hash);
  }
  return hash.digest('hex');
}

/** Copy into a temp folder next to `dest`, then swap it in: never a half-copied tool. */
export function copyTool(dest: string): void {
  const temp = `${dest}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    for (const [source, target] of parts())
      cpSync(source, join(temp, target), { recursive: true, dereference: true });
    const files: string[] = [];
    const list = (dir: string) => {
      for (const name of readdirSync(join(temp, dir)).sort()) {
        const rel = dir ? `${dir}/${name}` : name;
        if (statSync(join(temp, rel)).isDirectory()) list(rel);
        else files.push(rel);
      }
    };
    list('');
    writeFileSync(join(temp, MANIFEST_NAME), manifestText(temp, files));
    if (existsSync(dest)) rmSync(dest, { recursive: true, force: true });
    renameSync(temp, dest);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    explainWriteError(error, dest);
  }
}
