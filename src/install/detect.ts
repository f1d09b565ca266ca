/** What the repository already has (hooks folder, husky, package.json, pre-commit config): DESIGN.md §5. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { commonDir, configGet, gitPath, repoInfo, type GitOptions } from '../git.js';

export interface Facts {
  root: string;
  gitDir: string;
  commonDir: string;
  /** Absolute hooks folder git uses here (respects core.hooksPath; shared by linked worktrees). */
  hooksDir: string;
  hooksPath?: string;
  /** The husky folder (`.husky`) when core.hooksPath points at husky's `_` folder. */
  huskyDir?: string;
  /** Folder of the package.json the hook belongs to (root, or e.g. `frontend/` in a monorepo). */
  packageDir?: string;
  preCommitConfig: boolean;
  linkedWorktree: boolean;
}

/** husky v9 sets core.hooksPath to `<dir>/_`; husky v8 to `<dir>` with `<dir>/_/husky.sh`. */
function huskyDirFor(hooksDir: string, hooksPath: string | undefined): string | undefined {
  if (!hooksPath) return undefined;
  if (
    /[\\/]_[\\/]?$/.test(hooksPath) &&
    (existsSync(join(hooksDir, 'h')) || /(^|[\\/])\.husky[\\/]_[\\/]?$/.test(hooksPath))
  )
    return dirname(hooksDir);
  if (existsSync(join(hooksDir, '_', 'husky.sh'))) return hooksDir;
  return undefined;
}

function mentionsHusky(dir: string): boolean {
  try {
    return /"husky"\s*:/.test(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
}

/** The package.json folder: nearest above the husky folder, else the root, else one sub-folder. */
function findPackageDir(root: string, huskyDir: string | undefined): string | undefined {
  if (huskyDir) {
    for (let dir = dirname(huskyDir); dir.startsWith(root); dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json'))) return dir;
      if (dir === root) break;
    }
  }
  if (existsSync(join(root, 'package.json'))) return root;
  const candidates = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => join(root, entry.name))
    .filter((dir) => existsSync(join(dir, 'package.json')));
  const withHusky = candidates.filter(mentionsHusky);
  if (withHusky.length === 1) return withHusky[0];
  return candidates.length === 1 ? candidates[0] : undefined;
}

export async function detect(git: GitOptions): Promise<Facts> {
  const { root, gitDir } = await repoInfo(git);
  const options = { ...git, cwd: root };
  const common = await commonDir(options);
  const hooksDir = await gitPath('hooks', options);
  const hooksPath = await configGet('core.hooksPath', options);
  const huskyDir = huskyDirFor(hooksDir, hooksPath);
  return {
    root,
    gitDir,
    commonDir: common,
    hooksDir: isAbsolute(hooksDir) ? hooksDir : resolve(root, hooksDir),
    hooksPath,
    huskyDir,
    packageDir: findPackageDir(root, huskyDir),
    preCommitConfig: existsSync(join(root, '.pre-commit-config.yaml')),
    linkedWorktree: resolve(gitDir) !== resolve(common)
  };
}

/** `path` relative to the repository root, with forward slashes. */
export function fromRoot(facts: Facts, path: string): string {
  return relative(facts.root, path).split('\\').join('/') || '.';
}
