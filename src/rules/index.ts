/**
 * The rule set: env-file (a dotenv file staged, by path) and secret-key (a literal key bound to a
 * guarded name, in any text file: formats/ read, bind/ binds, judge.ts decides). Rules are pure:
 * text in, hits out; placeholder.ts and phrase.ts classify values, mask.ts masks them at creation.
 */
export { envFileRule, isDotenvPath, DEFAULT_TEMPLATES } from './env-file.js';
export { secretKeyRule } from './secret-key/index.js';
export { DEFAULT_NAMES } from './secret-key/bind/names.js';
export { mayHoldKey } from './secret-key/judge.js';
