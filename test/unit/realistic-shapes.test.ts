/**
 * Fresh realistic files for issue 16's shapes and their variants (settings modules, compose, Helm values,
 * CDK/Pulumi/Terraform, workflows, Dockerfiles, Makefiles, notebooks, docs, templates of other engines,
 * other frameworks' credential maps), written from each tool's documentation without the detector in
 * view. Every file with a key has a clean twin; every blocking hit must report the key itself (its
 * fingerprint): no quotes, no `${…}` wrapper. `{{KEY}}` is expanded at run time.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_NAMES, DEFAULT_TEMPLATES, secretKeyRule } from '../../src/rules/index.js';
import { expandSample, sampleKey } from '../../src/rules/samples.js';
import { fingerprint } from '../../src/rules/mask.js';
import { REALISTIC_FILES } from '../helpers/realistic-files.js';

const options = { names: DEFAULT_NAMES, templates: DEFAULT_TEMPLATES };
const SEED = 9;
const blocking = (path: string, text: string) =>
  secretKeyRule.detect(expandSample(text, SEED), path, options).filter((hit) => hit.severity !== 'warning');

/** [path, file with a key, its clean twin]. */
const PAIRS: Array<[string, string, string]> = [
  [
    '.github/workflows/test.yml',
    `name: tests
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      DJANGO_SECRET_KEY: "{{KEY}}"
    steps:
      - run: python manage.py test
`,
    `name: tests
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      DJANGO_SECRET_KEY: NOTASECRETKEYFORCIBUILDS
      DATABASE_URL: postgres://postgres:postgres@localhost/ci
    steps:
      - uses: actions/checkout@v4
      - run: python manage.py test
`
  ],
  [
    'chart/values.yaml',
    `replicaCount: 2
django:
  secretKey: "{{KEY}}"
  allowedHosts: "*"
postgresql:
  auth:
    existingSecret: web-pg
    secretKey: postgresql-password
`,
    `replicaCount: 2
django:
  existingSecret: web-secrets
mysql:
  enabled: true
  auth:
    existingSecret: web-db
    secretKey: mysql-password
postgresql:
  auth:
    existingSecret: web-pg
    secretKeys:
      adminPasswordKey: postgres-password
    secretKey: postgresql-password
redis:
  auth:
    existingSecretPasswordKey: redis-password
`
  ],
  [
    'scripts/bootstrap.sh',
    `#!/usr/bin/env bash
set -euo pipefail
update_env_value() { sed -i "s|^$1=.*|$1=$2|" .env; }
update_env_value "DEBUG" "\${DEBUG:-0}"
update_env_value "SECRET_KEY" "\${SECRET_KEY:-{{KEY}}}"
`,
    `#!/usr/bin/env bash
set -euo pipefail
update_env_value "SECRET_KEY" "\${SECRET_KEY:-$(openssl rand -base64 48)}"
`
  ],
  [
    'infra/lib/web-stack.ts',
    `import * as cdk from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

export class WebStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry('web'),
      environment: {
        DJANGO_SETTINGS_MODULE: 'config.settings.production',
        DJANGO_SECRET_KEY: '{{KEY}}',
      },
    });
  }
}
`,
    `import * as cdk from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';

export class WebStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const key = new sm.Secret(this, 'DjangoSecretKey', { generateSecretString: { passwordLength: 50 } });
    task.addContainer('web', {
      environment: { DJANGO_SETTINGS_MODULE: 'config.settings.production' },
      secrets: { DJANGO_SECRET_KEY: ecs.Secret.fromSecretsManager(key) },
    });
  }
}
`
  ],
  [
    'infra/index.ts',
    `import * as aws from "@pulumi/aws";

const task = new aws.ecs.TaskDefinition("web", {
    containerDefinitions: JSON.stringify([{
        name: "web",
        image: "web:latest",
        environment: [
            { name: "DJANGO_DEBUG", value: "0" },
            { name: "DJANGO_SECRET_KEY", value: "{{KEY}}" },
        ],
    }]),
});
`,
    `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const secretKey = config.requireSecret("djangoSecretKey");
const task = new aws.ecs.TaskDefinition("web", {
    containerDefinitions: pulumi.jsonStringify([{
        name: "web",
        environment: [
            { name: "DJANGO_SECRET_KEY", value: secretKey },
        ],
    }]),
});
`
  ],
  [
    'Pulumi.prod.yaml',
    `config:
  aws:region: eu-west-1
  mysite:djangoSecretKey: "{{KEY}}"
`,
    `config:
  aws:region: eu-west-1
  mysite:djangoSecretKey:
    secure: AAABAOk3Z2VtY3J5cHRlZHZhbHVlZm9yZGphbmdvc2VjcmV0a2V5aGVyZQ==
`
  ],
  [
    'scripts/make_env.py',
    `import secrets

def write_env(path, db_url):
    with open(path, "w") as fh:
        fh.write(f"""DEBUG=0
DATABASE_URL={db_url}
SECRET_KEY={{KEY}}
""")
`,
    `import secrets

def write_env(path, db_url):
    with open(path, "w") as fh:
        fh.write(f"""DEBUG=0
DATABASE_URL={db_url}
SECRET_KEY={secrets.token_urlsafe(50)}
""")
`
  ],
  [
    'Makefile',
    `.PHONY: run
run:
	DJANGO_SECRET_KEY='{{KEY}}' python manage.py runserver
`,
    `.PHONY: run
run:
	DJANGO_SECRET_KEY=$$(python -c "import secrets; print(secrets.token_urlsafe(50))") python manage.py runserver
`
  ],
  [
    'deploy/nomad/web.nomad',
    `job "web" {
  group "web" {
    task "django" {
      env {
        SECRET_KEY = "{{KEY}}"
      }
    }
  }
}
`,
    `job "web" {
  group "web" {
    task "django" {
      template {
        data = <<EOH
SECRET_KEY="{{ with secret "kv/data/django" }}{{ .Data.data.secret_key }}{{ end }}"
EOH
        destination = "secrets/env"
        env = true
      }
    }
  }
}
`
  ],
  [
    'deploy/ansible/group_vars/production.yml',
    `---
django_debug: false
django_secret_key: "{{KEY}}"
`,
    `---
django_debug: false
django_secret_key: "{{ vault_django_secret_key }}"
`
  ],
  [
    'deploy/supervisor/web.conf',
    `[program:web]
command=/srv/venv/bin/gunicorn mysite.wsgi
environment=DJANGO_SETTINGS_MODULE="mysite.settings",SECRET_KEY="{{KEY}}"
`,
    `[program:web]
command=/srv/venv/bin/gunicorn mysite.wsgi
environment=DJANGO_SETTINGS_MODULE="mysite.settings",SECRET_KEY="%(ENV_SECRET_KEY)s"
`
  ],
  [
    'deploy/web.service',
    `[Unit]
Description=gunicorn
[Service]
Environment="DJANGO_SECRET_KEY={{KEY}}"
ExecStart=/srv/venv/bin/gunicorn mysite.wsgi
`,
    `[Unit]
Description=gunicorn
[Service]
EnvironmentFile=/etc/mysite/env
LoadCredential=django_secret_key:/etc/mysite/secret_key
ExecStart=/srv/venv/bin/gunicorn mysite.wsgi
`
  ],
  [
    'tox.ini',
    `[testenv]
setenv =
    DJANGO_SETTINGS_MODULE = mysite.settings
    SECRET_KEY = {env:SECRET_KEY:{{KEY}}}
`,
    `[testenv]
setenv =
    SECRET_KEY = {env:SECRET_KEY:insecure-tox-key}
passenv = DATABASE_URL
`
  ],
  [
    'k8s/kustomization.yaml',
    `secretGenerator:
  - name: web
    literals:
      - DJANGO_SECRET_KEY={{KEY}}
`,
    `secretGenerator:
  - name: web
    envs:
      - secrets.env
`
  ],
  [
    'k8s/configmap.yaml',
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  DJANGO_SECRET_KEY: "{{KEY}}"
`,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  DJANGO_SETTINGS_MODULE: config.settings.production
  # DJANGO_SECRET_KEY comes from the web-secrets Secret (envFrom)
`
  ],
  [
    'notebooks/explore.ipynb',
    `{"cells":[{"cell_type":"code","metadata":{},"source":[
      "import os\\n",
      "os.environ[\\"DJANGO_SECRET_KEY\\"] = \\"{{KEY}}\\"\\n",
      "import django\\n",
      "django.setup()\\n"
    ],"outputs":[],"execution_count":1}],"metadata":{},"nbformat":4,"nbformat_minor":5}
`,
    `{"cells":[{"cell_type":"code","metadata":{},"source":[
      "import os\\n",
      "os.environ.setdefault(\\"DJANGO_SETTINGS_MODULE\\", \\"mysite.settings\\")\\n",
      "import django\\n",
      "django.setup()\\n"
    ],"outputs":[],"execution_count":1}],"metadata":{},"nbformat":4,"nbformat_minor":5}
`
  ],
  [
    'docs/deployment.md',
    `# Deploying

Set the environment:

\`\`\`bash
export DJANGO_SECRET_KEY="{{KEY}}"
export DJANGO_DEBUG=0
\`\`\`
`,
    `# Deploying

Set the environment:

\`\`\`bash
export DJANGO_SECRET_KEY="$(openssl rand -base64 48)"
export DJANGO_DEBUG=0
\`\`\`
`
  ],
  [
    'conftest.py',
    `from django.conf import settings

def pytest_configure():
    settings.configure(SECRET_KEY="{{KEY}}", INSTALLED_APPS=["app"])
`,
    `from django.conf import settings

def pytest_configure():
    settings.configure(SECRET_KEY="not-very-secret-in-tests", INSTALLED_APPS=["app"])
`
  ],
  [
    'Dockerfile',
    `FROM python:3.12-slim
ARG DJANGO_SECRET_KEY={{KEY}}
RUN python manage.py collectstatic --noinput
`,
    `FROM python:3.12-slim
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
`
  ],
  [
    'config/settings/base.py',
    `SECRET_KEY = env("DJANGO_SECRET_KEY", default="{{KEY}}")
`,
    `STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": "{{KEY}}",
            "bucket_name": "media",
        },
    },
}
`
  ],
  [
    'config/settings.toml',
    `[default]
debug = false
secret_key = "{{KEY}}"
`,
    `[default]
debug = false
secret_key = "@format {env[DJANGO_SECRET_KEY]}"
`
  ],
  [
    'settings.yaml',
    `django:
  secret_key: "{{KEY}}"
  debug: false
`,
    `storage:
  s3:
    access_key: AKIAIOSFODNN7EXAMPLE
    secret_key: "{{KEY}}"
`
  ],
  [
    'config.json',
    `{"django": {"secret_key": "{{KEY}}", "debug": false}}
`,
    `{"recaptcha": {"site_key": "6Lc_aCMTAAAAABx7u2W0WPXnVbI_v6ZdbM6rYf16", "secret_key": "{{KEY}}"}}
`
  ],
  [
    '.env.docker',
    `DJANGO_SECRET_KEY='{{KEY}}'
`,
    `DJANGO_SECRET_KEY='\${DJANGO_SECRET_KEY}'
`
  ],
  [
    'deploy/env.ps1',
    `$env:DJANGO_SECRET_KEY = '{{KEY}}'
`,
    `$env:DJANGO_SECRET_KEY = [Convert]::ToBase64String((1..48 | ForEach-Object { Get-Random -Maximum 256 }))
`
  ],
  [
    'docker-compose.override.yml',
    `services:
  web:
    command: >
      sh -c "SECRET_KEY={{KEY}} python manage.py runserver 0.0.0.0:8000"
`,
    `services:
  web:
    command: >
      sh -c "python manage.py runserver 0.0.0.0:8000"
    environment:
      - SECRET_KEY=\${SECRET_KEY}
`
  ],
  [
    'README.rst',
    `Quick start
-----------

.. code-block:: console

   $ export SECRET_KEY='{{KEY}}'
   $ python manage.py runserver
`,
    `Quick start
-----------

.. code-block:: console

   $ export SECRET_KEY='<your secret key>'
   $ python manage.py runserver
`
  ],
  [
    'mysite/settings/production.py',
    `import os
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", os.environ.get("SECRET_KEY", "{{KEY}}"))
`,
    `import os
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", os.environ.get("SECRET_KEY"))
`
  ],
  [
    'mysite/settings/production.py',
    `SECRET_KEY = os.environ.get("SECRET_KEY") or \\
    "{{KEY}}"
`,
    `import os
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", os.environ.get("SECRET_KEY"))
`
  ],
  [
    'app/config.py',
    `from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    django_secret_key: str = "{{KEY}}"
`,
    `from pydantic_settings import BaseSettings
from pydantic import SecretStr
class Settings(BaseSettings):
    django_secret_key: SecretStr
`
  ],
  [
    '.devcontainer/devcontainer.json',
    `{
  "name": "django",
  "containerEnv": {
    "DJANGO_SECRET_KEY": "{{KEY}}"
  }
}
`,
    `{
  "name": "django",
  "containerEnv": {
    "DJANGO_SECRET_KEY": "\${localEnv:DJANGO_SECRET_KEY}"
  }
}
`
  ],
  [
    '.vscode/launch.json',
    `{
  "configurations": [
    {"name": "Django", "type": "debugpy", "request": "launch", "program": "\${workspaceFolder}/manage.py",
     "env": {"DJANGO_SECRET_KEY": "{{KEY}}"}}
  ]
}
`,
    `{
  "configurations": [
    {"name": "Django", "type": "debugpy", "request": "launch", "program": "\${workspaceFolder}/manage.py",
     "envFile": "\${workspaceFolder}/.env"}
  ]
}
`
  ],
  [
    'cloudbuild.yaml',
    `steps:
  - name: gcr.io/cloud-builders/docker
    args: ["build", "--build-arg", "SECRET_KEY={{KEY}}", "-t", "gcr.io/$PROJECT_ID/web", "."]
`,
    `steps:
  - name: gcr.io/cloud-builders/docker
    entrypoint: bash
    args: ["-c", "docker build --build-arg SECRET_KEY=$$SECRET_KEY -t gcr.io/$PROJECT_ID/web ."]
    secretEnv: ["SECRET_KEY"]
`
  ],
  [
    'serverless.yml',
    `provider:
  name: aws
  environment:
    DJANGO_SECRET_KEY: \${env:DJANGO_SECRET_KEY, '{{KEY}}'}
`,
    `provider:
  name: aws
  environment:
    DJANGO_SECRET_KEY: \${ssm:/web/django-secret-key}
`
  ],
  [
    'helm/templates/secret.yaml',
    `apiVersion: v1
kind: Secret
metadata:
  name: {{ include "web.fullname" . }}
stringData:
  DJANGO_SECRET_KEY: {{ .Values.django.secretKey | default "{{KEY}}" | quote }}
`,
    `apiVersion: v1
kind: Secret
metadata:
  name: {{ include "web.fullname" . }}
stringData:
  DJANGO_SECRET_KEY: {{ .Values.django.secretKey | default (randAlphaNum 50) | quote }}
`
  ],
  [
    'mysite/wsgi.py',
    `import os
from django.core.wsgi import get_wsgi_application
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "{{KEY}}")
application = get_wsgi_application()
`,
    `import os
from django.core.wsgi import get_wsgi_application
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
application = get_wsgi_application()
`
  ],
  [
    'docs/install.md',
    `| Variable | Example |
|---|---|
| \`DJANGO_SECRET_KEY\` | \`{{KEY}}\` |
`,
    `| Variable | Default | Description |
|---|---|---|
| \`DJANGO_SECRET_KEY\` | *(required)* | Django's secret key. |
`
  ]
];

