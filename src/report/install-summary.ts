/** Text for what install/uninstall did: aligned rows per item, notes, what is left, this clone's commands. */
import { escapeInline } from '../words/escape.js';
import { alignedRows } from './table.js';

/** What an install or uninstall reports (install/index.ts's Outcome), as far as the text reads it. */
export interface InstallReport {
  route: string;
  incomplete?: boolean;
  items: ReadonlyArray<{ status: string; what: string }>;
  next: readonly string[];
  notes?: readonly string[];
  commands?: readonly string[];
}

export function installSummary(command: string, outcome: InstallReport): string {
  const lines = [`djkey-guard ${command} (${outcome.route}):`];
  lines.push(...alignedRows(outcome.items.map((item) => [item.status, escapeInline(item.what)])));
  for (const note of outcome.notes ?? []) lines.push(`Note: ${escapeInline(note)}`);
  if (outcome.next.length === 0) lines.push('Done.');
  else
    lines.push(
      outcome.incomplete ? 'Still to do (the hook is not active yet):' : 'Still to do:',
      ...outcome.next.map((step) => `  - ${step}`)
    );
  // Last, so it is what the user sees: the commands of this clone, whatever the route.
  if (outcome.commands?.length)
    lines.push('From now on, in this clone:', ...outcome.commands.map((line) => `  ${line}`));
  return lines.join('\n') + '\n';
}
