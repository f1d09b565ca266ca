/**
 * The value a finding reports is the literal itself (DESIGN §3): no quotes, no `${…:-…}` wrapper,
 * the whole key decoded from HTML entities — checked by fingerprint and by the column it points at.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { fingerprint } from '../../src/rules/mask.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const KEY = sampleKey(21);
/** A key holding `&`, which HTML escapes as `&amp;`. */
const AMP_KEY = `${sampleKey(22, 20)}&${sampleKey(23, 29)}`;
const INSECURE = insecureKey(24).replace(/^(django-insecure-.{10})/, '$1&');
const escape = (text: string) => text.replace(/&/g, '&amp;');

const exact = suite('exact values');

/** [path, text, the literal every blocking hit must report, the text its column points at]. */
const CASES: Array<[string, string, string, string]> = [
  ['deploy.sh', `SECRET_KEY=\${SECRET_KEY:-${KEY}}\npython manage.py check\n`, KEY, KEY],
  ['deploy.sh', `update_env_value "SECRET_KEY" "\${SECRET_KEY:-${KEY}}"\n`, KEY, KEY],
  // A django-insecure- token ends where an interpolation starts.
  [
    '.env',
    `SECRET_KEY="${INSECURE.replace('&', '')}\${SUFFIX}"\n`,
    INSECURE.replace('&', ''),
    INSECURE.replace('&', '')
  ],
  // bash ANSI-C quoting decodes its escapes: the key is what the shell holds.
  ['deploy.sh', `export SECRET_KEY=$'ab\\x41${KEY}'\n`, `abA${KEY}`, `ab\\x41${KEY}`],
  ['.env', `APP_KEY=\${DJANGO_SECRET_KEY:-${KEY}}\n`, KEY, KEY],
  [
    'docker-compose.yml',
    `services:\n  web:\n    environment:\n      SECRET_KEY: \${SECRET_KEY:-"${KEY}"}\n`,
    KEY,
    KEY
  ],
  [
    'docker-compose.yml',
    `services:\n  web:\n    environment:\n      - SECRET_KEY=\${SECRET_KEY:-'${KEY}'}\n`,
    KEY,
    KEY
  ],
  [
    'docker-compose.yml',
    `services:\n  web:\n    command: sh -c 'update_env "SECRET_KEY" "\${SECRET_KEY:-${KEY}}" && gunicorn'\n`,
    KEY,
    KEY
  ],
  [
    'site/search/search_index.json',
    `{"docs":[{"location":"setup/","text":"<pre><code>SECRET_KEY = ` +
      `&quot;${escape(AMP_KEY)}&quot;\\nDEBUG = True</code></pre>","title":"Setup"}]}\n`,
    AMP_KEY,
    escape(AMP_KEY)
  ],
  [
    'site/search/search_index.json',
    `{"docs":[{"location":"setup/","text":"<p>Generated: <code>${escape(INSECURE)}</code></p>"}]}\n`,
    INSECURE,
    escape(INSECURE)
  ],
  ['docs/deploy.html', `<pre>SECRET_KEY = &quot;${escape(AMP_KEY)}&quot;</pre>\n`, AMP_KEY, escape(AMP_KEY)],
  // An unquoted dotenv line in a page: the entity's `;` does not end the value as a shell `;` would.
  [
    'site/config/index.html',
    `<div class="highlight"><pre><code>SECRET_KEY=${escape(AMP_KEY)}\n</code></pre></div>\n`,
    AMP_KEY,
    escape(AMP_KEY)
  ],
  // The twin in a format that is never HTML-escaped: Python reads `&amp;` as five characters of the key.
  ['app/settings.py', `SECRET_KEY = '${escape(AMP_KEY)}'\n`, escape(AMP_KEY), escape(AMP_KEY)]
];

CASES.forEach(([path, text, literal, written], index) => {
  exact(`#${index} ${path} reports the literal itself`, () => {
    const hits = secretKeyRule.detect(text, path, options).filter((hit) => hit.severity !== 'warning');
    assert.ok(hits.length > 0, `no hit in ${path}`);
    const offset = text.indexOf(written);
    const lines = text.slice(0, offset).split('\n');
    const place = `${lines.length}:${lines[lines.length - 1]!.length + 1}`;
    for (const hit of hits) {
      assert.is(hit.fingerprint, fingerprint(literal), `${path}: reported ${hit.masked}`);
      assert.is(`${hit.line}:${hit.column}`, place, `${path}: position`);
    }
  });
});

exact.run();
