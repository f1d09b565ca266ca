/** devDependencies in the user's package.json, and the one package-manager install that follows. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { parseJsonText } from '../parse/json.js';
import { readText } from './files.js';
import { getJson, setJson } from './json-edit.js';
import { installArgs, managerFor } from './package.js';
import { remember, rememberJson } from './state.js';
import { ignoreNodeModules } from './ignore-node-modules.js';
import { report, show, writeTracked, type Session } from './session.js';
import { runTool, tail } from './tools.js';

export function readPackageJson(dir: string): string {
  const text = readText(join(dir, 'package.json'));
  if (text === null) throw new UsageError(`no package.json in ${dir}`);
  try {
    parseJsonText(text);
  } catch (error) {
    throw new UsageError(
      `${join(dir, 'package.json')} is not valid JSON (${(error as Error).message}); fix it and run ` +
        `install again`
    );
  }
  return text;
}

export function hasDependency(text: string, name: string): boolean {
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some(
    (field) => getJson(text, [field, name]) !== undefined
  );
}

/** Add each missing package to devDependencies (text edit: formatting kept). True if any was added. */
export function ensureDevDependencies(
  session: Session,
  dir: string,
  wanted: Record<string, string>
): boolean {
  const path = join(dir, 'package.json');
  let text = readPackageJson(dir);
  let changed = false;
  for (const [name, spec] of Object.entries(wanted)) {
    if (hasDependency(text, name)) {
      report(session, 'already present', `${show(session, path)} devDependencies.${name}`);
      continue;
    }
    text = setJson(text, ['devDependencies', name], spec);
    report(session, 'added', `${show(session, path)} devDependencies.${name} ${spec}`);
    rememberJson(session.state, path, ['devDependencies', name], spec, undefined);
    // An absolute file: path (npx --package=/path/x.tgz) works on this machine only.
    if (/^file:\//.test(spec))
      session.next.push(
        `${show(session, path)} depends on ${name} at ${spec}, a path on this machine: before you commit ` +
          `it, put the tarball in the repository (e.g. vendor/) and depend on file:./vendor/… instead, ` +
          'or on a release tag (docs/install.md).'
      );
    changed = true;
  }
  if (changed) writeTracked(session, path, text, 'package-json');
  return changed;
}

/** Run the package manager's install in `dir`, so the next commit already finds the local bin. */
export async function runInstall(session: Session, dir: string): Promise<boolean> {
  await ignoreNodeModules(session, dir);
  const { manager, lockfiles } = managerFor(dir, session.facts.root);
  const args = installArgs(manager);
  const command = `${manager} ${args[0]}`;
  if (session.options.noInstall) {
    session.next.push(
      `run \`${command}\` in ${show(session, dir)} (not run: --no-install); the hook is active after it.`
    );
    return false;
  }
  // The package manager runs the project's own lifecycle scripts: say so before, not after.
  session.options.say?.(
    `running \`${command}\` in ${show(session, dir)} — it also runs your project's install scripts (use ` +
      `--no-install to do it yourself)…`
  );
  for (const lockfile of lockfiles) {
    remember(session.state, lockfile, 'lockfile');
    session.touched.add(lockfile);
  }
  const nodeModules = join(dir, 'node_modules');
  session.state.nodeModules ??= { dir: nodeModules, existed: existsSync(nodeModules), manager };
  const result = await runTool(manager, args, dir, session.env);
  if (result.code !== 0) {
    session.incomplete = true;
    session.next.push(
      `run \`${command}\` in ${show(session, dir)} (it failed ` +
        `here${result.missing ? `: ${manager} not found` : ''}):\n${tail(result.output)}`
    );
    return false;
  }
  report(session, 'ran', `${command} in ${show(session, dir)}`);
  return true;
}
