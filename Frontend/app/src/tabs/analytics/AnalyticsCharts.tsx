import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { LossHistory, TimestepLosses } from '../../api/analytics';
import { PlotBox } from '../../charts/PlotBox';
import { toNumber } from '../../wire/numbers';
import { histogram } from './histogram';
import { accent, baseOptions, histogramOptions } from './plotOptions';

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/** Axis and legend labels read the latest history through a ref: the plot's options outlive a render. */
function useTimestepLabels(history: LossHistory | null) {
  const ref = useRef(history);
  ref.current = history;
  return useMemo(
    () => ({
      axis: (x: number) => {
        const t = ref.current?.timesteps[Math.round(x)]?.timestep;
        return Number.isInteger(x) && t ? t.replace('T', ' ').slice(5, 16) : '';
      },
      legend: (v: number | null) => (v == null ? '–' : (ref.current?.timesteps[v]?.timestep.replace('T', ' ') ?? '')),
    }),
    [],
  );
}

type TimestepRows = LossHistory['timesteps'];

/** How a chart bounds the mean: the lines above and below it and the fill between them. */
interface MeanBand {
  lines: (rows: TimestepRows) => { upper: number[]; mean: number[]; lower: number[] };
  upper: uPlot.Series;
  lower: uPlot.Series;
  fill: string;
}

/** The timestep mean between two bounding lines, the band between them filled. */
function MeanBandChart({ history, band, testId, optionsKey }: { history: LossHistory | null; band: MeanBand; testId: string; optionsKey: string }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const rows = history?.timesteps ?? [];
    const { upper, mean, lower } = band.lines(rows);
    return [rows.map((_, i) => i), upper.map(finiteOrNull), mean.map(finiteOrNull), lower.map(finiteOrNull)];
  }, [history, band]);
  const label = useTimestepLabels(history);
  return (
    <PlotBox
      testId={testId}
      optionsKey={optionsKey}
      data={data}
      options={(w, h) => ({
        ...baseOptions(w, h, label.axis),
        series: [
          { label: 'timestep', value: (_u, v) => label.legend(v) },
          band.upper,
          { label: 'mean', stroke: accent(), width: 2 },
          band.lower,
        ],
        bands: [{ series: [1, 3], fill: band.fill }],
      })}
    />
  );
}

const minMaxBand: MeanBand = {
  lines: (rows) => ({
    upper: rows.map((r) => toNumber(r.max)),
    mean: rows.map((r) => toNumber(r.mean)),
    lower: rows.map((r) => toNumber(r.min)),
  }),
  upper: { label: 'max', stroke: 'rgba(239,68,68,0.7)', width: 1 },
  lower: { label: 'min', stroke: 'rgba(96,165,250,0.8)', width: 1 },
  fill: 'rgba(148,163,184,0.15)',
};

const stdBand: MeanBand = {
  lines: (rows) => {
    const mean = rows.map((r) => toNumber(r.mean));
    const std = rows.map((r) => toNumber(r.std));
    return { upper: mean.map((m, i) => m + std[i]), mean, lower: mean.map((m, i) => m - std[i]) };
  },
  upper: { label: 'mean + std', stroke: 'rgba(148,163,184,0.6)', width: 1, dash: [4, 4] },
  lower: { label: 'mean − std', stroke: 'rgba(148,163,184,0.6)', width: 1, dash: [4, 4] },
  fill: 'rgba(52,211,153,0.15)',
};

/** Mean, min and max per timestep, the band between min and max filled. */
export function LossHistoryChart({ history, theme }: { history: LossHistory | null; theme: string }) {
  return <MeanBandChart history={history} band={minMaxBand} testId="analytics-history-chart" optionsKey={`history-${theme}`} />;
}

/** Timestep mean with a ±1 standard deviation band. */
export function MeanStdChart({ history, theme }: { history: LossHistory | null; theme: string }) {
  return <MeanBandChart history={history} band={stdBand} testId="analytics-std-chart" optionsKey={`std-${theme}`} />;
}

/** Distribution of the batch losses of one timestep. */
export function LossHistogram({ losses, theme }: { losses: TimestepLosses | null; theme: string }) {
  const bins = useMemo(() => histogram((losses?.losses ?? []).map(toNumber)), [losses]);
  const data = useMemo<uPlot.AlignedData>(() => [bins.centers, bins.counts], [bins]);
  return (
    <PlotBox
      testId="analytics-histogram"
      optionsKey={`hist-${theme}`}
      data={data}
      options={(w, h) => histogramOptions(w, h, 'rgba(52,211,153,0.35)')}
    />
  );
}

/** Every batch loss of one timestep, in batch order. */
export function BatchLossChart({ losses, theme }: { losses: TimestepLosses | null; theme: string }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const values = (losses?.losses ?? []).map(toNumber);
    return [values.map((_, i) => i), values.map(finiteOrNull)];
  }, [losses]);
  return (
    <PlotBox
      testId="analytics-batch-chart"
      optionsKey={`batch-${theme}`}
      data={data}
      options={(w, h) => ({
        ...baseOptions(w, h, (v) => String(Math.round(v))),
        series: [{ label: 'batch' }, { label: 'loss', stroke: accent(), width: 1.5 }],
      })}
    />
  );
}