/** Files with no key at all that look like one to a careless reader. */
const CLEAN: Array<[string, string]> = [
  [
    'infra/main.tf',
    `resource "random_password" "django" {
  length = 50
}
resource "aws_ecs_task_definition" "web" {
  container_definitions = jsonencode([{
    name = "web"
    environment = [
      { name = "DJANGO_SECRET_KEY", value = random_password.django.result },
    ]
  }])
}
`
  ],
  [
    'mysite/settings_ci.py',
    `from .base import *  # noqa

DEBUG = False
SECRET_KEY = "CISECRETKEYFORTESTSONLY"
DATABASES["default"]["NAME"] = "ci"
`
  ],
  [
    'src/cookies/session.py',
    `class CookieJar:
    def load_cookie(self, request, secret_key=None):
        """Load the session cookie.

        Example::

            jar.load_cookie(self, secret_key=COOKIE_SECRET)
        """
        return request.cookies.get("session")
`
  ],
  [
    'shop/tests/test_gateway.py',
    `import pytest

@pytest.fixture
def gateway_config():
    return {'public-key': 'pk_test_abcdef', 'secret-key': 'abcdefghijklmnopqrstuvwxyzab'}
`
  ],
  [
    'deploy/ansible/group_vars/vault.yml',
    `vault_django_secret_key: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  62313365396662343061393464336163383764373764613633653634306231386433626436623361
  6131316162346537353133353730306534343234656534620a353835626236373064356464646637
`
  ],
  [
    'deploy/templates/env.j2',
    `DJANGO_SECRET_KEY={{ django_secret_key }}
DATABASE_URL=postgres://{{ db_user }}@{{ db_host }}/{{ db_name }}
`
  ],
  [
    'deploy/templates/env.erb',
    `DJANGO_SECRET_KEY=<%= @secret_key %>
`
  ],
  [
    'deploy/templates/env.ctmpl',
    `{{ with secret "secret/data/django" -}}
DJANGO_SECRET_KEY={{ .Data.data.secret_key }}
{{- end }}
`
  ],
  [
    'fly.toml',
    `app = "mysite"
[env]
  DJANGO_SETTINGS_MODULE = "mysite.settings"
# fly secrets set DJANGO_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')
`
  ],
  [
    '.gitlab-ci.yml',
    `test:
  image: python:3.12
  variables:
    DJANGO_SECRET_KEY: $CI_DJANGO_SECRET_KEY
  script:
    - python manage.py test
`
  ],
  [
    'config/settings/base.py',
    `CELERY_BROKER_TRANSPORT_OPTIONS = {"region": "eu-west-1"}
AWS_S3_SECRET_KEY = "{{KEY}}"
MINIO_STORAGE_SECRET_KEY = "{{KEY}}"
`
  ],
  [
    'config/settings.toml',
    `[default.minio]
endpoint = "minio:9000"
access_key = "minio"
secret_key = "{{KEY}}"
`
  ],
  [
    'settings.yaml',
    `django:
  secret_key: !ENV \${DJANGO_SECRET_KEY}
`
  ],
  [
    'deploy/env.sh',
    `export SECRET_KEY="\${SECRET_KEY:-$(head -c 50 /dev/urandom | base64)}"
`
  ],
  [
    'Procfile',
    `release: python manage.py migrate
web: gunicorn mysite.wsgi --log-file -
`
  ],
  [
    'app.json',
    `{"env": {"DJANGO_SECRET_KEY": {"description": "A secret key", "generator": "secret"}}}
`
  ],
  [
    'k8s/sealed.yaml',
    `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
spec:
  encryptedData:
    DJANGO_SECRET_KEY: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq # djkey-guard: allow (ciphertext)
`
  ],
  [
    'k8s/external.yaml',
    `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
spec:
  data:
    - secretKey: DJANGO_SECRET_KEY
      remoteRef:
        key: prod/web
        property: django_secret_key
`
  ]
];
const test = suite('realistic shapes');
// Both corpora, with the same bar: this file's and the deployment files of test/helpers.
[...REALISTIC_FILES, ...PAIRS].forEach(([path, withKey, twin]) => {
  test(`blocks ${path}, reporting the key itself`, () => {
    const hits = blocking(path, withKey);
    assert.ok(hits.length > 0, withKey);
    for (const hit of hits)
      assert.is(hit.fingerprint, fingerprint(sampleKey(SEED)), `${path}:${hit.line} ${hit.masked}`);
  });
  test(`passes ${path}, its clean twin`, () => {
    assert.equal(
      blocking(path, twin).map((hit) => `${hit.line}: ${hit.message}`),
      [],
      twin
    );
  });
});
CLEAN.forEach(([path, text]) => {
  test(`passes ${path} (no key)`, () => {
    assert.equal(
      blocking(path, text).map((hit) => `${hit.line}: ${hit.message}`),
      [],
      text
    );
  });
});
test.run();
