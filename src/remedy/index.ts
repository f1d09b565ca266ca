/**
 * The remedy wing: fix (fix.ts: literal keys → .env read by decouple/environ), keygen and rotate (new
 * keys from a CSPRNG, and moving to one without logging everyone out). Each plans first (plan.ts),
 * shows a masked diff (diff.ts), then writes all-or-nothing (transaction.ts).
 */
export { fix, type FixOptions, type FixResult } from './fix.js';
export { keygen, passesW009, DJANGO_ALPHABET, SAFE_ALPHABET, type KeygenOptions } from './keygen.js';
export { rotate, type RotateOptions, type RotateResult } from './rotate.js';
