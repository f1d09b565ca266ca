/**
 * A plan of file edits: each file gets a chain of text → text transforms. Applying it computes
 * every new content first (work tree and index), shows a masked diff, then hands everything to
 * the transaction (transaction.ts). The same transforms run on the staged text, so partial
 * staging is respected; whatever fix changed ends up staged, except `.env`.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readObjects, trackedEntries, type GitOptions } from '../git.js';
import { unifiedDiff } from './diff.js';
import { maskText } from './mask-lines.js';
import { addPackage, dependencyFiles, listsPackage } from './requirements.js';
import { checkTarget, type Target } from './targets.js';
import { fromBytes, readTextFile, toBytes, type TextFile } from './text-file.js';
import { commit, indexPaths, removeStaleTemps, type FileChange } from './transaction.js';
import type { FixResult } from '../types.js';

export interface EditOptions {
  /** Mode of a newly created file (default 0644). */
  newMode?: number;
  /** Update the index too (default true; never for .env). */
  stage?: boolean;
  /** A private file (.env): it ends at 0600 whatever it had. */
  private?: boolean;
  /** Edit only the index copy (the work-tree file was deleted: never recreate it). */
  indexOnly?: boolean;
}

export interface Plan {
  root: string;
  gitDir: string;
  notes: string[];
  /** Raw values to mask in everything shown. */
  secrets: string[];
  untrack: string[];
  read(path: string): TextFile;
  target(path: string): Target;
  edit(path: string, transform: (text: string) => string, options?: EditOptions): void;
  order: string[];
  transforms: Map<string, Array<(text: string) => string>>;
  options: Map<string, EditOptions>;
}

export function newPlan(root: string, gitDir: string): Plan {
  const files = new Map<string, TextFile>();
  const targets = new Map<string, Target>();
  const plan: Plan = {
    root,
    gitDir,
    notes: [],
    secrets: [],
    untrack: [],
    order: [],
    transforms: new Map(),
    options: new Map(),
    target(path) {
      if (!targets.has(path)) targets.set(path, checkTarget(root, path));
      return targets.get(path)!;
    },
    read(path) {
      // Checked before reading: a directory, device or link out of the tree is never opened.
      const target = plan.target(path);
      if (!files.has(path)) files.set(path, readTextFile(target.path));
      return files.get(path)!;
    },
    edit(path, transform, options = {}) {
      if (!plan.transforms.has(path)) {
        plan.order.push(path);
        plan.transforms.set(path, []);
        plan.options.set(path, options);
      }
      plan.transforms.get(path)!.push(transform);
    }
  };
  return plan;
}

/** Add a package to the first dependency file (listing Django, preferably) found in `dirs`. */
export function addDependency(plan: Plan, dirs: readonly string[], name: string): void {
  for (const dir of [...new Set(dirs)]) {
    const files = dependencyFiles(join(plan.root, dir)).map((file) => (dir ? `${dir}/${file}` : file));
    if (files.length === 0) continue;
    const withDjango = files.find((file) => listsPackage(file, plan.read(file).text, 'django')) ?? files[0]!;
    plan.edit(withDjango, (text) => addPackage(withDjango, text, name));
    return;
  }
  plan.notes.push(`No requirements file found: add ${name} to your dependencies (pip install ${name}).`);
}

/** What applying a plan did (or would do): fix's and rotate's result. */
export type Applied = FixResult;

const run = (transforms: ReadonlyArray<(text: string) => string>, text: string) =>
  transforms.reduce((acc, transform) => transform(acc), text);

/** Files fix owns whole: a rerun after an interruption stages them even when their text is already right. */
const OWNED = /(^|\/)(\.gitignore|\.env\.example)$/;

function ownerOf(path: string): { uid?: number; gid?: number } {
  try {
    const stat = statSync(path);
    return { uid: stat.uid, gid: stat.gid };
  } catch {
    return {};
  }
}

/** A template whose every `NAME=` is empty (safe to stage). */
function emptyValues(text: string): boolean {
  return text.split('\n').every((line) => !/^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*\S/.test(line));
}

/** Write order: ignore rules first, `.env` before the settings that stop holding the key. */
function rank(path: string): number {
  if (path.endsWith('.gitignore')) return 0;
  if (path.endsWith('.env.example')) return 1;
  if (/(^|\/)\.env$/.test(path)) return 3;
  if (/\.pyw?$/.test(path)) return 4;
  return 2;
}

