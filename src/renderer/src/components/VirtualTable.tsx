/**
 * A virtualised table (only the rows on screen are in the DOM): 100k+ rows scroll smoothly.
 * Optional follow-tail: stays at the newest row until the user scrolls up, resumes at the bottom.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { elementScroll, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import type { RowList } from '../lib/event-window';
import { SlotKeys } from '../lib/slot-keys';

export interface Column<T> {
  id: string;
  header: ReactNode;
  /** A fixed width ("72px") or a share of the rest with a minimum ("minmax(200px, 1fr)"). */
  width: string;
  align?: 'left' | 'right';
  mono?: boolean;
  render: (row: T, index: number) => ReactNode;
  /** Classes for the cell itself (tone, weight): one element per cell instead of a styled span inside. */
  cellClass?: (row: T) => string;
  title?: (row: T) => string | undefined;
}

export const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 28;
// The virtualizer keeps the functions of its first options for good; made out here, they keep
// no render's scope (and so no old `rows`) alive with them.
const rowHeight = (): number => ROW_HEIGHT;
/**
 * The viewport's size, from a ResizeObserver alone, passed on in a task of its own. The
 * virtualizer's default reads the element's size at once, which lays the page out inside
 * the commit that mounts the table (12–20 ms more in a view switch); and a size handed over
 * inside the observer's callback would render the table again inside the frame that first
 * lays it out.
 */
const observeRect = (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void): (() => void) | undefined => {
  const el = instance.scrollElement;
  if (!el) return undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const ro = new ResizeObserver((entries) => {
    const r = entries.at(-1)?.contentRect;
    if (!r) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      cb({ width: Math.round(r.width), height: Math.round(r.height) });
    }, 0);
  });
  ro.observe(el);
  return () => {
    ro.disconnect();
    if (timer) clearTimeout(timer);
  };
};
/** Scroll elements that have scrolled (a table that has not is at the top). */
const moved = new WeakSet<Element>();
/**
 * The virtualizer scrolls its element to its offset when it attaches to it: for a table just
 * mounted that is 0, where it already is, and the write would only lay the page out inside
 * the commit (20 ms more in a view switch). Skipped then; every other scroll goes through.
 */
