/**
 * What a repository configures: allowlist.ts reads the escape hatches (guarded names from
 * .djkeyguard.json or package.json, the allow pragma, .djkeyguardignore matched by ignore-rules.ts,
 * a bounded matcher); gitignore.ts the staged .gitignore; config-at.ts the config a commit carries.
 */
export { CONFIG_FILE, IGNORE_FILE, PRAGMA, loadConfig, pragmaLines, type Config } from './allowlist.js';
export { configAt } from './config-at.js';
export { loadIgnoreCheck, type IgnoreCheck } from './gitignore.js';
export { IgnoreRules } from './ignore-rules.js';
