/** Every user-facing sentence, and the python-decouple fix snippets. */
import { escapeInline, needsQuoting, quoteForTerminal } from './escape.js';
import type { Finding } from '../types.js';

export const BYPASS =
  'To commit anyway, deliberately: git commit --no-verify (or DJKEY_GUARD=0 git commit, HUSKY=0 with ' +
  'husky, SKIP=djkey-guard with pre-commit).';

/**
 * Are we running inside a commit (a hook)? git sets GIT_INDEX_FILE for pre-commit and
 * pre-merge-commit hooks; the pre-commit framework sets PRE_COMMIT for the hooks it runs.
 */
export function inCommit(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.GIT_INDEX_FILE) || env.PRE_COMMIT === '1';
}

export const inHistoryMessage = 'already in history: rotate it (see `djkey-guard history`)';

export const gitignoreMissingMessage =
  '.gitignore does not ignore .env: add a line `.env` (and `.env.*`, `!.env.example`)';

/** `mode`: a commit check says "staged"; `--all` looks at what is tracked. */
export function envFileMessage(path: string, ignored: boolean, mode: 'staged' | 'all' = 'staged'): string {
  return ignored
    ? `${path} is ignored by .gitignore but ` +
        `was ${mode === 'all' ? 'committed or force-added' : 'force-added'} (git add -f)`
    : `${path} is ${mode === 'all' ? 'tracked' : 'staged'} and .gitignore does not ignore it`;
}

/**
 * A path as one shell word that is also safe on a terminal: single quotes, or bash/zsh's `$'…'`
 * with escapes when the name holds control characters (a raw newline would end the line).
 */
export function shellQuote(path: string): string {
  if (needsQuoting(path)) return `$'${escapeInline(path.replace(/[\\']/g, (c) => '\\' + c))}'`;
  return `'${path.replace(/'/g, "'\\''")}'`;
}

/**
 * The .gitignore line that covers a dotenv path: `.env`, `.env.*`, or for an editor's or a file
 * manager's leftover (`.env~`, `#.env#`, `.env copy`) its own name, escaped as gitignore reads it
 * (a leading `#` would start a comment, trailing blanks are dropped unless escaped).
 */
