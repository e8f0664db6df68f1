/**
 * The loopback WebSocket transport: serves the built renderer and the API on
 * 127.0.0.1 only. A random per-run token is required to open the API socket, and the
 * Origin must be this very host, so another page in the browser can't drive it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireCall, WireEvent, WireResult } from '@shared/api/wire';
import { RENDERER_CSP } from '@shared/security/csp';
import type { Dispatch } from './dispatcher';

export interface WebSocketHostOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Bytes queued to one socket above which events for it are skipped (and counted). */
  maxBufferedBytes?: number;
}

export interface WebSocketHost {
  url: string;
  port: number;
  token: string;
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const API_PATH = '/api';
const MAX_PAYLOAD = 16 * 1024 * 1024;
/** A page that reads slower than events come stops receiving them (counted) until it catches up. */
const DEFAULT_MAX_BUFFERED = 32 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function tokensEqual(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function startWebSocketHost(opts: WebSocketHostOptions): Promise<WebSocketHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const clients = new Set<WebSocket>();
  const skipped = new Map<WebSocket, number>();
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  let allowedOrigins: Set<string> = new Set();

  const http = createServer((req, res) => void serveStatic(opts.staticDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const refuse = (status: number, why: string): void => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== API_PATH) return refuse(404, 'Not Found');
    if (!tokensEqual(token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    if (!allowedOrigins.has(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => {
        clients.delete(ws);
        skipped.delete(ws);
      });
      ws.on('message', (data) => void onMessage(ws, data.toString()));
    });
  });

  async function onMessage(ws: WebSocket, text: string): Promise<void> {
    let call: Partial<WireCall>;
    try {
      call = JSON.parse(text) as Partial<WireCall>;
    } catch {
      ws.send(JSON.stringify({ kind: 'result', id: -1, ok: false, error: { code: 'BAD_REQUEST', message: 'message is not JSON' } }));
      return;
    }
    const id = typeof call.id === 'number' ? call.id : -1;
    if (call.kind !== 'call' || id < 0) {
      const reply: WireResult = { kind: 'result', id, ok: false, error: { code: 'BAD_REQUEST', message: 'expected {kind:"call", id, method, params}' } };
      ws.send(JSON.stringify(reply));
      return;
    }
    const reply = await opts.dispatch(call.method, call.params);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'result', id, ...reply } satisfies WireResult));
  }

  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, HOST, () => {
      const address = http.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      allowedOrigins = new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);
      resolve({
        url: `http://${HOST}:${port}/?token=${encodeURIComponent(token)}`,
        port,
        token,
        broadcast(event, payload) {
          const text = JSON.stringify({ kind: 'event', event, payload } satisfies WireEvent);
          for (const ws of clients) {
            if (ws.readyState !== ws.OPEN) continue;
            if (ws.bufferedAmount > maxBuffered) {
              skipped.set(ws, (skipped.get(ws) ?? 0) + 1);
              continue;
            }
            const missed = skipped.get(ws);
            if (missed) {
              skipped.delete(ws);
              ws.send(JSON.stringify(missedNotice(missed)));
            }
            ws.send(text);
          }
        },
        close: () =>
          new Promise<void>((done) => {
            for (const ws of clients) ws.terminate();
            wss.close();
            http.closeAllConnections();
            http.close(() => done());
          }),
      });
    });
  });
}

/** Never silent: a page that fell behind is told how many event messages it missed. */
function missedNotice(count: number): WireEvent {
  return {
    kind: 'event',
    event: 'app.notice',
    payload: {
      level: 'warning',
      message: `This page fell behind and missed ${count} event message${count === 1 ? '' : 's'}; page back through the session's events to fill the gap.`,
    },
  };
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', `http://${HOST}`).pathname);
  const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, rel));
  if (!file.startsWith(normalize(root) + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      ...(type.startsWith('text/html') ? { 'content-security-policy': RENDERER_CSP, 'x-frame-options': 'DENY' } : {}),
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}
