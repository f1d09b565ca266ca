/** Every command but the scanner, as one module: loaded on use by the table in index.ts. */
export { historyCommand } from './history.js';
export { installCommand } from './install.js';
export { fixCommand } from './fix.js';
export { preReceiveCommand } from './pre-receive.js';
export { ciCommand } from './ci.js';
export { keysCommand } from './keys.js';
