import { describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatcher';
import { createHandlers } from '../services/handlers';
import { createTestServices } from '../services/testing/test-services';

const dispatch = createDispatcher(createHandlers(createTestServices('web')));

describe('dispatcher', () => {
  it('answers app.version with the package version and runtime', async () => {
    const reply = await dispatch('app.version', {});
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.result).toMatchObject({ name: 'Brokerscope', runtime: 'web', node: process.versions.node });
  });

  it('rejects an unknown method by name', async () => {
    const reply = await dispatch('app.shutdownEverything', {});
    expect(reply).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'unknown API method "app.shutdownEverything"' } });
  });

  it.each([
    ['an extra key', { sneaky: 1 }],
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['a number', 42],
  ])('rejects a malformed payload (%s) with a message naming the method', async (_label, params) => {
    const reply = await dispatch('app.version', params);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('BAD_REQUEST');
      expect(reply.error.message).toMatch(/^app\.version: invalid payload: /);
    }
  });

  it('reports a handler failure as FAILED without throwing across the boundary', async () => {
    const failing = createDispatcher({
      ...createHandlers(createTestServices('web')),
      'app.version': () => {
        throw new Error('disk on fire');
      },
    });
    expect(await failing('app.version', {})).toEqual({ ok: false, error: { code: 'FAILED', message: 'app.version: disk on fire' } });
  });
});
