/**
 * The server admin's bypass for `pre-receive`: off unless the repository's config says
 * `djkey-guard.allowSkip=true`; then `git push -o djkey-guard.skip="<reason>"` lets one push
 * through, and every such push is logged (who, which refs, why) in the git dir and on stderr.
 * Push options reach the hook as GIT_PUSH_OPTION_COUNT and GIT_PUSH_OPTION_<n>, only when the
 * server sets receive.advertisePushOptions=true.
 * https://git-scm.com/docs/githooks#pre-receive
 * https://git-scm.com/docs/git-push#Documentation/git-push.txt--oltoptiongt
 */
import { appendFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { configGet, type GitOptions } from '../git.js';

export const SKIP_OPTION = 'djkey-guard.skip';
export const ALLOW_SKIP_KEY = 'djkey-guard.allowSkip';
/** In the git dir, outside djkey-guard/ (which uninstall removes): an audit log outlives the hook. */
export const SKIP_LOG = 'djkey-guard-skips.log';

/** The reason given with `-o djkey-guard.skip=<reason>` (`''` without one), or undefined. */
export function requestedSkip(env: NodeJS.ProcessEnv): string | undefined {
  const count = Number(env.GIT_PUSH_OPTION_COUNT ?? 0);
  let reason: string | undefined;
  for (let index = 0; index < count && index < 1000; index++) {
    const option = env[`GIT_PUSH_OPTION_${index}`] ?? '';
    if (option === SKIP_OPTION) reason ??= '';
    else if (option.startsWith(`${SKIP_OPTION}=`)) reason = option.slice(SKIP_OPTION.length + 1).trim();
  }
  return reason;
}

/** Whether the admin enabled the bypass (`git config djkey-guard.allowSkip true` in the repository). */
export async function skipAllowed(options: GitOptions): Promise<boolean> {
  const value = await configGet(ALLOW_SKIP_KEY, options);
  return value !== undefined && /^(true|yes|on|1)$/i.test(value);
}

/**
 * Who pushed, from the variables the server itself sets (a pusher cannot choose them): gitolite
 * `GL_USER`, GitLab `GL_USERNAME` / `GL_ID`, Gitea and Forgejo `GITEA_PUSHER_NAME`, the web
 * server's `REMOTE_USER`; the address from sshd's `SSH_CONNECTION` (or `SSH_CLIENT`, `REMOTE_ADDR`).
 * `USER` alone is never the pusher: on a local or file:// push it is whatever the pusher exported.
 */
export interface Pusher {
  /** The user as the server named them, or `unknown`. */
  name: string;
  /** Which variable said so (`GL_USERNAME`, ...), or why nobody did. */
  source: string;
  from?: string;
  fromSource?: string;
  /** The account the hook runs as (from the OS, not the environment). */
  account: string;
  /** USER/LOGNAME as the environment claims it, recorded as a claim only. */
  claimed?: string;
}

const USER_VARIABLES = ['GL_USERNAME', 'GL_USER', 'GITEA_PUSHER_NAME', 'REMOTE_USER'] as const;

export function pusher(env: NodeJS.ProcessEnv): Pusher {
  let account = 'unknown';
  try {
    account = userInfo().username;
  } catch {
    // no passwd entry for this uid (a container): the account stays unknown
  }
  const named = USER_VARIABLES.find((key) => env[key]?.trim());
  const who: Pusher = named
    ? { name: env[named]!.trim(), source: named, account }
    : env.GL_ID?.trim()
      ? { name: env.GL_ID.trim(), source: 'GL_ID', account }
      : {
          name: 'unknown',
          source: 'no server-set user variable (GL_USER, GL_USERNAME, GITEA_PUSHER_NAME, REMOTE_USER)',
          account
        };
  if (named === 'GL_USERNAME' && env.GL_ID) who.name += ` (${env.GL_ID.trim()})`;
  const address = env.SSH_CONNECTION?.trim()
    ? ['SSH_CONNECTION', env.SSH_CONNECTION.trim().split(/\s+/)[0]]
    : env.SSH_CLIENT?.trim()
      ? ['SSH_CLIENT', env.SSH_CLIENT.trim().split(/\s+/)[0]]
      : env.REMOTE_ADDR?.trim()
        ? ['REMOTE_ADDR', env.REMOTE_ADDR.trim()]
        : undefined;
  if (address) [who.fromSource, who.from] = address;
  const claimed = env.USER ?? env.LOGNAME;
  if (claimed && claimed !== who.name) who.claimed = claimed;
  return who;
}

/** One line for the pusher's terminal: `alice (GL_USERNAME) from 10.0.0.5 (SSH_CONNECTION)`. */
export function describePusher(who: Pusher): string {
  const name =
    who.name === 'unknown'
      ? `unknown pusher (${who.source}; hook account ${who.account})`
      : `${who.name} (${who.source})`;
  return who.from ? `${name} from ${who.from} (${who.fromSource})` : name;
}

export interface SkipRecord {
  time: string;
  pusher: Pusher;
  refs: string[];
  reason: string;
  /** What would have been rejected (counts only: the log never holds a value). */
  findings: number;
}

/** Append one JSON line to `<git dir>/djkey-guard-skips.log` (and the audit log); the path written to. */
export function logSkip(gitDir: string, record: SkipRecord): string {
  const path = join(gitDir, SKIP_LOG);
  appendFileSync(path, JSON.stringify(record) + '\n', { mode: 0o600 });
  logAudit(gitDir, { event: 'skip', ...record });
  return path;
}

/** Everything the server let through or was told about: skips, config changes, pragmas (one JSON a line). */
export const AUDIT_LOG = 'djkey-guard-audit.log';

export function logAudit(gitDir: string, record: { event: string } & Record<string, unknown>): string {
  const path = join(gitDir, AUDIT_LOG);
  appendFileSync(path, JSON.stringify(record) + '\n', { mode: 0o600 });
  return path;
}
