/** Fake secrets assembled at run time, so no real-looking key is ever a literal in this repo. */
export { sampleKey, expandSample } from '../../src/rules/samples.js';
import { sampleKey } from '../../src/rules/samples.js';

/** A startproject-style key: `django-insecure-` + 50 characters of Django's alphabet. */
export function insecureKey(seed = 7): string {
  return ['django', 'insecure', sampleKey(seed)].join('-');
}
