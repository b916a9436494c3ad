import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchClient } from './client';
import { couchReplicationProxy } from './proxy';

/**
 * The proxy between a fake CouchDB (an HTTP server that records what it gets
 * and answers as told) and a client, as the gate mounts it under /db.
 */

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function setup(answer: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  const couchUrl = await listen((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(entry);
      answer(req, res, entry);
    });
  });
  const client = createCouchClient({ url: couchUrl, username: 'server', password: 'server-secret', prefix: 'p_' });
  closers.push(async () => client.close());
  const logged: string[] = [];
  const app = express();
  // Stands for the gate: the body parsed and checked, the query replaced by the checked one.
  app.use('/db', express.json(), couchReplicationProxy({ client, remoteName: (name) => `p_${name}`, log: (message) => logged.push(message) }));
  return { seen, logged, url: `${await listen(app)}/db` };
}

describe('CouchDB replication proxy', () => {
  it('passes a long opaque CouchDB sequence on verbatim, under the server\'s name and credential, never the client\'s token', async () => {
    const since = `274-g1AAAAJTeJyVz0EOgjAQBdC${'x'.repeat(300)}`;
    const { seen, url } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', server: 'CouchDB/3.3.3', 'x-couch-request-id': 'abc' });
      res.end(JSON.stringify({ results: [], last_seq: since }));
    });
    const response = await fetch(`${url}/userdb-ab/_changes?since=${encodeURIComponent(since)}&limit=1000`, { headers: { authorization: 'Bearer user-token' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ results: [], last_seq: since });
    expect(response.headers.get('x-couch-request-id')).toBeNull();
    expect(seen).toHaveLength(1);
    const upstream = new URL(seen[0]!.url, 'http://couch');
    expect(upstream.pathname).toBe('/p_userdb-ab/_changes');
    expect(upstream.searchParams.get('since')).toBe(since);
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from('server:server-secret').toString('base64')}`);
  });

  it('names the database in its info as the client knows it, without the server\'s prefix', async () => {
    const { url } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ db_name: 'p_userdb-ab', doc_count: 3, update_seq: '3-g1AA' }));
    });
    const response = await fetch(`${url}/userdb-ab/`);
    expect(await response.json()).toEqual({ db_name: 'userdb-ab', doc_count: 3, update_seq: '3-g1AA' });
  });

  it('streams the answer: the client reads the first rows before CouchDB has sent the rest', async () => {
    let finish: (() => void) | undefined;
    const { url } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"results":[{"id":"a","ok":true}');
      finish = () => res.end(',{"id":"b","ok":true}]}');
    });
    const response = await fetch(`${url}/userdb-ab/_bulk_get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: [{ id: 'a' }, { id: 'b' }] }) });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('{"results":[{"id":"a","ok":true}');
    expect(finish).toBeDefined();
    finish!();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(JSON.parse(first + rest)).toEqual({ results: [{ id: 'a', ok: true }, { id: 'b', ok: true }] });
  });

  it('sends the body the gate checked, and passes CouchDB\'s 202 Accepted on as it is', async () => {
    const { seen, url } = await setup((_req, res) => {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: '_local/cp', rev: '0-1' }));
    });
    const response = await fetch(`${url}/userdb-ab/_local/cp`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{ "last_seq" : "12-g1AA" }' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true, id: '_local/cp', rev: '0-1' });
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/p_userdb-ab/_local/cp', body: '{"last_seq":"12-g1AA"}' });
  });

  it('answers 502 when CouchDB refuses the server\'s credential or cannot be reached, and logs no credential', async () => {
    const { url, logged } = await setup((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
    });
    const refused = await fetch(`${url}/userdb-ab/`);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: 'bad_gateway', name: 'bad_gateway' });
    expect(logged.join('\n')).not.toContain('server-secret');

    const client = createCouchClient({ url: 'http://127.0.0.1:1', username: 'server', password: 'server-secret', prefix: 'p_' });
    closers.push(async () => client.close());
    const messages: string[] = [];
    const app = express().use('/db', couchReplicationProxy({ client, remoteName: (name) => name, log: (message, error) => messages.push(`${message} ${String(error)}`) }));
    const unreachable = await fetch(`${await listen(app)}/db/userdb-ab/`);
    expect(unreachable.status).toBe(502);
    expect(messages.join('\n')).not.toContain('server-secret');
  });

  it('keeps writes flowing while more longpolls are open than the write pool has sockets', async () => {
    const held: http.ServerResponse[] = [];
    const { url } = await setup((req, res) => {
      if (req.url?.includes('feed=longpoll')) {
        // A CouchDB longpoll with nothing to say yet: the headers, then nothing until its timeout.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"results":[\n');
        held.push(res);
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('[{"ok":true,"id":"a","rev":"1-a"}]');
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    closers.push(async () => agent.destroy());
    const feeds = Array.from({ length: 300 }, () => new Promise<void>((resolve) => {
      http.get(`${url}/db1/_changes?feed=longpoll&since=now&timeout=60000`, { agent }, (res) => {
        res.resume();
        resolve();
      });
    }));
    // Every longpoll has reached the fake CouchDB and is held there.
    await Promise.all(feeds);
    expect(held).toHaveLength(300);
    const write = await fetch(`${url}/db1/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: [{ _id: 'a' }] }) });
    expect(write.status).toBe(201);
    for (const res of held) res.end('],"last_seq":"0"}');
  });
});
