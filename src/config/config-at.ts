/**
 * The config a commit carries (.djkeyguard.json, package.json, .djkeyguardignore at its root),
 * for repositories without a work tree: a server's pre-receive hook, `history` in a bare repository.
 */
import { CONFIG_FILE, configFrom, IGNORE_FILE, type Config } from './allowlist.js';
import { objectTypes, readObjects, type GitOptions } from '../git.js';
import { parseJsonText } from '../parse/json.js';

export const CONFIG_FILES = [CONFIG_FILE, 'package.json', IGNORE_FILE];

/** The config a commit carries: one batch-check for which files it has, one cat-file for them. */
export async function configAt(commit: string, options: GitOptions): Promise<Config> {
  const identity = (await configIdentities([commit], options)).get(commit)!;
  const texts = await readTexts(
    identity.split(',').filter((oid) => oid !== '-'),
    options
  );
  return configOfIdentity(identity, texts, `commit ${commit.slice(0, 12)}`);
}

/** The config files' blob ids at a commit (`-` for an absent file): what tells two configs apart. */
export type ConfigIdentity = string;

/** For each commit (or tree), the blob ids of its config files, in one batch-check for all. */
export async function configIdentities(
  commits: readonly string[],
  options: GitOptions
): Promise<Map<string, ConfigIdentity>> {
  const unique = [...new Set(commits)];
  const identities = new Map<string, ConfigIdentity>();
  if (unique.length === 0) return identities;
  const types = await objectTypes(
    unique.flatMap((commit) => CONFIG_FILES.map((file) => `${commit}:${file}`)),
    options
  );
  unique.forEach((commit, index) => {
    const ids = CONFIG_FILES.map((_, file) => {
      const found = types[index * CONFIG_FILES.length + file];
      return found?.type === 'blob' ? found.oid : '-';
    });
    identities.set(commit, ids.join(','));
  });
  return identities;
}

/** The blob id of one config file in an identity (`undefined` when absent). */
export function blobOf(identity: ConfigIdentity, file: string): string | undefined {
  const oid = identity.split(',')[CONFIG_FILES.indexOf(file)];
  return oid && oid !== '-' ? oid : undefined;
}

/** Texts of blobs by id, through one cat-file (config files are small; the cap only bounds memory). */
export async function readTexts(oids: readonly string[], options: GitOptions): Promise<Map<string, string>> {
  const unique = [...new Set(oids)];
  const texts = new Map<string, string>();
  await readObjects(
    unique,
    16 << 20,
    (object) => {
      if (object.data) texts.set(object.oid, object.data.toString('utf8'));
    },
    options
  );
  return texts;
}

/** The config an identity describes, from texts already read; `where` names the commit in errors. */
export function configOfIdentity(
  identity: ConfigIdentity,
  texts: Map<string, string>,
  where: string
): Config {
  return configFrom({
    read: (name) => {
      const oid = blobOf(identity, name);
      return oid === undefined ? undefined : texts.get(oid);
    },
    show: (name) => `${name} (in ${where})`
  });
}

/**
 * The config files a change touches, as the detector reads them: `.djkeyguardignore` and
 * `.djkeyguard.json` when their blobs differ, `package.json` only when its "djkey-guard" section does.
 */
export function changedConfigFiles(
  from: ConfigIdentity,
  to: ConfigIdentity,
  texts: Map<string, string>
): string[] {
  return CONFIG_FILES.filter((file) => {
    const before = blobOf(from, file);
    const after = blobOf(to, file);
    if (before === after) return false;
    if (file !== 'package.json') return true;
    return section(before, texts) !== section(after, texts);
  });
}

function section(oid: string | undefined, texts: Map<string, string>): string {
  if (oid === undefined) return 'undefined';
  const text = texts.get(oid) ?? '';
  try {
    return JSON.stringify((parseJsonText(text) as Record<string, unknown>)?.['djkey-guard']) ?? 'undefined';
  } catch {
    return text.includes('djkey-guard') ? text : 'undefined';
  }
}

/** The built-in config: nothing ignored, the standard names and templates (an empty repository's). */
export const defaultConfig = (): Config => configFrom({ read: () => undefined, show: (name) => name });

/**
 * The strictest of several configs: ignored only where all ignore, all names, common templates, pragmas
 * refused if any refuses them.
 */
export function strictest(configs: readonly Config[]): Config {
  if (configs.length === 1) return configs[0]!;
  return {
    names: [...new Set(configs.flatMap((config) => config.names))],
    templates: configs[0]!.templates.filter((template) =>
      configs.every((c) => c.templates.includes(template))
    ),
    isIgnoredPath: (path) => configs.every((config) => config.isIgnoredPath(path)),
    ...(configs.some((config) => config.allowPragmas === false) ? { allowPragmas: false as const } : {})
  };
}
