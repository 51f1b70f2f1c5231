import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/**
 * A plain uPlot chart for data that arrives whole (the loss analytics): rebuilt when `optionsKey` changes,
 * otherwise only given new data.
 */
export function PlotBox({
  options,
  optionsKey,
  data,
  height = 220,
  testId,
}: {
  options: (width: number, height: number) => uPlot.Options;
  optionsKey: string;
  data: uPlot.AlignedData;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const element = ref.current!;
    const width = () => Math.max(120, element.clientWidth);
    plot.current = new uPlot(options(width(), height), dataRef.current, element);
    const observer = new ResizeObserver(() => plot.current?.setSize({ width: width(), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // optionsKey stands for the options.
  }, [optionsKey, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div className="chart-body" ref={ref} data-testid={testId} />;
}
