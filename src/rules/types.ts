/** Shapes shared by the rules. Rules are pure: text in, hits out; they never touch git or the disk. */
import type { RuleId, Severity } from '../types.js';

/** A value bound to a guarded name, found by a format extractor. Holds the raw value: internal only. */
export interface Candidate {
  /** The name as written (SECRET_KEY, django_secret_key, ...). */
  name: string;
  /** The literal value, already unquoted/unescaped/concatenated. */
  value: string;
  /** Offset in the text where the value (its first literal piece) starts. */
  offset: number;
  /** Offset of the name, when it sits on another line than the value (allow pragma on either). */
  nameOffset?: number;
  /**
   * How the value is bound: a plain assignment, a fallback/default of an env lookup, or a bare
   * `django-insecure-` token. Shapes the message and the fix text.
   */
  form: 'assign' | 'fallback' | 'token';
  /**
   * Is `${…}` inside the value a reference here? The reader says so where quoting decides (a
   * single-quoted shell or dotenv value, a Python string: no; a double-quoted shell word: yes);
   * unset, the format's default applies (formatInterpolates).
   */
  interpolates?: boolean;
}

/** What a rule reports before a path and severity are attached. Never holds a raw secret. */
export interface Hit {
  line: number;
  column: number;
  message: string;
  name?: string;
  masked?: string;
  fingerprint?: string;
  /**
   * The value's length in code points: whether its fingerprint may leave the library (engine/findings.ts).
   */
  length?: number;
  /** Extra lines the allow pragma may sit on (e.g. the name's line in a multi-line construct). */
  pragmaLines?: number[];
  /** Placeholder keys produce warnings, not blocks. */
  severity?: Severity;
  /** The source line with the value masked, for the before/after fix text. */
  snippet?: string;
  /** Set when the value sits in test code (placeholder's isTestCode): the fix text generates a key. */
  inTestCode?: true;
}

export interface Samples {
  /** [path, text] pairs that must produce at least one blocking hit. */
  hit: ReadonlyArray<readonly [string, string]>;
  /** [path, text] pairs that must produce no blocking hit. */
  miss: ReadonlyArray<readonly [string, string]>;
}

export interface RuleOptions {
  /** Guarded names, upper-case (SECRET_KEY, DJANGO_SECRET_KEY, SECRET_KEY_FALLBACKS, + config). */
  names: readonly string[];
  /** Template basenames that are not real dotenv files (.env.example, ...). */
  templates: readonly string[];
}

export interface PathRule {
  id: RuleId;
  title: string;
  kind: 'path';
  /** Does this staged path block by name alone? */
  matches(path: string, options: RuleOptions): boolean;
  samples: { hit: readonly string[]; miss: readonly string[] };
}

export interface ContentRule {
  id: RuleId;
  title: string;
  kind: 'content';
  detect(text: string, path: string, options: RuleOptions): Hit[];
  samples: Samples;
}
