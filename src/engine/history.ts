/**
 * `history`: every commit reachable from any ref, or only the commits of git revision ranges
 * (`origin/main..HEAD`, `A...B`, several at once, CI's `$before..$after`). The judging itself is
 * commit-walk.ts; this module finds the repository, its config and the commits to walk, and
 * refuses to call a shallow clone's truncated history clean.
 */
import { keyFingerprints } from './findings.js';
import { loadConfig, type Config } from '../config/allowlist.js';
import {
  changedConfigFiles,
  configAt,
  configIdentities,
  defaultConfig,
  readTexts,
  strictest
} from '../config/config-at.js';
import { judgeCommits, type WalkResult } from './commit-walk.js';
import { GitError, UsageError } from '../errors.js';
import {
  bareGitDir,
  headTree,
  objectTypes,
  repoInfo,
  resolveRevisions,
  shallowCommits,
  type GitOptions
} from '../git.js';
import { MissingObjectsError } from './missing.js';
import { shallowAdvice } from '../words/messages.js';
import type { HistoryResult, RunContext } from '../types.js';
import { withNames } from '../rules/secret-key/project-names.js';
import { projectNamesAt } from './project-names.js';

export type { HistoryFinding } from './commit-walk.js';

export type { HistoryResult } from '../types.js';

export interface HistoryOptions extends RunContext {
  /** git revision ranges; none = every commit of every ref. */
  ranges?: readonly string[];
  /**
   * The commit whose config judges a range (CI: the pull request's base, the push's `before`);
   * null: the built-in defaults (a first push, nothing accepted yet). Unset: the range's own
   * excluded commits (`A` of `A..B`), or for every ref the work tree's files.
   */
  configFrom?: string | null;
  /** CI: every blob is judged whatever its size and bytes (DESIGN §11). */
  everyBlob?: boolean;
  /** `refuse`: an allow pragma does not allow (CI's DJKEY_GUARD_ALLOW_PRAGMAS=false, --refuse-pragmas). */
  pragmas?: 'honour' | 'refuse';
}

async function revisionsOf(
  ranges: readonly string[],
  shallow: ReadonlySet<string>,
  git: GitOptions
): Promise<string[]> {
  // A leading dash would be read as an option by git: no revision starts with one.
  const dashed = ranges.find((range) => range.startsWith('-'));
  if (dashed !== undefined)
    throw new UsageError(`history: "${dashed}" is not a revision range (e.g. origin/main..HEAD)`);
  try {
    return await resolveRevisions(ranges, git);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw rangeError(ranges, error, shallow);
  }
}

function rangeError(ranges: readonly string[], error: GitError, shallow: ReadonlySet<string>): UsageError {
  const why = error.stderr.trim().split('\n')[0] ?? '';
  const hint = shallow.size
    ? `\n${shallowAdvice}`
    : ' (git log range syntax: origin/main..HEAD, A...B, or one commit for its ancestry)';
  return new UsageError(
    `history: cannot read the range ${ranges.map((r) => JSON.stringify(r)).join(' ')}: ${why}${hint}`
  );
}

/**
 * The work-tree root and its config files; in a bare repository (a server, a mirror) the git dir
 * and the config HEAD's commit carries, since there are no files to read.
 */
