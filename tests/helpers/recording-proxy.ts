import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy on 127.0.0.1 that notes every request's method and path before
 * forwarding it: put in front of a test server (as its publicUrl too, so the sync URL it hands
 * out goes through it), it shows what a client sent, or that it sent nothing.
 */
export interface RecordingProxy {
  url: string;
  /** "METHOD /path" of each request, in arrival order. */
  readonly requests: string[];
  /** Where requests go; set once the server behind it has started. */
  target: string | undefined;
  stop(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const proxy: Partial<RecordingProxy> & { requests: string[]; target: string | undefined } = { requests, target: undefined };
  const server = http.createServer((request, response) => {
    requests.push(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
    if (!proxy.target) {
      response.writeHead(502).end();
      return;
    }
    const target = new URL(request.url ?? '/', proxy.target);
    const forwarded = http.request(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy as RecordingProxy;
}
