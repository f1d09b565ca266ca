/** New keys from a CSPRNG that pass Django's security.W009. */
import { randomInt } from 'node:crypto';

/** Django's get_random_secret_key() alphabet. */
export const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

/**
 * Safe unquoted in .env files, shells, compose files (`$` interpolation), decouple (`#` comments,
 * quotes), INI (`%` interpolation) and decouple's `Csv()` (no `,`): letters, digits and `-_+=@.:`.
 * 68 symbols × 50 characters ≈ 304 bits, more than Django's own 282.
 */
export const SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+=@.:';

const MIN_LENGTH = 50;
const MIN_UNIQUE = 5;
const ALNUM = /^[A-Za-z0-9]$/;

export interface KeygenOptions {
  /** Use Django's alphabet instead of the safe one. */
  django?: boolean;
  length?: number;
}

/** security.W009 as Django 3.2–5.x checks it. */
export function passesW009(key: string): boolean {
  return key.length >= MIN_LENGTH && new Set(key).size >= MIN_UNIQUE && !key.startsWith('django-insecure-');
}

/**
 * A new key (default 50 characters). The safe alphabet starts and ends with a letter or digit, so YAML and
 * shells read it plainly.
 */
export function keygen(options: KeygenOptions = {}): string {
  const alphabet = options.django ? DJANGO_ALPHABET : SAFE_ALPHABET;
  const length = Math.max(MIN_LENGTH, options.length ?? MIN_LENGTH);
  for (;;) {
    let key = '';
    for (let i = 0; i < length; i++) key += alphabet[randomInt(alphabet.length)];
    const plainEnds = options.django || (ALNUM.test(key[0]!) && ALNUM.test(key[key.length - 1]!));
    if (plainEnds && passesW009(key)) return key;
  }
}
