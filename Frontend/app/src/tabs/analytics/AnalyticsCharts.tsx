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

/** Mean, min and max per timestep, the band between min and max filled. */
export function LossHistoryChart({ history, theme }: { history: LossHistory | null; theme: string }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const rows = history?.timesteps ?? [];
    return [
      rows.map((_, i) => i),
      rows.map((r) => finiteOrNull(toNumber(r.max))),
      rows.map((r) => finiteOrNull(toNumber(r.mean))),
      rows.map((r) => finiteOrNull(toNumber(r.min))),
    ];
  }, [history]);
  const label = useTimestepLabels(history);
  return (
    <PlotBox
      testId="analytics-history-chart"
      optionsKey={`history-${theme}`}
      data={data}
      options={(w, h) => ({
        ...baseOptions(w, h, label.axis),
        series: [
          { label: 'timestep', value: (_u, v) => label.legend(v) },
          { label: 'max', stroke: 'rgba(239,68,68,0.7)', width: 1 },
          { label: 'mean', stroke: accent(), width: 2 },
          { label: 'min', stroke: 'rgba(96,165,250,0.8)', width: 1 },
        ],
        bands: [{ series: [1, 3], fill: 'rgba(148,163,184,0.15)' }],
      })}
    />
  );
}

/** Timestep mean with a ±1 standard deviation band. */
export function MeanStdChart({ history, theme }: { history: LossHistory | null; theme: string }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const rows = history?.timesteps ?? [];
    const mean = rows.map((r) => toNumber(r.mean));
    const std = rows.map((r) => toNumber(r.std));
    return [
      rows.map((_, i) => i),
      mean.map((m, i) => finiteOrNull(m + std[i])),
      mean.map(finiteOrNull),
      mean.map((m, i) => finiteOrNull(m - std[i])),
    ];
  }, [history]);
  const label = useTimestepLabels(history);
  return (
    <PlotBox
      testId="analytics-std-chart"
      optionsKey={`std-${theme}`}
      data={data}
      options={(w, h) => ({
        ...baseOptions(w, h, label.axis),
        series: [
          { label: 'timestep', value: (_u, v) => label.legend(v) },
          { label: 'mean + std', stroke: 'rgba(148,163,184,0.6)', width: 1, dash: [4, 4] },
          { label: 'mean', stroke: accent(), width: 2 },
          { label: 'mean − std', stroke: 'rgba(148,163,184,0.6)', width: 1, dash: [4, 4] },
        ],
        bands: [{ series: [1, 3], fill: 'rgba(52,211,153,0.15)' }],
      })}
    />
  );
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
