/**
 * The config a push is judged with (DESIGN §11, "the server trusts only what it has accepted"):
 * each ref's accepted config — its tip before the push, for a new ref the repository's default
 * branch (HEAD), in an empty repository the built-in defaults — never config the push carries.
 * Configs are read once per set of config blob ids (300 refs on one config read it once). A commit
 * reachable from refs with different accepted configs is judged with the strictest of them (ignored
 * only where every one ignores it, every guarded name, only the templates all accept), so the
 * verdict is the same whatever the order of refs or commits in the push.
 */
import type { Config } from '../config/allowlist.js';
import {
  changedConfigFiles,
  defaultConfig as DEFAULTS,
  strictest,
  configIdentities,
  configOfIdentity,
  readTexts,
  type ConfigIdentity
} from '../config/config-at.js';
import { ConfigError } from '../errors.js';
import { commitParents, type GitOptions } from '../git.js';
import { withNames } from '../rules/secret-key/project-names.js';
import { projectNamesAt } from './project-names.js';

/** One ref of the push with the commit its config was read from. */
export interface TrustedRef {
  ref: string;
  /** The pushed object (tip). */
  tip: string;
  /** The accepted commit whose config judges this ref; undefined: built-in defaults. */
  base?: string;
}

export interface ConfigChange {
  ref: string;
  /** Config files the push changes (`.djkeyguardignore`, `.djkeyguard.json`, `package.json`). */
  files: string[];
  /** The accepted commit whose config judged the push instead (undefined: the built-in defaults). */
  base?: string;
}

export interface PushConfigs {
  /** The config per ref. */
  byRef: Map<string, Config>;
  /** What each ref's push would change in the config: reported, not applied. */
  changes: ConfigChange[];
  /** An accepted config that could not be read (the defaults judged instead). */
  notes: string[];
}

/** Each ref's accepted config, the names guarded (accepted and pushed settings modules), the changes. */
export async function pushConfigs(refs: readonly TrustedRef[], options: GitOptions): Promise<PushConfigs> {
  const bases = refs.flatMap((ref) => (ref.base ? [ref.base] : []));
  const [baseIds, tipIds] = await Promise.all([
    configIdentities(bases, options),
    configIdentities(
      refs.map((ref) => ref.tip),
      options
    )
  ]);
  const none: ConfigIdentity = '-,-,-';
  const identityOf = (ref: TrustedRef) => (ref.base ? baseIds.get(ref.base)! : none);
  const wanted = [...baseIds.values(), ...tipIds.values()].flatMap((identity) =>
    identity.split(',').filter((oid) => oid !== '-')
  );
  const texts = await readTexts(wanted, options);
  // Guarded names only widen: what every accepted and every pushed settings module reads its key from.
  const trees = [...new Set([...bases, ...refs.map((ref) => ref.tip)])];
  const names = await projectNamesAt(options, trees).catch((): string[] => []);
  const notes: string[] = [];
  const cache = new Map<ConfigIdentity, Config>();
  const configOf = (ref: TrustedRef): Config => {
    const identity = identityOf(ref);
    let config = cache.get(identity);
    if (!config) {
      try {
        config =
          identity === none
            ? DEFAULTS()
            : configOfIdentity(identity, texts, `commit ${ref.base!.slice(0, 12)}`);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        notes.push(`${error.message}; the built-in defaults judge this push (nothing ignored).`);
        config = DEFAULTS();
      }
      config = withNames(config, names);
      cache.set(identity, config);
    }
    return config;
  };
  const byRef = new Map<string, Config>();
  const changes: ConfigChange[] = [];
  for (const ref of refs) {
    byRef.set(ref.ref, configOf(ref));
    const files = changedConfigFiles(identityOf(ref), tipIds.get(ref.tip) ?? none, texts);
    if (files.length) changes.push({ ref: ref.ref, files, base: ref.base });
  }
  return { byRef, changes, notes };
}

/**
 * The config each new commit is judged with, when the push's refs do not all share one: which
 * refs reach each commit (`rev-list --parents --topo-order`, children before parents), their
 * configs combined by `strictest`, one object per combination.
 */
export async function commitConfigs(
  tips: ReadonlyMap<string, Config[]>,
  options: GitOptions
): Promise<(commit: string) => Config> {
  const distinct = new Set([...tips.values()].flat());
  if (distinct.size <= 1) {
    const only = [...distinct][0] ?? DEFAULTS();
    return () => only;
  }
  const ids = new Map([...distinct].map((config, index) => [config, index]));
  const reach = new Map<string, Set<number>>();
  for (const [tip, configs] of tips) reach.set(tip, new Set(configs.map((config) => ids.get(config)!)));
  for (const [commit, ...parents] of await commitParents([...tips.keys()].sort(), options)) {
    if (!commit) continue;
    const own = reach.get(commit) ?? new Set<number>();
    reach.set(commit, own);
    for (const parent of parents) {
      const theirs = reach.get(parent);
      if (theirs) for (const id of own) theirs.add(id);
      else reach.set(parent, new Set(own));
    }
  }
  const all = [...distinct];
  const combined = new Map<string, Config>();
  return (commit) => {
    const set = reach.get(commit);
    const key = set ? [...set].sort((a, b) => a - b).join(',') : 'all';
    let config = combined.get(key);
    if (!config) {
      config = strictest(set ? [...set].sort((a, b) => a - b).map((id) => all[id]!) : all);
      combined.set(key, config);
    }
    return config;
  };
}
