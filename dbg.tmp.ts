import { createRepo } from './test/helpers/repo.js';
import { fix } from './src/fix.js';
import { rotate } from './src/keys.js';
import { fixSummary } from './src/fix/report.js';
const repo = createRepo();
const key = 'a'.repeat(20);
repo.write('mysite/settings.py', `import os\nSECRET_KEY = '${key}'\nDEBUG = True\n`);
repo.write('manage.py', '');
repo.git(['add', '-A']);
const ctx = { cwd: repo.dir, env: repo.env, debug: (l: string) => console.log('[debug]', l) };
for (const work of [() => fix(ctx, { dryRun: true }), () => fix(ctx), () => rotate(ctx, { dryRun: true }), () => rotate(ctx), () => rotate(ctx, { finish: true })]) {
  try { const r = await work(); console.log(fixSummary(r as never, !r.written, 'x')); } catch (e) { console.log('ERR', (e as Error).message); }
}
repo.remove();
