/**
 * The config a commit carries (.djkeyguard.json, package.json, .djkeyguardignore at its root),
 * for repositories without a work tree: a server's pre-receive hook, `history` in a bare repository.
 */
import { CONFIG_FILE, configFrom, IGNORE_FILE, type Config } from './allowlist.js';
import { git, readObjects, type GitOptions } from '../git.js';

export const CONFIG_FILES = [CONFIG_FILE, 'package.json', IGNORE_FILE];

/**
 * Which config files the commit has (one batch-check; `<name> missing` for the others, and for
 * every file of an unborn HEAD), then their contents through one cat-file.
 */
export async function configAt(commit: string, options: GitOptions): Promise<Config> {
  const input = CONFIG_FILES.map((file) => `${commit}:${file}`).join('\n') + '\n';
  const lines = (
    await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { ...options, input })
  ).stdout
    .toString('utf8')
    .split('\n');
  const present = CONFIG_FILES.flatMap((file, index) => {
    const [oid, type] = (lines[index] ?? '').split(' ');
    return type === 'blob' && oid ? [{ file, oid }] : [];
  });
  const texts = new Map<string, string>();
  let index = 0;
  await readObjects(
    present.map((entry) => entry.oid),
    16 << 20,
    (object) => {
      const { file } = present[index++]!;
      if (object.data) texts.set(file, object.data.toString('utf8'));
    },
    options
  );
  return configFrom({
    read: (name) => texts.get(name),
    show: (name) => `${name} (in commit ${commit.slice(0, 12)})`
  });
}
