/**
 * gitignore-syntax rules (`.djkeyguardignore`, staged `.gitignore` files) matched in polynomial
 * time. Compiling patterns to regular expressions, as the `ignore` package does, backtracks
 * exponentially: `a/**\/a/**\/a/**\/…/b` against a path forty directories deep takes minutes, and a
 * pre-commit hook must never hang on input from the repository. Here a pattern is a list of
 * path segments matched by memoised dynamic programming over (pattern segment, path segment), and
 * each segment by the linear-space wildcard walk — O(pattern × path) per rule.
 *
 * Semantics follow gitignore(5): blank lines and `#` comments skipped, trailing unescaped spaces
 * dropped, `!` negates, a trailing `/` matches directories only, a slash at the start or in the
 * middle anchors the pattern to the file's directory (otherwise it matches at any depth), `**`
 * as a whole segment spans directories (a trailing one: everything inside), `*`, `?`, `[…]` and
 * backslash escapes within a segment, and a path inside an ignored directory stays ignored.
 */

interface Rule {
  negated: boolean;
  dirOnly: boolean;
  /** Segments of the pattern; `**` spans zero or more path segments (one or more when last). */
  segments: string[];
}

export interface Verdict {
  ignored: boolean;
  unignored: boolean;
}

function parseLine(raw: string): Rule | null {
  let line = raw.replace(/\r$/, '');
  // Trailing spaces are dropped unless escaped with a backslash.
  line = line.replace(/(?<!\\)[ \t]+$/, '');
  if (line === '' || line.startsWith('#')) return null;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return null;
  const anchored = line.slice(0, -1).includes('/') || line.startsWith('/');
  const segments = line
    .replace(/^\/+/, '')
    .split('/')
    .filter((segment, index, all) => segment !== '' || index === all.length - 1);
  if (segments.length === 0) return null;
  // Consecutive `**` segments mean the same as one (and would only multiply the work).
  const compact = segments.filter((segment, index) => !(segment === '**' && segments[index - 1] === '**'));
  return {
    negated,
    dirOnly,
    segments: anchored
      ? compact
      : ['**', ...compact].filter((s, i, all) => !(s === '**' && all[i - 1] === '**'))
  };
}

/** Does one pattern segment (`*`, `?`, `[…]`, `\x`) match one path segment? Linear-space wildcard walk. */
export function segmentMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const step = p < pattern.length ? matchOne(pattern, p, name[n]!) : 0;
    if (p < pattern.length && pattern[p] === '*') {
      starP = ++p;
      starN = n;
      // `**` inside a segment means the same as `*`.
      while (pattern[p] === '*') starP = ++p;
    } else if (step > 0) {
      p += step;
      n++;
    } else if (starP >= 0) {
      p = starP;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Length of the pattern token at `p` if it matches `ch`, else 0. */
function matchOne(pattern: string, p: number, ch: string): number {
  const c = pattern[p]!;
  if (c === '?') return 1;
  if (c === '*') return 0;
  if (c === '\\' && p + 1 < pattern.length) return pattern[p + 1] === ch ? 2 : 0;
  if (c === '[') {
    const end = classEnd(pattern, p);
    if (end > 0) return classMatches(pattern.slice(p + 1, end), ch) ? end - p + 1 : 0;
  }
  return c === ch ? 1 : 0;
}

/** Index of the `]` closing the class opened at `p`, or -1 (then `[` is literal). */
function classEnd(pattern: string, p: number): number {
  let i = p + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

function classMatches(body: string, ch: string): boolean {
  let negate = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  let hit = false;
  while (i < body.length) {
    let low = body[i]!;
    if (low === '\\' && i + 1 < body.length) low = body[++i]!;
    i++;
    if (body[i] === '-' && i + 1 < body.length) {
      let high = body[i + 1]!;
      i += 2;
      if (high === '\\' && i < body.length) high = body[i++]!;
      if (ch >= low && ch <= high) hit = true;
    } else if (ch === low) {
      hit = true;
    }
  }
  return hit !== negate;
}

/** Does the whole pattern match the whole path (as segments)? Memoised: O(pattern × path) states. */
function segmentsMatch(pattern: readonly string[], path: readonly string[]): boolean {
  const width = path.length + 1;
  const memo = new Uint8Array((pattern.length + 1) * width); // 0 unknown, 1 no, 2 yes
  const match = (p: number, s: number): boolean => {
    const key = p * width + s;
    if (memo[key] !== 0) return memo[key] === 2;
    let result: boolean;
    if (p === pattern.length) result = s === path.length;
    else if (pattern[p] === '**') {
      // Last `**`: one or more segments. Otherwise: zero or more.
      if (p === pattern.length - 1) result = s < path.length;
      else result = match(p + 1, s) || (s < path.length && match(p, s + 1));
    } else result = s < path.length && segmentMatches(pattern[p]!, path[s]!) && match(p + 1, s + 1);
    memo[key] = result ? 2 : 1;
    return result;
  };
  // Iterative deepening is not needed: depth is bounded by pattern + path length, both from one line.
  return match(0, 0);
}

/**
 * A compiled rule list: the verdict of the last matching rule, with ignored directories covering their
 * contents.
 */
export class IgnoreRules {
  private readonly rules: Rule[] = [];

  add(text: string): this {
    for (const line of text.split('\n')) {
      const rule = parseLine(line);
      if (rule) this.rules.push(rule);
    }
    return this;
  }

  /** The last rule matching `segments` decides: ignored, re-included, or neither. */
  private decide(segments: readonly string[], isDir: boolean): Verdict {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.dirOnly && !isDir) continue;
      if (segmentsMatch(rule.segments, segments)) return { ignored: !rule.negated, unignored: rule.negated };
    }
    return { ignored: false, unignored: false };
  }

  /** Verdict for a file path relative to the rules' directory (`a/b/c.py`). */
  test(path: string): Verdict {
    const segments = path.split('/').filter(Boolean);
    if (this.rules.length === 0 || segments.length === 0) return { ignored: false, unignored: false };
    // A file inside an ignored directory cannot be re-included (gitignore(5)).
    for (let depth = 1; depth < segments.length; depth++) {
      const verdict = this.decide(segments.slice(0, depth), true);
      if (verdict.ignored) return verdict;
    }
    return this.decide(segments, false);
  }

  ignores(path: string): boolean {
    return this.test(path).ignored;
  }
}
