import { useMemo } from 'react';
import type uPlot from 'uplot';
import { perSecond, type LatencySeries } from '../../lib/latency-series';
import { fmtClock, fmtMs } from '../../lib/format';
import { UPlotChart } from '../../components/UPlotChart';

/** p50 / p90 / p99 per second, with the request count as bars behind. `rev` marks new replies in the series. */
export function PercentileChart({ series, from, to, rev }: { series: readonly LatencySeries[]; from: number; to: number; rev: number }): React.JSX.Element {
  const data = useMemo(() => {
    const ps = perSecond(series, from, to);
    return [ps.xs, ps.p50, ps.p90, ps.p99, ps.count] as unknown as uPlot.AlignedData;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks changes of the mutable series
  }, [series, from, to, rev]);
  return (
    <UPlotChart
      label="Latency percentiles per second"
      testId="percentile-chart"
      height={220}
      data={data}
      options={(t) => ({
        legend: { show: true, live: true },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true }, ms: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] }, n: { auto: true } },
        axes: [
          { stroke: t.axis, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid }, values: (_u, vals) => vals.map((v) => fmtClock(v * 1000).slice(0, 8)), space: 70 },
          { scale: 'ms', stroke: t.axis, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid }, values: (_u, vals) => vals.map((v) => fmtMs(v)), size: 64 },
          { scale: 'n', side: 1, stroke: t.axis, grid: { show: false }, ticks: { stroke: t.grid }, size: 40 },
        ],
        series: [
          { value: (_u, v) => (v == null ? '—' : fmtClock(v * 1000).slice(0, 8)) },
          { label: 'p50', scale: 'ms', stroke: '#3b82f6', width: 1.5, points: { size: 4 }, value: (_u, v) => (v == null ? '—' : fmtMs(v)) },
          { label: 'p90', scale: 'ms', stroke: '#f59e0b', width: 1.5, points: { size: 4 }, value: (_u, v) => (v == null ? '—' : fmtMs(v)) },
          { label: 'p99', scale: 'ms', stroke: '#ef4444', width: 1.5, points: { size: 4 }, value: (_u, v) => (v == null ? '—' : fmtMs(v)) },
          { label: 'requests/s', scale: 'n', stroke: 'rgba(100,116,139,0.5)', fill: 'rgba(100,116,139,0.12)', width: 1, points: { show: false } },
        ],
      })}
    />
  );
}
