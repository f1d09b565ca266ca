/**
 * `pre-receive`: judge what a push brings to a (bare) repository on a git server, before any ref
 * moves. git runs the hook in the repository's git dir with the pushed objects in a quarantine
 * directory (GIT_QUARANTINE_PATH, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES): the
 * inherited environment is passed to every git call untouched, so those objects are readable.
 * https://git-scm.com/docs/githooks#pre-receive
 *
 * Only commits new to the repository are judged (`git log <new> --not --all`): a branch made from
 * commits already on another branch, a tag of an existing commit and a deletion judge nothing.
 * Commits are judged with the config of the pushed tip that brings them (.djkeyguardignore,
 * .djkeyguard.json, package.json read from the commit: a server has no work tree). Tips whose
 * config files are the same blobs share one walk (a mirror push of hundreds of refs is one walk,
 * not hundreds); a later walk excludes the tips judged before it, so no commit is judged twice.
 */
import { keyFingerprints } from './findings.js';
import { configFrom } from '../config/allowlist.js';
import { CONFIG_FILES, configAt } from '../config/config-at.js';
import { judgeCommits, type HistoryFinding } from './commit-walk.js';
import { UsageError } from '../errors.js';
import { gitDirAndShallow, isAncestor, objectTypes, type GitOptions } from '../git.js';
import { withNames } from '../rules/secret-key/project-names.js';
import { projectNamesAt } from './project-names.js';
import { readShallow } from './sources.js';
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
  /** New commits judged, over all refs. */
  commits: number;
  /** Refs whose new tip is not a commit (a tag of a tree or blob): nothing to walk. */
  notCommits: string[];
}

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
        `pre-receive: expected "<old> <new> <ref>" lines on stdin (as git gives a pre-receive hook), got: ${JSON.stringify(line.slice(0, 80))}`
      );
    updates.push({ old: match[1]!, new: match[2]!, ref: match[3]! });
  }
  return updates;
}

export const isDeletion = (update: RefUpdate): boolean => ZERO.test(update.new);

/**
 * For each pushed tip, in one `cat-file --batch-check`: the commit it peels to (a tag of a tree or
 * blob has none), and what tells its config apart from another tip's: the blob ids of its config
 * files (`<name> missing` when absent). Tips with the same ids share one walk.
 */
async function inspectTips(
  updates: RefUpdate[],
  options: GitOptions
): Promise<Array<{ commit?: string; identity: string; hasConfig: boolean }>> {
  const names = updates.flatMap((update) => [
    `${update.new}^{commit}`,
    ...CONFIG_FILES.map((file) => `${update.new}:${file}`)
  ]);
  const types = await objectTypes(names, options);
  const width = CONFIG_FILES.length + 1;
  return updates.map((_, index) => {
    const [peeled, ...files] = types.slice(index * width, (index + 1) * width);
    const blobs = files.map((file) => (file?.type === 'blob' ? file.oid : undefined));
    return {
      commit: peeled?.type === 'commit' ? peeled.oid : undefined,
      identity: blobs.map((oid) => oid ?? '-').join(','),
      hasConfig: blobs.some((oid) => oid !== undefined)
    };
  });
}

/** The first ref of a group whose tip reaches `commit` (asked only for findings, so rarely). */
async function refReaching(
  commit: string,
  group: Array<{ tip: string; ref: string }>,
  options: GitOptions
): Promise<string> {
  if (group.length === 1) return group[0]!.ref;
  for (const { tip, ref } of group) {
    if (tip === commit) return ref;
    if (await isAncestor(commit, tip, options)) return ref;
  }
  return group[0]!.ref;
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
    commits: 0,
    notCommits: [],
    scanned: 0,
    skipped: { binary: 0, large: 0, allowed: 0 }
  };
  const live = updates.filter((update) => !isDeletion(update));
  if (live.length === 0) return result;
  // One walk per distinct config (usually one for the whole push, however many refs it has).
  const inspected = await inspectTips(live, options);
  const groups = new Map<string, { hasConfig: boolean; members: Array<{ tip: string; ref: string }> }>();
  const tips = new Set<string>();
  live.forEach((update, index) => {
    const { commit, identity, hasConfig } = inspected[index]!;
    if (!commit) result.notCommits.push(update.ref);
    if (!commit || tips.has(commit)) return;
    tips.add(commit);
    const group = groups.get(identity) ?? { hasConfig, members: [] };
    group.members.push({ tip: commit, ref: update.ref });
    groups.set(identity, group);
  });
  const shallow = readShallow(shallowFile);
  const judged: string[] = [];
  const seen = new Set<string>();
  for (const { hasConfig, members: group } of groups.values()) {
    const groupTips = group.map((member) => member.tip);
    // No config file in the commit: the defaults, without reading anything.
    const own = hasConfig
      ? await configAt(groupTips[0]!, options)
      : configFrom({ read: () => undefined, show: (name) => name });
    // The project's own guarded names (what its settings read SECRET_KEY from), as of the pushed tip.
    const config = withNames(own, await projectNamesAt(options, groupTips[0]!).catch((): string[] => []));
    const walked = await judgeCommits({
      git: options,
      config,
      revisions: [...groupTips, '--not', '--all', ...judged],
      range: true,
      shallow
    });
    judged.push(...groupTips);
    if (walked.boundary)
      throw new UsageError(
        `pre-receive: the push reaches commit ${walked.boundary.slice(0, 12)}, whose parents this repository does not have (shallow).`
      );
    result.commits += walked.commits;
    result.scanned += walked.scanned;
    for (const key of ['binary', 'large', 'allowed'] as const) result.skipped[key] += walked.skipped[key];
    for (const finding of walked.findings) {
      const id = `${finding.rule}\0${finding.fingerprint ?? finding.path}`;
      if (seen.has(id)) continue;
      seen.add(id);
      result.findings.push({ ...finding, ref: await refReaching(finding.commit, group, options) });
    }
  }
  await keyFingerprints(result.findings, options);
  return result;
}
