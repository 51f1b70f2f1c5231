/**
 * Exponential moving average with TensorBoard's debiasing: the running average starts at zero, so each value is
 * divided by (1 - weight^n) to undo the pull towards zero of the first points. Non-finite values pass through
 * unchanged and do not enter the average; a constant series is returned as is (no rounding noise).
 */
export function smoothEma(values: ArrayLike<number>, length: number, weight: number, out?: Float64Array): Float64Array {
  const result = out && out.length >= length ? out : new Float64Array(length);
  const w = Math.min(Math.max(weight, 0), 0.999);
  let first = NaN;
  let constant = true;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) {
      constant = false;
      break;
    }
  }
  if (w === 0 || constant) {
    for (let i = 0; i < length; i++) result[i] = values[i];
    return result;
  }
  let last = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      result[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    count++;
    result[i] = last / (1 - Math.pow(w, count));
  }
  return result;
}
