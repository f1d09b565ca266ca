/** Making the root .gitignore cover dotenv files (and keep the template visible). */
import { IgnoreRules } from '../config/ignore-rules.js';

/**
 * Lines to append so that every path in `envPaths` is ignored and `.env.example` is not.
 * `.env.*` is added only when a variant like `.env.production` exists or is tracked.
 */
export function gitignoreAdditions(text: string, envPaths: readonly string[]): string[] {
  const lines: string[] = [];
  const check = () => new IgnoreRules().add(text).add(lines.join('\n'));
  for (const path of envPaths) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (check().ignores(path)) continue;
    lines.push(base === '.env' ? '.env' : '.env.*');
  }
  if (lines.includes('.env.*') || check().ignores('.env.example')) {
    if (check().ignores('.env.example')) lines.push('!.env.example');
  }
  return [...new Set(lines)];
}

/** The .gitignore text (LF-normalised) with `lines` appended, or unchanged. */
export function appendLines(text: string, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  const head = text === '' || text.endsWith('\n') ? text : text + '\n';
  return head + lines.join('\n') + '\n';
}
