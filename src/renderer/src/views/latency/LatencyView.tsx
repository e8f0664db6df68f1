/** RTT per API: percentiles over time and a histogram each, plus the core's per-connection figures. */
import { useMemo, useState } from 'react';
import { LatencyHistogram, NO_PCTS, type LatencySeries } from '../../lib/latency-series';
import { fmtInt, fmtMs } from '../../lib/format';
import { useActiveSnapshot, useActiveSummary, useSessionEvents } from '../../lib/hooks';
import { chartColors } from '../../lib/tone';
import { useNow } from '../../lib/use-now';
import { Segmented } from '../../components/controls';
import { EmptyState } from '../../components/EmptyState';
import { Section, Stat, Toolbar, ToolbarSep } from '../../components/Toolbar';
import { Th, Td } from '../../components/table';
import { NoSession } from '../../shell/NoSession';
import { Histogram } from './Histogram';
import { PercentileChart } from './PercentileChart';

type Window = '60' | '300' | '900' | 'all';

export function LatencyView(): React.JSX.Element {
  const summary = useActiveSummary();
  const snap = useActiveSnapshot();
  const ev = useSessionEvents(summary?.sessionId);
  const [api, setApi] = useState<string>('');
  const [win, setWin] = useState<Window>('300');
  const now = useNow(1000);
  const d = ev?.derived;
  const rev = ev?.rev ?? 0;

  const perApi = useMemo(() => {
    const out: { name: string; series: LatencySeries }[] = [];
    for (const [name, series] of d?.latency ?? []) out.push({ name, series });
    return out.sort((a, b) => b.series.total.count - a.series.total.count);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks changes of the mutable derived state
  }, [d, rev]);

  // The window is the most shown; the chart starts a little before the first reply in it.
  const first = Math.min(now, ...perApi.map((p) => p.series.firstTime() ?? now));
  const from = Math.max(win === 'all' ? 0 : now - Number(win) * 1000, Math.min(first - 5000, now - 30_000));
  const windowed = useMemo(
    () => perApi.map((p) => ({ name: p.name, series: p.series, hist: win === 'all' ? p.series.total : p.series.since(from) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks changes of the mutable derived state
    [perApi, from, win, rev],
  );
  const chosen = api ? windowed.filter((p) => p.name === api) : windowed;
  const total = useMemo(() => {
    if (chosen.length === 1) return chosen[0]!.hist.pcts();
    const h = new LatencyHistogram();
    for (const c of chosen) h.merge(c.hist);
    return h.pcts();
  }, [chosen]);
  const chartSeries = useMemo(() => chosen.map((c) => c.series), [chosen]);

  if (!summary || !d) return <NoSession icon="chart" what="The latency view charts round-trip times per API: percentiles over time and a histogram for each." />;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <Toolbar>
        <div className="flex flex-wrap gap-1" role="group" aria-label="API">
          <button type="button" aria-pressed={api === ''} onClick={() => setApi('')} className={`h-6 rounded-md border px-2 text-[11px] ${api === '' ? 'border-accent bg-accent-soft text-accent' : 'border-line-strong'}`}>
            All APIs
          </button>
          {perApi.map((p, i) => (
            <button
              key={p.name}
              type="button"
              aria-pressed={api === p.name}
              onClick={() => setApi(api === p.name ? '' : p.name)}
              className={`inline-flex h-6 items-center gap-1.5 rounded-md border px-2 text-[11px] ${api === p.name ? 'border-accent bg-accent-soft text-accent' : 'border-line-strong'}`}
            >
              <span className="size-2 rounded-sm" style={{ backgroundColor: chartColors[i % chartColors.length] }} />
              {p.name}
              <span className="num text-muted">{fmtInt(p.series.total.count)}</span>
            </button>
          ))}
        </div>
        <ToolbarSep />
        <Segmented<Window>
          label="Window"
          size="xs"
          value={win}
          onChange={setWin}
          options={[
            { value: '60', label: '1 min' },
            { value: '300', label: '5 min' },
            { value: '900', label: '15 min' },
            { value: 'all', label: 'All' },
          ]}
        />
        <span className="ml-auto flex gap-3">
          <Stat label="n" value={fmtInt(total.count)} />
          <Stat label="p50" value={fmtMs(total.p50)} testId="latency-p50" />
          <Stat label="p90" value={fmtMs(total.p90)} />
          <Stat label="p99" value={fmtMs(total.p99)} />
          <Stat label="max" value={fmtMs(total.max)} />
        </span>
      </Toolbar>
      {perApi.length === 0 ? (
        <EmptyState icon="chart" title="No reply timed yet" testId="latency-empty">
          Round-trip times come from every reply the session receives. Send a few requests with the <b>Metadata</b> button (or a burst from its menu) to fill
          the charts.
        </EmptyState>
      ) : (
        <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
          <div className="flex flex-col gap-3 p-4">
            <Section title={`Percentiles per second · ${api || 'all APIs'}`}>
              <div className="p-2">
                <PercentileChart series={chartSeries} from={from} to={now} rev={rev} />
              </div>
            </Section>
            <div className="grid grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-3">
              {windowed
                .filter((p) => !api || p.name === api)
                .map((p) => {
                  const pc = p.hist.count ? p.hist.pcts() : NO_PCTS;
                  const color = chartColors[perApi.findIndex((x) => x.name === p.name) % chartColors.length]!;
                  return (
                    <Section
                      key={p.name}
                      testId="latency-card"
                      title={
                        <span className="flex items-center gap-1.5 normal-case">
                          <span className="size-2 rounded-sm" style={{ backgroundColor: color }} />
                          <span className="text-fg">{p.name}</span>
                        </span>
                      }
                      actions={
                        <span className="flex gap-2.5">
                          <Stat label="n" value={fmtInt(pc.count)} />
                          <Stat label="p50" value={fmtMs(pc.p50)} />
                          <Stat label="p99" value={fmtMs(pc.p99)} />
                          <Stat label="max" value={fmtMs(pc.max)} />
                        </span>
                      }
                    >
                      <div className="p-2">
                        {pc.count > 0 ? <Histogram counts={p.hist.coarse} color={color} /> : <p className="py-10 text-center text-xs text-faint">No reply in this window.</p>}
                      </div>
                    </Section>
                  );
                })}
            </div>
            {snap && snap.connections.length > 0 ? (
              <Section title="Per connection (the core's RTT histogram, whole lifetime)">
                <table className="w-full border-separate border-spacing-0 text-xs">
                  <thead>
                    <tr>
                      <Th>Broker</Th>
                      <Th>Key</Th>
                      <Th align="right">Replies</Th>
                      <Th align="right">p50</Th>
                      <Th align="right">p90</Th>
                      <Th align="right">p99</Th>
                      <Th align="right">p99.9</Th>
                      <Th align="right">Max</Th>
                      <Th align="right">Timeouts</Th>
                      <Th align="right">Throttled</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {snap.connections.map((c) => {
                      const r = c.stats.rttUs;
                      const ms = (v: number): string => (r.count ? fmtMs(v / 1000) : '—');
                      return (
                        <tr key={c.connectionId} className="hover:bg-hover">
                          <Td mono className="border-b border-line/60">
                            {c.broker}
                          </Td>
                          <Td mono className="border-b border-line/60 text-muted">
                            {c.key}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {fmtInt(r.count)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {ms(r.p50)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {ms(r.p90)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {ms(r.p99)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {ms(r.p999)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {ms(r.max)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {fmtInt(c.stats.timeouts)}
                          </Td>
                          <Td mono align="right" className="border-b border-line/60">
                            {c.stats.throttleEvents ? `${c.stats.throttleEvents} (${fmtMs(c.stats.throttleTimeMsTotal)})` : '0'}
                          </Td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </Section>
            ) : null}
          </div>
        </div>
      )}
    </div>
  );
}
