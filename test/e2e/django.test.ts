/**
 * End to end with the real thing: Debian's /usr/bin/python3 with Django, python-decouple and
 * django-environ (installed by .ci/run). Skipped, loudly, only when that python lacks them.
 */
import * as assert from 'uvu/assert';
import { readFileSync, renameSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoSuite } from '../helpers/repo.js';
import { insecureKey, sampleKey } from '../helpers/keys.js';
import { djangoTest, CLEAN, py, startproject, verify } from '../helpers/django.js';
import { envLine, readEnvValue } from '../../src/remedy/dotenv.js';
import { keygen } from '../../src/remedy/index.js';

const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

const django = repoSuite('django: real projects');

const test = djangoTest(django);

test(
  'startproject: blocked, fixed, commit passes, check clean, SECRET_KEY equals .env; rotate wires ' +
    'fallbacks',
  ({ repo }) => {
    startproject(repo);
    // A key using every special character of Django's alphabet must survive .env and decouple.
    const key = sampleKey(31) + '!@#$%^&*(-_=+)';
    const path = join(repo.dir, 'mysite/settings.py');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/SECRET_KEY = '[^']*'/, `SECRET_KEY = '${key}'`));
    repo.write('requirements.txt', 'Django==3.2.25\n');
    repo.git(['add', '-A']);
    assert.is(repo.run().code, 1);
    const fixed = repo.run(['fix']);
    assert.is(fixed.code, 0, fixed.stderr);
    assert.is(repo.run().code, 0);
    repo.git(['commit', '-q', '-m', 'fixed']);
    const verdict = verify(repo);
    assert.match(verdict.check, CLEAN);
    assert.ok(verdict.same);
    assert.is(readFileSync(join(repo.dir, 'requirements.txt'), 'utf8'), 'Django==3.2.25\npython-decouple\n');
    assert.is(readEnvValue(readFileSync(join(repo.dir, '.env'), 'utf8'), 'SECRET_KEY'), key);

    // rotate: new key, the old one first in SECRET_KEY_FALLBACKS (read back through decouple's Csv()).
    const first = repo.run(['rotate']);
    assert.is(first.code, 0, first.stderr);
    assert.match(first.stderr, 'has no SECRET_KEY_FALLBACKS');
    assert.not.ok((first.stdout + first.stderr).includes(key));
    const second = repo.run(['rotate']);
    assert.is(second.code, 0, second.stderr);
    const env = readFileSync(join(repo.dir, '.env'), 'utf8');
    const current = readEnvValue(env, 'SECRET_KEY')!;
    const rotated = verify(repo);
    assert.match(rotated.check, CLEAN);
    assert.is(rotated.key, current);
    assert.is(rotated.fallbacks!.length, 2);
    assert.is(rotated.fallbacks![1], key, 'the original key is the oldest fallback');
    assert.is(repo.run(['rotate', '--finish']).code, 0);
    assert.equal(verify(repo).fallbacks, []);
  }
);

test('keygen keys pass check --deploy without W009, in both alphabets', ({ repo }) => {
  startproject(repo);
  repo.git(['add', '-A']);
  assert.is(repo.run(['fix']).code, 0);
  for (const args of [['keygen'], ['keygen', '--django']]) {
    const generated = repo.run(args);
    assert.is(generated.code, 0);
    const key = generated.stdout.trim();
    writeFileSync(join(repo.dir, '.env'), envLine('SECRET_KEY', key) + '\n');
    const verdict = verify(repo, 'mysite.settings', true);
    assert.match(verdict.check, 'security.W018', 'the deploy checks ran');
    assert.not.match(verdict.check, 'W009');
    assert.ok(verdict.same);
  }
  // The insecure startproject key, by contrast, is what W009 reports.
  writeFileSync(join(repo.dir, '.env'), envLine('SECRET_KEY', insecureKey(3)) + '\n');
  assert.match(verify(repo, 'mysite.settings', true).check, 'W009');
});

test('decouple reads back 300 keys from the whole Django alphabet byte for byte', ({ repo }) => {
  const keys = Array.from({ length: 300 }, () => keygen({ django: true }));
  keys.push(DJANGO_ALPHABET);
  writeFileSync(join(repo.dir, '.env'), keys.map((key, i) => envLine(`K${i}`, key)).join('\n') + '\n');
  const code =
    `import json\nfrom decouple import Config, RepositoryEnv\nc = ` +
    `Config(RepositoryEnv('.env'))\nprint(json.dumps([c('K%d' % i) for i in range(${keys.length})]))`;
  assert.equal(JSON.parse(py(repo, ['-c', code]).stdout), keys);
});

test('split settings: base/local/production all read the one .env next to manage.py', ({ repo }) => {
  startproject(repo);
  mkdirSync(join(repo.dir, 'mysite/settings'));
  renameSync(join(repo.dir, 'mysite/settings.py'), join(repo.dir, 'mysite/settings/base.py'));
  const base = join(repo.dir, 'mysite/settings/base.py');
  writeFileSync(base, readFileSync(base, 'utf8').replace('.parent.parent', '.parent.parent.parent'));
  repo.write('mysite/settings/__init__.py', '');
  repo.write(
    'mysite/settings/local.py',
    `from .base import *  # noqa\n\nDEBUG = True\nSECRET_KEY = '${sampleKey(41)}'\n`
  );
  repo.write(
    'mysite/settings/production.py',
    `from .base import *  # noqa\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\n`
  );
  repo.git(['add', '-A']);
  assert.is(repo.run().code, 1);
  const fixed = repo.run(['fix']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stderr, 'different literals');
  assert.is(repo.run().code, 0);
  for (const module of ['mysite.settings.base', 'mysite.settings.local', 'mysite.settings.production']) {
    const verdict = verify(repo, module);
    assert.match(verdict.check, module.endsWith('production') ? 'identified' : CLEAN, module);
    assert.ok(verdict.same, module);
  }
});

test('django-environ: stays on env(), read_env path respected, check clean', ({ repo }) => {
  startproject(repo);
  const path = join(repo.dir, 'mysite/settings.py');
  const key = insecureKey(51);
  writeFileSync(
    path,
    readFileSync(path, 'utf8')
      .replace('from pathlib import Path', 'import os\nfrom pathlib import Path\n\nimport environ')
      .replace(
        /SECRET_KEY = '[^']*'/,
        `env = environ.Env(DEBUG=(bool, True))\nenviron.Env.read_env(os.path.join(BASE_DIR, ` +
          `'.env'))\n\nSECRET_KEY = env('SECRET_KEY', default='${key}')`
      )
  );
  repo.git(['add', '-A']);
  assert.is(repo.run().code, 1);
  assert.is(repo.run(['fix']).code, 0);
  const after = readFileSync(path, 'utf8');
  assert.match(after, "SECRET_KEY = env('SECRET_KEY')");
  assert.not.match(after, 'decouple');
  assert.is(repo.run().code, 0);
  const verdict = verify(repo);
  assert.match(verdict.check, CLEAN);
  assert.ok(verdict.same);
});

test('django-environ without read_env: fix wires it to the .env it writes', ({ repo }) => {
  startproject(repo);
  const path = join(repo.dir, 'mysite/settings.py');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(
      'from pathlib import Path',
      'from pathlib import Path\n\nimport environ\n\nenv = environ.Env()'
    )
  );
  repo.git(['add', '-A']);
  assert.is(repo.run(['fix']).code, 0);
  assert.match(readFileSync(path, 'utf8'), 'environ.Env.read_env(');
  const verdict = verify(repo);
  assert.match(verdict.check, CLEAN);
  assert.ok(verdict.same);
});

django.run();
