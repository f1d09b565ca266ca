/**
 * Any text file: `django-insecure-` tokens anywhere, and `NAME <sep> value` where the value is
 * quoted or looks like a key (so prose and code references don't trip it). Also the fallback in
 * `process.env.SECRET_KEY || '...'` style code, XML/HTML data, and `NAME=value` read as shell.
 */
import type { Candidate, Samples } from '../../types.js';
import type { FormatReader } from './registry.js';
import { INSECURE_PREFIX } from '../../placeholder.js';
import { readShapes } from '../bind/index.js';

// The run after the prefix uses Django's key alphabet; 20+ characters so prose like
// "keys start with django-insecure-" or a short made-up example is not mistaken for a key.
// Bounded above: an unbounded run over a 10 MB line overflows the regex engine's stack.
// An HTML page or a search index escapes the key's `&` as `&amp;`: that stays in the token (the judge
// decodes it), while another entity (`&quot;` closing the value) ends it; so does `${` (an interpolation:
// Django's alphabet has no braces).
const INSECURE_TOKEN = new RegExp(
  String.raw`django-insecure-(?:[a-z0-9!@#%^*(\-_=+)]|\$(?!\{)|` +
    String.raw`&(?:amp;|(?!(?:quot|#39|#x27|#34|lt|gt|nbsp);))){20,256}`,
  'gi'
);

/** `django-insecure-...` tokens, wherever they are. */
export function extractInsecureTokens(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(INSECURE_TOKEN)) {
    found.push({ name: INSECURE_PREFIX, value: match[0], offset: match.index!, form: 'token' });
  }
  return found;
}

const samples: Samples = {
  hit: [
    // A section named for django makes a generic spelling Django's, in any language (Chef attributes).
    ['chef/attributes/default.rb', "default['django']['secret_key'] = '{{KEY}}'\n"],
    ['deploy/web.nomad', 'template {\n  data = <<EOH\nSECRET_KEY="{{KEY}}"\nEOH\n}\n'],
    // Name and value as fields of a record in code (IaC).
    [
      'infra/index.ts',
      'const env = [\n  { name: "DEBUG", value: "0" },\n  { name: "DJANGO_SECRET_KEY", value: "{{KEY}}" ' +
        '},\n];\n'
    ],
    ['notes.txt', "configure({ SECRET_KEY: '{{KEY}}' })\n"],
    ['docs/_build/html/deploy.html', '<pre>SECRET_KEY = &quot;{{KEY}}&quot;</pre>\n'],
    [
      'deploy/app.xml',
      '<Variables>\n  <Variable>\n    <Name>DJANGO_SECRET_KEY</Name>\n    <Value>{{KEY}}</Value>\n  ' +
        '</Variable>\n</Variables>\n'
    ],
    ['deploy/settings.xml', '<settings>\n  <setting name="SECRET_KEY">{{KEY}}</setting>\n</settings>\n'],
    ['deploy/env.xml', '<env>\n  <SECRET_KEY>{{KEY}}</SECRET_KEY>\n</env>\n'],
    ['notes.txt', 'old key: {{INSECURE}}'],
    ['app.js', "const secret = process.env.SECRET_KEY || '{{KEY}}';"]
  ],
  miss: [
    [
      'chef/attributes/default.rb',
      "default['django']['secret_key'] = data_bag_item('secrets', 'django')['key']\n"
    ],
    ['chef/attributes/default.rb', "default['minio']['secret_key'] = '{{KEY}}'\n"],
    // A JS template literal interpolates.
    ['src/config.ts', 'export const SECRET_KEY = process.env.SECRET_KEY ?? `k9#x{{KEY}}${suffix}`;\n'],
    // A template engine's block that fetches the key from a secret store is not a literal.
    [
      'deploy/web.nomad',
      'template {\n  data = <<EOH\nSECRET_KEY="{{ with secret "kv/data/django" }}{{ ' +
        '.Data.data.secret_key }}{{ end }}"\nDJANGO_SECRET_KEY={{ with secret "kv/django" }}{{ ' +
        '.Data.data.key }}{{ end }}\nEOH\n}\n'
    ],
    // Identifiers, placeholders and other products' keys in the same records pass.
    [
      'infra/index.ts',
      'const env = [\n  { name: "SECRET_KEY", value: secretKey },\n  { name: "DJANGO_SECRET_KEY", ' +
        'value: process.env.DJANGO_SECRET_KEY_FROM_CI },\n  { name: "SECRET_KEY_FALLBACKS", value: ' +
        '"change-me" },\n  { name: "STRIPE_SECRET_KEY", value: "{{KEY}}" },\n];\n'
    ],
    // Identifiers are not literals.
    [
      'notes.txt',
      'configure({ SECRET_KEY: KEY_FROM_VAULT_STORAGE })\nload_cookie(self, ' +
        'secret_key=MY_LONG_COOKIE_SECRET_NAME)\n'
    ],
    // A generic secret_key beside another product's credentials is that product's (s3cmd, a storage section).
    // Generic spellings outside the app's configuration: another language's client code, a UI catalogue.
    ['frontend/src/jwt.ts', "const secretKey = '{{KEY}}';\nexport default { secretKey };\n"],
    [
      'frontend/src/locales/fr.json',
      '{"settings": {"secretKey": "Clé secrète", "secret_key": "Secret key copied to clipboard"}}\n'
    ],
    ['.s3cfg', '[default]\naccess_key = minio\nhost_base = s3.example.com\nsecret_key = {{KEY}}\n'],
    ['docs/_build/html/deploy.html', '<pre>SECRET_KEY = &quot;&lt;your secret key&gt;&quot;</pre>\n'],
    [
      'docs/_build/html/settings.html',
      '<p>Set <code>SECRET_KEY</code> in the ' +
        'environment.</p>\n<table><tr><td><code>SECRET_KEY</code></td><td>required</td></tr></table>\n'
    ],
    [
      'deploy/env.xml',
      '<env>\n  <SECRET_KEY>${SECRET_KEY}</SECRET_KEY>\n  <setting name="SECRET_KEY"/>\n</env>\n'
    ],
    ['notes.txt', 'Keys made by startproject begin with django-insecure- and must be replaced.'],
    ['notes.txt', 'SECRET_KEY: required, read from the environment'],
    ['app.js', 'const stripe = { STRIPE_SECRET_KEY: "{{KEY}}" };']
  ]
};

/** Files of no known format: the shapes bind/index.ts lists for `generic`. */
export const genericFormat: FormatReader = {
  extract: (text, { names }) => readShapes('generic', text, names),
  samples
};
