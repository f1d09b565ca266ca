/** A hermetic environment for every spawn in the tests: no user/system git config, fixed identity. */
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp dir under the real tmpdir (macOS /var → /private/var would break path asserts). */
export function tempDir(prefix = 'djkg-'): string {
  return mkdtempSync(join(realpathSync(tmpdir()), prefix));
}

const home = tempDir('djkg-home-');
const globalConfig = join(home, 'gitconfig');
writeFileSync(globalConfig, '');

// The machine's network trust and proxy settings pass through: npm run by the pre-commit framework
// uses its own prefix (so not the global npmrc's cafile) and hangs on TLS without them.
const NETWORK_VARS = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy'
];
const network = Object.fromEntries(
  NETWORK_VARS.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]])
);

/** One env object for every git/node spawn in tests; never mutate process.env. */
export const TEST_ENV: NodeJS.ProcessEnv = {
  ...network,
  PATH: process.env.PATH,
  HOME: home,
  LANG: 'C.UTF-8',
  TMPDIR: process.env.TMPDIR,
  GIT_CONFIG_GLOBAL: globalConfig,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  NO_COLOR: '1',
  // npm in the e2e tests: keep its cache shared across tests but out of the real HOME.
  npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? home, '.npm'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false'
};
