#!/usr/bin/env node
/**
 * `npm run bundle` (after `npm run build`): turns the published bin, dist/cli.js, into a small
 * entry plus esbuild chunks in dist/chunks/. Only the bin changes; the library (dist/index.js and
 * its .d.ts) stays plain tsc output. Why: a commit hook pays module loading on every commit, and
 * resolving + compiling ~60 separate ES modules costs more than the scan itself (bench/README.md).
 * Chunks are split at the dynamic imports, so a scan never parses install/fix/rotate code.
 *
 * The entry enables Node's module compile cache (Node >= 22.1) in `.compile-cache/` at the package
 * root, before any chunk is compiled; on older Node, a read-only install or any failure it just
 * runs without it.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  chmodSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const ENTRY = join(DIST, 'cli.js');
const CHUNKS = join(DIST, 'chunks');
const MARKER = '// djkey-guard bundled entry';

if (!existsSync(ENTRY)) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
  process.exit(2);
}
if (readFileSync(ENTRY, 'utf8').includes(MARKER)) {
  console.error('dist/cli.js is already bundled (`npm run build` puts the plain tsc output back).');
  process.exit(0);
}
// esbuild is a devDependency: where it is missing (a pack from a production install), the bin
// stays the plain tsc output, which behaves the same, only starts slower.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  console.error('esbuild is not installed: dist/cli.js stays unbundled (same behaviour, slower start).');
  process.exit(0);
}

const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const target = `node${/\d+/.exec(engines.node)[0]}`;
const temp = mkdtempSync(join(DIST, '.bundle-'));
try {
  await build({
    entryPoints: { main: ENTRY },
    outdir: temp,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target,
    // The two runtime dependencies are loaded with createRequire where needed, from node_modules.
    packages: 'external',
    legalComments: 'none',
    // Smaller chunks are cheaper to load on every commit: fewer bytes to read, hash and decode, and a
    // smaller code cache to deserialize (≈ 6 M instructions of 217 M on a typical commit). Whitespace
    // stays, so builtinsByRequire's line-based rewrite still applies; error classes set their names
    // explicitly, so renamed identifiers never reach a message. keepNames would cost ≈ 12 M back.
    minifySyntax: true,
    minifyIdentifiers: true,
    logLevel: 'warning'
  });
  const main = join(temp, 'main.js');
  writeFileSync(main, readFileSync(main, 'utf8').replace(/^#!.*\n/, ''));
  for (const name of readdirSync(temp)) {
    const file = join(temp, name);
    writeFileSync(file, builtinsByRequire(readFileSync(file, 'utf8')));
  }
  rmSync(CHUNKS, { recursive: true, force: true });
  renameSync(temp, CHUNKS);
  chmodSync(CHUNKS, 0o755); // mkdtemp made it private
} finally {
  rmSync(temp, { recursive: true, force: true });
}

/**
 * `import { readFileSync } from "node:fs"` in an ES module makes Node build the whole module
 * namespace, which runs every lazy getter of `fs`: fs/promises, readline (for FileHandle.readLines),
 * the REPL history, streams, watchers — ≈ 11 M instructions a commit pays for nothing. The same
 * bindings taken from the module object (`process.getBuiltinModule`, or `require` on Node before
 * 20.16) load none of that. Only `node:` imports of the bundle's own chunks are rewritten; the
 * library (dist/index.js) stays plain tsc output.
 */
function builtinsByRequire(code) {
  const IMPORT = /^import\s+(?:\{([^}]*)\}|\*\s+as\s+([\w$]+)|([\w$]+))\s+from\s+"(node:[\w/]+)";?$/gm;
  if (!IMPORT.test(code)) return code;
  IMPORT.lastIndex = 0;
  const body = code.replace(IMPORT, (_, named, namespace, fallback, specifier) => {
    const from = `__djkgBuiltin(${JSON.stringify(specifier)})`;
    if (named === undefined) return `const ${namespace ?? fallback} = ${from};`;
    const bindings = named
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => part.replace(/^([\w$]+)\s+as\s+([\w$]+)$/, '$1: $2'));
    return `const { ${bindings.join(', ')} } = ${from};`;
  });
  // After the leading imports of other chunks (ES imports are hoisted anyway), before any code.
  const helper =
    'import { createRequire as __djkgCreateRequire } from "node:module";\n' +
    'const __djkgBuiltin = globalThis.process.getBuiltinModule ?? __djkgCreateRequire(import.meta.url);\n';
  return helper + body;
}

// process.getBuiltinModule (Node >= 20.16) needs no import, so the entry compiles nothing else
// before the cache is on. enableCompileCache reports a failure (read-only folder) as a status.
writeFileSync(
  ENTRY,
  `#!/usr/bin/env node
${MARKER} (scripts/bundle.mjs): the compile cache first, then the bundled CLI.
try {
  process.getBuiltinModule?.('node:module')?.enableCompileCache?.(\
new URL('../.compile-cache', import.meta.url).pathname);
} catch {}
await import('./chunks/main.js');
`
);
chmodSync(ENTRY, 0o755);
const files = readdirSync(CHUNKS);
const bytes = files.reduce((sum, name) => sum + readFileSync(join(CHUNKS, name)).length, 0);
console.error(
  `bundled dist/cli.js: ${files.length} chunks, ${Math.round(bytes / 1024)} KB (target ${target})`
);
