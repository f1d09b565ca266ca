/** Which Django the project runs, from lock files first, then requirements, pyproject and Pipfile. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DjangoVersion {
  version: string;
  /** Root-relative file it came from. */
  source: string;
}

const NUMBER = /(\d+(?:\.\d+){0,2})/;

function fromText(file: string, text: string): string | undefined {
  if (/(poetry|uv|pdm)\.lock$/.test(file)) {
    return new RegExp(`name\\s*=\\s*"django"\\s*\\n\\s*version\\s*=\\s*"${NUMBER.source}"`, 'i').exec(
      text
    )?.[1];
  }
  if (file.endsWith('Pipfile.lock')) {
    return new RegExp(`"django"\\s*:\\s*\\{[^}]*?"version"\\s*:\\s*"==${NUMBER.source}"`, 'i').exec(
      text
    )?.[1];
  }
  if (/\.(txt|in)$/.test(file)) {
    return new RegExp(`^\\s*django\\s*(?:\\[[^\\]]*\\])?\\s*(?:==|>=|~=|===)\\s*${NUMBER.source}`, 'im').exec(
      text
    )?.[1];
  }
  // pyproject.toml ("Django>=4.2" or django = "^4.2") and Pipfile (django = "==4.1.5").
  return new RegExp(
    `(?:^|["'\\s])django\\s*(?:\\[[^\\]]*\\])?\\s*` +
      `(?:=\\s*["']|["']?\\s*)(?:==|>=|~=|\\^|~)?\\s*${NUMBER.source}`,
    'im'
  ).exec(text)?.[1];
}

/** The Django version the dependency files in `dirs` (root-relative) pin or require at least. */
export function djangoVersion(root: string, dirs: readonly string[]): DjangoVersion | undefined {
  const names = [
    'poetry.lock',
    'uv.lock',
    'pdm.lock',
    'Pipfile.lock',
    'requirements.txt',
    'pyproject.toml',
    'Pipfile'
  ];
  for (const dir of [...new Set(dirs)]) {
    const files = [...names];
    for (const sub of ['', 'requirements']) {
      try {
        for (const name of readdirSync(join(root, dir, sub)).sort())
          if (/\.(txt|in)$/.test(name) && (sub || name.startsWith('requirements')))
            files.push(sub ? `${sub}/${name}` : name);
      } catch {
        // no such folder
      }
    }
    for (const file of [...new Set(files)]) {
      const path = join(root, dir, file);
      if (!existsSync(path)) continue;
      const version = fromText(file, readFileSync(path, 'utf8'));
      if (version) return { version, source: dir ? `${dir}/${file}` : file };
    }
  }
  return undefined;
}

/** Compare dotted versions numerically. */
export function versionLessThan(version: string, than: string): boolean {
  const a = version.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

/** The caveat for rotating on this Django version, or undefined when fallbacks fully work. */
export function rotationWarning(found: DjangoVersion | undefined): string | undefined {
  if (!found)
    return (
      'Could not tell the Django version (requirements, pyproject, Pipfile or lock files): ' +
      'SECRET_KEY_FALLBACKS needs Django 4.1+, and 4.1.8+ to keep users logged in.'
    );
  const { version, source } = found;
  if (versionLessThan(version, '4.1')) {
    return (
      `Django ${version} (${source}) has no SECRET_KEY_FALLBACKS (added in 4.1): the old key is ` +
      `not accepted, so every user is logged out and password-reset links stop working. Upgrade to ` +
      `Django 4.1.8+ to rotate without that.`
    );
  }
  if (versionLessThan(version, '4.1.8')) {
    return (
      `Django ${version} (${source}) accepts SECRET_KEY_FALLBACKS for signed data, but sessions ` +
      `still drop until 4.1.8: users will be logged out.`
    );
  }
  return undefined;
}
