/** Text for what fix/rotate did (or would do). Values in it are already masked. */
import type { FixResult } from '../types.js';
import { quoteForTerminal } from '../words/escape.js';
import { shellQuote } from '../words/messages.js';

/** The diff, the notes, then one line per kind of change. */
export function fixSummary(result: FixResult, dryRun: boolean, command: string): string {
  const lines: string[] = [];
  const nothing = result.files.length === 0 && result.untracked.length === 0 && result.staged.length === 0;
  if (nothing) {
    lines.push(`djkey-guard ${command}: nothing to change.`);
    for (const note of result.notes) lines.push(`note: ${note}`);
    return lines.join('\n') + '\n';
  }
  if (result.diff) lines.push(result.diff.replace(/\n$/, ''));
  for (const note of result.notes) lines.push(`note: ${note}`);
  const verb = dryRun ? 'would' : '';
  const say = (what: string, paths: string[]) =>
    paths.length &&
    lines.push(`${dryRun ? `${verb} ${what}` : what}: ${paths.map(quoteForTerminal).join(', ')}`);
  say(dryRun ? 'write' : 'wrote', result.files);
  say(
    dryRun ? 'untrack (git rm --cached; the file stays)' : 'untracked (git rm --cached; the file stays)',
    result.untracked
  );
  say(dryRun ? 'stage' : 'staged', result.staged);
  const left = result.notStaged ?? [];
  say(
    dryRun
      ? 'leave untracked (git never had them; not staged)'
      : 'left untracked (git never had them; not staged)',
    left
  );
  const add = `git add ${left.map(shellQuote).join(' ')}`;
  lines.push(
    dryRun
      ? `djkey-guard ${command}: dry run, nothing written.`
      : left.length
        ? `djkey-guard ${command}: done. ${left.length === 1 ? 'That file is' : 'Those files are'} ` +
          `yours to add with the rest of the project (\`${add}\`, or \`git add -A\`: .env is ` +
          `ignored), then review with git diff --cached and commit.`
        : `djkey-guard ${command}: done. Review with git diff --cached, then commit.`
  );
  return lines.join('\n') + '\n';
}
