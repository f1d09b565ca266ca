/**
 * Would git ignore this path? Answered from the `.gitignore` files *as staged* (what the commit
 * will contain) plus `info/exclude`, matched by ignore-rules.ts (bounded time whatever the patterns). `git
 * check-ignore` can't answer
 * this: it reads the working tree's `.gitignore`, which may differ from the index.
 */
import { readFileSync } from 'node:fs';
import { IgnoreRules } from './ignore-rules.js';
import { gitPath, readObjects, trackedEntries, type GitOptions } from '../git.js';
import { decode } from '../decode.js';

export type IgnoreCheck = (path: string) => boolean;

/** Load the staged ignore rules once; the returned check is pure. Options must have cwd = root. */
export async function loadIgnoreCheck(options: GitOptions): Promise<IgnoreCheck> {
  // Without `:(glob)`, `*` in a pathspec also matches `/`, so this finds .gitignore at any depth.
  const entries = (await trackedEntries(options, ['.gitignore', '*/.gitignore'], true)).filter(
    (entry) => entry.mode !== '120000'
  );
  const byOid = new Map<string, string[]>();
  for (const entry of entries) byOid.set(entry.oid, [...(byOid.get(entry.oid) ?? []), entry.path]);
  const layers = new Map<string, IgnoreRules>();
  await readObjects(
    [...byOid.keys()],
    1 << 20,
    (object) => {
      const decoded = object.data ? decode(object.data) : undefined;
      if (!decoded || 'binary' in decoded) return;
      for (const path of byOid.get(object.oid) ?? []) {
        layers.set(path.slice(0, path.length - '.gitignore'.length), new IgnoreRules().add(decoded.text));
      }
    },
    options
  );
  let exclude: IgnoreRules | undefined;
  try {
    exclude = new IgnoreRules().add(readFileSync(await gitPath('info/exclude', options), 'utf8'));
  } catch {
    exclude = undefined; // no info/exclude: nothing to add
  }
  return (path) => {
    // Deepest .gitignore first: a nearer file overrides a farther one, info/exclude comes last.
    const dirs = [
      '',
      ...path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/') + '/')
    ];
    for (const dir of dirs.reverse()) {
      const layer = layers.get(dir);
      if (!layer) continue;
      const verdict = layer.test(path.slice(dir.length));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return exclude?.ignores(path) ?? false;
  };
}
