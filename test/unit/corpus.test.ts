/**
 * Whole, realistic files (not one-line samples): what a Django repo really contains. Stand-ins
 * ({{INSECURE}}, {{KEY}}) are expanded at run time. Every pass case also gets a blocking twin
 * made by pasting a key into it, so the pass is not just blindness.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { expandSample } from '../../src/rules/samples.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const source = (name: string) =>
  readFileSync(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'corpus', name), 'utf8');
// The decouple version is the startproject file as `fix` leaves it.
const DERIVED: Record<string, () => string> = {
  'settings-decouple.py': () =>
    source('settings-startproject.py').replace(
      "SECRET_KEY = '{{INSECURE}}'",
      "from decouple import config, Csv\n\nSECRET_KEY = config('SECRET_KEY')\nSECRET_KEY_FALLBACKS = " +
        "config('SECRET_KEY_FALLBACKS', default='', cast=Csv())"
    )
};
const read = (name: string) => expandSample(DERIVED[name]?.() ?? source(name));
const blockingLines = (path: string, text: string) =>
  secretKeyRule
    .detect(text, path, options)
    .filter((h) => h.severity !== 'warning')
    .map((h) => h.line);

const test = suite('realistic files');

const cases: Array<[file: string, path: string, lines: number[], twin?: [from: string, to: string]]> = [
  ['settings-startproject.py', 'mysite/settings.py', [20]],
  [
    'settings-decouple.py',
    'mysite/settings.py',
    [],
    ["config('SECRET_KEY')", "config('SECRET_KEY', default='{{KEY}}')"]
  ],
  ['settings-environ.py', 'mysite/settings.py', [], ["SECRET_KEY=(str, '')", "SECRET_KEY=(str, '{{KEY}}')"]],
  ['checks.py', 'mysite/checks.py', [], ['return len(', "SECRET_KEY = '{{KEY}}'\n    return len("]],
  ['docker-compose.yml', 'docker-compose.yml', [], ['${SECRET_KEY}', '${SECRET_KEY:-{{KEY}}}']],
  [
    'deployment.yaml',
    'k8s/deployment.yaml',
    [],
    [
      'value: mysite.settings.production',
      'value: mysite.settings.production\n            - name: SECRET_KEY\n              value: "{{KEY}}"'
    ]
  ],
  ['ci.yml', '.github/workflows/ci.yml', [], ['${{ secrets.DJANGO_SECRET_KEY }}', "'{{KEY}}'"]],
  [
    'README.md',
    'README.md',
    [],
    ['export SECRET_KEY="$(openssl rand -base64 48)"', 'export SECRET_KEY="{{KEY}}"']
  ],
  ['env.example', '.env.example', [], ['SECRET_KEY=\n', 'SECRET_KEY={{KEY}}\n']]
];

for (const [file, path, lines, twin] of cases) {
  test(`${lines.length ? 'blocks' : 'passes'}: ${path} (${file})`, () => {
    assert.equal(blockingLines(path, read(file)), lines);
  });
  if (twin) {
    test(`blocks: ${path} with a key pasted in (${file})`, () => {
      const text = read(file);
      assert.ok(text.includes(twin[0]), `twin anchor missing in ${file}`);
      const changed = text.replace(twin[0], () => expandSample(twin[1]));
      assert.ok(blockingLines(path, changed).length > 0, `expected a hit in\n${changed}`);
    });
  }
}

test.run();
