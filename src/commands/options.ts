/** The one option table: parseArgs reads it and --help is rendered from it. */
import { PROVIDERS } from '../ci/index.js';
import { alignedRows } from '../report/table.js';

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** Shown in --help; `value` names the argument of a string option. */
  help: string;
  value?: string;
  /** Commands that accept it; absent = every command. */
  commands?: readonly string[];
}

export const OPTIONS: Record<string, OptionSpec> = {
  all: {
    type: 'boolean',
    help: 'scan every tracked file (index), not just what the commit adds',
    commands: ['scan']
  },
  format: {
    type: 'string',
    value: 'text|json|sarif',
    help:
      'output format (default: text; the commit check writes it to stderr, --all and history to ' +
      'stdout); json and sarif go to stdout',
    commands: ['scan', 'history', 'pre-receive']
  },
  husky: {
    type: 'boolean',
    help: 'install: use husky (adds it to package.json if needed)',
    commands: ['install', 'uninstall']
  },
  'git-hook': {
    type: 'boolean',
    help: 'install: write a plain .git/hooks/pre-commit (chains an existing one)',
    commands: ['install', 'uninstall']
  },
  'pre-commit': {
    type: 'boolean',
    help: 'install: add the hook to .pre-commit-config.yaml',
    commands: ['install', 'uninstall']
  },
  'lint-staged': {
    type: 'boolean',
    help: 'install: add "*": "djkey-guard" to lint-staged in package.json',
    commands: ['install', 'uninstall']
  },
  'pre-receive': {
    type: 'boolean',
    help: 'install: in a bare repository, write hooks/pre-receive (server side; chains an existing one)',
    commands: ['install', 'uninstall']
  },
  'no-install': {
    type: 'boolean',
    help:
      "install: do not run the package manager (it runs your project's install scripts); do it " +
      'yourself after',
    commands: ['install', 'uninstall']
  },
  'shared-hooks': {
    type: 'boolean',
    help: "install: edit a core.hooksPath folder that is tracked in git (your team's hooks) anyway",
    commands: ['install']
  },
  'refuse-pragmas': {
    type: 'boolean',
    help: 'history/ci: an allow pragma is a finding (also DJKEY_GUARD_ALLOW_PRAGMAS=false)',
    commands: ['history', 'ci']
  },
  'dry-run': {
    type: 'boolean',
    help: 'fix/rotate: show the diff, write nothing',
    commands: ['fix', 'rotate']
  },
  django: {
    type: 'boolean',
    help: "keygen: use Django's own alphabet (get_random_secret_key)",
    commands: ['keygen']
  },
  finish: {
    type: 'boolean',
    help: 'rotate: drop the old key from SECRET_KEY_FALLBACKS',
    commands: ['rotate']
  },
  force: {
    type: 'boolean',
    help: 'rotate: keep a key found in history as a fallback anyway',
    commands: ['rotate']
  },
  'no-color': { type: 'boolean', help: 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' },
  quiet: { type: 'boolean', short: 'q', help: 'print only what blocks' },
  debug: { type: 'boolean', help: 'log git calls with timings; print stacks on errors' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'print the version' }
};

export const COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['djkey-guard [--] [paths...]', 'scan what is staged (the default; what the hook runs); paths narrow it'],
  ['djkey-guard --all', 'scan every tracked file (CI, first adoption)'],
  [
    'djkey-guard history [<range>...]',
    'find keys and .env files in every commit of every ref, or of git ranges (origin/main..HEAD)'
  ],
  [
    'djkey-guard pre-receive',
    'git server hook: judge the new commits of a push (ref lines on stdin); 1 rejects it'
  ],
  [
    `djkey-guard ci [${Object.keys(PROVIDERS).join('|')}]`,
    'CI: judge the commits of the push or pull/merge request that started the job'
  ],
  ['djkey-guard install', 'set up the hook here (husky, pre-commit framework or plain git hook)'],
  ['djkey-guard uninstall', 'undo exactly what install did'],
  ['djkey-guard fix', 'move the key to .env and read it with python-decouple'],
  ['djkey-guard keygen', 'print a new strong key'],
  ['djkey-guard rotate', 'new key in .env, old one into SECRET_KEY_FALLBACKS']
];

export const SUBCOMMANDS = [
  'history',
  'pre-receive',
  'ci',
  'install',
  'uninstall',
  'fix',
  'keygen',
  'rotate'
] as const;

/** Commands that take positional arguments (what they are); every other command takes none. */
export const POSITIONALS: Readonly<Record<string, string>> = {
  scan: 'paths',
  history: 'revision ranges',
  ci: Object.keys(PROVIDERS).join(' or ')
};

export function renderHelp(version: string): string {
  const lines = [
    `djkey-guard ${version} — stop Django SECRET_KEYs and .env files before they reach git`,
    '',
    'Usage:'
  ];
  lines.push(...alignedRows(COMMANDS), '', 'Options:');
  const flags = Object.entries(OPTIONS).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    return [`${short}--${name}${spec.value ? ` <${spec.value}>` : ''}`, spec.help];
  });
  lines.push(
    ...alignedRows(flags),
    '',
    'Exit codes:',
    '  0  nothing blocks',
    '  1  findings block the commit',
    '  2  usage, config or git error (the hook fails closed; the message says how to bypass)',
    '',
    'Skip once: git commit --no-verify, or DJKEY_GUARD=0 git commit.'
  );
  return lines.join('\n') + '\n';
}
