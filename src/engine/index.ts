/**
 * The engine: what is judged and how it is read, for scan, --all, history and pre-receive.
 * sources.ts lists the blobs (commit-walk.ts streams a history's), blob-stream.ts reads them through
 * one `cat-file --batch`, judge-blob.ts applies the rules, findings.ts makes findings and fingerprints.
 */
export { blocks, scan, type ScanOptions } from './scan.js';
export { scanHistory, type HistoryFinding, type HistoryOptions, type HistoryResult } from './history.js';
export { judgePush, type PushResult, type RefUpdate } from './pre-receive.js';
