/** The rule set. */
export { envFileRule, isDotenvPath, DEFAULT_TEMPLATES } from './env-file.js';
export { secretKeyRule } from './secret-key/index.js';
export { DEFAULT_NAMES } from './secret-key/bind/names.js';
