/**
 * The server admin's bypass for `pre-receive`: off unless the repository's config says
 * `djkey-guard.allowSkip=true`; then `git push -o djkey-guard.skip="<reason>"` lets one push
 * through, and every such push is logged (who, which refs, why) in the git dir and on stderr.
 * Push options reach the hook as GIT_PUSH_OPTION_COUNT and GIT_PUSH_OPTION_<n>, only when the
 * server sets receive.advertisePushOptions=true.
 * https://git-scm.com/docs/githooks#pre-receive  https://git-scm.com/docs/git-push#Documentation/git-push.txt--oltoptiongt
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

/** Who pushed, as far as the server knows: the forge's user variable, the http user, the account. */
export function pusher(env: NodeJS.ProcessEnv): string {
  const named =
    env.GL_USERNAME ?? env.GITEA_PUSHER_NAME ?? env.GIT_PUSHER ?? env.REMOTE_USER ?? env.USER ?? env.LOGNAME;
  let account = named;
  if (!account) {
    try {
      account = userInfo().username;
    } catch {
      account = 'unknown';
    }
  }
  const from = env.REMOTE_ADDR ?? env.SSH_CLIENT?.split(' ')[0];
  return from ? `${account} from ${from}` : account;
}

export interface SkipRecord {
  time: string;
  pusher: string;
  refs: string[];
  reason: string;
  /** What would have been rejected (counts only: the log never holds a value). */
  findings: number;
}

/** Append one JSON line to `<git dir>/djkey-guard-skips.log`; the path written to. */
export function logSkip(gitDir: string, record: SkipRecord): string {
  const path = join(gitDir, SKIP_LOG);
  appendFileSync(path, JSON.stringify(record) + '\n', { mode: 0o600 });
  return path;
}
