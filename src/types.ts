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
}

/** What every library entry point accepts, so tests can run it in-process. */
export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Debug log sink (stderr under --debug); a no-op otherwise. */
  debug?: (line: string) => void;
}
