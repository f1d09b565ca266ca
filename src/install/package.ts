/** This package as installed (root, version, spec to depend on) and the user's package manager. */
import { parseJsonText } from '../parse/json.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

import { OWN_ROOT, ownVersion } from '../own-package.js';

export interface PackageSpec {
  /** For package.json devDependencies: `^1.2.3` or `file:/abs/djkey-guard.tgz`. */
  dependency: string;
  /** For `npm install -g` (pre-commit's additional_dependencies): `djkey-guard@1.2.3` or a path. */
  install: string;
}

/**
 * A local tarball or folder. Given relative (DJKEY_GUARD_PACKAGE=./x.tgz), it stays relative in
 * package.json — relative to that package.json, as npm reads it — so the committed file works in
 * every clone; pre-commit installs from its own cache folder, so it gets the absolute path.
 */
function fromLocal(spec: string, relativeTo?: string, keepRelative = false): PackageSpec {
  const path = resolve(spec.replace(/^file:/, ''));
  if (!keepRelative || !relativeTo) return { dependency: `file:${path}`, install: path };
  const rel = relative(relativeTo, path).split('\\').join('/');
  return { dependency: `file:${rel.startsWith('.') ? rel : `./${rel}`}`, install: path };
}

/**
 * What to depend on. DJKEY_GUARD_PACKAGE (a tarball path or npm spec: for tests and mirrors) wins;
 * `npx ./djkey-guard-x.tgz install` is honoured (the npx folder's package.json names the tarball);
 * otherwise the running version from the registry.
 */
export function packageSpec(env: NodeJS.ProcessEnv, packageDir?: string): PackageSpec {
  const override = env.DJKEY_GUARD_PACKAGE;
  if (override) {
    const path = override.replace(/^file:/, '');
    if (
      override.startsWith('file:') ||
      isAbsolute(path) ||
      /\.tgz$/.test(override) ||
      /^\.\.?\//.test(override)
    ) {
      return fromLocal(path, packageDir, !isAbsolute(path));
    }
    return { dependency: override, install: `djkey-guard@${override}` };
  }
  const npxDir = resolve(OWN_ROOT, '../..');
  try {
    const manifest = parseJsonText(readFileSync(join(npxDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      _npx?: unknown;
    };
    const spec = manifest.dependencies?.['djkey-guard'];
    if (manifest._npx && spec && /^(file:|\.|\/)/.test(spec))
      return fromLocal(resolve(npxDir, spec.replace(/^file:/, '')));
  } catch {
    // not run through npx
  }
  const version = ownVersion();
  return { dependency: `^${version}`, install: `djkey-guard@${version}` };
}

export type Manager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: Record<Manager, string[]> = {
  pnpm: ['pnpm-lock.yaml'],
  yarn: ['yarn.lock'],
  bun: ['bun.lockb', 'bun.lock'],
  npm: ['package-lock.json', 'npm-shrinkwrap.json']
};

/** The package manager whose lockfile is in `dir` or above it up to `root` (npm if none). */
export function managerFor(dir: string, root: string): { manager: Manager; lockfiles: string[] } {
  for (let at = dir; ; at = dirname(at)) {
    for (const manager of Object.keys(LOCKFILES) as Manager[]) {
      const found = LOCKFILES[manager].map((name) => join(at, name)).filter((path) => existsSync(path));
      if (found.length) return { manager, lockfiles: found };
    }
    if (at === root || dirname(at) === at) break;
  }
  return { manager: 'npm', lockfiles: [join(dir, 'package-lock.json')] };
}

export function installArgs(manager: Manager): string[] {
  return manager === 'npm' ? ['install', '--no-audit', '--no-fund'] : ['install'];
}
