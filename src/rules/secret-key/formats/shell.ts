/**
 * dotenv, shell scripts (sh, bash, PowerShell, cmd, fish), Procfiles and Makefiles: the shapes
 * bind/index.ts lists for each (the one `NAME sep value` reader, in the format's mode). Samples use
 * the stand-ins of rules/samples.ts.
 */
import type { Samples } from '../../types.js';
import { readShapes } from '../bind/index.js';
import type { FormatReader } from './registry.js';

const samples: Samples = {
  hit: [
    // Leet that only names the field is a memorable key.
    ['.env', 'SECRET_KEY=S3cr3tK3y_2024!\n'],
    ['deploy/env.ps1', "$env:DJANGO_SECRET_KEY = '{{KEY}}'\n"],
    // `${…}` in single quotes is plain text (shell, python-dotenv): the value is a literal.
    ['.env', "SECRET_KEY='k9#x{{KEY}}${PATH}'\n"],
    ['deploy.sh', "export SECRET_KEY='k9#x{{KEY}}${PATH}'\n"],
    ['deploy.sh', "docker run -e SECRET_KEY='k9#x{{KEY}}${PATH}' web\n"],
    // An editor's leftover of a .env is read as one.
    ['backend/.env~', 'SECRET_KEY={{KEY}}\nDATABASE_URL=postgres://app@db/app\n'],
    // A shell default is a literal wherever it stands, also as a command argument.
    ['scripts/setup.sh', 'update_env_value "SECRET_KEY" "${SECRET_KEY:-{{KEY}}}"\n'],
    ['Makefile', 'run:\n\tSECRET_KEY=$${SECRET_KEY:-{{KEY}}} python manage.py runserver\n'],
    ['.env', 'DEBUG=1\nSECRET_KEY={{KEY}}\n'],
    ['.env', 'SECRET_KEY="{{KEY}}"\n'],
    ['.env', "DJANGO_SECRET_KEY='{{INSECURE}}'\n"],
    ['.env.example', 'SECRET_KEY={{KEY}}\n'],
    ['.env', '# SECRET_KEY={{KEY}}\n'],
    ['.env', 'SECRET_KEY = {{MEMORABLE}}\n'],
    ['deploy.sh', 'export SECRET_KEY="{{KEY}}"\n'],
    ['deploy.sh', "heroku config:set SECRET_KEY='{{KEY}}' --app web\n"],
    ['deploy.sh', 'docker run -e SECRET_KEY={{MEMORABLE}} web\n'],
    ['Procfile', 'web: SECRET_KEY={{MEMORABLE}} gunicorn mysite.wsgi\n'],
    ['Makefile', 'SECRET_KEY ?= {{MEMORABLE}}\n'],
    ['run.sh', 'SECRET_KEY=${SECRET_KEY:-{{MEMORABLE}}} python manage.py runserver\n'],
    ['env.bat', 'set SECRET_KEY={{MEMORABLE}}\n'],
    ['setup.ps1', '$env:SECRET_KEY = "{{KEY}}"\n'],
    ['.envrc', 'export SECRET_KEY={{MEMORABLE}}\n'],
    ['deploy.sh', 'export SECRET_KEY=t_&{{MEMORABLE}}\n'],
    ['ci/configure.sh', "sed -i \"s/SECRET_KEY = ''/SECRET_KEY = '{{KEY}}'/\" mysite/settings.py\n"],
    ['setup.ps1', "[Environment]::SetEnvironmentVariable('SECRET_KEY', '{{KEY}}', 'User')\n"],
    ['config.fish', "set -gx DJANGO_SECRET_KEY '{{KEY}}'\n"],
    ['env.csh', 'setenv SECRET_KEY {{MEMORABLE}}\n'],
    ['deploy.sh', 'docker run --env DJANGO_SECRET_KEY={{KEY}} web\n']
  ],
  miss: [
    // A django-insecure- run inside a placeholder phrase is judged with the phrase (fuzz seed 811816359).
    ['.env', 'SECRET_KEY="change-django-insecure-change-change-boulevard"\n'],
    // Self-descriptions in leetspeak and a how-to written as words are placeholders.
    [
      '.env.example',
      'SECRET_KEY=s3cr3t_k3y_pl4c3h0ld3r\nDJANGO_SECRET_KEY="generate-with-python-c-import-secrets"\n'
    ],
    // A .NET call is computed.
    [
      'deploy/env.ps1',
      '$env:DJANGO_SECRET_KEY = [Convert]::ToBase64String(' +
        '(1..48 | ForEach-Object { Get-Random -Maximum 256 }))\n'
    ],
    ['.env', 'SECRET_KEY="k9#x{{KEY}}${PATH}"\nDJANGO_SECRET_KEY=k9#x{{KEY}}${PATH}\n'],
    // Single quotes inside an outer double-quoted command are the outer string's text: the shell expands.
    ['deploy.sh', 'sh -c "export SECRET_KEY=\'k9#x{{KEY}}${SUFFIX}\' && gunicorn"\n'],
    // The shell interpolates: a value built from another variable is computed (its Python twin blocks).
    ['deploy.sh', 'export SECRET_KEY="{{KEY}}${SUFFIX}"\n'],
    [
      'scripts/setup.sh',
      'update_env_value "SECRET_KEY" "${SECRET_KEY:-}"\nupdate_env_value "SECRET_KEY" ' +
        '"${SECRET_KEY:?set it first}"\nupdate_env_value "SECRET_KEY" "${SECRET_KEY:-change-me}"\n'
    ],
    // Make's $$(…) is the shell's $(…): computed.
    [
      'Makefile',
      "run:\n\tSECRET_KEY=$$(python -c 'import secrets; print(secrets.token_urlsafe(50))') python " +
        'manage.py runserver\nkey:\n\texport SECRET_KEY=$$(openssl rand -base64 48); python ' +
        'manage.py check\n'
    ],
    ['.env.example', 'SECRET_KEY=\n'],
    ['.env.example', 'SECRET_KEY=change-me\n'],
    ['.env.example', 'SECRET_KEY=<your-secret-key>\n'],
    ['.env.example', 'SECRET_KEY=__CHANGEME__\n'],
    ['.env.example', 'SECRET_KEY="your-secret-key-here"\n'],
    [
      'deploy.sh',
      'export SECRET_KEY="$(python -c \'from django.core.management.utils import get_random_secret_key ' +
        'as g; print(g())\')"\n'
    ],
    ['deploy.sh', 'export SECRET_KEY=$DJANGO_SECRET_KEY\n'],
    ['deploy.sh', 'SECRET_KEY=${SECRET_KEY:?set SECRET_KEY first} python manage.py check\n'],
    ['deploy.sh', 'echo "$SECRET_KEY" | wc -c\n'],
    ['deploy.sh', 'export STRIPE_SECRET_KEY={{KEY}}\n'],
    ['deploy.sh', 'export AWS_SECRET_ACCESS_KEY={{KEY}}\n'],
    ['Dockerfile.sh', 'SECRET_KEY=dummy python manage.py collectstatic --noinput\n'],
    ['.env.example', 'SECRET_KEY=django-insecure-change-me-in-production\n'],
    ['.env.example', 'SECRET_KEY=not-a-secret\n'],
    ['.env.example', 'SECRET_KEY=fake-key\n'],
    ['build.sh', 'SECRET_KEY=x&&python manage.py collectstatic\n'],
    [
      'deploy.sh',
      'heroku config:set SECRET_KEY="$(python -c "import secrets; print(secrets.token_urlsafe(50))")"\n'
    ],
    // Computed in every dialect: PowerShell commands and sub-expressions, fish, cmd, make.
    ['setup.ps1', '$env:SECRET_KEY = python -c "import secrets; print(secrets.token_urlsafe(50))"\n'],
    [
      'setup.ps1',
      '$env:DJANGO_SECRET_KEY = (& python -c "import secrets; print(secrets.token_urlsafe())")\n'
    ],
    ['config.fish', 'set -gx SECRET_KEY (python -c "import secrets; print(secrets.token_urlsafe())")\n'],
    [
      'env.cmd',
      'for /f "delims=" %%i in (\'python -c "import secrets; print(secrets.token_urlsafe())"\') do set ' +
        'SECRET_KEY=%%i\n'
    ],
    ['Makefile', 'SECRET_KEY ?= $(shell python -c "import secrets; print(secrets.token_urlsafe())")\n'],
    ['ci/configure.sh', "sed -i \"s/SECRET_KEY = ''/SECRET_KEY = '$NEW_KEY'/\" mysite/settings.py\n"],
    ['deploy.sh', 'export SECRET_KEY=/run/secrets/django_secret_key\n'],
    [
      '.env.example',
      'SECRET_KEY=  # generate one: python -c "import secrets; print(secrets.token_urlsafe(50))"\n'
    ],
    ['deploy.sh', 'export SECRET_KEY="$(cat /run/secrets/django_secret_key)"\n']
  ]
};

// One family, one sample list (its paths say which of the three reads each sample).
export const dotenvFormat: FormatReader = {
  extract: (text, { names }) => readShapes('dotenv', text, names),
  samples
};
export const shellFormat: FormatReader = {
  extract: (text, { names }) => readShapes('shell', text, names),
  samples
};
export const makeFormat: FormatReader = {
  extract: (text, { names }) => readShapes('make', text, names),
  samples
};
