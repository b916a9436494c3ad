/**
 * Raw replication requests to a test server's /db as one user, for the tests of
 * what the sync gate allows and refuses (answers read whole, with their size).
 */
import { expect } from 'vitest';
import { plainJobFields } from '../fixtures/jobs';
import { createVerifiedAccount } from './accounts';
import type { TestServer } from './test-server';

let counter = 0;

export interface Session {
  accessToken: string;
  db: string;
}

export interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code?: string; message?: string } };
  bytes: number;
}

async function register(on: TestServer): Promise<Session> {
  counter += 1;
  const body = await createVerifiedAccount(on, { email: `abuse${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple', name: `Abuse ${counter}` });
  const db = /\/db\/([^/]+)\/$/.exec(body.syncUrl)?.[1];
  if (!db) throw new Error(`unexpected syncUrl ${body.syncUrl}`);
  return { accessToken: body.accessToken, db };
}

async function call(session: Session, method: string, dbPath: string, body: unknown, on: TestServer): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${on.url}/db/${session.db}${dbPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = { unparsed: text };
  }
  return { status: response.status, json, bytes: Buffer.byteLength(text) };
}

export function job(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { _id: id, ...plainJobFields(overrides) };
}

export function expectRefusal(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.json.error).toMatchObject({ code, message: expect.any(String) });
  expect(answer.json).toMatchObject({ name: expect.any(String), reason: answer.json.error?.message });
}

async function write(session: Session, docs: Record<string, unknown>[], on: TestServer): Promise<{ id: string; rev: string }[]> {
  const answer = await call(session, 'POST', '/_bulk_docs', { docs }, on);
  expect(answer.status).toBe(201);
  return answer.json as unknown as { id: string; rev: string }[];
}

/** The calls above, to `server()` unless another server is named (read when called, so it may be set in beforeAll). */
export function syncCallsTo(server: () => TestServer) {
  return {
    register: (on: TestServer = server()) => register(on),
    call: (session: Session, method: string, dbPath: string, body?: unknown, on: TestServer = server()) => call(session, method, dbPath, body, on),
    write: (session: Session, docs: Record<string, unknown>[], on: TestServer = server()) => write(session, docs, on),
  };
}
