/**
 * The round-robin proxy the two-instance tests stand behind
 * (tests/helpers/round-robin-proxy.ts), against two plain HTTP servers: it
 * alternates, streams, sends a request an instance refused to connect to the
 * other one with its body intact, and answers 502 without retrying when an
 * instance fails after the request reached it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '../chaos/server-process';
import { SERVED_BY_HEADER, startRoundRobinProxy, type RoundRobinProxy } from '../helpers/round-robin-proxy';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Backend {
  url: string;
  /** Bodies of the requests it received, in order. */
  received: string[];
}

async function backend(handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<Backend> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push(body);
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const echo = (name: string) => (_req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`${name}:${body}`);
};

async function proxyFor(backends: { name: string; url: string }[]): Promise<RoundRobinProxy> {
  const proxy = await startRoundRobinProxy(backends);
  closers.push(() => proxy.close());
  return proxy;
}

it('alternates requests between the instances and names the one that answered', async () => {
  const a = await backend(echo('a'));
  const b = await backend(echo('b'));
  const proxy = await proxyFor([{ name: 'a', url: a.url }, { name: 'b', url: b.url }]);
  const servedBy: (string | null)[] = [];
  for (let n = 0; n < 4; n += 1) {
    const response = await fetch(`${proxy.url}/api/x`, { method: 'POST', body: `n${n}` });
    servedBy.push(response.headers.get(SERVED_BY_HEADER));
    expect(await response.text()).toBe(`${servedBy.at(-1)}:n${n}`);
  }
  expect(servedBy).toEqual(['a', 'b', 'a', 'b']);
});

it('streams an answer as the instance writes it, as a longpoll needs', async () => {
  let finish: (() => void) | undefined;
  const a = await backend((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"results":[');
    finish = () => res.end(']}');
  });
  const proxy = await proxyFor([{ name: 'a', url: a.url }]);
  const response = await fetch(`${proxy.url}/db/u/_changes?feed=longpoll`);
  const reader = response.body!.getReader();
  const first = await reader.read();
  // The first part arrived while the instance still holds the request open.
  expect(new TextDecoder().decode(first.value)).toBe('{"results":[');
  expect(proxy.inFlight('a', 'longpoll')).toBe(1);
  finish!();
  let rest = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
  expect(rest).toBe(']}');
});

it('sends a request an instance refused to connect to on to the other one, body and all, whatever its method', async () => {
  const b = await backend(echo('b'));
  const deadPort = await freePort(); // nothing listens there: the connection is refused
  const proxy = await proxyFor([{ name: 'a', url: `http://127.0.0.1:${deadPort}` }, { name: 'b', url: b.url }]);
  const body = JSON.stringify({ docs: [{ _id: 'job-1' }], padding: 'x'.repeat(200_000) });
  const response = await fetch(`${proxy.url}/db/u/_bulk_docs`, { method: 'POST', body });
  expect(response.status).toBe(200);
  expect(response.headers.get(SERVED_BY_HEADER)).toBe('b');
  expect(await response.text()).toBe(`b:${body}`);
  expect(proxy.stats()).toMatchObject({ retried: 1, badGateway: 0, byBackend: { a: { connectFailures: 1 } } });
});

it('answers 502 when an instance dies after the request reached it, and does not send it to the other', async () => {
  const a = await backend((req) => req.socket.destroy());
  const b = await backend(echo('b'));
  const proxy = await proxyFor([{ name: 'a', url: a.url }, { name: 'b', url: b.url }]);
  const response = await fetch(`${proxy.url}/db/u/_bulk_docs`, { method: 'POST', body: '{"docs":[]}' });
  expect(response.status).toBe(502);
  expect(a.received).toEqual(['{"docs":[]}']);
  expect(b.received).toEqual([]);
  expect(proxy.stats()).toMatchObject({ retried: 0, badGateway: 1, byBackend: { a: { failedAfterSend: 1 } } });
});

it('answers 502 when no instance accepts the connection', async () => {
  const proxy = await proxyFor([{ name: 'a', url: `http://127.0.0.1:${await freePort()}` }, { name: 'b', url: `http://127.0.0.1:${await freePort()}` }]);
  const response = await fetch(`${proxy.url}/api/auth/login`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(502);
  expect(proxy.stats()).toMatchObject({ retried: 1, badGateway: 1 });
});
