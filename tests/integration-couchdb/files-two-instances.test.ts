import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { buildAtsPdf } from '../../shared/resume/export/ats-pdf';
import { RICH_RESUME } from '../../shared/resume/export/test-resumes';
import { createVerifiedAccount } from '../helpers/accounts';
import { couchEnvFor, testCouchUrl } from '../helpers/couch-mode';
import { storedOriginals } from '../helpers/stored-files';

/**
 * Two server instances on one CouchDB (COUCHDB_URL, same prefix and
 * secrets, each its own data directory), as behind a round-robin proxy: a
 * resume file uploaded through one is served, replaced and deleted through
 * the other, and neither keeps it on its disk.
 */

const PASSWORD = 'correct horse battery staple';
type Running = Awaited<ReturnType<typeof startServer>> & { dataDir: string };
const running: Running[] = [];
let samplePdf: Uint8Array;

async function start(shared?: ServerConfig): Promise<Running> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-files-two-'));
  const own = { ...loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...couchEnvFor(dataDir) }), port: 0 };
  const config = shared
    ? { ...own, couchdb: shared.couchdb, jwtAccessSecret: shared.jwtAccessSecret, jwtRefreshSecret: shared.jwtRefreshSecret, otpHmacSecret: shared.otpHmacSecret }
    : own;
  const server = Object.assign(await startServer(config), { dataDir });
  running.push(server);
  return server;
}

function files(server: Running, token: string, method: string, resumeId = '', body?: Uint8Array) {
  return fetch(`${server.url}/api/files/resumes${resumeId ? `/${resumeId}` : ''}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/pdf' } : {}) },
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

async function pdfSaying(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText(text, { font: await pdf.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  return pdf.save();
}

beforeAll(async () => {
  expect(testCouchUrl(), 'the integration-couchdb project sets TRACKRUIT_TEST_COUCHDB_URL').toBeTruthy();
  samplePdf = await buildAtsPdf(RICH_RESUME);
});

afterAll(async () => {
  for (const server of running) {
    await server.stop();
    await fs.rm(server.dataDir, { recursive: true, force: true });
  }
});

describe('resume files behind two instances', () => {
  it('uploaded through one, served, replaced and deleted through the other; gone with the account; on neither disk', async () => {
    const a = await start();
    const b = await start(a.config);
    const session = await createVerifiedAccount(a, { email: `two-${Date.now()}@example.com`, password: PASSWORD, name: 'Two' });
    const token = session.accessToken;

    expect((await files(a, token, 'PUT', 'r1', samplePdf)).status).toBe(201);
    const listed = (await (await files(b, token, 'GET')).json()) as { files: { resumeId: string; size: number }[] };
    expect(listed.files).toEqual([expect.objectContaining({ resumeId: 'r1', size: samplePdf.length })]);
    expect(new Uint8Array(await (await files(b, token, 'GET', 'r1')).arrayBuffer())).toEqual(samplePdf);
    // The other instance parses the original it never received.
    const parsed = await fetch(`${b.url}/api/files/resumes/r1/parse`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(parsed.status).toBe(200);
    expect(((await parsed.json()) as { text: string }).text).toContain('Principal Engineer');

    const replacement = await pdfSaying('Grace Hopper');
    expect((await files(b, token, 'PUT', 'r1', replacement)).status).toBe(200);
    expect(new Uint8Array(await (await files(a, token, 'GET', 'r1')).arrayBuffer())).toEqual(replacement);
    expect((await files(b, token, 'PUT', 'r2', samplePdf)).status).toBe(201);
    expect((await files(a, token, 'DELETE', 'r2')).status).toBe(204);
    expect((await files(b, token, 'GET', 'r2')).status).toBe(404);
    expect(await storedOriginals(a, session.user.id)).toEqual({ records: ['r1'], blobs: [expect.any(String)] });

    const deleted = await fetch(`${b.url}/api/account`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(deleted.status).toBe(204);
    expect(await storedOriginals(a, session.user.id)).toEqual({ records: [], blobs: [] });
    expect((await files(b, token, 'GET', 'r1')).status).toBe(401);
    // The other instance may still take the token for a moment (its user-record cache), but serves
    // nothing, and an upload it takes then is undone once committed: nothing of the account is left.
    expect([401, 404]).toContain((await files(a, token, 'GET', 'r1')).status);
    expect((await files(a, token, 'PUT', 'late', samplePdf)).status).toBe(401);
    expect(await storedOriginals(a, session.user.id)).toEqual({ records: [], blobs: [] });
    for (const server of [a, b]) await expect(fs.access(path.join(server.dataDir, 'files'))).rejects.toThrow();
  }, 60_000);
});
