/**
 * The names the project guards (DESIGN §3), read from its settings modules in the index or at a
 * revision: one `git grep` over the `.py` blobs finds the modules (they assign SECRET_KEY, or
 * DJANGO_SETTINGS_MODULE names them) and one `cat-file --batch` reads them whole, so a constant a
 * lookup names (`KEY_NAME = "APP_KEY"`) is seen wherever it is in the module. A commit pays for
 * this only when it needs it (engine/scan.ts asks lazily); history and pre-receive ask once.
 */
import { decode } from '../decode.js';
import { readObjects, settingsLines, type GitOptions } from '../git.js';
import { isSettingsModule, projectNames, settingsModulesNamed } from '../rules/secret-key/project-names.js';

/** A settings module larger than this is not read for names (it is judged like any file). */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/** Paths a dotted module name may live at, from the root and from the folder of the file naming it. */
function modulePaths(dotted: string, namedIn: string): string[] {
  const relative = dotted.replace(/\./g, '/');
  const folder = namedIn.slice(0, namedIn.lastIndexOf('/') + 1);
  const bases = folder ? ['', folder] : [''];
  return bases.flatMap((base) => [`${base}${relative}.py`, `${base}${relative}/__init__.py`]);
}

/**
 * The names the settings modules of the index (`rev` undefined), of `rev`'s tree, or of several
 * trees at once (pre-receive: the union over every accepted and pushed tip) read SECRET_KEY from.
 */
export async function projectNamesAt(git: GitOptions, rev?: string | readonly string[]): Promise<string[]> {
  const modules = new Set<string>();
  for (const found of await settingsLines(git, rev)) {
    const at = found.rev ?? (typeof rev === 'string' ? rev : '');
    if (isSettingsModule(found.line)) modules.add(`${at}:${found.path}`);
    for (const dotted of settingsModulesNamed(found.line))
      for (const candidate of modulePaths(dotted, found.path)) modules.add(`${at}:${candidate}`);
  }
  if (modules.size === 0) return [];
  const texts: string[] = [];
  await readObjects(
    [...modules],
    MAX_SETTINGS_BYTES,
    (object) => {
      if (object.type !== 'blob' || object.data === null) return; // a guessed path that is not there
      const decoded = decode(object.data);
      if ('text' in decoded) texts.push(decoded.text);
    },
    git,
    'optional'
  );
  return projectNames(texts);
}
