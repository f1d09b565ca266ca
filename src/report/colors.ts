/**
 * Colour functions for human output. picocolors is loaded only when colour is on: hooks write to a pipe and
 * never pay for it.
 */
import { createRequire } from 'node:module';

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const plain = (text: string) => text;
const PLAIN: Palette = { red: plain, yellow: plain, green: plain, bold: plain, dim: plain };

export function palette(enabled: boolean): Palette {
  if (!enabled) return PLAIN;
  const { createColors } = createRequire(import.meta.url)('picocolors') as typeof import('picocolors');
  return createColors(true);
}
