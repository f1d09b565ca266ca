/** `--format sarif` validates against the SARIF 2.1.0 schema and carries what code scanning needs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { formatSarif, pathToUri } from '../../src/report/sarif.js';
import type { Finding, ScanResult } from '../../src/types.js';
import { PROJECT_ROOT, type Repo, repoSuite } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
// strict: false because the official schema itself trips ajv's strict checks (e.g. `required`
// names inside anyOf branches); validation of documents is unaffected.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(text: string): any {
  const log = JSON.parse(text);
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  return log;
}

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'secret-key',
  severity: 'error',
  path: 'mysite/settings.py',
  line: 3,
  column: 14,
  message: "SECRET_KEY is a literal key 'abcd…' (50 chars)",
  masked: "'abcd…' (50 chars)",
  fingerprint: 'sha256:0123456789abcdef',
  name: 'SECRET_KEY',
  ...over
});
const result = (findings: Finding[], skipped = { binary: 0, large: 0, allowed: 0 }): ScanResult => ({
  findings,
  scanned: findings.length,
  skipped
});

const unit = suite('sarif format');

unit('valid: no findings', () => {
  const log = assertValid(formatSarif(result([])));
  assert.is(log.version, '2.1.0');
  assert.equal(log.runs[0].results, []);
});

unit('valid: rule metadata with help text, markdown, helpUri anchors and default level', () => {
  const log = assertValid(formatSarif(result([])));
  const driver = log.runs[0].tool.driver;
  assert.is(driver.name, 'djkey-guard');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.ok(driver.informationUri.startsWith('https://'));
  assert.equal(
    driver.rules.map((r: any) => r.id),
    ['secret-key', 'env-file']
  );
  for (const rule of driver.rules) {
    assert.ok(rule.name && rule.shortDescription.text && rule.fullDescription.text);
    assert.ok(rule.helpUri.endsWith(`#${rule.id}`));
    assert.is(rule.defaultConfiguration.level, 'error');
    assert.ok(rule.help.text.length > 40 && rule.help.markdown.length > 40);
  }
  assert.match(driver.rules[0].help.text, "config('SECRET_KEY')");
  assert.match(driver.rules[0].help.markdown, 'from decouple import config');
  assert.match(driver.rules[1].help.text, 'git rm --cached');
});

unit('valid: findings map to results with level, location, region and fingerprints', () => {
  const findings = [
    finding({}),
    finding({ severity: 'warning', line: 9, column: 1, fingerprint: 'sha256:fedcba9876543210' }),
    {
      rule: 'env-file',
      severity: 'error',
      path: 'backend/.env',
      line: 0,
      column: 0,
      message: 'backend/.env is staged',
      ignored: false
    } as Finding
  ];
  const log = assertValid(formatSarif(result(findings)));
  const [key, warning, env] = log.runs[0].results;
  assert.is(key.ruleId, 'secret-key');
  assert.is(key.level, 'error');
  assert.is(key.message.text, findings[0]!.message);
  assert.equal(key.locations[0].physicalLocation, {
    artifactLocation: { uri: 'mysite/settings.py', uriBaseId: '%SRCROOT%' },
    region: { startLine: 3, startColumn: 14 }
  });
  assert.equal(Object.values(key.partialFingerprints), ['sha256:0123456789abcdef']);
  assert.is(warning.level, 'warning');
  assert.is(env.ruleId, 'env-file');
  assert.equal(env.locations[0].physicalLocation.region, { startLine: 1 });
  assert.match(Object.values(env.partialFingerprints)[0] as string, /^sha256:[0-9a-f]{16}$/);
  assert.is(log.runs[0].tool.driver.rules[env.ruleIndex].id, 'env-file');
});

unit('valid: odd paths become relative URI references', () => {
  const paths = [
    'a b/.env',
    'dir\nwith newline/settings.py',
    'café/réglages.py',
    'c:colon/x#hash%pct?.py',
    '日本/.env.local'
  ];
  const log = assertValid(formatSarif(result(paths.map((path) => finding({ path })))));
  const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
  assert.equal(uris.map(decodeURIComponent), paths);
  for (const uri of uris) assert.not.match(uri, /[\s#?]|^[a-z]+:/i);
  assert.is(pathToUri('a b/c'), 'a%20b/c');
});

unit('valid: skipped files are reported as notifications', () => {
  const log = assertValid(formatSarif(result([], { binary: 2, large: 1, allowed: 0 })));
  const notes = log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text);
  assert.ok(notes.some((text: string) => text.includes('over 32 MB')));
  assert.ok(notes.some((text: string) => text.includes('binary')));
});

unit('valid: pragmas are results suppressed in source; the config commit is a run property', () => {
  const pragma = { ...finding({ path: 'demo.py', line: 7 }), commit: 'c'.repeat(40) };
  const log = assertValid(
    formatSarif({
      ...result([finding({ pragmaRefused: true } as Partial<Finding>)]),
      pragmas: [pragma],
      configFrom: ['b'.repeat(40)],
      configChanges: ['.djkeyguardignore'],
      pragmasRefused: 'config'
    })
  );
  const run = log.runs[0];
  assert.is(run.results.length, 2);
  assert.is(run.results[0].suppressions, undefined);
  assert.is(run.results[0].properties.pragmaRefused, true);
  assert.equal(run.results[1].suppressions, [
    { kind: 'inSource', status: 'accepted', justification: 'djkey-guard: allow pragma at demo.py:7' }
  ]);
  assert.is(run.results[1].properties.commit, 'c'.repeat(40));
  assert.equal(run.properties.config, { from: ['b'.repeat(40)], changes: ['.djkeyguardignore'] });
  assert.is(run.properties.pragmasRefused, 'config');
});

unit('the schema rejects what it should (the validator is really checking)', () => {
  const log = JSON.parse(formatSarif(result([finding({})])));
  log.runs[0].results[0].level = 'fatal';
  assert.not.ok(validate(log));
});

unit.run();

const cli = repoSuite('sarif through the CLI');

cli('blocks with valid SARIF on stdout, no secret in it, nothing on stderr', (context) => {
  const repo = context.repo as Repo;
  const key = sampleKey(11);
  repo.write('mysite/settings.py', `DEBUG = True\nSECRET_KEY = '${key}'\n`);
  repo.write('.env', `SECRET_KEY=${insecureKey(3)}\n`);
  repo.stage('.');
  const run = repo.run(['--format', 'sarif']);
  assert.is(run.code, 1, run.stderr);
  assert.is(run.stderr, '');
  const log = assertValid(run.stdout);
  const results = log.runs[0].results;
  assert.ok(
    results.some(
      (r: any) => r.ruleId === 'env-file' && r.locations[0].physicalLocation.artifactLocation.uri === '.env'
    )
  );
  const settings = results.find(
    (r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'mysite/settings.py'
  );
  assert.ok(settings, run.stdout);
  assert.equal(settings.locations[0].physicalLocation.region, { startLine: 2, startColumn: 15 });
  assert.not.ok(run.stdout.includes(key), 'the key must be masked');
  assert.not.ok(run.stdout.includes(insecureKey(3)), 'the key must be masked');
});

cli('passes with valid, empty SARIF', (context) => {
  const repo = context.repo as Repo;
  repo.write('app.py', 'print(1)\n');
  repo.stage('app.py');
  const run = repo.run(['--format', 'sarif']);
  assert.is(run.code, 0, run.stderr);
  assert.equal(assertValid(run.stdout).runs[0].results, []);
});

cli.run();
