/** Rule `secret-key`: a literal, non-placeholder value bound to a guarded name, in any text file. */
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
