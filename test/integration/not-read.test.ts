/** The commit check names each file it did not read (DESIGN §11); --all and history only count them. */
import * as assert from 'uvu/assert';
import { repoSuite } from '../helpers/repo.js';

const test = repoSuite('files not read are named');

test('a binary and an oversized staged file are named by the hook; --all and history count them', ({
  repo
}) => {
  repo.write('big.txt', Buffer.alloc(33 * 1024 * 1024, 'x'));
  repo.write('mysite/settings.pyc', Buffer.from([0, 1, 2, 3, 0, 0x41]));
  repo.stage('big.txt', 'mysite/settings.pyc');
  const staged = repo.run([]);
  assert.is(staged.code, 0, staged.stderr);
  assert.match(staged.stderr, 'not read: big.txt (over 32 MB');
  assert.match(staged.stderr, 'not read: mysite/settings.pyc (binary');
  repo.commit('add');
  const all = repo.run(['--all']);
  assert.match(all.stdout + all.stderr, '(1 binary file and 1 file over 32 MB not scanned)');
  assert.not.match(all.stdout + all.stderr, 'not read:');
  const history = repo.run(['history']);
  assert.match(history.stdout + history.stderr, '(1 binary file and 1 file over 32 MB not scanned)');
});

test.run();
