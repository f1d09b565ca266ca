/**
 * Paths given to a scan must mean something (DESIGN §2): a word that matches no file is a typo
 * (`fixx`, `instal`, a misplaced `history`), never a silent clean scan. By hand, a path with
 * nothing staged under it is also an error (nothing would be checked). Inside a commit, the hook
 * tools (lint-staged, the pre-commit framework) pass names of their own choosing — unstaged,
 * deleted, `--all-files` — and those stay fine as long as git knows them.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, posix, relative } from 'node:path';
import { ArgvError, closest } from './argv.js';
import { indexNames, stagedNames, workTreePlace, type GitOptions } from '../git.js';
import { inCommit } from '../words/messages.js';
import { SUBCOMMANDS } from './options.js';
import { quoteForTerminal } from '../words/escape.js';

function covers(name: string, path: string): boolean {
  return path === '' || name === path || name.startsWith(path + '/');
}

/** Throws a UsageError naming the first path argument that does not fit (see the header). */
export async function checkPathArgs(
  paths: readonly string[],
  mode: 'staged' | 'all',
  options: GitOptions,
  afterDashDash = 0
): Promise<void> {
  if (paths.length === 0) return;
  const [{ prefix, top }, staged, tracked] = await Promise.all([
    workTreePlace(options),
    stagedNames(options),
    indexNames(options)
  ]);
  const hook = inCommit(options.env);
  const firstDashDash = paths.length - afterDashDash;
  for (const [index, arg] of paths.entries()) {
    const fromRoot = isAbsolute(arg)
      ? relative(top, arg).split('\\').join('/')
      : posix.normalize(prefix + arg.split('\\').join('/'));
    const path = fromRoot === '.' || fromRoot === './' ? '' : fromRoot.replace(/\/+$/, '');
    const shown = quoteForTerminal(arg);
    if (path === '..' || path.startsWith('../'))
      throw new ArgvError(`${shown} is outside this repository (${top})`);
    const known = (list: string[]) => list.some((name) => covers(name, path));
    if (mode === 'all') {
      if (!known(tracked))
        throw new ArgvError(`${shown} matches no tracked file${typo(arg, index < firstDashDash)}`, false);
      continue;
    }
    if (known(staged)) continue;
    const exists = known(tracked) || existsSync(join(top, path));
    if (hook && exists) continue;
    if (exists)
      throw new ArgvError(
        `nothing staged at ${shown}, so nothing would be checked: \`git add\` it first, or scan every ` +
          `tracked file with --all`,
        false
      );
    const what = index < firstDashDash ? 'is not a subcommand and matches no file' : 'matches no file';
    throw new ArgvError(`${shown} ${what}${typo(arg, index < firstDashDash)}`, false);
  }
}

/** "; did you mean fix?" for a word a typo away from a subcommand (never after `--`). */
function typo(arg: string, couldBeCommand: boolean): string {
  if (!couldBeCommand) return '';
  if ((SUBCOMMANDS as readonly string[]).includes(arg))
    return `; a subcommand goes first: djkey-guard ${arg} [options]`;
  const guess = closest(arg, SUBCOMMANDS);
  return guess ? `; did you mean \`djkey-guard ${guess}\`?` : ' (commands and options: djkey-guard --help)';
}
