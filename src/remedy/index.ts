/** keygen and rotate: new keys from a CSPRNG, and moving to one without logging everyone out. */
export { keygen, passesW009, DJANGO_ALPHABET, SAFE_ALPHABET, type KeygenOptions } from './keygen.js';
export { rotate, type RotateOptions, type RotateResult } from './rotate.js';
