/**
 * A virtualised table (only the rows on screen are in the DOM): 100k+ rows scroll smoothly.
 * Optional follow-tail: stays at the newest row until the user scrolls up, resumes at the bottom.
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  id: string;
  header: ReactNode;
  /** CSS grid track: "72px", "minmax(200px, 1fr)"… */
  width: string;
  align?: 'left' | 'right';
  mono?: boolean;
  render: (row: T, index: number) => ReactNode;
  title?: (row: T) => string | undefined;
}

export const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 28;

export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  selectedKey,
  onSelect,
  follow = false,
  onFollowChange,
  rowClass,
  label,
  testId,
  rowTestId,
  empty,
  scrollToKey,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  selectedKey?: string | null;
  onSelect?: (row: T, index: number) => void;
  follow?: boolean;
  onFollowChange?: (follow: boolean) => void;
  rowClass?: (row: T) => string;
  label: string;
  testId?: string;
  rowTestId?: string;
  empty?: ReactNode;
  /** Brings this row into view when it changes (keyboard navigation). */
  scrollToKey?: string | null;
}): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  // The virtualizer hands back functions the React Compiler must not memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 24,
    scrollMargin: HEADER_HEIGHT,
  });
  const template = columns.map((c) => c.width).join(' ');
  // Narrower than its columns' minimums, the table scrolls sideways (header included).
  const minWidth = columns.reduce((a, c) => a + Number(/(\d+)px/.exec(c.width)?.[1] ?? 80), 0);

  useLayoutEffect(() => {
    if (follow && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [follow, rows.length, virtualizer]);

  useEffect(() => {
    if (!scrollToKey) return;
    const i = rows.findIndex((r, idx) => rowKey(r, idx) === scrollToKey);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [scrollToKey, rows, rowKey, virtualizer]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el || !onFollowChange) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    if (follow && el.scrollTop < lastTop.current - 2 && !atBottom) onFollowChange(false);
    else if (!follow && atBottom && el.scrollTop > lastTop.current) onFollowChange(true);
    lastTop.current = el.scrollTop;
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      role="table"
      aria-label={label}
      aria-rowcount={rows.length}
      data-testid={testId}
      className="relative min-h-0 flex-1 overflow-auto [overflow-anchor:none] [will-change:transform]"
    >
      <div style={{ minWidth }}>
        <div
          role="row"
          className="sticky top-0 z-10 grid items-center border-b border-line bg-panel text-[11px] font-medium text-muted"
          style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
        >
          {columns.map((c) => (
            <div key={c.id} role="columnheader" className={`truncate px-2 ${c.align === 'right' ? 'text-right' : ''}`}>
              {c.header}
            </div>
          ))}
        </div>
        {rows.length === 0 ? (
          empty
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const key = rowKey(row, item.index);
              const selected = key === selectedKey;
              return (
                <div
                  key={key}
                  role="row"
                  aria-selected={selected}
                  aria-rowindex={item.index + 1}
                  data-testid={rowTestId}
                  onClick={() => onSelect?.(row, item.index)}
                  className={`absolute inset-x-0 grid cursor-default items-center border-b border-line/60 text-xs ${
                    selected ? 'bg-selected shadow-[inset_2px_0_0_var(--bs-selected-line)]' : `hover:bg-hover ${item.index % 2 ? 'bg-panel/40' : ''}`
                  } ${rowClass?.(row) ?? ''}`}
                  style={{ top: 0, transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT, gridTemplateColumns: template, contain: 'strict' }}
                >
                  {columns.map((c) => (
                    <div
                      key={c.id}
                      role="cell"
                      title={c.title?.(row)}
                      className={`truncate px-2 ${c.align === 'right' ? 'text-right' : ''} ${c.mono ? 'num' : ''}`}
                    >
                      {c.render(row, item.index)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
