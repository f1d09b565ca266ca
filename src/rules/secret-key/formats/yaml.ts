/**
 * YAML: compose files (map and list `environment`, `${VAR:-default}`), Kubernetes manifests
 * (`name:`/`value:` env pairs, Secret `stringData` and base64 `data`), CI workflows (`env:`,
 * `run: |` shell), Ansible vars, and commented-out keys. References, `valueFrom`, tags such as
 * `!vault`/`!Ref` and SealedSecret `encryptedData` are not literal values and yield nothing.
 */
import type { Candidate, Samples } from '../../types.js';
import type { ExtractContext, FormatReader } from './registry.js';
import { mentionsName, nameKind } from '../bind/names.js';
import { finish } from '../bind/defaults.js';
import { extractLooseLine, readDefaults } from '../bind/name-value.js';
import type { MapNode, TreeNode } from '../../../parse/tree.js';
import { walkTree } from '../bind/tree.js';
import { parseYaml } from '../../../parse/yaml/block.js';

/** `kind: Secret` manifests keep base64 under `data:` (and `binaryData:`). */
function isSecretManifest(node: TreeNode): node is MapNode {
  return (
    node.kind === 'map' &&
    node.entries.some(
      (entry) =>
        entry.key.value === 'kind' && entry.value?.kind === 'scalar' && entry.value.value.trim() === 'Secret'
    )
  );
}

/** Find values bound to guarded names in a YAML stream. */
export function extractYaml(text: string, context: ExtractContext): Candidate[] {
  const { names } = context;
  const found: Candidate[] = [];
  const onComment = (start: number, end: number) => {
    if (mentionsName(text.slice(start, end), names)) found.push(...extractLooseLine(text, start, end, names));
  };
  for (const doc of parseYaml(text, onComment)) {
    const secret = doc.nodes.some(isSecretManifest);
    for (const node of doc.nodes) {
      if (!secret || node.kind !== 'map') {
        walkTree(node, { names, text, extract: context.extract }, found);
        continue;
      }
      const isData = (key: string) => key === 'data' || key === 'binaryData';
      walkTree(
        { kind: 'map', entries: node.entries.filter((entry) => !isData(entry.key.value)) },
        { names, text, extract: context.extract },
        found
      );
      for (const entry of node.entries) {
        if (isData(entry.key.value))
          walkTree(entry.value, { names, text, base64: true, extract: context.extract }, found);
      }
    }
  }
  return finish(
    [...found, ...helmTemplateValues(text, names), ...readDefaults(text, names)].map(unescapeDollar),
    text
  );
}

/**
 * `SECRET_KEY: {{ .Values.secretKey | default "…" }}` in a Helm template: not YAML until rendered
 * (the braces would open a flow map), so the template expression is read as the line's value; the
 * classifier judges its `default`.
 */
function helmTemplateValues(text: string, names: readonly string[]): Candidate[] {
  if (!text.includes('{{')) return [];
  const found: Candidate[] = [];
  for (const match of text.matchAll(
    /^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\{\{[^\n]*?\}\})[ \t]*$/gm
  )) {
    const name = match[1]!;
    if (nameKind(name, names) !== 'strict' || !/\|\s*default\b/.test(match[2]!)) continue;
    found.push({
      name,
      value: match[2]!,
      offset: match.index! + match[0].indexOf(match[2]!),
      form: 'assign'
    });
  }
  return found;
}

/** Compose and Cloud Build write `$$VAR` for a `$VAR` the container's shell expands: still a reference. */
function unescapeDollar(candidate: Candidate): Candidate {
  return /^\$\$(?:[A-Za-z_]\w*|\{[^}]*\})$/.test(candidate.value.trim())
    ? { ...candidate, value: candidate.value.trim().slice(1) }
    : candidate;
}

