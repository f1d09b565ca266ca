/**
 * `pre-receive`: judge what a push brings to a (bare) repository on a git server, before any ref
 * moves. git runs the hook in the repository's git dir with the pushed objects in a quarantine
 * directory (GIT_QUARANTINE_PATH, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES): the
 * inherited environment is passed to every git call untouched, so those objects are readable.
 * https://git-scm.com/docs/githooks#pre-receive
 *
 * Only commits new to the repository are judged (`git log <new> --not --all`), in ONE walk over
 * every pushed tip (sorted: the order of refs in the push changes nothing). Each commit is judged
 * with the config the repository already trusts (push-config.ts), never with config the push
 * carries; a push that changes the config is told so. Tags of blobs and trees are judged as what
 * they hold (tagged-objects.ts); every blob whatever its size and bytes (any-blob.ts).
 */
import { keyFingerprints } from './findings.js';
import { pragmaPolicy, type Config } from '../config/allowlist.js';
import { judgeCommits, type HistoryFinding, type WalkResult } from './commit-walk.js';
import { MissingObjectsError } from './missing.js';
import { UsageError } from '../errors.js';
import {
  configGet,
  gitDirAndShallow,
  isAncestor,
  objectTypes,
  readShallow,
  type GitOptions
} from '../git.js';
import { commitConfigs, pushConfigs, type ConfigChange, type TrustedRef } from './push-config.js';
import { judgeTagged, judgeTagMessages, type TaggedObject } from './tagged-objects.js';
import type { RunContext, ScanResult } from '../types.js';

export interface RefUpdate {
  old: string;
  new: string;
  ref: string;
}

export interface PushResult extends ScanResult {
  gitDir: string;
  updates: RefUpdate[];
  findings: Array<HistoryFinding & { ref: string }>;
  /** Keys an allow pragma let through: listed in the report and the audit log. */
  pragmas: Array<HistoryFinding & { ref: string }>;
  /** Pushes that change the config: judged with the accepted one, reported. */
  configChanges: ConfigChange[];
  /** Problems with the accepted config (the defaults judged instead). */
  notes: string[];
  /** New commits judged, over all refs. */
  commits: number;
  /** Refs whose new tip is a blob or a tree (through tags, any depth): judged as what they hold. */
  objects: string[];
  /** Each live ref with the accepted commit its config was read from (undefined: built-in defaults). */
  configFrom: Array<{ ref: string; base?: string }>;
  /** Allow pragmas were findings: the server's git config djkey-guard.allowPragmas said so. */
  pragmasRefused?: 'setting';
}

/** `git config djkey-guard.allowPragmas false` in the server repository: pragmas are findings. */
export const ALLOW_PRAGMAS_KEY = 'djkey-guard.allowPragmas';

const ZERO = /^0{40}(0{24})?$/;
const LINE = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) ([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S.*)$/;

/**
 * The hook's stdin: one `<old-oid> SP <new-oid> SP <ref-name> LF` per ref; an all-zero id is
 * creation (old) or deletion (new).
 */
export function parseUpdates(input: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    const match = LINE.exec(line.replace(/\r$/, ''));
    if (!match)
      throw new UsageError(
        `pre-receive: expected "<old> <new> <ref>" lines on stdin (as git gives a pre-receive hook), ` +
          `got: ${JSON.stringify(line.slice(0, 80))}`
      );
    updates.push({ old: match[1]!, new: match[2]!, ref: match[3]! });
  }
  return updates;
}

export const isDeletion = (update: RefUpdate): boolean => ZERO.test(update.new);

/**
 * What a pushed id is, in one batch-check for all: its type, the commit or object it peels to, the old tip's
 * commit.
 */
async function inspect(
  live: readonly RefUpdate[],
  options: GitOptions
): Promise<{
  peeled: Array<{ oid: string; type: string }>;
  /** Refs whose pushed id is an annotated tag (their messages are judged too). */
  tags: boolean[];
  oldCommits: Array<string | undefined>;
  head?: string;
}> {
  const names = live.flatMap((update) => [
    update.new,
    `${update.new}^{}`,
    ZERO.test(update.old) ? 'HEAD^{commit}' : `${update.old}^{commit}`
  ]);
  names.push('HEAD^{commit}');
  const types = await objectTypes(names, options);
  const commitOf = (found: { oid: string; type: string } | undefined) =>
    found?.type === 'commit' ? found.oid : undefined;
  const peeled = live.map((update, index) => {
    const target = types[index * 3 + 1];
    if (!types[index * 3] || !target)
      throw new UsageError(
        `pre-receive: ${update.ref} would point to ${update.new}, an object this repository does not ` +
          `have: the push is refused.`
      );
    return target;
  });
  const oldCommits = live.map((update, index) =>
    ZERO.test(update.old) ? undefined : commitOf(types[index * 3 + 2])
  );
  const tags = live.map((_, index) => types[index * 3]?.type === 'tag');
  return { peeled, tags, oldCommits, head: commitOf(types[names.length - 1]) };
}

