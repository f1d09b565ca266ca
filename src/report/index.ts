/**
 * Every renderer: findings → text (table.ts aligns scan's, history's and the push's rows), JSON,
 * SARIF, the CI job summary and annotations, the fix and install summaries; colors.ts decides colour.
 * The sentences and the escaping are in ../words/ (the engine writes them too). Renderers take values.
 */
export { colorEnabled, formatText, location } from './text.js';
export { formatJson } from './json.js';
export { formatHistoryJson, formatHistoryText } from './history.js';
export { formatPushText } from './push.js';
export { annotations, summaryMarkdown } from './ci-summary.js';
export { fixSummary } from './fix-summary.js';
export { installSummary, type InstallReport } from './install-summary.js';
export { alignedRows, type Paint } from './table.js';
