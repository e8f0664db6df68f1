import { useMemo } from 'react';
import uPlot from 'uplot';
import { UPlotChart } from '../../components/UPlotChart';
import { COARSE_BUCKETS as BUCKETS } from '../../lib/latency-series';

const bars = uPlot.paths.bars!({ size: [0.8, 40], align: 0 });

function bucketLabel(i: number): string {
  const hi = BUCKETS[i]!;
  return Number.isFinite(hi) ? `≤${hi}` : `>${BUCKETS[i - 1]}`;
}

/** Request count per latency bucket (powers of two, in ms). */
export function Histogram({ counts, color }: { counts: readonly number[]; color: string }): React.JSX.Element {
  const data = useMemo(() => [BUCKETS.map((_, i) => i), [...counts]] as uPlot.AlignedData, [counts]);
  return (
    <UPlotChart
      label="Latency histogram"
      testId="latency-histogram"
      height={120}
      data={data}
      options={(t) => ({
        legend: { show: false },
        cursor: { show: true, points: { show: false } },
        scales: { x: { time: false, range: [-0.5, BUCKETS.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { stroke: t.axis, grid: { show: false }, ticks: { stroke: t.grid }, splits: () => BUCKETS.map((_, i) => i), values: (_u, vals) => vals.map((v) => (v % 2 === 0 ? bucketLabel(v) : '')), size: 24, font: '10px sans-serif' },
          {
            stroke: t.axis,
            grid: { stroke: t.grid, width: 1 },
            ticks: { stroke: t.grid },
            size: 40,
            font: '10px sans-serif',
            values: (_u, vals) => vals.map((v) => (v >= 1000 ? `${+(v / 1000).toFixed(1)}k` : String(v))),
          },
        ],
        series: [{}, { label: 'requests', stroke: color, fill: `${color}99`, width: 1, paths: bars, points: { show: false } }],
      })}
    />
  );
}
