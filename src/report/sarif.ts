/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning upload (GitHub `upload-sarif`, Azure DevOps).
 * One run; the driver lists both rules with their help text, so a reader of an alert sees the
 * python-decouple fix without leaving the page. Values are already masked in every Finding.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { ownVersion } from '../own-package.js';
import { stableId } from '../rules/mask.js';
import type { Finding, RuleId, RunError, ScanResult } from '../types.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/djkey-guard';
/** Key of our entry in `partialFingerprints`; versioned so a new scheme never collides with old alerts. */
const FINGERPRINT_KEY = 'djkeyGuardFingerprint/v1';

interface RuleDoc {
  name: string;
  short: string;
  full: string;
  help: string;
  markdown: string;
  /** GitHub ranks alerts by this (0-10); both rules mean a credential reached the repository. */
  securitySeverity: string;
}

const RULES: Record<RuleId, RuleDoc> = {
  'secret-key': {
    name: 'DjangoSecretKeyLiteral',
    short: 'Literal Django SECRET_KEY committed',
    full:
      'A literal, non-placeholder value is bound to SECRET_KEY, DJANGO_SECRET_KEY or ' +
      'SECRET_KEY_FALLBACKS (settings, ' +
      'env lookups with a literal fallback, dotenv, YAML, Dockerfile, JSON, TOML, INI, notebooks, ' +
      'docs), or a ' +
      'django-insecure- key appears anywhere. Whoever holds the key can forge sessions and ' +
      'password-reset tokens.',
    help: [
      'Read the key from the environment with python-decouple and keep the value in an ignored .env:',
      "  - SECRET_KEY = '<the literal>'",
      '  + from decouple import config',
      "  + SECRET_KEY = config('SECRET_KEY')",
      'Put SECRET_KEY=<the key> in .env and add .env to .gitignore (`npx djkey-guard fix` does all of this).',
      'A key that was ever committed is leaked: generate a new one (`djkey-guard rotate`).'
    ].join('\n'),
    markdown: [
      'Read the key from the environment with ' +
        '[python-decouple](https://pypi.org/project/python-decouple/) and keep the value in an ' +
        'ignored `.env`:',
      '',
      '```diff',
      "- SECRET_KEY = '<the literal>'",
      '+ from decouple import config',
      "+ SECRET_KEY = config('SECRET_KEY')",
      '```',
      '',
      'Put `SECRET_KEY=<the key>` in `.env` and add `.env` to `.gitignore` (`npx djkey-guard fix` does ' +
        'all of this).',
      'A key that was ever committed is leaked: generate a new one with `djkey-guard rotate`.'
    ].join('\n'),
    securitySeverity: '9.0'
  },
  'env-file': {
    name: 'DotenvFileCommitted',
    short: 'dotenv file committed',
    full:
      'A .env or .env.<anything> file (not a template such as .env.example) is part of the commit. ' +
      'dotenv files hold ' +
      'the secrets python-decouple and docker compose read; they belong on disk, not in git.',
    help: [
      'Keep dotenv files out of git:',
      '  git rm --cached -- .env      # unstage it; the file stays on disk',
      '  add to .gitignore: .env  .env.*  !.env.example',
      'Commit a .env.example with empty values instead, and rotate any key the file held.'
    ].join('\n'),
    markdown: [
      'Keep dotenv files out of git:',
      '',
      '```sh',
      'git rm --cached -- .env      # unstage it; the file stays on disk',
      "printf '.env\\n.env.*\\n!.env.example\\n' >> .gitignore",
      '```',
      '',
      'Commit a `.env.example` with empty values instead, and rotate any key the file held.'
    ].join('\n'),
    securitySeverity: '7.5'
  }
};

const RULE_IDS = Object.keys(RULES) as RuleId[];

/**
 * A repository path as a relative URI reference: each segment percent-encoded (spaces, `#`, `:`, newlines).
 */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(id: RuleId) {
  const doc = RULES[id];
  return {
    id,
    name: doc.name,
    shortDescription: { text: doc.short },
    fullDescription: { text: doc.full },
    help: { text: doc.help, markdown: doc.markdown },
    helpUri: `${INFORMATION_URI}#${id}`,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'secrets', 'django'],
      precision: 'high',
      'security-severity': doc.securitySeverity
    }
  };
}

