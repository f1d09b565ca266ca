/** JSON as users' tools accept it: npm and node read a package.json that starts with a BOM, so do we. */

/** `JSON.parse` after dropping one leading byte-order mark. */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
