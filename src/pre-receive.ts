/**
 * `pre-receive`: judge what a push brings to a (bare) repository on a git server, before any ref
 * moves. git runs the hook in the repository's git dir with the pushed objects in a quarantine
 * directory (GIT_QUARANTINE_PATH, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES): the
 * inherited environment is passed to every git call untouched, so those objects are readable.
 * https://git-scm.com/docs/githooks#pre-receive
 *
 * Only commits new to the repository are judged (`git log <new> --not --all`): a branch made from
 * commits already on another branch, a tag of an existing commit and a deletion judge nothing. Each
 * ref is judged with the config of its own new tip (.djkeyguardignore, .djkeyguard.json,
 * package.json read from the commit: a server has no work tree), and excludes the commits of the
 * refs judged before it, so a commit pushed on two refs is judged once.
 */
import { keyFingerprints } from './fingerprint-key.js';
import { configFrom, CONFIG_FILE, IGNORE_FILE, type Config } from './allowlist.js';
import { judgeCommits, type HistoryFinding } from './commit-walk.js';
import { UsageError } from './errors.js';
import { git, readObjects, type GitOptions } from './git.js';
import { shallowCommits } from './history.js';
import type { RunContext, ScanResult } from './types.js';

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
    if (!match) throw new UsageError(`pre-receive: expected "<old> <new> <ref>" lines on stdin (as git gives a pre-receive hook), got: ${JSON.stringify(line.slice(0, 80))}`);
    updates.push({ old: match[1]!, new: match[2]!, ref: match[3]! });
  }
  return updates;
}

export const isDeletion = (update: RefUpdate): boolean => ZERO.test(update.new);

/** The config a tip commit carries, read through one cat-file (`<tip>:<file>` names). */
async function configAt(tip: string, options: GitOptions): Promise<Config> {
  const files = [CONFIG_FILE, 'package.json', IGNORE_FILE];
  const texts = new Map<string, string>();
  let index = 0;
  await readObjects(files.map((file) => `${tip}:${file}`), 16 << 20, (object) => {
    const file = files[index++]!;
    if (object.type === 'blob' && object.data) texts.set(file, object.data.toString('utf8'));
  }, options);
  return configFrom({ read: (name) => texts.get(name), show: (name) => `${name} (in commit ${tip.slice(0, 12)})` });
}

/** Which new tips are commits (a tag is peeled): one `cat-file --batch-check` for all refs. */
async function commitTips(updates: RefUpdate[], options: GitOptions): Promise<Map<string, string>> {
  const input = updates.map((update) => `${update.new}^{commit}`).join('\n') + '\n';
  const out = (await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { ...options, input })).stdout.toString('utf8');
  const tips = new Map<string, string>();
  out.split('\n').filter(Boolean).forEach((line, index) => {
    const [oid, type] = line.split(' ');
    if (type === 'commit' && updates[index]) tips.set(updates[index].new, oid!);
  });
  return tips;
}

/** Judge a push; returns data, never throws for findings. */
export async function judgePush(context: RunContext & { input: string }): Promise<PushResult> {
  const updates = parseUpdates(context.input);
  const base: GitOptions = { cwd: context.cwd, env: context.env, debug: context.debug };
  const gitDir = (await git(['rev-parse', '--absolute-git-dir'], base)).stdout.toString('utf8').trim();
  const options: GitOptions = { ...base, cwd: gitDir };
  const result: PushResult = { gitDir, updates, findings: [], commits: 0, notCommits: [], scanned: 0, skipped: { binary: 0, large: 0, allowed: 0 } };
  const live = updates.filter((update) => !isDeletion(update));
  if (live.length === 0) return result;
  const tips = await commitTips(live, options);
  const shallow = await shallowCommits(options);
  const judged: string[] = [];
  const seen = new Set<string>();
  for (const update of live) {
    const tip = tips.get(update.new);
    if (!tip) {
      result.notCommits.push(update.ref);
      continue;
    }
    if (judged.includes(tip)) continue;
    const config = await configAt(tip, options);
    const walked = await judgeCommits({ git: options, config, revisions: [tip, '--not', '--all', ...judged], range: true, shallow });
    judged.push(tip);
    if (walked.boundary) throw new UsageError(`pre-receive: ${update.ref} reaches commit ${walked.boundary.slice(0, 12)}, whose parents this repository does not have (shallow).`);
    result.commits += walked.commits;
    result.scanned += walked.scanned;
    for (const key of ['binary', 'large', 'allowed'] as const) result.skipped[key] += walked.skipped[key];
    for (const finding of walked.findings) {
      const id = `${finding.rule}\0${finding.fingerprint ?? finding.path}`;
      if (seen.has(id)) continue;
      seen.add(id);
      result.findings.push({ ...finding, ref: update.ref });
    }
  }
  await keyFingerprints(result.findings, options);
  return result;
}
