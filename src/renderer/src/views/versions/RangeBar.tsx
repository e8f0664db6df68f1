/** Client and broker version ranges on one scale, with a tick at the version in use. */
export function RangeBar({
  clientMin,
  clientMax,
  brokerMin,
  brokerMax,
  selected,
  scale,
}: {
  clientMin: number | null;
  clientMax: number | null;
  brokerMin: number | null;
  brokerMax: number | null;
  selected: number | null;
  scale: number;
}): React.JSX.Element {
  const pct = (v: number): string => `${(v / (scale + 1)) * 100}%`;
  const w = (lo: number, hi: number): string => `${((hi - lo + 1) / (scale + 1)) * 100}%`;
  return (
    <div className="relative h-3.5 w-36" aria-hidden="true">
      {clientMin !== null && clientMax !== null ? (
        <div className="absolute top-0.5 h-1 rounded-full bg-blue-500/70" style={{ left: pct(clientMin), width: w(clientMin, clientMax) }} />
      ) : null}
      {brokerMin !== null && brokerMax !== null ? (
        <div className="absolute top-2 h-1 rounded-full bg-zinc-400 dark:bg-zinc-500" style={{ left: pct(brokerMin), width: w(brokerMin, brokerMax) }} />
      ) : null}
      {selected !== null ? (
        <div className="absolute top-0 h-3.5 w-[3px] rounded-sm bg-emerald-500" style={{ left: `calc(${pct(selected)} + ${(1 / (scale + 1)) * 50}% - 1px)` }} />
      ) : null}
    </div>
  );
}
