import { useMemo } from 'react';
import type uPlot from 'uplot';
import { PlotBox } from '../../charts/PlotBox';
import { toNumber } from '../../wire/numbers';
import { binsOf } from './histogram';
import { histogramOptions } from './plotOptions';
import type { RunHistogramState } from './useRunHistogram';

/** Every batch loss of the run, binned by the server (Freedman–Diaconis); NaN and ±Inf counted beside it. */
export function RunHistogram({ state, theme }: { state: RunHistogramState; theme: string }) {
  const { histogram } = state;
  const data = useMemo<uPlot.AlignedData>(() => {
    if (!histogram) return [[], []];
    const bins = binsOf(histogram.edges.map(toNumber), histogram.counts);
    return [bins.centers, bins.counts];
  }, [histogram]);
  const nf = histogram?.non_finite;
  return (
    <div data-testid="analytics-run-histogram" data-count={histogram?.count ?? 0} data-bins={histogram?.counts.length ?? 0}>
      <PlotBox
        optionsKey={`run-hist-${theme}`}
        data={data}
        options={(w, h) => histogramOptions(w, h, 'rgba(96,165,250,0.35)')}
      />
      <p className="muted histogram-note" data-testid="analytics-run-histogram-non-finite">
        {histogram
          ? `${nf?.nan ?? 0} NaN · ${nf?.positive_infinity ?? 0} +Inf · ${nf?.negative_infinity ?? 0} −Inf (not binned)`
          : state.missing
            ? 'No losses yet.'
            : (state.error ?? 'loading…')}
      </p>
    </div>
  );
}
