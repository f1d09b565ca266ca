/**
 * The one walk over the document tree YAML, JSON and TOML are parsed into (src/parse/tree.ts) that
 * applies DESIGN §3's binding shapes to all three: a guarded key with a literal value; a record
 * pairing a field whose value is a guarded name with a value field, whatever the fields are called
 * (`name`/`value`, `key`/`value`, `Name`/`Value`, `option_name`/`value`, `ParameterKey`/`ParameterValue`);
 * app.json `{"value": ...}`; lists under SECRET_KEY_FALLBACKS; and `NAME=value` strings inside any
 * other string. Generic spellings (`secret_key`, `secretKey`) count unless the map is another
 * product's credentials or sits under another product's section (names.ts).
 */
import type { Candidate } from '../../types.js';
import type { ShellMode } from './name-value.js';
import { hasForeignSiblings, isForeignSection, mentionsName, pathNameKind } from './names.js';
import { isEnvKey, shellInString } from './located.js';
import { locate } from '../../../parse/located.js';
import type { Entry, MapNode, ScalarNode, TreeNode } from '../../../parse/tree.js';

export interface WalkOptions {
  names: readonly string[];
  text: string;
  /** Kubernetes Secret `data:` values are base64. */
  base64?: boolean;
  /** Read a whole file held in a value as its format (the format reader's ExtractContext.extract). */
  extract: (format: 'python', text: string) => Candidate[];
}

/** Fields that carry a record's value: `value`, `Value`, `ParameterValue`, `option_value`, `default`. */
const VALUE_KEYS = /^(?:value|val|default|default[_-]?value|[a-z]*[_-]?value)$/i;
/** References to where a value is kept: a name field under these is not a binding (`secretKeyRef.key`). */
const REFERENCE_KEYS = /(?:Ref|From|[_-]ref|[_-]from|^valueFrom|^secretKeyRef|^configMapKeyRef)$/;
/** Sections whose values are encrypted and meant to be committed (SealedSecret, SOPS metadata). */
const ENCRYPTED_KEYS = /^(?:encryptedData|encrypted_data|sops)$/i;
/** SOPS-encrypted values and Ansible vault payloads: ciphertext, not a key. */
const ENCRYPTED_VALUE = /^(?:ENC\[[A-Z0-9_]+,data:|\$ANSIBLE_VAULT;)/;
/** Tags that keep a scalar a plain string; any other tag (`!Ref`, `!vault`, `!env_var`) computes it. */
const STRING_TAGS = /^(?:!!str|!Sub|tag:yaml\.org,2002:str)$/;
const MAX_DEPTH = 200;

function keyOf(entry: Entry): string {
  return entry.key.value;
}

/** A stack-config key names its project first (`myproj:djangoSecretKey`, Pulumi): the name is the rest. */
function fieldName(key: string): string {
  const trimmed = key.trim();
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && /^[\w.-]+:[A-Za-z_][\w-]*$/.test(trimmed) ? trimmed.slice(colon + 1) : trimmed;
}

function asLiteral(node: TreeNode | null): ScalarNode | null {
  if (node?.kind !== 'scalar') return null;
  if (node.tag !== undefined && !STRING_TAGS.test(node.tag)) return null;
  if (node.style === 'keyword') return null;
  if (ENCRYPTED_VALUE.test(node.value.trim())) return null;
  return node;
}

/** Kubernetes Secret `data` is base64; judge the decoded text (undecodable values are judged as written). */
function decodeBase64(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact))
    return value;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded) ? value : decoded;
}

function candidate(name: ScalarNode, value: ScalarNode, options: WalkOptions): Candidate {
  const text = options.base64 ? decodeBase64(value.value) : value.value;
  const found: Candidate = { name: name.value, value: text, offset: value.offset, form: 'assign' };
  if (
    options.text
      .slice(Math.min(name.offset, value.offset), Math.max(name.offset, value.offset))
      .includes('\n')
  ) {
    found.nameOffset = name.offset;
  }
  return found;
}

/** The value bound to a guarded key: a scalar, app.json `{"value": ...}`, or a list of fallbacks. */
function bind(key: ScalarNode, node: TreeNode | null, options: WalkOptions, found: Candidate[]): void {
  const literal = asLiteral(node);
  if (literal) {
    found.push(candidate(key, literal, options));
  } else if (node?.kind === 'map') {
    const value = node.entries.find((entry) => VALUE_KEYS.test(keyOf(entry)));
    const scalar = value ? asLiteral(value.value) : null;
    if (scalar) found.push(candidate(key, scalar, options));
  } else if (node?.kind === 'seq') {
    for (const item of node.items) {
      const scalar = asLiteral(item);
      if (scalar) found.push(candidate(key, scalar, options));
    }
  }
}

