/**
 * Rule `secret-key`: a literal, non-placeholder value bound to a guarded name, in any text file.
 * formats/ reads each file format into candidates, bind/ holds the binding shapes they share,
 * judge.ts decides each candidate; project-names.ts adds the names a project's settings read.
 */
import type { ContentRule } from '../types.js';
import { formatSamples } from './formats/index.js';
import { judgeText } from './judge.js';

export const secretKeyRule: ContentRule = {
  id: 'secret-key',
  title: 'literal Django SECRET_KEY',
  kind: 'content',
  detect: judgeText,
  samples: formatSamples()
};
