/**
 * INI-family files (decouple `settings.ini`, setup.cfg, tox.ini, pytest.ini, uwsgi, supervisor,
 * systemd, Apache/nginx `SetEnv`/`*_param` directives) and TOML (fly.toml `[env]`, netlify
 * `[build.environment]`, pyproject pytest-env, Pipfile scripts, `.tfvars`).
 */
import type { Candidate, Samples } from '../../types.js';
import type { ExtractContext, FormatReader } from './registry.js';
import { extractShellSafe, isEnvKey } from '../bind/located.js';
import { finish } from '../bind/defaults.js';
import { extractLooseLine } from '../bind/name-value.js';
import { isName, mentionsName, pathNameKind } from '../bind/names.js';
import { parseToml } from '../../../parse/toml.js';
import { walkTree } from '../bind/tree.js';
import { readBare, readQuoted } from '../bind/values.js';

/** Apache `SetEnv NAME value`, nginx `uwsgi_param NAME value;`, csh `setenv NAME value`. */
const DIRECTIVE =
  /^[ \t]*(?:SetEnv|fastcgi_param|uwsgi_param|scgi_param|setenv)[ \t]+([A-Za-z0-9_-]+)[ \t]+/i;

interface IniEntry {
  key: string;
  keyOffset: number;
  valueStart: number;
  firstEnd: number;
  end: number;
}