const samples: Samples = {
  hit: [
    ['config/application.yml', 'django.secret_key: "{{KEY}}"\n'],
    // A settings path as the name field (helmfile `set:`): a django section makes secretKey Django's.
    [
      'helmfile.yaml',
      'releases:\n  - name: web\n    set:\n      - name: django.secretKey\n        value: "{{KEY}}"\n'
    ],
    // Quotes inside quotes (not valid YAML, read by compose-style tools all the same): the default.
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: "${SECRET_KEY:-"{{KEY}}"}"\n'
    ],
    // Serverless Framework's fallback: `${env:NAME, '<lit>'}`.
    [
      'serverless.yml',
      "provider:\n  environment:\n    DJANGO_SECRET_KEY: ${env:DJANGO_SECRET_KEY, '{{KEY}}'}\n"
    ],
    // Namespaced stack config (Pulumi): the name is what follows the project.
    ['Pulumi.prod.yaml', 'config:\n  aws:region: eu-west-1\n  mysite:djangoSecretKey: "{{KEY}}"\n'],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-"{{KEY}}"}\n'
    ],
    // A chart's values for django itself (its mysql twin passes).
    [
      'chart/values.yaml',
      'django:\n  secretKey: "{{KEY}}"\nmysql:\n  auth:\n    existingSecret: db-credentials\n    ' +
        'secretKey: mysql-password\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    image: app\n    environment:\n      DEBUG: "0"\n      SECRET_KEY: {{KEY}}\n'
    ],
    ['docker-compose.yml', 'services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "{{INSECURE}}"\n'],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      - DEBUG=0\n      - SECRET_KEY={{KEY}}\n'
    ],
    ['docker-compose.yml', 'services:\n  web:\n    environment:\n      - "SECRET_KEY={{MEMORABLE}}"\n'],
    ['docker-compose.yml', 'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-{{KEY}}}\n'],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      - SECRET_KEY=${DJANGO_SECRET_KEY:-{{MEMORABLE}}}\n'
    ],
    ['docker-compose.yml', 'services:\n  web:\n    environment: { SECRET_KEY: "{{KEY}}", DEBUG: 1 }\n'],
    [
      'docker-compose.yml',
      'services:\n  worker:\n    command: sh -c "SECRET_KEY={{MEMORABLE}} celery -A proj worker"\n'
    ],
    [
      'k8s/deployment.yaml',
      'spec:\n  containers:\n    - name: web\n      env:\n        - name: DEBUG\n          value: ' +
        '"0"\n        - name: SECRET_KEY\n          value: "{{KEY}}"\n'
    ],
    ['k8s/deployment.yaml', 'env:\n  - value: {{MEMORABLE}}\n    name: DJANGO_SECRET_KEY\n'],
    ['k8s/deployment.yaml', 'env: [{name: SECRET_KEY, value: "{{KEY}}"}]\n'],
    [
      'k8s/secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: django\ntype: Opaque\nstringData:\n  ' +
        'SECRET_KEY: "{{KEY}}"\n'
    ],
    [
      'k8s/secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: django\ndata:\n  django-secret-key: {{B64KEY}}\n'
    ],
    [
      'k8s/all.yaml',
      'kind: ConfigMap\ndata:\n  DEBUG: "0"\n---\napiVersion: v1\nkind: Secret\ndata:\n  SECRET_KEY: ' +
        '{{B64KEY}}\n'
    ],
    [
      '.github/workflows/ci.yml',
      'jobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      SECRET_KEY: {{MEMORABLE}}\n    ' +
        'steps:\n      - run: python manage.py test\n'
    ],
    [
      '.github/workflows/ci.yml',
      'jobs:\n  test:\n    steps:\n      - name: Test\n        run: |\n          export ' +
        "SECRET_KEY='{{KEY}}'\n          python manage.py test\n"
    ],
    [
      '.gitlab-ci.yml',
      'variables:\n  DJANGO_SECRET_KEY: "{{KEY}}"\ntest:\n  script:\n    - python manage.py test\n'
    ],
    ['.gitlab-ci.yml', 'test:\n  script:\n    - SECRET_KEY={{MEMORABLE}} python manage.py test\n'],
    ['settings.yaml', 'django:\n  SECRET_KEY: |\n    {{KEY}}\n  DEBUG: false\n'],
    ['settings.yaml', 'SECRET_KEY: >-\n  {{INSECURE}}\n'],
    ['settings.yaml', "SECRET_KEY: '{{MEMORABLE}}'\nSECRET_KEY_FALLBACKS:\n  - '{{KEY}}'\n"],
    ['settings.yaml', 'SECRET_KEY_FALLBACKS: ["{{KEY}}"]\n'],
    ['group_vars/all.yml', 'django_secret_key: "{{MEMORABLE}}"\n'],
    [
      'render.yaml',
      'services:\n  - type: web\n    envVars:\n      - key: SECRET_KEY\n        value: {{KEY}}\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      # SECRET_KEY: {{KEY}}\n      SECRET_KEY: ${SECRET_KEY}\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      # - SECRET_KEY={{KEY}}\n      - DEBUG=0\n'
    ],
    [
      'k8s/configmap.yaml',
      "kind: ConfigMap\ndata:\n  local_settings.py: |\n    DEBUG = False\n    SECRET_KEY = '{{KEY}}'\n"
    ],
    ['k8s/configmap.yaml', 'kind: ConfigMap\ndata:\n  .env: |\n    DEBUG=0\n    SECRET_KEY={{MEMORABLE}}\n'],
    [
      'chart/templates/secret.yaml',
      'kind: Secret\nstringData:\n  SECRET_KEY: {{ .Values.django.secretKey | default "{{KEY}}" | quote }}\n'
    ],
    // Records pairing a name field with a value field, whatever the fields are called.
    [
      '.ebextensions/django.config',
      'option_settings:\n  - namespace: aws:elasticbeanstalk:application:environment\n    option_name: ' +
        'DJANGO_SECRET_KEY\n    value: {{KEY}}\n'
    ],
    [
      '.do/app.yaml',
      'services:\n  - name: web\n    envs:\n      - key: SECRET_KEY\n        scope: RUN_TIME\n        ' +
        'type: GENERAL\n        value: "{{KEY}}"\n'
    ],
    ['cfn/params.yaml', 'Parameters:\n  - ParameterKey: DjangoSecretKey\n    ParameterValue: {{KEY}}\n'],
    ['azure-pipelines.yml', 'variables:\n  - name: SECRET_KEY\n    value: {{MEMORABLE}}\n'],
    // Names by meaning: camel and lower spellings in the app's own configuration.
    ['values.yaml', 'django:\n  secretKey: {{KEY}}\n'],
    ['chart/values.yaml', 'web:\n  djangoSecretKey: "{{KEY}}"\n'],
    ['config/app.yaml', 'debug: false\nsecret_key: {{KEY}}\nallowed_hosts: [example.com]\n']
  ],
  miss: [
    ['config/application.yml', 'django.secret_key: ${DJANGO_SECRET_KEY}\nstorage.s3.secret_key: "{{KEY}}"\n'],
    [
      'helmfile.yaml',
      'releases:\n  - name: web\n    set:\n      - name: mysql.auth.secretKey\n' +
        '        value: "{{KEY}}"\n      - ' +
        'name: django.secretKey\n        value: {{ requiredEnv "DJANGO_SECRET_KEY" }}\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: "${SECRET_KEY:?set it}"\n'
    ],
    ['serverless.yml', 'provider:\n  environment:\n    DJANGO_SECRET_KEY: ${ssm:/web/django-secret-key}\n'],
    [
      'Pulumi.prod.yaml',
      'config:\n  mysite:djangoSecretKey:\n    secure: AAABAH5vZXhhbXBsZWNpcGhlcnRleHQ=\n  ' +
        'mysite:secretKey: change-me\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-"change-me"}\n      ' +
        'DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:-""}\n'
    ],
    // Dependency charts' values: secretKey names a key inside an existing Kubernetes Secret.
    [
      'chart/values.yaml',
      'mysql:\n  enabled: true\n  auth:\n    secretKey: mysql-password\npostgresql:\n  secretKey: ' +
        'postgresql-password\nredis:\n  secretKey: redis-password\napp:\n  existingSecret: ' +
        'web-secrets\n  secretKey: django-secret-key-entry\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY}\n      DJANGO_SECRET_KEY: ' +
        '${DJANGO_SECRET_KEY:?set it in .env}\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    env_file: .env\n    environment:\n      - SECRET_KEY\n      - ' +
        'SECRET_KEY=${SECRET_KEY}\n      - "DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:?err}"\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY:\n      SECRET_KEY_FALLBACKS: ""\n      ' +
        'STRIPE_SECRET_KEY: {{KEY}}\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-change-me}\n'
    ],
    [
      'k8s/deployment.yaml',
      'env:\n  - name: SECRET_KEY\n    valueFrom:\n      secretKeyRef:\n        name: django\n        ' +
        'key: secret-key\n  - name: DEBUG\n    value: "0"\n'
    ],
    ['k8s/secret.yaml', 'apiVersion: v1\nkind: Secret\ndata:\n  SECRET_KEY: {{B64PLACEHOLDER}}\n'],
    [
      'k8s/sealed.yaml',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    SECRET_KEY: ' +
        '{{B64KEY}}\n'
    ],
    ['k8s/secret.yaml', 'kind: Secret\nstringData:\n  SECRET_KEY: "<your-secret-key>"\n'],
    [
      '.github/workflows/ci.yml',
      'jobs:\n  test:\n    env:\n      SECRET_KEY: ${{ secrets.DJANGO_SECRET_KEY }}\n    steps:\n      ' +
        '- run: SECRET_KEY=dummy python manage.py collectstatic --noinput\n'
    ],
    [
      '.github/workflows/ci.yml',
      'steps:\n  - run: |\n      echo "SECRET_KEY is read from secrets"\n      docker build --build-arg ' +
        'SECRET_KEY=$SECRET_KEY .\n'
    ],
    ['group_vars/all.yml', 'django_secret_key: "{{ vault_django_secret_key }}"\n'],
    ['group_vars/vault.yml', 'django_secret_key: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  {{B64KEY}}\n'],
    ['template.yaml', 'Environment:\n  Variables:\n    SECRET_KEY: !Ref DjangoSecretKey\n'],
    [
      'docker-compose.yml',
      '# SECRET_KEY: required, read from the environment\nservices:\n  web:\n    image: app\n'
    ],
    // Another product's secret_key: a storage backend, a payment gateway, a webhook, a reference.
    ['config.yaml', 'storage:\n  backend: s3\n  access_key: minio\n  secret_key: {{KEY}}\n'],
    ['config.yaml', 'payments:\n  stripe:\n    secret_key: {{KEY}}\n'],
    ['config.yaml', 'webhook:\n  url: https://example.com/hook\n  secretKey: {{KEY}}\n'],
    [
      'k8s/deployment.yaml',
      'env:\n  - name: DJANGO_SECRET_KEY\n    valueFrom:\n      secretKeyRef:\n        name: ' +
        'web-secrets\n        key: SECRET_KEY\n'
    ],
    [
      'docker-compose.yml',
      'services:\n  web:\n    environment:\n      SECRET_KEY: /run/secrets/django_secret_key\n    ' +
        'secrets: [django_secret_key]\n'
    ],
    ['.do/app.yaml', 'envs:\n  - key: SECRET_KEY\n    type: SECRET\n    scope: RUN_TIME\n'],
    [
      'chart/templates/secret.yaml',
      'kind: Secret\nstringData:\n  SECRET_KEY: {{ .Values.django.secretKey | default (randAlphaNum 50) ' +
        '| b64enc | quote }}\n  DJANGO_SECRET_KEY: {{ required "set django.secretKey" ' +
        '.Values.django.secretKey | quote }}\n'
    ],
    ['docs.yml', 'description: Set SECRET_KEY in your environment before deploying\n'],
    [
      'k8s/configmap.yaml',
      "kind: ConfigMap\ndata:\n  local_settings.py: |\n    SECRET_KEY = os.environ['SECRET_KEY']\n"
    ],
    ['secrets.enc.yaml', 'SECRET_KEY: ENC[AES256_GCM,data:{{B64KEY}},type:str]\nsops:\n  version: 3.8.1\n']
  ]
};

export const yamlFormat: FormatReader = { extract: extractYaml, samples };
