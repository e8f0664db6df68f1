/**
 * A loopback HTTP + WebSocket tap in front of the web host, for specs that must feed the
 * renderer messages the host would send, over a real socket. (Playwright's routeWebSocket
 * hands each message to the page through the DevTools protocol, which costs the page more
 * than the message itself: a 0.5 MB batch became a 50–130 ms task on an empty page.)
 *
 * Pages load the app from `tap.url`; static files are proxied, the API socket is relayed
 * with the host's Origin, host→page messages pass through `filter`, and `inject` sends a
 * message to the page as if the host had.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface WsTap {
  /** The app's URL through the tap (same token). */
  url: string;
  /** Sends a text message to every page socket, as the host would. */
  inject(text: string): void;
  /** Resolves when a page socket is open. */
  opened: Promise<void>;
  close(): Promise<void>;
}

export interface WsTapOptions {
  /** The host's app URL, with its token. */
  hostUrl: string;
  /** Host→page messages: return false to hold one back. */
  filter?: (text: string) => boolean;
}

export async function startWsTap(opts: WsTapOptions): Promise<WsTap> {
  const host = new URL(opts.hostUrl);
  const pages = new Set<WebSocket>();
  let markOpen: () => void = () => {};
  const opened = new Promise<void>((r) => (markOpen = r));

  const http = createServer((req, res) => {
    const up = request(
      { host: host.hostname, port: host.port, path: req.url, method: req.method, headers: { ...req.headers, host: host.host } },
      (hostRes: IncomingMessage) => {
        res.writeHead(hostRes.statusCode ?? 502, hostRes.headers);
        hostRes.pipe(res);
      },
    );
    up.on('error', (err) => res.destroy(err));
    req.pipe(up);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    const upstream = new WebSocket(`ws://${host.host}${req.url ?? '/'}`, { origin: host.origin, maxPayload: 64 * 1024 * 1024 });
    upstream.once('error', () => socket.destroy());
    upstream.once('open', () => {
      wss.handleUpgrade(req, socket, head, (page) => {
        pages.add(page);
        page.on('message', (data) => upstream.send(String(data)));
        page.on('close', () => {
          pages.delete(page);
          upstream.close();
        });
        upstream.on('message', (data) => {
          const text = String(data);
          if (!opts.filter || opts.filter(text)) page.send(text);
        });
        upstream.on('close', () => page.close());
        markOpen();
      });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${host.pathname}${host.search}`,
    opened,
    inject(text) {
      for (const p of pages) if (p.readyState === WebSocket.OPEN) p.send(text);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const p of pages) p.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => done());
      }),
  };
}
