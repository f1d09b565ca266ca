/** Undoing install, file by file: exact bytes when untouched since, else only our own edits. */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { digest, readText, removeFile, restore, snapshot, writeAtomic } from './files.js';
import { HOOK_NAMES, MARKER, hookText, previousName } from './git-hook.js';
import { removeHuskyLine } from './husky.js';
import { deleteJson, getJson, setJson } from './json-edit.js';
import { removePreCommitBlock } from './pre-commit.js';
import { removeIgnoreLines } from './ignore-node-modules.js';
import { beforeSnapshot, restoreIfUntouched, type FileRecord } from './state.js';
import { report, show, type Session } from './session.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const emptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/**
 * package.json without what install set there, member by member (a dependency the user had before
 * stays; husky and prepare go when install added them), each only while it still holds the value
 * install wrote: a member the user changed since is theirs. Objects this leaves empty and that did
 * not exist before (`"lint-staged": {}`, `"devDependencies": {}`) go too.
 */
function undoJsonEdits(text: string, record: FileRecord, kept: string[]): string {
  const before = record.before ? Buffer.from(record.before.data, 'base64').toString('utf8') : '';
  let out = text;
  for (const edit of [...(record.json ?? [])].reverse()) {
    if (!same(getJson(out, edit.key), edit.value)) {
      if (getJson(out, edit.key) !== undefined) kept.push(edit.key.join('.'));
      continue;
    }
    out = 'previous' in edit ? setJson(out, edit.key, edit.previous) : deleteJson(out, edit.key);
    for (let depth = edit.key.length - 1; depth > 0; depth--) {
      const parent = edit.key.slice(0, depth);
      if (emptyObject(getJson(out, parent)) && getJson(before, parent) === undefined)
        out = deleteJson(out, parent);
    }
  }
  return out;
}

/** package.json without djkey-guard's entries, for an install that left no member record. */
function removeFromPackageJson(text: string): string {
  let out = deleteJson(text, ['devDependencies', 'djkey-guard']);
  const task = getJson(out, ['lint-staged', '*']);
  if (task === 'djkey-guard') out = deleteJson(out, ['lint-staged', '*']);
  else if (Array.isArray(task))
    out = setJson(
      out,
      ['lint-staged', '*'],
      task.filter((t) => t !== 'djkey-guard')
    );
  return out;
}

const SURGERY: Partial<Record<FileRecord['kind'], (text: string) => string>> = {
  'husky-hook': removeHuskyLine,
  'package-json': removeFromPackageJson,
  'pre-commit-config': removePreCommitBlock,
  gitignore: removeIgnoreLines
};

function edit(session: Session, path: string, change: (text: string) => string): void {
  const text = readText(path);
  if (text === null) return;
  const out = change(text);
  if (out === text) return;
  writeAtomic(path, out, snapshot(path)?.mode);
  report(session, 'removed', `djkey-guard's edits from ${show(session, path)} (your later edits kept)`);
}

export function undoFile(session: Session, record: FileRecord): void {
  const before = beforeSnapshot(record);
  if (digest(before) === record.after) return;
  if (restoreIfUntouched(record)) {
    report(session, before ? 'restored' : 'removed', show(session, record.path));
    return;
  }
  if (record.kind === 'package-json' && record.json) {
    const kept: string[] = [];
    edit(session, record.path, (text) => undoJsonEdits(text, record, kept));
    for (const key of kept)
      report(session, 'kept', `${show(session, record.path)} ${key} (changed since install: yours now)`);
    return;
  }
  const surgery = SURGERY[record.kind];
  if (surgery) edit(session, record.path, surgery);
  else if (record.kind === 'git-hook' && readText(record.path)?.includes(MARKER))
    undoEditedHook(session, record.path, before);
  else if (record.kind !== 'lockfile') {
    report(session, 'kept', `${show(session, record.path)} (changed since install)`);
  }
}

/** The lines of `text` that are not lines of our hook file (the user's own edits). */
export function userLines(text: string, name: string): string[] {
  const template = hookText(name, '\u0000');
  const [head, tail] = template.split('\u0000') as [string, string];
  const before = escapeRegExp(head.slice(head.lastIndexOf('\n') + 1));
  const after = escapeRegExp(tail.slice(0, tail.indexOf('\n')));
  const reinstallLine = new RegExp(`^${before}.*${after}$`);
  const ours = new Set(template.split('\n'));
  return text
    .split('\n')
    .filter((line) => !ours.has(line) && !reinstallLine.test(line) && line.trim() !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Our hook, edited since install: take out our lines, keep the user's. With no hook before us the
 * user's lines stay at the hook's path; otherwise the old hook comes back and the user's lines are
 * kept beside it for them to merge (neither is thrown away).
 */
function undoEditedHook(session: Session, path: string, before: ReturnType<typeof beforeSnapshot>): void {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const text = readText(path) ?? '';
  const kept = userLines(text, name);
  if (kept.length === 0) {
    restore(path, before);
    report(session, before ? 'restored' : 'removed', show(session, path));
    return;
  }
  const body = ['#!/bin/sh', ...kept].join('\n') + '\n';
  if (!before) {
    writeAtomic(path, body, snapshot(path)?.mode ?? 0o755);
    report(session, 'removed', `djkey-guard from ${show(session, path)} (your later edits kept)`);
    return;
  }
  const edits = `${path}.your-edits`;
  writeAtomic(edits, body, 0o644);
  restore(path, before);
  report(session, 'restored', show(session, path));
  report(
    session,
    'kept',
    `your edits to the djkey-guard hook, in ${show(session, edits)} (merge them into ${name} if you ` +
      `still want them)`
  );
}

/** No record (installed from another clone, or state lost): remove our known edits only. */
export function undoWithoutRecord(session: Session): void {
  const { facts } = session;
  if (facts.huskyDir) edit(session, join(facts.huskyDir, 'pre-commit'), removeHuskyLine);
  edit(session, join(facts.root, '.pre-commit-config.yaml'), removePreCommitBlock);
  if (facts.packageDir) edit(session, join(facts.packageDir, 'package.json'), removeFromPackageJson);
  for (const name of HOOK_NAMES) {
    const hook = join(facts.hooksDir, name);
    if (!readText(hook)?.includes(MARKER)) continue;
    const previous = join(facts.hooksDir, previousName(name));
    if (existsSync(previous) || snapshot(previous)?.link) {
      renameSync(previous, hook);
      report(session, 'restored', show(session, hook));
    } else {
      removeFile(hook);
      report(session, 'removed', show(session, hook));
    }
  }
}
