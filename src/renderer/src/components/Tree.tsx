/** A collapsible JSON tree, for decoded requests, responses and raw events. */
import { useState } from 'react';
import { Icon } from './Icon';

const SHOWN = 100;

function summary(v: unknown): string {
  if (Array.isArray(v)) return `Array(${v.length})`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    return `{${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}}`;
  }
  return '';
}

function Leaf({ value }: { value: unknown }): React.JSX.Element {
  if (value === null || value === undefined) return <span className="text-faint italic">{String(value)}</span>;
  if (typeof value === 'string') return <span className="break-all text-emerald-700 dark:text-emerald-400">"{value}"</span>;
  if (typeof value === 'number') return <span className="text-blue-700 dark:text-sky-300">{value}</span>;
  if (typeof value === 'boolean') return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth, open: initiallyOpen }: { name: string; value: unknown; depth: number; open: number }): React.JSX.Element {
  const branch = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < initiallyOpen);
  const [all, setAll] = useState(false);
  if (!branch)
    return (
      <div className="flex gap-1.5 py-px" style={{ paddingLeft: depth * 12 + 14 }}>
        <span className="shrink-0 text-muted">{name}:</span>
        <Leaf value={value} />
      </div>
    );
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
  if (entries.length === 0)
    return (
      <div className="flex gap-1.5 py-px" style={{ paddingLeft: depth * 12 + 14 }}>
        <span className="shrink-0 text-muted">{name}:</span>
        <span className="text-faint">{Array.isArray(value) ? '[]' : '{}'}</span>
      </div>
    );
  const shown = all ? entries : entries.slice(0, SHOWN);
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-1 py-px text-left hover:bg-hover"
        style={{ paddingLeft: depth * 12 }}
      >
        <Icon name={open ? 'chevronDown' : 'chevronRight'} className="size-3 text-faint" />
        <span className="text-muted">{name}</span>
        {!open ? <span className="truncate text-faint">{summary(value)}</span> : Array.isArray(value) ? <span className="text-faint">[{value.length}]</span> : null}
      </button>
      {open ? (
        <>
          {shown.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} open={initiallyOpen} />
          ))}
          {entries.length > shown.length ? (
            <button type="button" onClick={() => setAll(true)} className="py-px text-accent hover:underline" style={{ paddingLeft: (depth + 1) * 12 + 14 }}>
              … {entries.length - shown.length} more
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function Tree({ value, name = 'root', open = 2, testId }: { value: unknown; name?: string; open?: number; testId?: string }): React.JSX.Element {
  return (
    <div className="font-mono text-[11.5px] leading-[18px] select-text" data-testid={testId} role="tree">
      <Node name={name} value={value} depth={0} open={open} />
    </div>
  );
}
