/**
 * Which lines of the new text did the commit add? A line counts as added unless the old blob had
 * the same line (counted, so a duplicated key line is still new once). This is what `git diff
 * -U0` reports for the lines that matter here — a secret line that is unchanged or merely moved
 * was already published — without parsing patches or spawning git again.
 */
export function addedLineSet(oldText: string, newText: string): Set<number> {
  const counts = new Map<string, number>();
  for (const line of oldText.split('\n')) {
    const key = line.replace(/\r$/, '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const added = new Set<number>();
  newText.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else added.add(index + 1);
  });
  return added;
}