/** The value on the key's own line, without an inline ` ; comment` or surrounding quotes. */
function firstValue(text: string, start: number, end: number): { value: string; offset: number } {
  let raw = text.slice(start, end);
  const comment = raw.search(/[ \t][;#]/);
  if (comment >= 0) raw = raw.slice(0, comment);
  raw = raw.trimEnd();
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  return quoted ? { value: quoted[2]!, offset: start + 1 } : { value: raw, offset: start };
}

/** configparser (decouple's settings.ini) reads `%%` as `%`. */
function unpercent(candidate: Candidate): Candidate {
  return candidate.value.includes('%%')
    ? { ...candidate, value: candidate.value.replace(/%%/g, '%') }
    : candidate;
}

/**
 * tox substitutions `{env:NAME}` / `{env:NAME:default}` read the environment, like `${NAME:-default}`:
 * only a default can be a literal. Returns null when there is none.
 */
function toxDefault(candidate: Candidate): Candidate | null {
  const match = /^\{env:[A-Za-z_][A-Za-z0-9_]*(?::([\s\S]*))?\}$/.exec(candidate.value.trim());
  if (!match) return candidate;
  const fallback = match[1] ?? '';
  if (fallback === '') return null;
  return {
    ...candidate,
    value: fallback,
    offset: candidate.offset + candidate.value.indexOf(fallback),
    form: 'fallback'
  };
}

function entryCandidates(text: string, entry: IniEntry, names: readonly string[], found: Candidate[]): void {
  if (pathNameKind(entry.key, names)) {
    let { value, offset } = firstValue(text, entry.valueStart, entry.firstEnd);
    if (value === '' && entry.end > entry.firstEnd) {
      // `SECRET_KEY =` with the value on the indented continuation line.
      const next = text.slice(entry.firstEnd, entry.end);
      const at = next.search(/\S/);
      if (at >= 0) {
        const lineEnd = next.indexOf('\n', at);
        ({ value, offset } = firstValue(
          text,
          entry.firstEnd + at,
          lineEnd < 0 ? entry.end : entry.firstEnd + lineEnd
        ));
      }
    }
    const nameOffset = text.slice(entry.keyOffset, offset).includes('\n') ? entry.keyOffset : undefined;
    found.push({
      name: entry.key,
      value,
      offset,
      form: 'assign',
      ...(nameOffset === undefined ? {} : { nameOffset })
    });
  }
  const region = text.slice(entry.valueStart, entry.end);
  if (mentionsName(region, names)) {
    const mode = isEnvKey(entry.key) || /^(?:env|environment)$/i.test(entry.key) ? 'dotenv' : 'shell';
    for (const candidate of extractShellSafe(region, names, mode))
      found.push({ ...candidate, offset: candidate.offset + entry.valueStart });
  }
}

/** Find values bound to guarded names in INI-style text. */
export function extractIni(text: string, names: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  let entry: IniEntry | null = null;
  const close = () => {
    if (entry) entryCandidates(text, entry, names, found);
    entry = null;
  };
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const lineEnd = text[end - 1] === '\r' ? end - 1 : end;
    let content = start;
    while (content < lineEnd && (text[content] === ' ' || text[content] === '\t')) content++;
    const ch = text[content];
    if (content >= lineEnd) {
      close();
    } else if (ch === ';' || ch === '#') {
      if (mentionsName(text.slice(content, lineEnd), names))
        found.push(...extractLooseLine(text, content, lineEnd, names));
    } else if (ch === '[') {
      close();
    } else if (content > start && entry) {
      (entry as IniEntry).end = lineEnd;
    } else {
      close();
      const line = text.slice(start, lineEnd);
      const directive = DIRECTIVE.exec(line);
      if (directive && isName(directive[1]!, names)) {
        const at = start + directive[0].length;
        const token = readQuoted(text, at) ?? readBare(text, at, /[\s;]/);
        found.push({ name: directive[1]!, value: token.value, offset: token.offset, form: 'assign' });
      } else {
        const separator = line.slice(content - start).search(/[=:]/);
        if (separator > 0) {
          const sepAt = content + separator;
          let valueStart = sepAt + 1;
          while (valueStart < lineEnd && (text[valueStart] === ' ' || text[valueStart] === '\t'))
            valueStart++;
          entry = {
            key: text.slice(content, sepAt).trim(),
            keyOffset: content,
            valueStart,
            firstEnd: lineEnd,
            end: lineEnd
          };
        }
      }
    }
    start = end + 1;
  }
  close();
  const resolved = found.map(toxDefault).filter((candidate): candidate is Candidate => candidate !== null);
  return finish(resolved.map(unpercent), text);
}

/** Find values bound to guarded names in TOML (and simple HCL) text. */
export function extractToml(text: string, context: ExtractContext): Candidate[] {
  const { names } = context;
  const found: Candidate[] = [];
  const onComment = (start: number, end: number) => {
    if (mentionsName(text.slice(start, end), names)) found.push(...extractLooseLine(text, start, end, names));
  };
  walkTree(parseToml(text, onComment), { names, text, extract: context.extract }, found);
  return finish(found, text);
}

const samples: Samples = {
  hit: [
    // A settings path through a django section names Django's key.
    ['config/app.properties', 'django.debug=false\ndjango.secret_key={{KEY}}\n'],
    ['config/settings.toml', '[default]\ndebug = false\nsecret_key = "{{KEY}}"\n'],
    ['settings.ini', '[settings]\nDEBUG=True\nSECRET_KEY={{KEY}}\nALLOWED_HOSTS=*\n'],
    ['settings.ini', '[settings]\nSECRET_KEY: "{{MEMORABLE}}"\n'],
    ['setup.cfg', '[settings]\nSECRET_KEY =\n    {{KEY}}\n'],
    ['settings.ini', '[settings]\n; SECRET_KEY = {{KEY}}\nSECRET_KEY = \n'],
    ['settings.ini', '[settings]\n# DJANGO_SECRET_KEY={{INSECURE}}\n'],
    [
      'pytest.ini',
      '[pytest]\nDJANGO_SETTINGS_MODULE = mysite.settings\nenv =\n    DEBUG=1\n    SECRET_KEY={{KEY}}\n'
    ],
    ['setup.cfg', '[tool:pytest]\nenv = D:SECRET_KEY={{MEMORABLE}}\n'],
    ['tox.ini', '[testenv]\nsetenv =\n    SECRET_KEY = {env:SECRET_KEY:{{KEY}}}\n'],
    [
      'tox.ini',
      '[testenv]\ndeps = -rrequirements.txt\nsetenv =\n    DJANGO_SETTINGS_MODULE = ' +
        'mysite.settings\n    SECRET_KEY = {{MEMORABLE}}\ncommands = python manage.py test\n'
    ],
    ['uwsgi.ini', '[uwsgi]\nmodule = mysite.wsgi\nenv = SECRET_KEY={{KEY}}\n'],
    [
      'supervisord.conf',
      '[program:web]\ncommand=gunicorn ' +
        'mysite.wsgi\nenvironment=DJANGO_SETTINGS_MODULE="mysite.settings",SECRET_KEY="{{KEY}}"\n'
    ],
    ['apache/site.conf', '<VirtualHost *:80>\n    SetEnv DJANGO_SECRET_KEY {{MEMORABLE}}\n</VirtualHost>\n'],
    ['nginx/site.conf', 'location / {\n    uwsgi_param SECRET_KEY "{{KEY}}";\n}\n'],
    ['fly.toml', 'app = "mysite"\n\n[env]\n  PORT = "8000"\n  SECRET_KEY = "{{KEY}}"\n'],
    ['config.toml', "DJANGO_SECRET_KEY = '{{INSECURE}}'\n"],
    ['config.toml', '[django]\nsecret_key = """\n{{KEY}}"""\n'],
    ['config.toml', "[django]\n\"SECRET_KEY\" = '''{{MEMORABLE}}'''\n"],
    ['config.toml', '[tool.app]\nenv = { DEBUG = "0", SECRET_KEY = "{{KEY}}" }\n'],
    [
      'netlify.toml',
      '[build]\n  command = "make build"\n[build.environment]\n  SECRET_KEY = "{{MEMORABLE}}"\n'
    ],
    ['config.toml', 'SECRET_KEY_FALLBACKS = [\n  "{{KEY}}",  # rotated 2024-01\n]\n'],
    [
      'pyproject.toml',
      '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "mysite.settings"\nenv = [\n  ' +
        '"SECRET_KEY={{KEY}}",\n]\n'
    ],
    ['Pipfile', '[scripts]\ntest = "env SECRET_KEY={{MEMORABLE}} python manage.py test"\n'],
    ['fly.toml', '[env]\n  # SECRET_KEY = "{{KEY}}"\n  PORT = "8000"\n'],
    ['prod.tfvars', 'region = "eu-west-1"\ndjango_secret_key = "{{KEY}}"\n']
  ],
  miss: [
    ['config/app.properties', 'django.secret_key=${DJANGO_SECRET_KEY}\nminio.secret_key={{KEY}}\n'],
    // Dynaconf's lazy values read the environment.
    [
      'config/settings.toml',
      '[default]\nsecret_key = "@format {env[DJANGO_SECRET_KEY]}"\n' +
        '[production]\nsecret_key = "@get OTHER_KEY"\n'
    ],
    ['config/storage.ini', '[s3]\nbucket = media\naccess_key = minio\nsecret_key = {{KEY}}\n'],
    ['settings.ini', '[settings]\nSECRET_KEY=\nDEBUG=True\n'],
    ['settings.ini', '[settings]\nSECRET_KEY = change-me\nSTRIPE_SECRET_KEY = {{KEY}}\n'],
    ['supervisord.conf', '[program:web]\nenvironment=SECRET_KEY="%(ENV_SECRET_KEY)s"\n'],
    [
      'tox.ini',
      '[testenv]\npassenv = SECRET_KEY\nsetenv =\n    SECRET_KEY = {env:SECRET_KEY:}\n    ' +
        'DJANGO_SECRET_KEY = {env:DJANGO_SECRET_KEY}\n'
    ],
    ['settings.ini', '[settings]\n; Set SECRET_KEY in the environment, never here\n'],
    ['pytest.ini', '[pytest]\nenv =\n    D:SECRET_KEY=test-secret-key\n'],
    ['nginx/site.conf', 'uwsgi_param SECRET_KEY $django_secret_key;\n'],
    ['fly.toml', '[env]\n  SECRET_KEY = ""\n# SECRET_KEY is set with `fly secrets set`\n'],
    ['pyproject.toml', '[tool.pytest.ini_options]\nenv = ["D:SECRET_KEY=not-a-secret", "DEBUG=1"]\n'],
    [
      'main.tf',
      'resource "aws_ssm_parameter" "key" {\n  name  = "SECRET_KEY"\n  value = ' +
        'var.django_secret_key\n}\nlocals {\n  SECRET_KEY = var.secret\n}\n'
    ],
    ['prod.tfvars', 'secret_key = "${var.secret_key}"\nstripe_secret_key = "{{KEY}}"\n']
  ]
};

// One family, one sample list (its paths say which of the two reads each sample).
export const iniFormat: FormatReader = { extract: (text, { names }) => extractIni(text, names), samples };
export const tomlFormat: FormatReader = { extract: extractToml, samples };
