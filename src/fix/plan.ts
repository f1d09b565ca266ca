/**
 * A plan of file edits: each file gets a chain of text → text transforms. Applying it computes
 * every new content first, shows a masked diff, then writes all-or-nothing and updates the index
 * (the same transforms run on the staged text, so partial staging is respected).
 */
import { join } from 'node:path';
import { readObjects, stageContent, trackedEntries, untrack, type GitOptions } from '../git.js';

import { maskSecrets, unifiedDiff } from './diff.js';
import { addPackage, dependencyFiles, listsPackage } from './requirements.js';
import { fromBytes, readTextFile, toBytes, type TextFile } from './text-file.js';
import { writeAll, type PendingWrite } from './write.js';

export interface EditOptions {
  /** Mode of a newly created file (default 0644). */
  newMode?: number;
  /** Update the index too (default true; never for .env). */
  stage?: boolean;
}

export interface Plan {
  root: string;
  notes: string[];
  /** Raw values to mask in everything shown. */
  secrets: string[];
  untrack: string[];
  read(path: string): TextFile;
  edit(path: string, transform: (text: string) => string, options?: EditOptions): void;
  order: string[];
  transforms: Map<string, Array<(text: string) => string>>;
  options: Map<string, EditOptions>;
}

export function newPlan(root: string): Plan {
  const files = new Map<string, TextFile>();
  const plan: Plan = {
    root,
    notes: [],
    secrets: [],
    untrack: [],
    order: [],
    transforms: new Map(),
    options: new Map(),
    read(path) {
      if (!files.has(path)) files.set(path, readTextFile(join(root, path)));
      return files.get(path)!;
    },
    edit(path, transform, options = {}) {
      if (!plan.transforms.has(path)) {
        plan.order.push(path);
        plan.transforms.set(path, []);
        plan.options.set(path, options);
      }
      plan.transforms.get(path)!.push(transform);
    },
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

export interface Applied {
  root: string;
  /** Files written (or that would be), root-relative. */
  files: string[];
  /** Paths removed from the index (`git rm --cached`). */
  untracked: string[];
  /** Paths whose index entry was updated so the next commit carries the fix. */
  staged: string[];
  /** Unified diff of the planned changes, secrets masked. */
  diff: string;
  /** Explanations: chosen values, new keys and why, things left to do. */
  notes: string[];
  written: boolean;
}

const run = (transforms: ReadonlyArray<(text: string) => string>, text: string) => transforms.reduce((acc, transform) => transform(acc), text);

/** Compute, show and (unless `dryRun`) write the plan. */
export async function applyPlan(plan: Plan, git: GitOptions, dryRun: boolean): Promise<Applied> {
  const writes: PendingWrite[] = [];
  const diffs: string[] = [];
  const changed: string[] = [];
  const created = new Set<string>();
  for (const path of plan.order) {
    const file = plan.read(path);
    const after = run(plan.transforms.get(path)!, file.text);
    if (after === file.text && file.exists) continue;
    changed.push(path);
    if (!file.exists) created.add(path);
    diffs.push(unifiedDiff(path, file.exists ? file.text : null, after));
    writes.push({ path: join(plan.root, path), display: path, bytes: toBytes(after, file), newMode: plan.options.get(path)?.newMode });
  }

  // The index gets the same edits, applied to what is staged.
  const stageable = plan.order.filter((path) => plan.options.get(path)?.stage !== false);
  const entries = stageable.length ? await trackedEntries(git, stageable) : [];
  const tracked = plan.untrack.length ? await trackedEntries(git, plan.untrack) : [];
  const untracked = plan.untrack.filter((path) => tracked.some((entry) => entry.path === path));
  const staging: Array<{ path: string; bytes: Buffer; mode: string }> = [];
  const byOid = new Map(entries.map((entry) => [entry.oid, entry]));
  await readObjects([...byOid.keys()], 8 << 20, (object) => {
    const entry = byOid.get(object.oid);
    if (!entry || !object.data) return;
    const staged = fromBytes(object.data);
    const after = run(plan.transforms.get(entry.path)!, staged.text);
    if (after !== staged.text) staging.push({ path: entry.path, bytes: toBytes(after, staged), mode: entry.mode });
  }, git);
  for (const path of created) {
    if (plan.options.get(path)?.stage === false || entries.some((entry) => entry.path === path)) continue;
    staging.push({ path, bytes: writes.find((w) => w.display === path)!.bytes, mode: '100644' });
  }

  const result: Applied = {
    root: plan.root,
    files: changed,
    untracked,
    staged: staging.map((s) => s.path),
    diff: maskSecrets(diffs.join(''), plan.secrets),
    notes: plan.notes.map((note) => maskSecrets(note, plan.secrets)),
    written: false,
  };
  if (dryRun || (changed.length === 0 && untracked.length === 0 && staging.length === 0)) return result;
  writeAll(writes);
  await untrack(untracked, git);
  for (const item of staging) await stageContent(item.path, item.bytes, item.mode, git);
  result.written = true;
  return result;
}

