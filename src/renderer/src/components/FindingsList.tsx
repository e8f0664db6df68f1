/** Findings of a diagnosis: severity, title, the cause in plain words, the fix, and the events that prove it. */
import { useState } from 'react';
import type { FindingData } from '@shared/api/contract';
import { fmtClock } from '../lib/format';
import { Badge } from './Badge';
import { Icon } from './Icon';

const tone = { error: 'err', warning: 'warn', info: 'info' } as const;

function Finding({ f }: { f: FindingData }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <li className="flex flex-col gap-1 border-b border-line px-3 py-2.5 last:border-0" data-testid="finding" data-code={f.code}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={tone[f.severity]} className="uppercase">
          {f.severity}
        </Badge>
        <span className="text-[13px] font-semibold">{f.title}</span>
        <span className="font-mono text-[11px] text-faint">{f.code}</span>
        {f.broker ? <span className="ml-auto font-mono text-[11px] text-muted">{f.broker}</span> : null}
      </div>
      <p className="text-[13px]">{f.cause}</p>
      <p className="flex items-start gap-1.5 rounded-md bg-emerald-50 px-2 py-1.5 text-xs text-emerald-900 dark:bg-emerald-400/10 dark:text-emerald-200">
        <Icon name="check" className="mt-px size-3.5 shrink-0" />
        <span>
          <b>Fix:</b> {f.fix}
        </span>
      </p>
      {f.evidence.length > 0 ? (
        <div>
          <button type="button" className="flex items-center gap-1 text-[11.5px] text-muted hover:text-fg" aria-expanded={open} onClick={() => setOpen(!open)}>
            <Icon name={open ? 'chevronDown' : 'chevronRight'} className="size-3" />
            Evidence ({f.evidence.length})
          </button>
          {open ? (
            <ol className="mt-1 flex flex-col gap-0.5 rounded border border-line bg-panel p-1.5 font-mono text-[11px]">
              {f.evidence.map((e, i) => (
                <li key={i} className="flex gap-2">
                  <span className="shrink-0 text-faint">{e.time ? fmtClock(e.time) : '—'}</span>
                  <span className="shrink-0 text-muted">{e.type}</span>
                  <span className="min-w-0 break-words">{e.summary}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function FindingsList({ findings, empty }: { findings: readonly FindingData[]; empty: string }): React.JSX.Element {
  if (findings.length === 0) return <p className="p-3 text-xs text-muted">{empty}</p>;
  return (
    <ul className="flex flex-col" data-testid="findings">
      {findings.map((f, i) => (
        <Finding key={`${f.code}-${f.broker ?? ''}-${i}`} f={f} />
      ))}
    </ul>
  );
}
