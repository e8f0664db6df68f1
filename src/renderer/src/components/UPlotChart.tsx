/** uPlot in React: created once per theme/options, fed new data in place, sized to its box. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useUi } from '../stores/ui';

export interface ChartTheme {
  axis: string;
  grid: string;
}

function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  return { axis: css.getPropertyValue('--bs-chart-axis').trim() || '#666', grid: css.getPropertyValue('--bs-chart-grid').trim() || '#ddd' };
}

export function UPlotChart({
  options,
  data,
  height,
  label,
  testId,
}: {
  /** Options without width/height; called again when the theme changes. */
  options: (theme: ChartTheme) => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  label: string;
  testId?: string;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useUi((s) => s.theme);
  const optsRef = useRef(options);
  const dataRef = useRef(data);
  useEffect(() => {
    optsRef.current = options;
    dataRef.current = data;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let u: uPlot | null = null;
    let ro: ResizeObserver | null = null;
    // Each chart is made in a task of its own, so a view with several charts (Latency has one per
    // API) does not mount in one long task.
    const timer = setTimeout(() => {
      const made = new uPlot({ ...optsRef.current(readTheme()), width: Math.max(100, el.clientWidth), height }, dataRef.current, el);
      u = made;
      plot.current = made;
      ro = new ResizeObserver(() => {
        const w = Math.max(100, el.clientWidth);
        if (Math.abs(w - made.width) > 1) made.setSize({ width: w, height });
      });
      ro.observe(el);
    }, 0);
    return () => {
      clearTimeout(timer);
      ro?.disconnect();
      u?.destroy();
      plot.current = null;
    };
  }, [theme, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} className="w-full min-w-0" />;
}
