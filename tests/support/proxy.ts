/**
 * A reverse proxy for tests, put between a client (the site, the importer) and the CMS: it records every request it
 * forwards (what the CMS really receives, not what the client says it sends), and can play a CMS that is slow
 * (`delayMs`) or down (`down`: every connection cut at once).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query exactly as they arrived. */
  url: string;
  at: number;
}

export interface RecordingProxy {
  url: string;
  /** Every request forwarded (or cut, when down), in order of arrival. */
  requests: ProxiedRequest[];
  /** Holds each request this long before forwarding it (0: at once). */
  delayMs: number;
  /** Cuts every connection at once, as a CMS that is not running would. */
  down: boolean;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const state = { delayMs: 0, down: false };
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', at: Date.now() });
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const forward = () => {
      if (res.destroyed) return;
      const outgoing = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      outgoing.on('error', () => res.destroy());
      req.pipe(outgoing);
    };
    if (state.delayMs > 0) {
      const timer = setTimeout(forward, state.delayMs);
      res.on('close', () => clearTimeout(timer));
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
