/** Public data types shared by the scanner, the reporters and the library API. */

export type RuleId = 'env-file' | 'secret-key';
export type Severity = 'error' | 'warning';

/** One problem found. Values are masked before a Finding exists: it never holds a secret. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  path: string;
  /** 1-based; 0 when the finding is about the path itself. */
  line: number;
  /** 1-based column of the value; 0 for path findings. */
  column: number;
  message: string;
  /** Masked preview of the value, e.g. `'djan…' (66 chars)`. */
  masked?: string;
  /** `sha256:` + 16 hex of the value: lets history group one secret without printing it. */
  fingerprint?: string;
  /** The bound name, e.g. SECRET_KEY (secret-key findings). */
  name?: string;
  /** The masked source line, for the before/after fix block. */
  snippet?: string;
  /** The rule judged the file test code: the fix text suggests a key generated at run time. */
  inTestCode?: true;
  /** Extra facts for the fix text (env-file: whether .gitignore already ignores the path). */
  ignored?: boolean;
}

export interface ScanResult {
  findings: Finding[];
  /** Files whose content was scanned. */
  scanned: number;
  skipped: { binary: number; large: number; allowed: number };
  /** The files a commit check did not read (binary, over the size cap): named, never silently skipped. */
  notRead?: Array<{ path: string; reason: 'binary' | 'large' }>;
}

/** What every library entry point accepts, so tests can run it in-process. */
export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Debug log sink (stderr under --debug); a no-op otherwise. */
  debug?: (line: string) => void;
}

/**
 * Why a run stopped before it could judge everything (a missing object): reporters show it beside the partial
 * findings.
 */
export interface RunError {
  message: string;
  /** The first missing objects (up to 20), each with a path and a commit that reaches it when known. */
  missing: Array<{ oid: string; path?: string; commit?: string }>;
  /** How many objects are missing in all. */
  count: number;
}

/** A finding plus where it entered history. Still a Finding, so every reporter (SARIF) takes it. */
export interface HistoryFinding extends Finding {
  /** Full id of the first commit that added it. */
  commit: string;
  /** That commit's author date (ISO 8601). */
  date: string;
  /** Secret: some blob at HEAD still holds it. Dotenv file: the path exists at HEAD. */
  atHead: boolean;
  /** An allow pragma is on its line, but the repository refuses pragmas (djkey-guard.allowPragmas=false). */
  pragmaRefused?: boolean;
}

export interface HistoryResult extends ScanResult {
  root: string;
  findings: HistoryFinding[];
  /** Commits walked. */
  commits: number;
  /** The ranges judged; empty for every ref. */
  ranges: string[];
  /** Set when a shallow clone's boundary cut the walk short (findings, if any, are still real). */
  incomplete?: string;
  /** Keys an allow pragma let through (listed by CI). */
  pragmas?: HistoryFinding[];
  /**
   * The commits the config was read from (a range's base), `[]` for the built-in defaults; unset: the work
   * tree.
   */
  configFrom?: string[];
  /** Config files the range changes (judged with the base's config instead; they apply once accepted). */
  configChanges?: string[];
  /**
   * Allow pragmas were findings, not allowances: refused by the run's own setting (CI's
   * DJKEY_GUARD_ALLOW_PRAGMAS=false, --refuse-pragmas) or by `"allowPragmas": false` in the config.
   */
  pragmasRefused?: 'setting' | 'config';
}

/** What `fix` did (or would do): files, index changes, the masked diff and notes. */
export interface FixResult {
  root: string;
  /** Files written (or that would be), root-relative. */
  files: string[];
  /** Paths removed from the index (`git rm --cached`). */
  untracked: string[];
  /** Paths whose index entry was updated so the next commit carries the fix. */
  staged: string[];
  /**
   * Files fix wrote that git does not track and fix did not stage: a fresh project's settings
   * before its first `git add` (fix never adds a user's file to git behind their back).
   */
  notStaged: string[];
  /** Unified diff of the planned changes, secrets masked. */
  diff: string;
  /** Explanations: chosen values, new keys and why, things left to do. */
  notes: string[];
  written: boolean;
}