/** Compute, show and (unless `dryRun`) apply the plan as one transaction. */
export async function applyPlan(plan: Plan, git: GitOptions, dryRun: boolean): Promise<Applied> {
  const changes: FileChange[] = [];
  const diffs: string[] = [];
  const created = new Set<string>();
  const workText = new Map<string, string>();
  for (const path of plan.order) {
    const options = plan.options.get(path) ?? {};
    if (options.indexOnly) continue;
    const file = plan.read(path);
    const target = plan.target(path);
    const after = run(plan.transforms.get(path)!, file.text);
    workText.set(path, after);
    let mode = file.exists ? file.mode! : (options.newMode ?? 0o644);
    if (options.private && (mode & 0o077) !== 0) {
      if (file.exists)
        plan.notes.push(
          `${path} was readable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); it ` +
            `ends at 0600 (owner only).`
        );
      mode = (mode & ~0o077) | 0o600;
    }
    const textChanged = after !== file.text || !file.exists;
    if (!textChanged && mode === file.mode) continue;
    if (!file.exists) created.add(path);
    if (textChanged) diffs.push(unifiedDiff(path, file.exists ? file.text : null, after, plan.secrets));
    changes.push({
      path: target.path,
      display: path,
      bytes: textChanged ? toBytes(after, file) : null,
      mode,
      // The exact bytes on disk (mixed line endings included), for an undo that is byte-identical.
      before: file.exists
        ? { bytes: readFileSync(target.path), mode: file.mode!, ...ownerOf(target.path) }
        : null
    });
  }
  changes.sort((a, b) => rank(a.display) - rank(b.display));

  // The index gets the same edits, applied to what is staged.
  // A symlinked file's index entry is the link itself: its target is written, the link not restaged.
  const stageable = plan.order.filter(
    (path) => plan.options.get(path)?.stage !== false && !plan.target(path).linked
  );
  const entries = stageable.length ? await trackedEntries(git, stageable) : [];
  const tracked = plan.untrack.length ? await trackedEntries(git, plan.untrack) : [];
  const untracked = [...new Set(tracked.map((entry) => entry.path))];
  const staging: Array<{ path: string; bytes: Buffer; mode: string }> = [];
  const byOid = new Map<string, typeof entries>();
  for (const entry of entries) byOid.set(entry.oid, [...(byOid.get(entry.oid) ?? []), entry]);
  await readObjects(
    [...byOid.keys()],
    8 << 20,
    (object) => {
      if (!object.data) return;
      for (const entry of byOid.get(object.oid) ?? []) {
        if (!/^100(644|755)$/.test(entry.mode)) continue;
        const staged = fromBytes(object.data);
        const after = run(plan.transforms.get(entry.path)!, staged.text);
        if (after !== staged.text)
          staging.push({ path: entry.path, bytes: toBytes(after, staged), mode: entry.mode });
      }
    },
    git
  );
  for (const path of stageable) {
    if (entries.some((entry) => entry.path === path) || plan.options.get(path)?.indexOnly) continue;
    // Not in the index: what fix created, or a file it owns that an interrupted run created.
    if (!created.has(path) && !OWNED.test(path)) continue;
    const file = plan.read(path);
    const text = workText.get(path) ?? file.text;
    if (path.endsWith('.env.example') && !emptyValues(text)) {
      plan.notes.push(
        `${path} is not staged: it holds values. Empty them (it is a template), then git add it.`
      );
      continue;
    }
    staging.push({
      path,
      bytes: toBytes(text, file),
      mode:
        (plan.target(path).exists ? file.mode! : (plan.options.get(path)?.newMode ?? 0o644)) & 0o111
          ? '100755'
          : '100644'
    });
  }
  staging.sort((a, b) => (a.path < b.path ? -1 : 1));
  const inIndex = new Set(entries.map((entry) => entry.path));
  const notStaged = changes
    .map((change) => change.display)
    .filter(
      (path) => stageable.includes(path) && !inIndex.has(path) && !staging.some((s) => s.path === path)
    );

  const result: Applied = {
    root: plan.root,
    files: changes.map((change) => change.display),
    untracked,
    staged: staging.map((s) => s.path),
    notStaged,
    diff: diffs.join(''),
    notes: plan.notes.map((note) => maskText(note, plan.secrets)),
    written: false
  };
  if (dryRun || (changes.length === 0 && untracked.length === 0 && staging.length === 0)) return result;
  const paths = await indexPaths(git);
  removeStaleTemps([plan.gitDir, ...changes.map((change) => dirname(change.path))]);
  await commit(
    changes,
    { untrack: untracked, stage: staging },
    { index: paths.index, gitDir: plan.gitDir },
    git
  );
  result.written = true;
  return result;
}
