/**
 * Hits + where they were found → findings: new or already present (a key met before the change
 * only warns, DESIGN §3), and fingerprints as they leave the library: an HMAC of the value's digest
 * keyed with the repository's root commit id, 16 hex digits — stable within a repository (history
 * rows and SARIF results group by it), useless against a precomputed table of common keys — and
 * none at all for a value shorter than 16 characters (a short value is found by trying them all).
 */
import { createRequire } from 'node:module';
import { rootCommits, type GitOptions } from '../git.js';
import { inHistoryMessage } from '../words/messages.js';
import type { Hit } from '../rules/types.js';
import type { Finding } from '../types.js';

export const MIN_FINGERPRINT_LENGTH = 16;

/**
 * A finding before keyFingerprints: it still carries the value's length (code points), the one
 * fact about the value that decides whether its fingerprint may leave the library.
 */
type Unkeyed = { fingerprint?: string; valueLength?: number };

/** The hit's finding-facing fields: the rule's internals (pragma lines, severity, length) set apart. */
function fromHit(hit: Hit): Omit<Finding, 'rule' | 'path' | 'severity'> & Unkeyed {
  const { pragmaLines: _pragma, severity: _severity, length, ...rest } = hit;
  return length === undefined ? rest : { ...rest, valueLength: length };
}

/**
 * A finding of a staged change (or of every tracked file): `added` says the change brings it; a key
 * that was already there warns, since blocking the commit would not unpublish it.
 */
export function changeFinding(hit: Hit, path: string, added: boolean): Finding {
  const rest = fromHit(hit);
  if (!added && hit.severity !== 'warning')
    return {
      ...rest,
      rule: 'secret-key',
      path,
      severity: 'warning',
      message: `${rest.message} — ${inHistoryMessage}`
    };
  return { ...rest, rule: 'secret-key', path, severity: hit.severity ?? 'error' };
}

/** A secret met in a commit walk, attributed to `where` (the commit and the rest the caller adds). */
export function walkFinding<W extends object>(hit: Hit, path: string, where: W): Finding & W {
  return { ...fromHit(hit), rule: 'secret-key', severity: 'error', path, ...where };
}

/** The repository's key: its first root commit, or a constant before any commit exists. */
async function rootKey(options: GitOptions): Promise<string> {
  for (const rev of ['HEAD', '--all']) {
    try {
      const roots = await rootCommits(rev, options);
      if (roots[0]) return roots[0];
    } catch {
      // no HEAD yet (first commit, bare server repo): try the next
    }
  }
  return 'djkey-guard: a repository with no commits';
}

/** Replace internal digests in `findings` (in place); one git call, and only when there are some. */
export async function keyFingerprints<T extends Finding>(findings: T[], options: GitOptions): Promise<T[]> {
  const lengths = new Map<T, number>();
  for (const finding of findings as Array<T & Unkeyed>) {
    if (finding.valueLength === undefined) continue;
    lengths.set(finding, finding.valueLength);
    delete finding.valueLength;
  }
  const internal = findings.filter((finding) => finding.fingerprint?.startsWith('sha256:'));
  if (internal.length === 0) return findings;
  const key = await rootKey(options);
  // Loaded only when there is something to key: a clean commit never pays for node:crypto.
  const { createHmac } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  for (const finding of internal) {
    if ((lengths.get(finding) ?? 0) < MIN_FINGERPRINT_LENGTH) delete finding.fingerprint;
    else
      finding.fingerprint =
        'hmac:' + createHmac('sha256', key).update(finding.fingerprint!).digest('hex').slice(0, 16);
  }
  return findings;
}