/** The first ref (by name) whose tip reaches `commit` (asked only for findings, so rarely). */
async function refReaching(
  commit: string,
  refs: ReadonlyArray<{ tip: string; ref: string }>,
  options: GitOptions
): Promise<string> {
  if (refs.length === 1) return refs[0]!.ref;
  for (const { tip, ref } of refs) {
    if (tip === commit) return ref;
    if (await isAncestor(commit, tip, options)) return ref;
  }
  return refs[0]!.ref;
}

/** A commit walk's counts and findings into the push result, each finding with a ref that reaches it. */
async function addWalked(
  result: PushResult,
  walked: WalkResult,
  commitRefs: ReadonlyArray<{ tip: string; ref: string }>,
  options: GitOptions
): Promise<void> {
  result.commits = walked.commits;
  result.scanned = walked.scanned;
  result.skipped = walked.skipped;
  for (const finding of walked.findings)
    result.findings.push({ ...finding, ref: await refReaching(finding.commit, commitRefs, options) });
  for (const finding of walked.pragmas)
    result.pragmas.push({ ...finding, ref: await refReaching(finding.commit, commitRefs, options) });
}

/** Judge a push; returns data, never throws for findings. */
export async function judgePush(context: RunContext & { input: string }): Promise<PushResult> {
  const updates = parseUpdates(context.input);
  const base: GitOptions = { cwd: context.cwd, env: context.env, debug: context.debug };
  // One spawn for both: the git dir, and the shallow file (a shallow server cannot judge a push).
  const { gitDir, shallowFile } = await gitDirAndShallow(base);
  const options: GitOptions = { ...base, cwd: gitDir };
  const result: PushResult = {
    gitDir,
    updates,
    findings: [],
    pragmas: [],
    configChanges: [],
    notes: [],
    commits: 0,
    objects: [],
    configFrom: [],
    scanned: 0,
    skipped: { binary: 0, large: 0, allowed: 0 }
  };
  // Sorted by ref name: nothing below depends on the order git was given the refs in.
  const live = updates
    .filter((update) => !isDeletion(update))
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  if (live.length === 0) return result;
  const { peeled, tags, oldCommits, head } = await inspect(live, options);
  // The accepted commit each ref is judged by: its old tip, else the default branch, else defaults.
  const trusted: TrustedRef[] = live.map((update, index) => ({
    ref: update.ref,
    tip: peeled[index]!.oid,
    base: oldCommits[index] ?? head
  }));
  result.configFrom = trusted.map(({ ref, base }) => (base ? { ref, base } : { ref }));
  const configs = await pushConfigs(trusted, options);
  result.configChanges = configs.changes;
  result.notes = configs.notes;
  const pragmas = pragmaPolicy(await configGet(ALLOW_PRAGMAS_KEY, options));
  if (pragmas === 'refuse') result.pragmasRefused = 'setting';

  const tips = new Map<string, Config[]>();
  const commitRefs: Array<{ tip: string; ref: string }> = [];
  const objects: TaggedObject[] = [];
  live.forEach((update, index) => {
    const { oid, type } = peeled[index]!;
    const config = configs.byRef.get(update.ref)!;
    if (type === 'commit') {
      tips.set(oid, [...(tips.get(oid) ?? []), config]);
      commitRefs.push({ tip: oid, ref: update.ref });
    } else if (type === 'blob' || type === 'tree') {
      objects.push({ ref: update.ref, tip: update.new, oid, type, config });
      result.objects.push(update.ref);
    }
  });
  if (tips.size) {
    const configOf = await commitConfigs(tips, options);
    let walked: WalkResult;
    try {
      walked = await judgeCommits({
        git: options,
        config: configOf(''),
        configOf,
        revisions: [...[...tips.keys()].sort(), '--not', '--all'],
        range: true,
        shallow: readShallow(shallowFile),
        everyBlob: true,
        pragmas
      });
    } catch (error) {
      // An unreadable object rejects the push (exit 2); what was found before it is reported with it,
      // as `history` does.
      if (!(error instanceof MissingObjectsError)) throw error;
      await addWalked(result, error.partial as WalkResult, commitRefs, options);
      await keyFingerprints(result.findings, options);
      await keyFingerprints(result.pragmas, options);
      throw error.with(result);
    }
    if (walked.boundary)
      throw new UsageError(
        `pre-receive: the push reaches commit ${walked.boundary.slice(0, 12)}, whose parents this ` +
          `repository does not have (shallow).`
      );
    await addWalked(result, walked, commitRefs, options);
  }
  if (objects.length) {
    const tagged = await judgeTagged(objects, pragmas, options);
    const known = new Set(
      result.findings.map((finding) => finding.fingerprint ?? `${finding.rule}:${finding.path}`)
    );
    result.findings.push(
      ...tagged.findings.filter((f) => !known.has(f.fingerprint ?? `${f.rule}:${f.path}`))
    );
    result.pragmas.push(...tagged.pragmas);
    result.scanned += tagged.scanned;
  }
  const tagged = live.flatMap((update, index) =>
    tags[index] ? [{ ref: update.ref, oid: update.new, config: configs.byRef.get(update.ref)! }] : []
  );
  if (tagged.length) {
    const messages = await judgeTagMessages(tagged, pragmas, options);
    result.findings.push(...messages.findings);
    result.pragmas.push(...messages.pragmas);
  }
  await keyFingerprints(result.findings, options);
  await keyFingerprints(result.pragmas, options);
  return result;
}