export function gitignoreLineFor(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === '.env') return '.env';
  if (/^\.env\.[^\s~#]*$/i.test(base)) return '.env.*';
  return base.replace(/^[#!]/, '\\$&').replace(/ (?= *$)/g, '\\ ');
}

export function verdict(
  blocking: number,
  warnings: number,
  files: number,
  mode: 'staged' | 'all' = 'staged'
): string {
  if (blocking === 0) {
    if (warnings) return `djkey-guard: passed with ${plural(warnings, 'warning')}.`;
    return `djkey-guard: no Django keys or .env files ${mode === 'all' ? 'tracked' : 'staged'}.`;
  }
  const what = mode === 'all' ? 'found' : 'commit blocked —';
  return `djkey-guard: ${what} ${plural(blocking, 'problem')} in ${plural(files, 'file')}.`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What kind of file a secret-key finding is in, for advice that fits it. */
type Place =
  | 'python-test'
  | 'python'
  | 'collectstatic'
  | 'kubernetes'
  | 'yaml'
  | 'dockerfile'
  | 'app-json'
  | 'json'
  | 'dotenv'
  | 'other';

function placeOf(finding: Finding): Place {
  const path = finding.path;
  const line = finding.snippet ?? '';
  // A build step (collectstatic needs *a* key, never the real one): Dockerfile RUN, npm script, CI.
  if (/collectstatic/.test(line)) return 'collectstatic';
  if (/\.py$|\.ipynb$/.test(path)) return finding.inTestCode ? 'python-test' : 'python';
  if (/(^|\/)\.env(\.|$)/.test(path)) return 'dotenv';
  if (/\.ya?ml$/.test(path)) {
    const k8s =
      /(^|\/)(k8s|kube|kubernetes|helm|charts?|manifests?|deploy(ment)?s?|overlays|base)\//i.test(path) ||
      /^\s*-?\s*value\s*:/.test(line) ||
      /stringData|secretKeyRef/.test(line);
    return k8s ? 'kubernetes' : 'yaml';
  }
  if (/(^|\/)(Dockerfile|Containerfile)[^/]*$/i.test(path)) return 'dockerfile';
  if (/(^|\/)app\.json$/.test(path)) return 'app-json';
  if (/\.json$/.test(path)) return 'json';
  return 'other';
}

/** The heading's "how", per place. */
const HOW: Record<Place, string> = {
  'python-test': 'a test needs *a* key, never the real one: generate it at run time',
  python: 'read the key from the environment with python-decouple',
  collectstatic: 'a build step needs *a* key, never the real one: give it an obvious build-only placeholder',
  kubernetes: 'keep the key in a Kubernetes Secret made from your ignored .env, and reference it',
  yaml: 'read the key from the environment',
  dockerfile: 'pass the key at run time, never in the image',
  'app-json': 'let Heroku generate it',
  json: 'keep the key out of the file and read it from the environment',
  dotenv: 'keep the real value in an ignored .env',
  other: 'read the key from the environment'
};

/** The "after" lines for a secret-key finding, shaped by the file it is in. */
function afterFor(finding: Finding, place: Place): string[] {
  const name = finding.name && finding.name !== 'SECRET_KEY_FALLBACKS' ? finding.name : 'SECRET_KEY';
  switch (place) {
    case 'python-test':
      return [
        'from django.core.management.utils import get_random_secret_key',
        'from django.test import override_settings',
        '@override_settings(SECRET_KEY=get_random_secret_key())   # on the test class or method'
      ];
    case 'python':
      if (finding.name === 'SECRET_KEY_FALLBACKS') {
        return [
          'from decouple import Csv, config',
          "SECRET_KEY_FALLBACKS = config('SECRET_KEY_FALLBACKS', default='', cast=Csv())"
        ];
      }
      return [
        'from decouple import config',
        `${name === 'DJANGO_SECRET_KEY' ? 'SECRET_KEY' : name} = config('${name}')`
      ];
    case 'collectstatic':
      return [
        `${name}=collectstatic-build-only-placeholder python manage.py collectstatic --noinput   # the ` +
          `real key is given only at run time`
      ];
    case 'kubernetes':
      return [
        `- name: ${name}`,
        '  valueFrom:',
        `    secretKeyRef: {name: django-secrets, key: ${name}}`,
        '# create the Secret outside git: kubectl create secret generic django-secrets --from-env-file=.env'
      ];
    case 'dotenv':
      return [`${name}=   # leave the value empty here; keep the real one in an ignored .env`];
    case 'yaml':
      return [
        `${name}: \${${name}}   # compose reads it from the environment / an ignored .env (env_file: .env)`
      ];
    case 'dockerfile':
      return ['# pass it at run time: docker run --env-file .env ... (never ENV/ARG in the image)'];
    case 'app-json':
      return [`"${name}": {"generator": "secret"}`];
    case 'json':
      return [`"${name}": ""   # or drop it; the app reads ${name} from the environment (an ignored .env)`];
    default:
      return [`${name}=\${${name}}   # read it from the environment; keep the value in an ignored .env`];
  }
}

/** The how-to-fix block for one rule, given that rule's findings. */
export function howToFix(rule: string, findings: Finding[], command = 'npx djkey-guard'): string[] {
  if (rule === 'env-file') {
    const paths = [
      ...new Set(findings.filter((f) => f.line === 0 && f.path !== '.gitignore').map((f) => f.path))
    ];
    const lines = ['How to fix env-file — keep dotenv files out of git:'];
    for (const path of paths)
      lines.push(`  git rm --cached -- ${shellQuote(path)}   # take it out of git; the file stays on disk`);
    const missing = [...new Set(findings.filter((f) => !f.ignored).map((f) => gitignoreLineFor(f.path)))];
    if (missing.length) lines.push(`  add to .gitignore: ${[...missing, '!.env.example'].join('  ')}`);
    lines.push('  commit a .env.example with empty values instead.');
    return lines;
  }
  // Show the fix for a settings module rather than for a .env file (that one is env-file's job).
  const first = findings.find((f) => !/(^|\/)\.env(\.[^/]*)?$/.test(f.path)) ?? findings[0]!;
  const path = quoteForTerminal(first.path);
  const location = first.line ? `${path}:${first.line}` : path;
  const place = placeOf(first);
  const keyName = first.name && first.name !== 'SECRET_KEY_FALLBACKS' ? first.name : 'SECRET_KEY';
  return [
    `How to fix secret-key — ${HOW[place]} (${location}):`,
    `  - ${escapeInline(first.snippet ?? `${first.name ?? 'SECRET_KEY'} = ${first.masked ?? ''}`)}`,
    ...afterFor(first, place).map((line) => `  + ${line}`),
    ...(place === 'python-test' || place === 'collectstatic' || place === 'app-json'
      ? []
      : [`  and put the value in .env (ignored by git): ${keyName}=<the key>`]),
    ...(place === 'python' ? [`  \`${command} fix\` does all of this for you.`] : []),
    `  A key that was ever committed or shared is leaked: make a new one (\`${command} rotate\`).`
  ];
}

/** "(2 binary files and 1 file over 32 MB not scanned)": the same words for scan and history. */
export function skippedMessage(skipped: { binary: number; large: number }): string {
  return (
    `(${plural(skipped.binary, 'binary file')} and ${plural(skipped.large, 'file')} over 32 MB not ` +
    `scanned)`
  );
}

/**
 * The files a commit check did not read, each named (a pusher must not hide a key behind a NUL byte unseen).
 */
export function notReadLines(notRead: ReadonlyArray<{ path: string; reason: 'binary' | 'large' }>): string[] {
  const shown = notRead
    .slice(0, 20)
    .map(
      ({ path, reason }) =>
        `  not read: ${path} (${reason === 'large' ? 'over 32 MB' : 'binary'}; the server and CI judge ` +
        `it whole)`
    );
  if (notRead.length > shown.length) shown.push(`  … and ${notRead.length - shown.length} more not read`);
  return shown;
}

/** history: the row text for a dotenv file found in a commit. */
export function historyEnvMessage(path: string): string {
  return `${path} was committed`;
}

/** What a history run covered: every ref, or the ranges it was given. */
const scope = (ranges: readonly string[] = []): string =>
  ranges.length ? `in ${ranges.join(' ')}` : '(every ref)';

export const historyNothingMessage = (commits: number, ranges: readonly string[] = []): string =>
  commits === 0
    ? ranges.length
      ? `djkey-guard history: no commits in ${ranges.join(' ')} — nothing to judge.`
      : 'djkey-guard history: no commits yet — nothing to scan.'
    : `djkey-guard history: no Django keys or .env files in ${plural(commits, 'commit')} ${scope(ranges)}.`;

export function historyVerdict(
  secrets: number,
  envFiles: number,
  commits: number,
  ranges: readonly string[] = []
): string {
  const found = [secrets && plural(secrets, 'Django key'), envFiles && plural(envFiles, '.env file')]
    .filter(Boolean)
    .join(' and ');
  return `djkey-guard history: ${found} found in ${plural(commits, 'commit')} ${scope(ranges)}.`;
}

/** A key the range did not add: it was already in a file the range changes. */
export const historyPriorMessage = (message: string): string =>
  `${message} (already in history before this range: rotate it)`;

/** A shallow clone cannot show what a range (or history) holds past its boundary. */
export const shallowAdvice = [
  'This is a shallow clone: the commits past its boundary were never fetched, so they cannot be judged.',
  'Deepen it and run again: `git fetch --unshallow` (GitHub Actions: actions/checkout with `fetch-depth: 0`;',
  'GitLab CI: `GIT_DEPTH: 0`).'
].join('\n');

export const historyIncompleteMessage = (commit: string): string =>
  `djkey-guard history: the walk reached commit ${commit.slice(0, 12)}, whose parents this clone does ` +
  `not have.\n${shallowAdvice}`;

/**
 * Objects a run needed and could not read: each named (path, commit), then how many more, then what to do.
 */
export function missingObjectsMessage(
  missing: ReadonlyArray<{ oid: string; path?: string; commit?: string }>,
  count: number,
  detail = ''
): string {
  const lines = [
    `cannot read ${count === 1 ? 'a git object' : `${count} git objects`} (missing or corrupt): nothing ` +
      `is reported clean without ${count === 1 ? 'it' : 'them'}.`
  ];
  for (const { oid, path, commit } of missing) {
    const where = path === undefined ? '(path unknown)' : quoteForTerminal(path);
    lines.push(`  ${oid}  ${where}${commit ? `  in commit ${commit.slice(0, 12)}` : ''}`);
  }
  if (count > missing.length) lines.push(`  … and ${count - missing.length} more`);
  if (detail) lines.push(...detail.split('\n').map((line) => `  git: ${quoteForTerminal(line)}`));
  lines.push(
    'Check the repository with `git fsck`; in a partial or shallow clone, fetch the missing objects first.'
  );
  return lines.join('\n');
}

/** Above the findings a run made before it had to stop: they are real, the list is not complete. */
export const incompleteHeading =
  'incomplete: the run stopped at a missing object; these were found before it stopped (there may be more):';

/** history: what to do about it, in the order that matters; `command` is what runs djkey-guard here. */
export function historyAdvice(command = 'djkey-guard'): string[] {
  return [
    'What to do, in this order:',
    '  1. Rotate first: every key listed is leaked for good (clones, forks, CI caches and backups keep it).',
    `     \`${command} rotate\` puts a new key in .env;`,
    `     drop the old one with \`${command} rotate --finish\` once every server has the new key.`,
    '     Treat the contents of every committed .env as leaked too (database passwords, API tokens).',
    `  2. Stop it at HEAD: rows marked "still at HEAD: yes" need \`${command} fix\``,
    '     (or `git rm --cached` for .env files).',
    '  3. Optionally, rewrite history: `git filter-repo --replace-text <file-listing-the-keys>` and',
    '     `git filter-repo --invert-paths --path <.env path>` (or BFG), then force-push and have everyone ' +
      're-clone.',
    '     Rewriting does not un-leak a key: it only stops it from spreading further. Rotate first.'
  ];
}

/** pre-receive: the verdict line the pusher sees (prefixed `remote:` by their git). */
export function pushVerdict(secrets: number, envFiles: number, commits: number): string {
  const found = [secrets && plural(secrets, 'Django key'), envFiles && plural(envFiles, '.env file')]
    .filter(Boolean)
    .join(' and ');
  // A push of tags alone (of a blob, a tree, or a tag whose message holds the key) has no new commit.
  const where = commits ? `the ${plural(commits, 'new commit')} of this push` : 'the tags of this push';
  return `djkey-guard: push rejected: ${found} in ${where}.`;
}

export const pushCleanMessage = (commits: number): string =>
  `djkey-guard: no Django keys or .env files in ${plural(commits, 'new commit')}.`;

/** pre-receive: what the pusher does next, in the order that matters. */
export const pushAdvice = [
  'What to do:',
  '  1. Take them out of every commit you push, not only the last one (the server keeps each commit):',
  '     the last commit: fix it and `git commit --amend`; older ones: `git rebase -i <the commit>^` and ' +
    'edit each.',
  '     `djkey-guard fix` moves the key to .env and reads it with python-decouple; `git rm --cached ' +
    '<.env file>` untracks a .env.',
  '  2. A key that left your machine is leaked: make a new one with `djkey-guard rotate` (it keeps the ' +
    'old one as a fallback).',
  '  3. Push again. A deliberate exception: the `djkey-guard: allow` comment on the line (the server lists it).',
  '     A .djkeyguardignore or config change in this push is not applied to it: it applies once accepted.'
];

/** pre-receive: a push that changes the config is judged with the accepted one (DESIGN §11). */
export const pushConfigChange = (ref: string, files: readonly string[], base: string | undefined): string =>
  `djkey-guard: ${ref} changes ${files.join(', ')}: this push is judged with the config ` +
  (base ? `accepted at ${base.slice(0, 12)}` : 'built in (the repository has no accepted commit)') +
  '; its patterns apply once this change is accepted.';

/** CI: which commit the config was read from (the job summary says it too). */
export const ciConfigFrom = (from: readonly string[]): string =>
  from.length
    ? `djkey-guard: config (.djkeyguardignore, .djkeyguard.json, package.json "djkey-guard") read from ` +
      `commit ${from.map((c) => c.slice(0, 12)).join(', ')}, the base of the range: the change's own ` +
      `config is not applied to it.`
    : 'djkey-guard: config: the built-in defaults (nothing accepted before this range; its own config ' +
      'is not applied to it).';

/** CI: a change that edits the config is judged with the base's (DESIGN §11). */
export const ciConfigChange = (files: readonly string[], from: readonly string[]): string =>
  `djkey-guard: this change edits ${files.join(', ')}: judged with the config ` +
  `of ${from.length ? from.map((c) => c.slice(0, 12)).join(', ') : 'the built-in defaults'}; its ` +
  `patterns apply once this change is accepted.`;

/** CI: allow pragmas are findings in this run, and who said so. */
export const ciPragmasRefused = (by: 'setting' | 'config'): string =>
  'djkey-guard: allow pragmas refused ' +
  (by === 'setting'
    ? '(DJKEY_GUARD_ALLOW_PRAGMAS=false / --refuse-pragmas, set by this job)'
    : '("allowPragmas": false in the config of the base)') +
  ': a key with a pragma is a finding.';

/** history and CI: the row of a key whose pragma was refused. */
export const pragmaRefusedNote = '  allow pragma refused';

/** pre-receive and CI: a key an allow pragma let through, listed (masked) so the bypass is visible. */
export const pushPragmaLine = (ref: string, commit: string, where: string, masked: string): string =>
  `djkey-guard: allowed by pragma: ${where}  ${masked}  (${ref}, commit ${commit.slice(0, 10)})`;

export const pushSkipHint =
  'The server allows a logged skip: git push -o djkey-guard.skip="<why>" (needs a reason; every skip is ' +
  'recorded).';
export const pushSkipDisabled =
  'djkey-guard: push option djkey-guard.skip ignored: the server admin has not enabled skips (git ' +
  'config djkey-guard.allowSkip true).';
export const pushSkipNoReason =
  'djkey-guard: push option djkey-guard.skip ignored: give a reason, e.g. git push -o ' +
  'djkey-guard.skip="test fixture, not a real key".';
export const pushSkipped = (reason: string, pusher: string, log: string): string =>
  `djkey-guard: checks SKIPPED for this push by ${pusher}: "${reason}" (allowed by the server; recorded ` +
  `in ${log}).`;