const scrollTo = (offset: number, opts: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>): void => {
  const el = instance.scrollElement;
  if (el && !moved.has(el) && offset + (opts.adjustments ?? 0) === 0) return;
  if (el) moved.add(el);
  elementScroll(offset, opts, instance);
};
const elementOf =
  (ref: React.RefObject<HTMLDivElement | null>): (() => HTMLDivElement | null) =>
  () =>
    ref.current;

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
  indexOfKey,
}: {
  /** An array, or anything that gives a row by index (an event window makes rows on demand). */
  rows: RowList<T>;
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
  /** Finds a key's row faster than trying every row (rows in seq order: a binary search). */
  indexOfKey?: (key: string) => number;
}): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  // The virtualizer hands back functions the React Compiler must not memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    // Following, the rows on screen are the tail (below), and the virtualizer is given no rows:
    // told of 150 000, it lays all of them out again (an array of that size) each time the count
    // changes, which under a stream is every update.
    count: follow ? 0 : rows.length,
    getScrollElement: elementOf(scrollRef),
    estimateSize: rowHeight,
    overscan: 8,
    observeElementRect: observeRect,
    scrollToFn: scrollTo,
    scrollMargin: HEADER_HEIGHT,
  });
  const widths = columns.map((c) => trackStyle(c.width));
  // Narrower than its columns' minimums, the table scrolls sideways (header included).
  const minWidth = columns.reduce((a, c) => a + Number(/(\d+)px/.exec(c.width)?.[1] ?? 80), 0);

  // Following: to the bottom once per commit, at the start of the next frame. Scrolling lays the
  // page out; in the frame that is the layout the frame does anyway, where in the commit it was
  // a second one, forced, in the same task as the update. (The virtualizer's scrollToIndex keeps
  // re-checking its target every frame for a while, each time forcing a layout.)
  const toBottom = useRef(0);
  useLayoutEffect(() => {
    if (!follow || rows.length === 0) return;
    cancelAnimationFrame(toBottom.current);
    toBottom.current = requestAnimationFrame(() => {
      const el = scrollRef.current;
      if (el) el.scrollTop = el.scrollHeight;
    });
  }, [follow, rows.length]);
  useEffect(() => () => cancelAnimationFrame(toBottom.current), []);

  useEffect(() => {
    if (!scrollToKey) return;
    const i = indexOfKey ? indexOfKey(scrollToKey) : findKey(rows, rowKey, scrollToKey);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [scrollToKey, rows, rowKey, indexOfKey, virtualizer]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (el) moved.add(el);
    if (!el || !onFollowChange) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    if (follow && el.scrollTop < lastTop.current - 2 && !atBottom) onFollowChange(false);
    else if (!follow && atBottom && el.scrollTop > lastTop.current) onFollowChange(true);
    lastTop.current = el.scrollTop;
  };

  // Following, the rows on screen are the last ones: render them straight away, rather than
  // the range of the old scroll position until the scroll event comes back a frame later.
  // Until the viewport has been measured (a frame after mounting), no rows: the frame that
  // first lays out a newly opened view then has the rest of the view to do, and the rows come
  // in the next one.
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const items = follow ? tailItems(rows.length, viewport) : virtualizer.getVirtualItems();
  // Row elements are kept across updates (lib/slot-keys): keyed by slot, not by row.
  const [slots] = useState(() => new SlotKeys());
  const slotKeys = slots.assign(items.map((item) => item.index));
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
          className="sticky top-0 z-10 flex items-center border-b border-line bg-panel text-[11px] font-medium text-muted"
          style={{ height: HEADER_HEIGHT }}
        >
          {columns.map((c, i) => (
            <div key={c.id} role="columnheader" style={widths[i]} className={`truncate px-2 ${c.align === 'right' ? 'text-right' : ''}`}>
              {c.header}
            </div>
          ))}
        </div>
        {rows.length === 0 ? (
          empty
        ) : (
          <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
            {items.map((item, n) => {
              const row = rows.at(item.index)!;
              const key = rowKey(row, item.index);
              const selected = key === selectedKey;
              return (
                <div
                  key={slotKeys[n]}
                  role="row"
                  aria-selected={selected}
                  aria-rowindex={item.index + 1}
                  data-testid={rowTestId}
                  onClick={() => onSelect?.(row, item.index)}
                  className={`absolute inset-x-0 flex cursor-default items-center border-b border-line/60 text-xs ${
                    selected ? 'bg-selected shadow-[inset_2px_0_0_var(--bs-selected-line)]' : `hover:bg-hover ${item.index % 2 ? 'bg-panel/40' : ''}`
                  } ${rowClass?.(row) ?? ''}`}
                  style={{ top: 0, transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT, contain: 'strict' }}
                >
                  {columns.map((c, i) => (
                    <div
                      key={c.id}
                      role="cell"
                      style={widths[i]}
                      title={c.title?.(row)}
                      className={`truncate px-2 ${c.align === 'right' ? 'text-right' : ''} ${c.mono ? 'num' : ''} ${c.cellClass?.(row) ?? ''}`}
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

/**
 * A column's width as flex sizing: rows are flex lines, not grids (a grid sizes its tracks
 * again for every row laid out, and under a stream every row on screen is new each update).
 */
const tracks = new Map<string, React.CSSProperties>();
function trackStyle(width: string): React.CSSProperties {
  let t = tracks.get(width);
  if (!t) {
    const px = /^(\d+)px$/.exec(width);
    const share = /^minmax\((\d+)px,\s*([\d.]+)fr\)$/.exec(width);
    t = px ? { flex: `0 0 ${px[1]}px` } : share ? { flex: `${share[2]} 1 0px`, minWidth: Number(share[1]) } : { flex: '1 1 0px', minWidth: 80 };
    tracks.set(width, t);
  }
  return t;
}

function findKey<T>(rows: RowList<T>, rowKey: (row: T, index: number) => string, key: string): number {
  for (let i = 0; i < rows.length; i++) if (rowKey(rows.at(i)!, i) === key) return i;
  return -1;
}

/** The last rows that fill a viewport `height` px tall, plus one, as the virtualizer would place them. */
function tailItems(count: number, height: number): { index: number; start: number }[] {
  const n = height > 0 ? Math.min(count, Math.ceil(height / ROW_HEIGHT) + 1) : 0;
  const out: { index: number; start: number }[] = [];
  for (let i = count - n; i < count; i++) out.push({ index: i, start: HEADER_HEIGHT + i * ROW_HEIGHT });
  return out;
}
