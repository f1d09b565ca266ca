/**
 * Every renderer: findings → text (table.ts aligns scan's, history's and the push's rows), JSON,
 * SARIF, the CI job summary and annotations, the fix summary. Every sentence lives in messages.ts;
 * escape.ts and colors.ts keep paths and values safe on a terminal. Renderers take values, never a rule.
 */
export { colorEnabled, formatText, location } from './text.js';
export { formatJson } from './json.js';
export { formatHistoryJson, formatHistoryText } from './history.js';
export { formatPushText } from './push.js';
export { annotations, summaryMarkdown } from './ci-summary.js';
export { fixSummary } from './fix-summary.js';
export { installSummary, type InstallReport } from './install-summary.js';
export { alignedRows, type Paint } from './table.js';
