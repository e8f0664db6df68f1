/**
 * A small TCP proxy between a client and the real broker, for faults the broker can't
 * produce: it sees whole Kafka frames in both directions and may rewrite, delay, drop or
 * cut them. Listens on 127.0.0.1 only.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type FrameHook = (
  frame: Buffer,
  index: number,
  link: ProxyLink,
) => Buffer | null | Promise<Buffer | null>;

export interface FaultProxyOptions {
  target: { host: string; port: number };
  /** Each whole broker→client frame (size prefix included). Return bytes to send instead, or null to pass it. */
  onResponse?: FrameHook;
  /** Each whole client→broker frame (size prefix included). */
  onRequest?: FrameHook;
}

export interface ProxyLink {
  client: Socket;
  upstream: Socket;
  /** Cuts both sides at once. */
  cut(): void;
}

export interface FaultProxy {
  port: number;
  links: ProxyLink[];
  close(): Promise<void>;
}

/** Splits a byte stream into size-prefixed frames and hands them, in order, to a hook. */
function framePump(hook: FrameHook | undefined, link: ProxyLink, out: () => Socket): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  let index = 0;
  let chain: Promise<void> = Promise.resolve();
  return (chunk) => {
    if (!hook) {
      out().write(chunk);
      return;
    }
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const size = buffered.readInt32BE(0);
      if (size < 0 || buffered.length < 4 + size) break;
      const frame = buffered.subarray(0, 4 + size);
      buffered = buffered.subarray(4 + size);
      const i = index++;
      chain = chain.then(async () => {
        const replaced = await hook(frame, i, link);
        const sock = out();
        if (!sock.destroyed) sock.write(replaced ?? frame);
      });
    }
  };
}

export function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const links: ProxyLink[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(opts.target.port, opts.target.host);
    const link: ProxyLink = {
      client,
      upstream,
      cut() {
        client.destroy();
        upstream.destroy();
      },
    };
    links.push(link);
    client.on(
      'data',
      framePump(opts.onRequest, link, () => upstream),
    );
    upstream.on(
      'data',
      framePump(opts.onResponse, link, () => client),
    );
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        links,
        close: () =>
          new Promise<void>((done) => {
            for (const l of links) l.cut();
            server.close(() => done());
          }),
      });
    });
  });
}
