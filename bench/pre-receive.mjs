/**
 * Bench case (issue 11): a `pre-receive` check of a 1,000-commit push against `git log -p` over
 * the same commits (budget 2x, DESIGN §8). The bare repository holds every object but its branch
 * still points 1,000 commits back, which is what git's hook sees during a push (the quarantine
 * only changes where the new objects live). The hook's stdin comes from a file through `sh -c`.
 * run.mjs calls preReceiveRows(); `node bench/pre-receive.mjs [--runs N]` runs this case alone.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, historyRepo } from './generate.mjs';

export const PUSHED = 1000;

/** Build the repository; returns the two tools to interleave and a cleanup. */
export function preReceiveSetup(work, cli) {
  const source = join(work, 'pre-receive-source');
  const bare = join(work, 'pre-receive.git');
  process.stderr.write(`generating a ${PUSHED}-commit push ...\n`);
  historyRepo(source, PUSHED + 100);
  rmSync(bare, { recursive: true, force: true });
  git(work, ['clone', '-q', '--bare', source, bare]);
  rmSync(source, { recursive: true, force: true });
  const tip = git(bare, ['rev-parse', 'refs/heads/main']).toString().trim();
  const base = git(bare, ['rev-parse', `refs/heads/main~${PUSHED}`])
    .toString()
    .trim();
  git(bare, ['update-ref', 'refs/heads/main', base]);
  git(bare, ['update-ref', '-d', 'refs/heads/deploy']);
  const stdin = join(work, 'pre-receive-stdin.txt');
  writeFileSync(stdin, `${base} ${tip} refs/heads/main\n`);
  return {
    tools: [
      { cmd: 'git', args: ['log', '-p', `${base}..${tip}`], cwd: bare },
      // 4 keys among the pushed commits: the push is rejected (exit 1), as it should be.
      {
        cmd: 'sh',
        args: ['-c', `exec "${process.execPath}" "${cli}" pre-receive < "${stdin}"`],
        cwd: bare,
        expect: [1]
      }
    ],
    cleanup: () => rmSync(bare, { recursive: true, force: true })
  };
}

/** The Markdown rows for run.mjs's report. */
export function preReceiveRows(work, cli, interleave, fmtMs, fmtMb, ratio) {
  const { tools, cleanup } = preReceiveSetup(work, cli);
  const [logP, check] = interleave(tools);
  cleanup();
  return [
    `| pre-receive (a ${PUSHED.toLocaleString('en')}-commit push) | \`git log -p\` over the push | ` +
      `\`djkey-guard pre-receive\` | ratio | budget | peak RSS git / djkey-guard |`,
    '|---|--:|--:|--:|---|--:|',
    `| ${PUSHED.toLocaleString('en')} new commits, 2 files changed in each | ${fmtMs(logP.ms)} ` +
      `| ${fmtMs(check.ms)} | ${ratio(check.ms, logP.ms)} | ≤ ` +
      `2x: ${check.ms / logP.ms <= 2 ? 'met' : 'MISSED'} | ${fmtMb(logP.kb)} / ${fmtMb(check.kb)} |`
  ];
}
