import { describe, expect, it } from 'vitest';
import { columnsFromMessage } from '../data/seriesColumns';
import { wireSeries } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import { csvField, csvFileName, csvText, seriesToCsv } from './csv';

describe('CSV', () => {
  it('writes one row per point with ISO time, envelope and non-finite spellings', () => {
    const series = columnsFromMessage(toColumns(wireSeries('run,"1"', 'loss', [0, 1], (s) => (s === 0 ? 0.5 : 'NaN'), { non_finite: [0, 2] })));

    const csv = seriesToCsv([series]);

    expect(csv).toBe(
      'run_id,series_id,step,time,time_ms,value,min,max,non_finite\r\n' +
        '"run,""1""",loss,0,2023-11-14T22:13:20.000Z,1700000000000,0.5,0.5,0.5,0\r\n' +
        '"run,""1""",loss,1,2023-11-14T22:13:21.000Z,1700000001000,NaN,NaN,NaN,2\r\n',
    );
  });

  it('quotes only fields that need it and makes safe file names', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvFileName('sys.gpu.0.util_percent{host=node-3}')).toBe('sys.gpu.0.util_percent_host_node-3.csv');
    expect(csvFileName('Loss/batch')).toBe('Loss_batch.csv');
  });

  it('neutralises text cells a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    const series = columnsFromMessage(toColumns(wireSeries('=HYPERLINK("http://x","y")', '@SUM(1)', [0], () => -0.5)));

    const row = seriesToCsv([series]).split('\r\n')[1];

    expect(row.startsWith(`"'=HYPERLINK(""http://x"",""y"")",'@SUM(1),0,`)).toBe(true);
    expect(row).toContain(',-0.5,-0.5,-0.5,0');
    for (const dangerous of ['=1+1', '+1', '-1', '@a', '\tx', '\rx']) {
      expect(csvText(dangerous).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvText('loss_t1')).toBe('loss_t1');
  });
});
