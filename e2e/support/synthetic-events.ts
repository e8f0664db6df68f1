/**
 * Synthetic live traffic for the renderer specs: `sessions.events` batches as the host sends
 * them, made of request queued / written / response triples over four APIs (every 997th
 * reply an UNKNOWN_TOPIC_OR_PARTITION error), and a PLAINTEXT session to pour them into.
 */
import type { Page } from '@playwright/test';
import { connect, createProfile, go } from '../helpers';

const APIS = [
  ['Metadata', 3, 12],
  ['Fetch', 1, 17],
  ['Produce', 0, 11],
  ['FindCoordinator', 10, 6],
] as const;

/** One host batch of `count` events from `fromSeq`, as the wire message text; event times are t0 + seq × msPerEvent. */
export function syntheticBatch(
  sessionId: string,
  fromSeq: number,
  count: number,
  t0: number,
  msPerEvent = 1,
): string {
  const events = [];
  for (let i = 0; i < count; i++) {
    const seq = fromSeq + i;
    const n = Math.floor(seq / 3);
    const [apiName, apiKey, apiVersion] = APIS[n % APIS.length]!;
    const base = {
      seq,
      time: t0 + seq * msPerEvent,
      mono: seq,
      connectionId: 'synthetic-connection',
      broker: '127.0.0.1:1',
      nodeId: 1,
      correlationId: n,
      apiKey,
      apiName,
      apiVersion,
    };
    const kind = seq % 3;
    events.push({
      seq,
      event:
        kind === 0
          ? { ...base, type: 'request.queued', bytes: 60, queued: 0, inFlight: 1 }
          : kind === 1
            ? { ...base, type: 'request.written', bytes: 60, queuedMs: 0.1, expectResponse: true }
            : {
                ...base,
                type: 'response',
                latencyMs: 1 + (n % 50),
                requestBytes: 60,
                responseBytes: 400 + (n % 100),
                errorCode: n % 997 === 0 ? 3 : 0,
                errorName: n % 997 === 0 ? 'UNKNOWN_TOPIC_OR_PARTITION' : null,
                throttleTimeMs: 0,
              },
    });
  }
  return JSON.stringify({
    kind: 'event',
    event: 'sessions.events',
    payload: { sessionId, events, dropped: 0, droppedTotal: 0, newestSeq: fromSeq + count - 1 },
  });
}

/** Connects the PLAINTEXT profile `name` (created first if missing) and returns its session id. */
export async function ensureConnected(page: Page, name: string): Promise<string> {
  await go(page, 'profiles');
  if ((await page.getByTestId('profile-row').filter({ hasText: name }).count()) === 0)
    await createProfile(page, { name, listener: 'PLAINTEXT' });
  await connect(page, name);
  const id = await page.getByTestId('session-tab').filter({ hasText: name }).getAttribute('data-session-id');
  if (!id) throw new Error('no session id on the tab');
  return id;
}
