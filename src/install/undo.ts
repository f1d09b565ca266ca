/** Undoing install, file by file: exact bytes when untouched since, else only our own edits. */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { digest, readText, removeFile, restore, snapshot, writeAtomic } from './files.js';
import { MARKER, PREVIOUS } from './git-hook.js';
import { removeHuskyLine } from './husky.js';
import { deleteJson, getJson, setJson } from './json-edit.js';
import { removePreCommitBlock } from './pre-commit.js';
import { beforeSnapshot, restoreIfUntouched, type FileRecord } from './state.js';
import { report, show, type Session } from './session.js';

/** package.json without djkey-guard's entries (husky and prepare stay: the user may rely on them). */
function removeFromPackageJson(text: string): string {
  let out = deleteJson(text, ['devDependencies', 'djkey-guard']);
  const task = getJson(out, ['lint-staged', '*']);
  if (task === 'djkey-guard') out = deleteJson(out, ['lint-staged', '*']);
  else if (Array.isArray(task)) out = setJson(out, ['lint-staged', '*'], task.filter((t) => t !== 'djkey-guard'));
  return out;
}

const SURGERY: Partial<Record<FileRecord['kind'], (text: string) => string>> = {
  'husky-hook': removeHuskyLine,
  'package-json': removeFromPackageJson,
  'pre-commit-config': removePreCommitBlock,
};

function edit(session: Session, path: string, change: (text: string) => string): void {
  const text = readText(path);
  if (text === null) return;
  const out = change(text);
  if (out === text) return;
  writeAtomic(path, out, snapshot(path)?.mode);
  report(session, 'removed', `djkey-guard from ${show(session, path)} (your later edits kept)`);
}

export function undoFile(session: Session, record: FileRecord): void {
  const before = beforeSnapshot(record);
  if (digest(before) === record.after) return;
  if (restoreIfUntouched(record)) {
    report(session, before ? 'restored' : 'removed', show(session, record.path));
    return;
  }
  const surgery = SURGERY[record.kind];
  if (surgery) edit(session, record.path, surgery);
  else if (record.kind === 'git-hook' && readText(record.path)?.includes(MARKER)) {
    restore(record.path, before);
    report(session, before ? 'restored' : 'removed', show(session, record.path));
  } else if (record.kind !== 'lockfile') {
    report(session, 'kept', `${show(session, record.path)} (changed since install)`);
  }
}

/** No record (installed from another clone, or state lost): remove our known edits only. */
export function undoWithoutRecord(session: Session): void {
  const { facts } = session;
  if (facts.huskyDir) edit(session, join(facts.huskyDir, 'pre-commit'), removeHuskyLine);
  edit(session, join(facts.root, '.pre-commit-config.yaml'), removePreCommitBlock);
  if (facts.packageDir) edit(session, join(facts.packageDir, 'package.json'), removeFromPackageJson);
  const hook = join(facts.hooksDir, 'pre-commit');
  if (readText(hook)?.includes(MARKER)) {
    const previous = join(facts.hooksDir, PREVIOUS);
    if (existsSync(previous)) {
      renameSync(previous, hook);
      report(session, 'restored', show(session, hook));
    } else {
      removeFile(hook);
      report(session, 'removed', show(session, hook));
    }
  }
}
