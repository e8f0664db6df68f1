/** One lane per connection, from its first event to its close; the marker's colour is the close reason. */
import { fmtClock, shortId } from '../../lib/format';
import { closeReasonColor } from '../../lib/tone';
import type { TimelineLane } from './model';

const LANE = 18;

export function CloseTimeline({
  lanes,
  from,
  to,
  selected,
  onSelect,
}: {
  lanes: TimelineLane[];
  from: number;
  to: number;
  selected: string | null;
  onSelect: (closeKey: string) => void;
}): React.JSX.Element {
  const span = Math.max(1, to - from);
  const x = (t: number): string => `${((t - from) / span) * 100}%`;
  const ticks = Array.from({ length: 5 }, (_, i) => from + (span * i) / 4);
  return (
    <div className="flex flex-col gap-1 px-3 py-2" data-testid="close-timeline">
      <div className="relative ml-44 h-4 text-[10px] text-faint">
        {ticks.map((t, i) => (
          <span key={i} className={`num absolute whitespace-nowrap ${i === 0 ? '' : i === ticks.length - 1 ? '-translate-x-full' : '-translate-x-1/2'}`} style={{ left: x(t) }}>
            {span < 10_000 ? fmtClock(t) : fmtClock(t).slice(0, 8)}
          </span>
        ))}
      </div>
      <div className="flex flex-col" style={{ gap: 2 }}>
        {lanes.map((l) => (
          <div key={l.connectionId} className="flex items-center" style={{ height: LANE }}>
            <span className="w-44 shrink-0 truncate pr-2 text-right font-mono text-[10.5px] text-muted" title={`${l.broker} · ${l.connectionId}${l.session ? ` · ${l.session}` : ''}`}>
              {l.session ? `${l.session} · ` : ''}
              {l.broker} <span className="text-faint">{shortId(l.connectionId).slice(0, 4)}</span>
            </span>
            <div className="relative h-full flex-1 border-l border-line">
              {ticks.slice(1).map((t, i) => (
                <span key={i} className="absolute inset-y-0 w-px bg-line/60" style={{ left: x(t) }} />
              ))}
              <span
                className={`absolute top-1/2 h-1.5 -translate-y-1/2 rounded-full ${l.close ? 'bg-zinc-300 dark:bg-zinc-600' : 'bg-emerald-400/70'}`}
                style={{ left: x(l.openedAt), width: `max(2px, calc(${x(l.close?.time ?? to)} - ${x(l.openedAt)}))` }}
              />
              {l.close ? (
                <button
                  type="button"
                  aria-label={`${l.close.reason} at ${fmtClock(l.close.time)}`}
                  title={`${l.close.reason} in ${l.close.state} · ${fmtClock(l.close.time)}\n${l.close.message}`}
                  onClick={() => onSelect(l.closeKey!)}
                  className={`absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 rotate-45 border-2 border-raised ${selected === l.closeKey ? 'ring-2 ring-accent' : ''}`}
                  style={{ left: x(l.close.time), backgroundColor: closeReasonColor(l.close.reason) }}
                />
              ) : null}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
