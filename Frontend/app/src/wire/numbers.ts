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

/** Copies a wire array into a Float64Array, turning the non-finite spellings into NaN and ±Infinity. */
export function toFloat64(values: readonly WireNumber[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : toNumber(v);
  }
  return out;
}