/**
 * Is a generic spelling welcome in this map (not another product's credentials or section)? Once per map:
 * maps can be huge.
 */
const WELCOME = new WeakMap<MapNode, boolean>();
function welcomes(map: MapNode, foreign: boolean): boolean {
  if (foreign) return false;
  let welcome = WELCOME.get(map);
  if (welcome === undefined) WELCOME.set(map, (welcome = !hasForeignSiblings(map.entries.map(keyOf))));
  return welcome;
}

/**
 * Records that pair a name field with a value field (Kubernetes/ECS/App Runner `name`/`value`,
 * Render `key`/`value`, Elastic Beanstalk `option_name`/`value`, CloudFormation
 * `ParameterKey`/`ParameterValue`): any field whose value is a guarded name binds the nearest value
 * field, looking forward first and never past another field of the name's own key, so repeated
 * pairs in one flattened map stay matched.
 */
function pairs(
  map: MapNode,
  options: WalkOptions,
  found: Candidate[],
  foreign: boolean,
  parentKey: string | undefined
): void {
  if (parentKey !== undefined && REFERENCE_KEYS.test(parentKey)) return;
  const entries = map.entries;
  entries.forEach((entry, index) => {
    if (VALUE_KEYS.test(keyOf(entry))) return;
    const name = asLiteral(entry.value);
    if (!name || name.value.length > 64) return;
    const kind = pathNameKind(name.value.trim(), options.names);
    if (!kind || (kind === 'generic' && !welcomes(map, foreign))) return;
    const isBoundary = (other: Entry) => keyOf(other).toLowerCase() === keyOf(entry).toLowerCase();
    for (const step of [1, -1]) {
      for (let j = index + step; j >= 0 && j < entries.length; j += step) {
        const other = entries[j]!;
        if (isBoundary(other)) break;
        if (VALUE_KEYS.test(keyOf(other))) {
          const value = asLiteral(other.value);
          if (value) found.push(candidate(name, value, options));
          return;
        }
      }
    }
  });
}

/** A ConfigMap/Helm value holding a whole file (`settings.py: |`, `.env: |`) is read as that file. */
function embeddedFile(key: string | undefined): 'python' | ShellMode | undefined {
  if (key === undefined) return undefined;
  if (/\.pyw?$/i.test(key)) return 'python';
  if (/(?:^|[./])env(?:\.[\w-]+)?$/i.test(key) && key.includes('.')) return 'dotenv';
  if (/\.(?:sh|bash)$/i.test(key)) return 'shell';
  return undefined;
}

function embeddedCandidates(node: ScalarNode, kind: 'python' | ShellMode, options: WalkOptions): Candidate[] {
  if (kind !== 'python') return shellInString(node, options.names, kind);
  if (!mentionsName(node.value, options.names)) return [];
  return options.extract('python', node.value).map((found) => ({
    ...found,
    offset: locate(node, found.offset),
    ...(found.nameOffset === undefined ? {} : { nameOffset: locate(node, found.nameOffset) })
  }));
}

/** Walk a parsed document and collect every candidate (iteratively: no stack overflow on deep input). */
export function walkTree(root: TreeNode | null, options: WalkOptions, found: Candidate[] = []): Candidate[] {
  const stack: Array<{
    node: TreeNode | null;
    parentKey: string | undefined;
    inSeq: boolean;
    depth: number;
    foreign: boolean;
  }> = [{ node: root, parentKey: undefined, inSeq: false, depth: 0, foreign: false }];
  while (stack.length > 0) {
    const { node, parentKey, inSeq, depth, foreign } = stack.pop()!;
    if (!node || depth > MAX_DEPTH) continue;
    if (node.kind === 'scalar') {
      if (asLiteral(node) && node.style === 'string') {
        const embedded = inSeq ? undefined : embeddedFile(parentKey);
        if (embedded) found.push(...embeddedCandidates(node, embedded, options));
        else
          found.push(
            ...shellInString(node, options.names, inSeq && isEnvKey(parentKey) ? 'dotenv' : 'shell')
          );
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items)
        stack.push({ node: item, parentKey, inSeq: true, depth: depth + 1, foreign });
    } else if (node.kind === 'map') {
      pairs(node, options, found, foreign, parentKey);
      for (const entry of node.entries) {
        if (ENCRYPTED_KEYS.test(keyOf(entry))) continue;
        const kind = pathNameKind(fieldName(keyOf(entry)), options.names);
        if (kind === 'strict' || (kind === 'generic' && welcomes(node, foreign)))
          bind({ ...entry.key, value: fieldName(keyOf(entry)) }, entry.value, options, found);
        const child = foreign || isForeignSection(keyOf(entry));
        stack.push({
          node: entry.value,
          parentKey: keyOf(entry),
          inSeq: false,
          depth: depth + 1,
          foreign: child
        });
      }
    }
  }
  return found;
}
