/**
 * Rule samples are written with stand-ins that are expanded at run time, so this repository never
 * contains a real-looking key as a literal (its own hook scans it):
 *   {{KEY}}        a random-looking 50-character key in Django's alphabet
 *   {{INSECURE}}   `django-insecure-` + such a key, as `startproject` writes it
 *   {{MEMORABLE}}  a human-chosen, memorable key (still a real key)
 *   {{B64KEY}}     base64 of {{KEY}} (Kubernetes Secret `data`)
 *   {{B64PLACEHOLDER}} base64 of a self-describing placeholder
 * The stand-ins themselves read as template references, so the unexpanded sources pass.
 */

const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

/** Deterministic key from a seed (xorshift), so failures reproduce. Not for real keys: see keys.ts. */
export function sampleKey(seed = 1, length = 50, alphabet = DJANGO_ALPHABET): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  while (out.length < length) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const MEMORABLE = ['Tr0mbone', 'Harbor', 'Lights', String(2000 + 31)]
  .join('!')
  .replace('!Lights', '-Lights')
  .replace('!20', '-20');

export function expandSample(text: string, seed = 1): string {
  const key = sampleKey(seed);
  // Function replacers: a key may contain `$&` or `$'`, which a replacement string would expand.
  return text
    .replace(/\{\{KEY\}\}/g, () => key)
    .replace(/\{\{INSECURE\}\}/g, () => 'django-' + 'insecure-' + key)
    .replace(/\{\{MEMORABLE\}\}/g, () => MEMORABLE)
    .replace(/\{\{B64KEY\}\}/g, () => Buffer.from(key).toString('base64'))
    .replace(/\{\{B64PLACEHOLDER\}\}/g, () => Buffer.from('change-me').toString('base64'));
}
