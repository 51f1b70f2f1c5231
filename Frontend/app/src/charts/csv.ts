import type { SeriesColumns } from '../data/seriesColumns';

/** One CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A text field a spreadsheet will not run: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * is a formula to Excel, LibreOffice and Sheets, and a run id or series name comes from whoever wrote the data, so
 * such a value is prefixed with `'` (OWASP's advice for CSV injection). Numbers are written by `csvNumber`, never here.
 */
export function csvText(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function csvNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

/**
 * A chart's data as CSV, one row per point of every series (long format, which every tool reads): run id, series id,
 * step, wall time (ISO and ms), value, and the bucket's min and max.
 */
export function seriesToCsv(series: readonly SeriesColumns[]): string {
  const lines = ['run_id,series_id,step,time,time_ms,value,min,max,non_finite'];
  for (const s of series) {
    const run = csvText(s.runId);
    const seriesId = csvText(s.seriesId);
    for (let i = 0; i < s.length; i++) {
      const t = s.times[i];
      const iso = Number.isFinite(t) ? new Date(t).toISOString() : '';
      lines.push(
        `${run},${seriesId},${csvNumber(s.steps[i])},${iso},${csvNumber(t)},${csvNumber(s.values[i])},${csvNumber(s.mins[i])},${csvNumber(s.maxs[i])},${s.nonFinite ? s.nonFinite[i] : 0}`,
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** A file name safe on every system, from a metric name. */
export function csvFileName(metric: string): string {
  return `${metric.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'metric'}.csv`;
}