async function locate(options: GitOptions): Promise<{ root: string; config: Config }> {
  try {
    const { root } = await repoInfo(options);
    return { root, config: loadConfig(root) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const gitDir = await bareGitDir(options);
    if (gitDir === undefined) throw error;
    return { root: gitDir, config: await configAt('HEAD', { ...options, cwd: gitDir }) };
  }
}

/** Scan history (all refs, or `ranges`); returns data, never throws for findings. */
export async function scanHistory(context: HistoryOptions): Promise<HistoryResult> {
  const git: GitOptions = { cwd: context.cwd, env: context.env, debug: context.debug };
  const { root, config: own } = await locate(git);
  const rootGit: GitOptions = { ...git, cwd: root };
  const ranges = [...(context.ranges ?? [])];
  const shallow = await shallowCommits(rootGit);
  const revisions = ranges.length ? await revisionsOf(ranges, shallow, rootGit) : ['--all'];
  const trusted = await trustedConfig(context, revisions, shallow, rootGit);
  // The project's own guarded names (what its settings read SECRET_KEY from), as of HEAD and, for
  // a range, its bases and tips too: guarded names only widen.
  const trees = trusted
    ? [...new Set(['HEAD', ...trusted.from, ...revisions.filter((rev) => /^[0-9a-f]+$/.test(rev))])]
    : 'HEAD';
  const config = withNames(
    trusted?.config ?? own,
    await projectNamesAt(rootGit, trees).catch((): string[] => [])
  );
  let walked: WalkResult;
  try {
    walked = await judgeCommits({
      git: rootGit,
      config,
      revisions,
      range: ranges.length > 0,
      shallow,
      head: headTree(rootGit),
      everyBlob: context.everyBlob,
      pragmas: context.pragmas
    });
  } catch (error) {
    // What was found before a missing object stopped the walk leaves keyed, like a whole result.
    if (error instanceof MissingObjectsError)
      throw error.with(await historyResult(root, ranges, error.partial as WalkResult, rootGit));
    // rev-parse accepts any full-length id; git log is the first to find the object missing.
    if (!(error instanceof GitError) || ranges.length === 0) throw error;
    throw rangeError(ranges, error, shallow);
  }
  const result = await historyResult(root, ranges, walked, rootGit);
  if (trusted) Object.assign(result, { configFrom: trusted.from, configChanges: trusted.changes });
  // Why pragmas are findings here: the caller's setting first, else the (trusted) config's own.
  if (context.pragmas === 'refuse') result.pragmasRefused = 'setting';
  else if (config.allowPragmas === false) result.pragmasRefused = 'config';
  return result;
}

async function historyResult(
  root: string,
  ranges: string[],
  walked: WalkResult,
  git: GitOptions
): Promise<HistoryResult> {
  const result: HistoryResult = {
    root,
    ranges,
    findings: walked.findings,
    commits: walked.commits,
    scanned: walked.scanned,
    skipped: walked.skipped,
    pragmas: walked.pragmas
  };
  if (walked.boundary) result.incomplete = walked.boundary;
  await keyFingerprints(result.findings, git);
  await keyFingerprints(result.pragmas ?? [], git);
  return result;
}

/**
 * The config a range is judged with (DESIGN §11): what the range starts from, never the files the
 * range brings (a pull request adding `*` to .djkeyguardignore would switch its own check off).
 * Several bases (`^A ^B`): the strictest of their configs. Undefined: no range, the work tree.
 */
async function trustedConfig(
  context: HistoryOptions,
  revisions: readonly string[],
  shallow: ReadonlySet<string>,
  git: GitOptions
): Promise<{ config: Config; from: string[]; changes: string[] } | undefined> {
  let from: string[];
  if (context.configFrom === null) from = [];
  else if (context.configFrom !== undefined) {
    const [found] = await objectTypes([`${context.configFrom}^{commit}`], git);
    if (!found)
      throw new UsageError(
        `history: cannot read the config of ${context.configFrom} (the commit the range starts from): ` +
          `it is not in this clone` +
          (shallow.size ? `\n${shallowAdvice}` : '')
      );
    from = [found.oid];
  } else {
    from = revisions.filter((rev) => rev.startsWith('^')).map((rev) => rev.slice(1));
    if (from.length === 0) return undefined;
  }
  const configs = await Promise.all(from.map((commit) => configAt(commit, git)));
  // What the range would change in the config: said, not applied.
  const tips = revisions.filter((rev) => /^[0-9a-f]+$/.test(rev));
  const identities = await configIdentities([...from, ...tips], git);
  const texts = await readTexts(
    [...identities.values()].flatMap((identity) => identity.split(',').filter((oid) => oid !== '-')),
    git
  );
  const bases = from.length ? from.map((commit) => identities.get(commit)!) : ['-,-,-'];
  const changes = new Set(
    bases.flatMap((base) => tips.flatMap((tip) => changedConfigFiles(base, identities.get(tip)!, texts)))
  );
  return { config: configs.length ? strictest(configs) : defaultConfig(), from, changes: [...changes] };
}
