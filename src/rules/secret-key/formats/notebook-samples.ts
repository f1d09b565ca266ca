/** Samples for the notebook extractor (see samples.ts for the stand-ins). */
import type { Samples } from '../../types.js';

type Cell = { cell_type: 'code' | 'markdown' | 'raw'; source: string | string[]; outputs?: unknown[] };

/** A notebook as nbformat writes it: one JSON string per source line, indent 1. */
function notebook(cells: Cell[], indent = 1): string {
  const full = cells.map((cell) => ({
    cell_type: cell.cell_type,
    metadata: {},
    source: Array.isArray(cell.source) ? cell.source : cell.source.split(/(?<=\n)/),
    ...(cell.cell_type === 'code' ? { execution_count: 1, outputs: cell.outputs ?? [] } : {})
  }));
  return JSON.stringify({ cells: full, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, indent) + '\n';
}

const code = (source: string | string[], outputs?: unknown[]): Cell => ({
  cell_type: 'code',
  source,
  outputs
});
const markdown = (source: string): Cell => ({ cell_type: 'markdown', source });
const stream = (text: string) => ({ output_type: 'stream', name: 'stdout', text: text.split(/(?<=\n)/) });
const N = 'notebooks/explore.ipynb';

export const samples: Samples = {
  hit: [
    [N, notebook([code("import os\nimport django\nSECRET_KEY = '{{KEY}}'\n")])],
    [
      N,
      notebook([
        markdown('# Setup\n'),
        code("import os\nos.environ['DJANGO_SECRET_KEY'] = '{{KEY}}'\ndjango.setup()")
      ])
    ],
    [
      N,
      notebook([
        code(
          'from django.conf import settings\nsettings.configure(\n    DEBUG=True,\n    SECRET_KEY="{{MEMORABLE}}",\n)'
        )
      ])
    ],
    [N, notebook([code("os.environ.setdefault('SECRET_KEY', '{{KEY}}')")])],
    [N, notebook([code('%env SECRET_KEY={{KEY}}\nimport django')])],
    [N, notebook([code('%load_ext dotenv\n!SECRET_KEY={{MEMORABLE}} python manage.py check')])],
    [N, notebook([code("%%bash\nexport SECRET_KEY='{{KEY}}'\npython manage.py migrate\n")])],
    [N, notebook([code('%%writefile .env\nDEBUG=1\nSECRET_KEY={{KEY}}\n')])],
    [N, notebook([code('%env', [stream("{'HOME': '/home/me',\n 'SECRET_KEY': '{{KEY}}'}\n")])])],
    [N, notebook([code('!cat .env', [stream('DEBUG=1\nSECRET_KEY={{KEY}}\n')])])],
    [N, notebook([markdown("Use this in settings.py:\n\n```python\nSECRET_KEY = '{{KEY}}'\n```\n")])],
    [N, notebook([code("SECRET_KEY = '{{KEY}}'")], 0)],
    [N, notebook([code(["# SECRET_KEY = '{{INSECURE}}'\n", "SECRET_KEY = config('SECRET_KEY')"])])],
    [
      N,
      JSON.stringify(
        {
          nbformat: 3,
          worksheets: [{ cells: [{ cell_type: 'code', input: ["SECRET_KEY = '{{KEY}}'\n"], outputs: [] }] }]
        },
        null,
        1
      )
    ],
    [
      N,
      '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n<<<<<<< HEAD\n    "SECRET_KEY = \'{{KEY}}\'\\n",\n=======\n    "SECRET_KEY = config(\'SECRET_KEY\')\\n",\n>>>>>>> main\n   ]\n  }\n ]\n}\n'
    ]
  ],
  miss: [
    [N, notebook([code("from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n")])],
    [N, notebook([code("os.environ['SECRET_KEY'] = getpass.getpass('SECRET_KEY: ')")])],
    [N, notebook([code('%env SECRET_KEY=change-me')])],
    [N, notebook([code("os.environ.setdefault('SECRET_KEY', 'not-a-secret')")])],
    [N, notebook([code('print(len(settings.SECRET_KEY))', [stream('50\n')])])],
    [N, notebook([markdown('Set `SECRET_KEY` in your environment before running this notebook.\n')])],
    [N, notebook([code("STRIPE_SECRET_KEY = '{{KEY}}'")])],
    [N, notebook([code('%env', [stream("{'SECRET_KEY': '<your-secret-key>'}\n")])])],
    [N, '{ "cells": [ not json SECRET_KEY']
  ]
};
