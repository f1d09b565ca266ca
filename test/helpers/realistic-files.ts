/**
 * Whole deployment and CI files in the shape real Django projects commit (written from each tool's
 * public documentation), each with its clean twin: the twin says how the project should have done
 * it (a secret store, a reference, a generator) and must pass. `{{KEY}}` is expanded at run time.
 * [path, file with a key, clean twin]
 */
export const REALISTIC_FILES: Array<[string, string, string]> = [
  [
    'ecs/task-definition.json',
    `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "django",
      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:latest",
      "portMappings": [{"containerPort": 8000}],
      "environment": [
        {"name": "DJANGO_SETTINGS_MODULE", "value": "config.settings.production"},
        {"name": "DJANGO_SECRET_KEY", "value": "{{KEY}}"}
      ]
    }
  ]
}
`,
    `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "django",
      "environment": [{"name": "DJANGO_SETTINGS_MODULE", "value": "config.settings.production"}],
      "secrets": [{"name": "DJANGO_SECRET_KEY", "valueFrom": \
"arn:aws:secretsmanager:eu-west-1:123456789012:secret:web/django-AbCdEf"}]
    }
  ]
}
`
  ],
  [
    'apprunner.yaml',
    `version: 1.0
runtime: python3
build:
  commands:
    build:
      - pip install -r requirements.txt
run:
  command: gunicorn config.wsgi --bind 0.0.0.0:8000
  env:
    - name: DJANGO_SETTINGS_MODULE
      value: config.settings.production
    - name: SECRET_KEY
      value: "{{KEY}}"
`,
    `version: 1.0
runtime: python3
run:
  command: gunicorn config.wsgi --bind 0.0.0.0:8000
  secrets:
    - name: SECRET_KEY
      value-from: "arn:aws:secretsmanager:us-east-1:123456789012:secret:django-key"
`
  ],
  [
    'service.yaml',
    `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - image: gcr.io/project/web
          env:
            - name: DJANGO_SECRET_KEY
              value: {{KEY}}
`,
    `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - image: gcr.io/project/web
          env:
            - name: DJANGO_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: django-secret-key
                  key: latest
`
  ],
  [
    'render.yaml',
    `services:
  - type: web
    name: mysite
    env: python
    buildCommand: ./build.sh
    startCommand: gunicorn mysite.wsgi
    envVars:
      - key: DATABASE_URL
        fromDatabase:
          name: mysite-db
          property: connectionString
      - key: SECRET_KEY
        value: {{KEY}}
`,
    `services:
  - type: web
    name: mysite
    envVars:
      - key: SECRET_KEY
        generateValue: true
      - key: WEB_CONCURRENCY
        value: 4
`
  ],
  [
    'fly.toml',
    `app = "mysite"
primary_region = "ams"

[env]
  PORT = "8000"
  DJANGO_SECRET_KEY = "{{KEY}}"

[http_service]
  internal_port = 8000
`,
    `app = "mysite"

[env]
  PORT = "8000"
  DJANGO_SETTINGS_MODULE = "mysite.settings"
# fly secrets set DJANGO_SECRET_KEY=...
`
  ],
  [
    'charts/web/values.yaml',
    `replicaCount: 2
image:
  repository: ghcr.io/acme/web
django:
  debug: false
  secretKey: "{{KEY}}"
  allowedHosts: "*"
`,
    `replicaCount: 2
django:
  debug: false
  existingSecret: web-django
  secretKey: ""
`
  ],
  [
    'infra/main.tf',
    `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "web"
    image = "web:latest"
    environment = [
      { name = "DJANGO_SECRET_KEY", value = "{{KEY}}" },
      { name = "DEBUG", value = "0" },
    ]
  }])
}
`,
    `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "web"
    secrets = [
      { name = "DJANGO_SECRET_KEY", valueFrom = aws_secretsmanager_secret.django.arn },
    ]
  }])
}
`
  ],
  [
    'infra/app.tf',
    `resource "heroku_app" "web" {
  name   = "mysite"
  region = "eu"
  config_vars = {
    DJANGO_SETTINGS_MODULE = "mysite.settings"
  }
  sensitive_config_vars = {
    SECRET_KEY = "{{KEY}}"
  }
}
`,
    `resource "heroku_app" "web" {
  name   = "mysite"
  sensitive_config_vars = {
    SECRET_KEY = var.django_secret_key
  }
}
`
  ],
  [
    'terraform.tfvars',
    `region = "eu-west-1"
django_secret_key = "{{KEY}}"
`,
    `region = "eu-west-1"
# django_secret_key comes from TF_VAR_django_secret_key
`
  ],
  [
    'ansible/roles/web/tasks/main.yml',
    `- name: Write the env file
  ansible.builtin.copy:
    dest: /srv/web/.env
    content: |
      DEBUG=0
      SECRET_KEY={{KEY}}
    mode: "0600"
`,
    `- name: Write the env file
  ansible.builtin.template:
    src: env.j2
    dest: /srv/web/.env
    mode: "0600"
`
  ],
  [
    'ansible/group_vars/production.yml',
    `django_debug: false
django_secret_key: "{{KEY}}"
django_allowed_hosts:
  - example.com
`,
    `django_debug: false
django_secret_key: "{{ vault_django_secret_key }}"
`
  ],
  [
    'deploy/web.service',
    `[Unit]
Description=gunicorn daemon
After=network.target

[Service]
User=www-data
WorkingDirectory=/srv/web
Environment="DJANGO_SETTINGS_MODULE=mysite.settings"
Environment="SECRET_KEY={{KEY}}"
ExecStart=/srv/web/venv/bin/gunicorn mysite.wsgi:application --bind unix:/run/gunicorn.sock

[Install]
WantedBy=multi-user.target
`,
    `[Unit]
Description=gunicorn daemon

[Service]
User=www-data
EnvironmentFile=/etc/web/env
LoadCredential=secret_key:/etc/web/secret_key
ExecStart=/srv/web/venv/bin/gunicorn mysite.wsgi:application
`
  ],
  [
    'deploy/supervisor/web.conf',
    `[program:web]
command=/srv/web/venv/bin/gunicorn mysite.wsgi:application --workers 3
directory=/srv/web
user=web
environment=DJANGO_SETTINGS_MODULE="mysite.settings.production",SECRET_KEY="{{KEY}}"
autostart=true
`,
    `[program:web]
command=/srv/web/venv/bin/gunicorn mysite.wsgi:application --workers 3
directory=/srv/web
environment=DJANGO_SETTINGS_MODULE="mysite.settings.production",SECRET_KEY="%(ENV_SECRET_KEY)s"
`
  ],
  [
    'gunicorn.conf.py',
    `bind = "0.0.0.0:8000"
workers = 3
raw_env = [
    "DJANGO_SETTINGS_MODULE=mysite.settings",
    "SECRET_KEY={{KEY}}",
]
`,
    `bind = "0.0.0.0:8000"
workers = 3
raw_env = ["DJANGO_SETTINGS_MODULE=mysite.settings"]
`
  ],
  [
    'scripts/setup-dev.ps1',
    `python -m venv .venv
.\\.venv\\Scripts\\Activate.ps1
$env:DJANGO_SETTINGS_MODULE = "mysite.settings"
$env:SECRET_KEY = "{{KEY}}"
python manage.py migrate
`,
    `python -m venv .venv
$env:DJANGO_SETTINGS_MODULE = "mysite.settings"
$env:SECRET_KEY = python -c "from django.core.management.utils import get_random_secret_key; \
print(get_random_secret_key())"
python manage.py migrate
`
  ],
  [
    'scripts/setup-dev.bat',
    `@echo off
set DJANGO_SETTINGS_MODULE=mysite.settings
set SECRET_KEY={{KEY}}
python manage.py runserver
`,
    `@echo off
set DJANGO_SETTINGS_MODULE=mysite.settings
for /f "delims=" %%i in ('python -c "import secrets; print(secrets.token_urlsafe(50))"') do set SECRET_KEY=%%i
python manage.py runserver
`
  ],
  [
    '.gitlab-ci.yml',
    `stages: [test, deploy]
variables:
  POSTGRES_DB: test
  DJANGO_SECRET_KEY: "{{KEY}}"
test:
  image: python:3.12
  script:
    - pip install -r requirements.txt
    - python manage.py test
`,
    `stages: [test]
variables:
  POSTGRES_DB: test
  DJANGO_SECRET_KEY: "ci-only-not-a-secret"
test:
  script:
    - python manage.py test
`
  ],
  [
    '.circleci/config.yml',
    `version: 2.1
jobs:
  test:
    docker:
      - image: cimg/python:3.12
        environment:
          SECRET_KEY: {{KEY}}
      - image: cimg/postgres:16.0
    steps:
      - checkout
      - run: python manage.py test
`,
    `version: 2.1
jobs:
  test:
    docker:
      - image: cimg/python:3.12
        environment:
          SECRET_KEY: irrelevant
    steps:
      - run: python manage.py test
`
  ],
  [
    'azure-pipelines.yml',
    `trigger:
  - main
variables:
  - name: DJANGO_SETTINGS_MODULE
    value: mysite.settings
  - name: SECRET_KEY
    value: '{{KEY}}'
steps:
  - script: python manage.py test
`,
    `trigger:
  - main
variables:
  - group: django-secrets
steps:
  - script: python manage.py test
    env:
      SECRET_KEY: $(DjangoSecretKey)
`
  ],
  [
    'bitbucket-pipelines.yml',
    `image: python:3.12
pipelines:
  default:
    - step:
        name: Test
        script:
          - export SECRET_KEY='{{KEY}}'
          - python manage.py test
`,
    `image: python:3.12
pipelines:
  default:
    - step:
        name: Test
        script:
          - export SECRET_KEY=$DJANGO_SECRET_KEY
          - python manage.py test
`
  ],
  [
    'docker-compose.yml',
    `services:
  web:
    build: .
    environment:
      - DJANGO_SECRET_KEY={{KEY}}
    secrets:
      - db_password
`,
    `services:
  web:
    build: .
    environment:
      - DJANGO_SECRET_KEY_FILE=/run/secrets/django_secret_key
      - SECRET_KEY=/run/secrets/django_secret_key
    secrets:
      - django_secret_key
`
  ],
  [
    'app.yaml',
    `runtime: python312
entrypoint: gunicorn -b :$PORT mysite.wsgi
env_variables:
  DJANGO_SETTINGS_MODULE: "mysite.settings"
  SECRET_KEY: "{{KEY}}"
`,
    `runtime: python312
entrypoint: gunicorn -b :$PORT mysite.wsgi
env_variables:
  DJANGO_SETTINGS_MODULE: "mysite.settings"
`
  ],
  [
    '.platform/app.yaml',
    `name: app
type: python:3.12
variables:
  env:
    DJANGO_SECRET_KEY: "{{KEY}}"
`,
    `name: app
type: python:3.12
variables:
  env:
    DJANGO_SETTINGS_MODULE: mysite.settings
`
  ],
  [
    'zappa_settings.json',
    `{
  "production": {
    "django_settings": "mysite.settings",
    "s3_bucket": "zappa-mysite",
    "environment_variables": {"SECRET_KEY": "{{KEY}}"}
  }
}
`,
    `{
  "production": {
    "django_settings": "mysite.settings",
    "aws_environment_variables": {"SECRET_KEY_PARAM": "/mysite/secret_key"}
  }
}
`
  ],
  [
    'mysite/settings.py',
    `import os
SECRET_KEY = "{{KEY}}"
SECRET_KEY_FALLBACKS = ["not-a-real-secret"]
`,
    `import os
SECRET_KEY = os.environ["SECRET_KEY"]
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("OLD_KEYS", "").split(",") if k]
`
  ],
  [
    'app/settings.py',
    `from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    debug: bool = False
    django_secret_key: str = "{{KEY}}"
`,
    `from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    debug: bool = False
    django_secret_key: str
`
  ]
];
