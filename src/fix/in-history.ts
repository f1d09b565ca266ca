/**
 * Is a value already in git history? Every object reachable from any ref (blobs and commit
 * messages) is streamed through one `git cat-file --batch` and searched in memory, so the secret
 * never appears on a command line (where `ps` would show it).
 */
import { readObjects, reachableObjects, type GitOptions } from '../git.js';

const MAX_OBJECT_BYTES = 32 * 1024 * 1024;

/** The subset of `values` found in any commit reachable from any ref. */
export async function valuesInHistory(values: readonly string[], options: GitOptions): Promise<Set<string>> {
  const wanted = [...new Set(values.filter((value) => value.length > 0))];
  const found = new Set<string>();
  if (wanted.length === 0) return found;
  const oids = await reachableObjects(options);
  const needles = wanted.map((value) => [value, Buffer.from(value, 'utf8'), Buffer.from(value, 'latin1')] as const);
  await readObjects(oids, MAX_OBJECT_BYTES, (object) => {
    if (!object.data || found.size === wanted.length) return;
    for (const [value, utf8, latin1] of needles) {
      if (!found.has(value) && (object.data.includes(utf8) || object.data.includes(latin1))) found.add(value);
    }
  }, options);
  return found;
}
