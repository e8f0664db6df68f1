import { describe, expect, it } from 'vitest';
import type { BrokerscopeApi, EventBatch } from '@shared/api/contract';
import { chunkSizeFor, createSessionFeed } from './session-feed';

const ev = (seq: number) => ({
  seq,
  event: { type: 'pool.reaped', key: 'k', idleMs: 1, time: 0, mono: 0, poolId: 'p' } as const,
});

function fakeApi() {
  let listener: ((b: EventBatch) => void) | null = null;
  const api = {
    transport: 'websocket',
    on: (_e: string, l: (b: EventBatch) => void) => {
      listener = l;
      return () => (listener = null);
    },
    call: async (_m: string, p: { beforeSeq?: number; limit: number }) => {
      const hi = (p.beforeSeq ?? 11) - 1;
      const lo = Math.max(1, hi - p.limit + 1);
      return {
        events: Array.from({ length: hi - lo + 1 }, (_, i) => ev(lo + i)),
        hasMore: lo > 1,
        oldestSeq: 1,
        newestSeq: 10,
      };
    },
  } as unknown as BrokerscopeApi;
  return { api, push: (b: EventBatch) => listener?.(b) };
}

describe('session feed', () => {
  it('appends batches, marks the gaps drops left, and pages older events in', async () => {
    const { api, push } = fakeApi();
    const feed = createSessionFeed(api, 's');
    push({ sessionId: 'other', events: [ev(1)], dropped: 0, droppedTotal: 0, newestSeq: 1 });
    push({ sessionId: 's', events: [ev(1), ev(2)], dropped: 0, droppedTotal: 0, newestSeq: 2 });
    push({ sessionId: 's', events: [ev(6), ev(7)], dropped: 3, droppedTotal: 3, newestSeq: 7 });
    expect(feed.state().events.toArray().map((e) => e.seq)).toEqual([1, 2, 6, 7]);
    expect(feed.state().gaps).toEqual([{ from: 3, to: 5 }]);
    expect(feed.state().droppedTotal).toBe(3);
    feed.close();
  });

  it('tells its listeners which records joined: a live batch, less what was held; a page, less what was held', async () => {
    const { api, push } = fakeApi();
    const feed = createSessionFeed(api, 's', { keep: 100 });
    const added: number[][] = [];
    feed.subscribe((_s, recs) => added.push(recs.map((r) => r.seq)));
    const page = feed.loadOlder(6); // the host answers 5..10
    push({ sessionId: 's', events: [ev(8), ev(9)], dropped: 0, droppedTotal: 0, newestSeq: 9 });
    await page;
    push({ sessionId: 's', events: [ev(10), ev(11)], dropped: 0, droppedTotal: 0, newestSeq: 11 });
    expect(added).toEqual([[8, 9], [5, 6, 7, 10], [11]]);
    feed.close();
  });

  it('starts from a page when joining a running session', async () => {
    const { api, push } = fakeApi();
    const feed = createSessionFeed(api, 's', { keep: 100 });
    expect(await feed.loadOlder(4)).toBe(4);
    expect(feed.state().events.toArray().map((e) => e.seq)).toEqual([7, 8, 9, 10]);
    expect(feed.state().hasOlder).toBe(true);
    push({ sessionId: 's', events: [ev(11)], dropped: 0, droppedTotal: 0, newestSeq: 11 });
    expect(feed.state().events.toArray().map((e) => e.seq)).toEqual([7, 8, 9, 10, 11]);
    expect(feed.state().gaps).toEqual([]);
    await feed.loadOlder(10);
    expect(feed.state().events.firstSeq).toBe(1);
    expect(feed.state().hasOlder).toBe(false);
  });

  it('drops events of a live batch that a page loaded meanwhile already holds', async () => {
    const { api, push } = fakeApi();
    const feed = createSessionFeed(api, 's', { keep: 100 });
    await feed.loadOlder(4); // 7..10 from the newest end
    push({ sessionId: 's', events: [ev(9), ev(10), ev(11)], dropped: 0, droppedTotal: 0, newestSeq: 11 });
    expect(feed.state().events.toArray().map((e) => e.seq)).toEqual([7, 8, 9, 10, 11]);
    expect(feed.state().gaps).toEqual([]);
    feed.close();
  });

  it('keeps seq order when a first page crosses a live batch that came while it was asked for', async () => {
    const { api, push } = fakeApi();
    const feed = createSessionFeed(api, 's', { keep: 100 });
    const page = feed.loadOlder(6); // the host answers 5..10
    push({ sessionId: 's', events: [ev(8), ev(9)], dropped: 0, droppedTotal: 0, newestSeq: 9 });
    await page;
    expect(feed.state().events.toArray().map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10]);
    push({ sessionId: 's', events: [ev(10), ev(11)], dropped: 0, droppedTotal: 0, newestSeq: 11 });
    expect(feed.state().events.toArray().map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    feed.close();
  });

  it('holds between keep and keep + one chunk events once full, newest last, and says older ones exist', () => {
    const { api, push } = fakeApi();
    const feed = createSessionFeed(api, 's', { keep: 100 });
    expect(chunkSizeFor(100)).toBe(16);
    let seq = 0;
    for (let b = 0; b < 50; b++) {
      const events = Array.from({ length: 7 }, () => ev(++seq));
      push({ sessionId: 's', events, dropped: 0, droppedTotal: 0, newestSeq: seq });
      const held = feed.state().events.toArray();
      expect(held.length).toBeLessThanOrEqual(116);
      if (seq >= 100) expect(held.length).toBeGreaterThanOrEqual(100);
      expect(held.at(-1)!.seq).toBe(seq);
      expect(held.every((e, i) => i === 0 || e.seq === held[i - 1]!.seq + 1)).toBe(true);
    }
    expect(feed.state().hasOlder).toBe(true);
    feed.close();
  });
});