/** Facts a finding of a commit walk or a push adds (commit, ref, a refused pragma): result properties. */
type Walked = Finding & { commit?: string; ref?: string; pragmaRefused?: boolean };

function sarifResult(finding: Walked) {
  // Path findings (line 0) point at the file's first line: code-scanning UIs need a line to anchor to.
  const region =
    finding.line > 0
      ? { startLine: finding.line, startColumn: Math.max(1, finding.column) }
      : { startLine: 1 };
  return {
    ruleId: finding.rule,
    ruleIndex: RULE_IDS.indexOf(finding.rule),
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(finding.path), uriBaseId: '%SRCROOT%' },
          region
        }
      }
    ],
    partialFingerprints: {
      [FINGERPRINT_KEY]: finding.fingerprint ?? stableId(`${finding.rule}\0${finding.path}`)
    },
    ...(finding.name || finding.masked || finding.commit
      ? {
          properties: {
            ...(finding.name ? { name: finding.name } : {}),
            ...(finding.masked ? { masked: finding.masked } : {}),
            ...(finding.commit ? { commit: finding.commit } : {}),
            ...(finding.ref ? { ref: finding.ref } : {}),
            ...(finding.pragmaRefused ? { pragmaRefused: true } : {})
          }
        }
      : {})
  };
}

/**
 * A key an allow pragma let through: still a result, suppressed in source (SARIF §3.35), so a
 * code-scanning reader sees every bypass; a refused pragma is no suppression, only a property.
 */
function suppressedResult(finding: Walked) {
  return {
    ...sarifResult(finding),
    suppressions: [
      {
        kind: 'inSource',
        status: 'accepted',
        justification: `djkey-guard: allow pragma at ${finding.path}:${finding.line}`
      }
    ]
  };
}

/** What a range or a push adds to a scan: the config's commit, the pragmas let through. */
export interface TrustFacts {
  pragmas?: readonly Walked[];
  /** Commits the config was read from ([]: built-in defaults); absent: the work tree's. */
  configFrom?: readonly string[];
  configChanges?: readonly unknown[];
  pragmasRefused?: 'setting' | 'config';
}

/** Files that were listed but not read: a code-scanning reader should know the scan was partial. */
function notifications(result: ScanResult) {
  const notes: string[] = [];
  if (result.skipped.large) notes.push(`${result.skipped.large} file(s) over 32 MB were not scanned`);
  if (result.skipped.binary) notes.push(`${result.skipped.binary} binary file(s) were not scanned`);
  return notes.map((text) => ({ level: 'note', message: { text } }));
}

/** The whole SARIF log as a JSON string (with a trailing newline). */
export function formatSarif(result: ScanResult & TrustFacts, error?: RunError): string {
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'djkey-guard',
            version: ownVersion(),
            informationUri: INFORMATION_URI,
            rules: RULE_IDS.map(ruleDescriptor)
          }
        },
        // A run stopped by a missing object is unsuccessful: its results are the partial ones.
        invocations: [
          {
            executionSuccessful: !error,
            toolExecutionNotifications: [
              ...(error ? [{ level: 'error', message: { text: error.message } }] : []),
              ...notifications(result)
            ]
          }
        ],
        // JavaScript string offsets are UTF-16 code units, which is what Finding.column counts.
        columnKind: 'utf16CodeUnits',
        results: [...result.findings.map(sarifResult), ...(result.pragmas ?? []).map(suppressedResult)],
        properties: {
          scanned: result.scanned,
          skipped: result.skipped,
          ...(result.configFrom
            ? { config: { from: result.configFrom, changes: result.configChanges ?? [] } }
            : {}),
          ...(result.pragmasRefused ? { pragmasRefused: result.pragmasRefused } : {})
        }
      }
    ]
  };
  return JSON.stringify(log, null, 2) + '\n';
}
