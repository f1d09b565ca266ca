/**
 * GitHub outputs: the job summary (Markdown appended to GITHUB_STEP_SUMMARY) and one `::error`
 * workflow command per finding, so the file shows up annotated. Values are already masked; paths
 * are escaped for each format (a file name must not end a code fence or inject a workflow command).
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions
 */
import type { HistoryResult } from '../types.js';
import { markdownText, quoteForTerminal } from '../words/escape.js';
import { ciConfigChange, ciConfigFrom, ciPragmasRefused, pushPragmaLine } from '../words/messages.js';

/** The text report in a code fence longer than any backtick run inside it. */
export function summaryMarkdown(title: string, report: string): string {
  const longest = Math.max(0, ...(report.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `### djkey-guard: ${markdownText(title)}\n\n${fence}text\n${report.replace(/\n$/, '')}\n${fence}\n`;
}

const data = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string): string => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,title=…::message` lines, one per blocking finding. */
export function annotations(result: HistoryResult): string {
  return result.findings
    .filter((finding) => finding.severity === 'error')
    .map((finding) => {
      const where = [
        `file=${property(finding.path)}`,
        ...(finding.line ? [`line=${finding.line}`] : []),
        `title=${property(`djkey-guard ${finding.rule}`)}`
      ];
      const what =
        finding.rule === 'secret-key'
          ? `${finding.name ?? 'SECRET_KEY'} literal ${finding.masked ?? ''}`
          : `${finding.path} committed`;
      return `::error ${where.join(',')}::${data(`${what} in commit ${finding.commit.slice(0, 12)}`)}\n`;
    })
    .join('');
}

/** Before the CI report: where the config came from, what the change would change in it, its pragmas. */
export function ciTrustText(result: HistoryResult): string {
  const from = result.configFrom ?? [];
  const lines = [ciConfigFrom(from)];
  if (result.configChanges?.length) lines.push(ciConfigChange(result.configChanges, from));
  if (result.pragmasRefused) lines.push(ciPragmasRefused(result.pragmasRefused));
  for (const pragma of result.pragmas ?? [])
    lines.push(
      pushPragmaLine(
        'this change',
        pragma.commit,
        quoteForTerminal(`${pragma.path}:${pragma.line}`),
        pragma.masked ?? ''
      )
    );
  return lines.join('\n') + '\n';
}
