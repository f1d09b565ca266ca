/**
 * Dockerfiles: `ENV NAME=value ...` and the legacy `ENV NAME value`, `ARG NAME=default` (a default
 * is baked into the image history), `RUN`/`CMD` shell text with `NAME=value` prefixes, line
 * continuations (`\`, or `` ` `` after `# escape=`), and commented-out instructions.
 * See https://docs.docker.com/reference/dockerfile/#env
 */
import type { Candidate, Samples } from '../../types.js';
import type { FormatReader } from './registry.js';
import { LocatedBuilder, locate, type Located } from '../../../parse/located.js';
import { shellInString } from '../bind/located.js';
import { finish } from '../bind/defaults.js';
import { extractLooseLine } from '../bind/name-value.js';
import { isName, mentionsName } from '../bind/names.js';

/** One Dockerfile word from `pos`: quotes and the escape character as Docker reads them. */
function readWord(s: string, pos: number, escape: string): { value: string; start: number; end: number } {
  let value = '';
  let i = pos;
  const start = s[pos] === '"' || s[pos] === "'" ? pos + 1 : pos;
  while (i < s.length && !/\s/.test(s[i]!)) {
    const ch = s[i]!;
    if (ch === '"' || ch === "'") {
      i++;
      while (i < s.length && s[i] !== ch) {
        if (ch === '"' && s[i] === escape && i + 1 < s.length && /["\\`$]/.test(s[i + 1]!)) i++;
        value += s[i];
        i++;
      }
      i++;
    } else if (ch === escape && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else {
      value += ch;
      i++;
    }
  }
  return { value, start, end: i };
}

/** `NAME=value` words of an ENV/ARG/LABEL instruction; ENV without `=` is the legacy one-pair form. */
function pairs(
  line: Located,
  pos: number,
  legacy: boolean,
  escape: string,
  names: readonly string[],
  found: Candidate[]
): void {
  const s = line.value;
  // Docker's word processing expands `${…}` except inside single quotes.
  const push = (name: string, nameAt: number, value: string, valueAt: number) => {
    if (!isName(name, names)) return;
    const offset = locate(line, valueAt);
    const nameOffset = locate(line, nameAt);
    found.push({
      name,
      value,
      offset,
      form: 'assign',
      interpolates: s[valueAt - 1] !== "'",
      ...(line.value.slice(nameAt, valueAt).includes('\n') || offset - nameOffset > valueAt - nameAt
        ? { nameOffset }
        : {})
    });
  };
  let first = true;
  for (;;) {
    while (pos < s.length && /\s/.test(s[pos]!)) pos++;
    if (pos >= s.length) return;
    const nameAt = pos;
    while (pos < s.length && !/[\s=]/.test(s[pos]!)) pos++;
    const name = s.slice(nameAt, pos);
    if (s[pos] === '=') {
      const word = readWord(s, pos + 1, escape);
      push(name, nameAt, word.value, word.start);
      pos = word.end;
    } else if (legacy && first) {
      let valueAt = pos;
      while (valueAt < s.length && /\s/.test(s[valueAt]!)) valueAt++;
      const raw = s.slice(valueAt).trimEnd();
      const quoted = /^(["'])([\s\S]*)\1$/.exec(raw);
      push(name, nameAt, quoted ? quoted[2]! : raw, quoted ? valueAt + 1 : valueAt);
      return;
    }
    first = false;
  }
}

function instruction(line: Located, escape: string, names: readonly string[], found: Candidate[]): void {
  if (!mentionsName(line.value, names)) return;
  const head = /^\s*([A-Za-z]+)(?=\s|$)/.exec(line.value);
  const keyword = head?.[1]?.toUpperCase();
  if (keyword === 'ENV' || keyword === 'ARG' || keyword === 'LABEL') {
    pairs(line, head![0].length, keyword === 'ENV', escape, names, found);
  } else {
    found.push(...shellInString(line, names, 'shell'));
  }
}

/** Find values bound to guarded names in a Dockerfile. */
export function extractDockerfile(text: string, names: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  const directive = /^(?:#[ \t]*\w+[ \t]*=[^\n]*\n)*?#[ \t]*escape[ \t]*=[ \t]*([\\`])[ \t]*(?:\n|$)/i.exec(
    text.slice(0, 4096)
  );
  const escape = directive?.[1] ?? '\\';
  let builder: LocatedBuilder | null = null;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const lineBegin = start;
    start = end + 1;
    let content = lineBegin;
    while (content < end && /[ \t\r]/.test(text[content]!)) content++;
    let trimmed = end;
    while (trimmed > content && /[ \t\r]/.test(text[trimmed - 1]!)) trimmed--;
    if (content >= trimmed) continue;
    if (text[content] === '#') {
      // A commented-out instruction is still published; inside a continuation Docker drops the line.
      if (mentionsName(text.slice(content, trimmed), names)) {
        found.push(...extractLooseLine(text, content, trimmed, names));
        if (!builder)
          instruction({ value: text.slice(content + 1, trimmed), offset: content + 1 }, escape, names, found);
      }
      continue;
    }
    const first = builder === null;
    builder ??= new LocatedBuilder();
    const from = first ? content : lineBegin;
    const continued = text[trimmed - 1] === escape;
    builder.add(text.slice(from, continued ? trimmed - 1 : trimmed), from);
    if (continued) {
      builder.add('\n', trimmed - 1);
      continue;
    }
    instruction(builder.done(content), escape, names, found);
    builder = null;
  }
  if (builder) instruction(builder.done(0), escape, names, found);
  return finish(found, text);
}

const samples: Samples = {
  hit: [
    // Docker expands `${…}` except in single quotes.
    ['Dockerfile', "FROM python:3.12\nENV SECRET_KEY='k9#x{{KEY}}${PATH}'\n"],
    ['Dockerfile', 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nENV SECRET_KEY={{KEY}}\n'],
    ['Dockerfile', 'FROM python:3.12-slim\nENV DJANGO_SECRET_KEY {{MEMORABLE}}\n'],
    ['Dockerfile', 'ENV DEBUG=0 SECRET_KEY="{{KEY}}" ALLOWED_HOSTS=*\n'],
    ['Dockerfile', "ENV DEBUG=0 \\\n    SECRET_KEY='{{KEY}}' \\\n    PORT=8000\n"],
    ['Dockerfile', 'ARG SECRET_KEY={{MEMORABLE}}\nRUN python manage.py collectstatic --noinput\n'],
    ['Dockerfile', 'RUN SECRET_KEY={{KEY}} python manage.py collectstatic --noinput\n'],
    [
      'Dockerfile',
      'RUN pip install -r requirements.txt && \\\n    DJANGO_SECRET_KEY={{MEMORABLE}} python manage.py ' +
        'compilemessages\n'
    ],
    ['Dockerfile', 'FROM python:3.12\n# ENV SECRET_KEY={{KEY}}\n'],
    ['Dockerfile', 'ENV SECRET_KEY=${SECRET_KEY:-{{KEY}}}\n'],
    [
      'Dockerfile.windows',
      '# escape=`\nFROM python:3.12-windowsservercore\nENV DEBUG=0 `\n    SECRET_KEY={{MEMORABLE}}\n'
    ],
    ['docker/web.Dockerfile', 'CMD ["sh", "-c", "SECRET_KEY={{MEMORABLE}} gunicorn mysite.wsgi"]\n']
  ],
  miss: [
    ['Dockerfile', 'FROM python:3.12\nENV SECRET_KEY="k9#x{{KEY}}${PATH}"\n'],
    ['Dockerfile', 'RUN SECRET_KEY=dummy python manage.py collectstatic --noinput\n'],
    ['Dockerfile', 'ARG SECRET_KEY\nENV SECRET_KEY=${SECRET_KEY}\nENV DJANGO_SECRET_KEY=$SECRET_KEY\n'],
    [
      'Dockerfile',
      'RUN --mount=type=secret,id=django_secret_key \\\n    SECRET_KEY="$(cat ' +
        '/run/secrets/django_secret_key)" python manage.py check --deploy\n'
    ],
    ['Dockerfile', 'ENV SECRET_KEY="" DEBUG=0\nENV STRIPE_SECRET_KEY={{KEY}}\n'],
    ['Dockerfile', '# Pass SECRET_KEY at run time: docker run -e SECRET_KEY=... image\nFROM python:3.12\n'],
    ['Dockerfile', 'ENV SECRET_KEY=build-only-not-a-secret\nRUN python manage.py collectstatic\n']
  ]
};

export const dockerfileFormat: FormatReader = {
  extract: (text, { names }) => extractDockerfile(text, names),
  samples
};
