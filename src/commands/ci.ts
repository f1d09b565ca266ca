/**
 * `ci [github|gitlab]`: judge the commits of the push or merge request that started this CI job.
 * The provider comes from the argument or the environment (GITHUB_ACTIONS, GITLAB_CI). Text report
 * on stderr; on GitHub also the job summary and annotations. DJKEY_GUARD_SARIF=<file> writes SARIF
 * (for github/codeql-action/upload-sarif); DJKEY_GUARD_FETCH=false never fetches;
 * DJKEY_GUARD_ALLOW_PRAGMAS=false (or --refuse-pragmas) makes allow pragmas findings. Exit 1 on findings.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { CommandContext } from './command.js';
import { UsageError } from '../errors.js';
import { scanHistory, type HistoryResult } from '../engine/history.js';
import { historyIncompleteMessage, incompleteHeading } from '../words/messages.js';
import { MissingObjectsError } from '../engine/missing.js';
import { annotations, ciTrustText, summaryMarkdown } from '../report/ci-summary.js';
import { fetchFor } from '../ci/fetch.js';
import { PROVIDERS, type Provider, type ProviderName } from '../ci/index.js';
import { formatHistoryText } from '../report/history.js';
import { pragmasOf } from './history.js';

const NAMES = Object.keys(PROVIDERS) as ProviderName[];

/** The provider named on the command line, else the one this job runs under. */
function providerOf(context: CommandContext): ProviderName {
  const named = context.positionals[0];
  if (named !== undefined) {
    if (!(NAMES as string[]).includes(named) || context.positionals.length > 1) {
      throw new UsageError(
        `ci: expected ${NAMES.join(' or ')}, got ` +
          context.positionals.map((p) => JSON.stringify(p)).join(' ')
      );
    }
    return named as ProviderName;
  }
  const detected = NAMES.find((name) => PROVIDERS[name].detects(context.env));
  if (detected) return detected;
  throw new UsageError(
    `ci: not in ${NAMES.map((name) => PROVIDERS[name].label).join(' or ')}; name one (djkey-guard ci ` +
      `${NAMES[0]}) or run djkey-guard history <range>`
  );
}

function publish(
  context: CommandContext,
  provider: Provider,
  title: string,
  report: string,
  result: HistoryResult | null
): void {
  if (!provider.summary) return;
  const env = context.env;
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(title, report));
  if (result) context.stdout(annotations(result));
}

export async function ciCommand(context: CommandContext): Promise<number> {
  const name = providerOf(context);
  const provider: Provider = PROVIDERS[name];
  let chosen = await provider.plan(context.env);
  const git = { cwd: context.cwd, env: context.env, debug: context.debug };
  const log = (line: string) => context.stderr(line + '\n');
  log(`djkey-guard ci ${name}: ${chosen.describe}`);
  const sarifFile = context.env.DJKEY_GUARD_SARIF;
  if (chosen.skip) {
    log(`djkey-guard: ${chosen.skip}.`);
    publish(context, provider, chosen.skip, chosen.skip + '\n', null);
    if (sarifFile)
      writeFileSync(
        sarifFile,
        (await import('../report/sarif.js')).formatSarif({
          findings: [],
          scanned: 0,
          skipped: { binary: 0, large: 0, allowed: 0 }
        })
      );
    return 0;
  }
  if (
    context.env.DJKEY_GUARD_FETCH !== 'false' &&
    !(await fetchFor(chosen, 'origin', git, log)) &&
    chosen.fallback
  ) {
    log(
      `djkey-guard: ${chosen.needs[0]?.slice(0, 12)} cannot be fetched (a force push?): ` +
        `judging ${chosen.fallback.describe} instead.`
    );
    chosen = chosen.fallback;
    await fetchFor(chosen, 'origin', git, log);
  }
  // Judged with the config the repository already accepted (the base), never the change's own.
  let result: HistoryResult;
  try {
    result = await scanHistory({
      ...git,
      ranges: chosen.ranges,
      configFrom: chosen.configBase,
      everyBlob: true,
      pragmas: pragmasOf(context)
    });
  } catch (error) {
    // A missing object fails the job (exit 2) as `history` does: the findings made before it are
    // reported as incomplete (log, job summary, annotations) and the SARIF carries the error.
    if (!(error instanceof MissingObjectsError)) throw error;
    const partial = error.partial as HistoryResult;
    const report = `${incompleteHeading}\n${formatHistoryText(partial, false, true)}\n`;
    if (partial.findings.length)
      context.stderr(`${incompleteHeading}\n${formatHistoryText(partial, context.color, true)}\n`);
    publish(context, provider, chosen.describe, `${report}\n${error.message}\n`, partial);
    if (sarifFile)
      writeFileSync(sarifFile, (await import('../report/sarif.js')).formatSarif(partial, error.report));
    throw error;
  }
  const blocking = result.findings.some((finding) => finding.severity === 'error');
  if (result.incomplete && !blocking) throw new UsageError(historyIncompleteMessage(result.incomplete));
  const trust = ciTrustText(result);
  const report = formatHistoryText(result, context.color);
  context.stderr(trust + report);
  publish(context, provider, chosen.describe, trust + formatHistoryText(result, false), result);
  if (sarifFile) writeFileSync(sarifFile, (await import('../report/sarif.js')).formatSarif(result));
  return blocking ? 1 : 0;
}
