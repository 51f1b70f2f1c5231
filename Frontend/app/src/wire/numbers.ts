import type { WireNumber } from './types';

/** A wire number as a JS number: the protocol spells non-finite values as strings, JSON having none. */
export function toNumber(value: WireNumber | null | undefined): number {
  if (typeof value === 'number') return value;
  switch (value) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case null:
    case undefined:
      return NaN;
    default: {
      const parsed = Number(value);
      return parsed;
    }
  }
}
