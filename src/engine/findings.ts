/**
 * Fingerprints as they leave the library: an HMAC of the value's digest keyed with the
 * repository's root commit id, 16 hex digits — stable within a repository (history rows and
 * SARIF results group by it), useless against a precomputed table of common keys — and none at all
 * for a value shorter than 16 characters (a short value is found by trying them all).
 */
import { createRequire } from 'node:module';
import { git, type GitOptions } from '../git.js';

export const MIN_FINGERPRINT_LENGTH = 16;

async function rootCommit(options: GitOptions): Promise<string> {
  for (const rev of ['HEAD', '--all']) {
    try {
      const out = (await git(['rev-list', '--max-parents=0', rev], options)).stdout
        .toString('utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .sort();
      if (out[0]) return out[0];
    } catch {
      // no HEAD yet (first commit, bare server repo): try the next
    }
  }
  return 'djkey-guard: a repository with no commits';
}

interface Fingerprinted {
  fingerprint?: string;
  masked?: string;
}

/** Replace internal digests in `findings` (in place); one git call, and only when there are some. */
export async function keyFingerprints<T extends Fingerprinted>(
  findings: T[],
  options: GitOptions
): Promise<T[]> {
  const internal = findings.filter((finding) => finding.fingerprint?.startsWith('sha256:'));
  if (internal.length === 0) return findings;
  const key = await rootCommit(options);
  // Loaded only when there is something to key: a clean commit never pays for node:crypto.
  const { createHmac } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  for (const finding of internal) {
    const length = Number(/\((\d+) chars\)$/.exec(finding.masked ?? '')?.[1] ?? 0);
    if (length < MIN_FINGERPRINT_LENGTH) delete finding.fingerprint;
    else
      finding.fingerprint =
        'hmac:' + createHmac('sha256', key).update(finding.fingerprint!).digest('hex').slice(0, 16);
  }
  return findings;
}
