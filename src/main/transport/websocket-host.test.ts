import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebSocketHost, type WebSocketHost } from './websocket-host';
import { createDispatcher } from './dispatcher';
import { createHandlers } from '../services/handlers';
import { createTestServices } from '../services/testing/test-services';

let host: WebSocketHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebSocketHost({ dispatch: createDispatcher(createHandlers(createTestServices('web'))), staticDir: dir });
});
afterAll(() => host.close());

function open(token: string | null, origin: string | undefined): Promise<WebSocket> {
  const q = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${q}`, origin === undefined ? {} : { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function callOnce(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('loopback WebSocket host', () => {
  it('listens on 127.0.0.1 only and prints a tokenised URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=.{20,}$`));
  });

  it('serves a call with the right token and origin', async () => {
    const ws = await open(host.token, `http://127.0.0.1:${host.port}`);
    const reply = await callOnce(ws, { kind: 'call', id: 7, method: 'app.version', params: {} });
    expect(reply).toMatchObject({ kind: 'result', id: 7, ok: true, result: { runtime: 'web' } });
    ws.close();
  });

  it('refuses a missing token', async () => {
    await expect(open(null, `http://127.0.0.1:${host.port}`)).rejects.toThrow('HTTP 401');
  });

  it('refuses a wrong token', async () => {
    // Change the last character (to one it isn't: a fixed 'x' equals it once in 64 runs).
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('x') ? 'y' : 'x');
    await expect(open(wrong, `http://127.0.0.1:${host.port}`)).rejects.toThrow('HTTP 401');
  });

  it('refuses a foreign origin, and no origin, even with the right token', async () => {
    await expect(open(host.token, 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(open(host.token, `http://127.0.0.1:${host.port + 1}`)).rejects.toThrow('HTTP 403');
    await expect(open(host.token, undefined)).rejects.toThrow('HTTP 403');
  });

  it('answers malformed messages with a clear error and keeps the socket open', async () => {
    const ws = await open(host.token, `http://localhost:${host.port}`);
    expect(await callOnce(ws, 'not json')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'message is not JSON' } });
    expect(await callOnce(ws, { kind: 'call', id: 1, method: 'app.version', params: { evil: true } })).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await callOnce(ws, { kind: 'call', id: 2, method: 'app.version', params: {} })).toMatchObject({ id: 2, ok: true });
    ws.close();
  });

  it('does not serve files outside the static folder', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(res.status);
    const index = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>t</title>');
  });

  it('sends the CSP with the page', async () => {
    const index = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('broadcasts events to every open socket', async () => {
    const a = await open(host.token, `http://127.0.0.1:${host.port}`);
    const b = await open(host.token, `http://127.0.0.1:${host.port}`);
    const got = (ws: WebSocket) => new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    const both = Promise.all([got(a), got(b)]);
    host.broadcast('app.notice', { level: 'info', message: 'hi' });
    expect(await both).toEqual([
      { kind: 'event', event: 'app.notice', payload: { level: 'info', message: 'hi' } },
      { kind: 'event', event: 'app.notice', payload: { level: 'info', message: 'hi' } },
    ]);
    a.close();
    b.close();
  });
});

describe('a page that falls behind', () => {
  it('skips events while its socket is backed up, then says how many it missed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const slow = await startWebSocketHost({ dispatch: createDispatcher(createHandlers(createTestServices('web'))), staticDir: dir, maxBufferedBytes: 0 });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${slow.port}/api?token=${slow.token}`, { origin: `http://127.0.0.1:${slow.port}` });
      await new Promise((r) => ws.once('open', r));
      const received: { event: string; payload: { message?: string } }[] = [];
      ws.on('message', (d) => received.push(JSON.parse(d.toString())));
      // With a 0-byte budget, anything still queued makes the next events skip.
      const big = 'x'.repeat(1 << 20);
      for (let i = 0; i < 5; i++) slow.broadcast('app.notice', { level: 'info', message: big });
      await new Promise((r) => setTimeout(r, 200));
      slow.broadcast('app.notice', { level: 'info', message: 'after' });
      await new Promise((r) => setTimeout(r, 200));
      const notice = received.find((m) => m.payload.message?.startsWith('This page fell behind'));
      expect(notice?.payload.message).toMatch(/missed \d+ event message/);
      expect(received.at(-1)!.payload.message).toBe('after');
      ws.close();
    } finally {
      await slow.close();
    }
  });
});
