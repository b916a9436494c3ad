import { createCanvas } from '@napi-rs/canvas';
import { Document, Packer, Paragraph } from 'docx';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteOriginal, downloadOriginal, listOriginals, ResumeFilesError, uploadOriginal,
} from '../../extension/resume/resume-files-api';
import { buildZip } from '../../server/files/zip-fixture';
import { buildAtsPdf } from '../../shared/resume/export/ats-pdf';
import { RICH_RESUME } from '../../shared/resume/export/test-resumes';
import { createVerifiedAccount } from '../helpers/accounts';
import { storedBlobBytes, storedOriginals } from '../helpers/stored-files';
import { startTestServer, type TestServer } from '../helpers/test-server';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MAX = 10 * 1024 * 1024;

let server: TestServer;
let counter = 0;
let samplePdf: Uint8Array;
let sampleDocx: Uint8Array;
let samplePng: Uint8Array;
let sampleJpeg: Uint8Array;

interface Session {
  user: { id: string };
  accessToken: string;
}

async function signUp(): Promise<Session> {
  counter += 1;
  return createVerifiedAccount(server, { email: `files${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Files' });
}

function put(session: Session | null, resumeId: string, body: Uint8Array, contentType: string, query = '') {
  return fetch(`${server.url}/api/files/resumes/${resumeId}${query}`, {
    method: 'PUT',
    headers: { 'content-type': contentType, ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}) },
    body: new Uint8Array(body),
  });
}

function call(session: Session | null, method: string, urlPath: string) {
  return fetch(`${server.url}${urlPath}`, { method, headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
}

/** fetch() would normalise "..", so paths that must reach the server as written go through node:http. */
function rawRequest(method: string, rawPath: string, token: string, body?: Uint8Array, options: { chunked?: boolean } = {}): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  const length: Record<string, number> = body && !options.chunked ? { 'content-length': body.length } : {};
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname, port: url.port, method, path: rawPath,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', ...length },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    if (body && options.chunked) {
      // Sent in pieces with no Content-Length, so the limit has to stop the stream itself.
      for (let at = 0; at < body.length; at += 1024 * 1024) request.write(body.subarray(at, at + 1024 * 1024));
      request.end();
    } else {
      request.end(body);
    }
  });
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toEqual(expect.any(String));
  return body.error.code;
}

/** What the server keeps of the user's files, on its disk or in CouchDB (tests/helpers/stored-files.ts). */
function stored(session: Session) {
  return storedOriginals(server, session.user.id);
}
const NOTHING = { records: [], blobs: [] };

async function allFilesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  const firstDifference = actual.findIndex((byte, i) => byte !== expected[i]);
  expect(firstDifference).toBe(-1);
}

beforeAll(async () => {
  server = await startTestServer();
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('Ada Lovelace', { font: await pdf.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  samplePdf = await pdf.save();
  sampleDocx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Ada Lovelace')] }] })));
  const canvas = createCanvas(40, 20);
  canvas.getContext('2d').fillRect(0, 0, 20, 20);
  samplePng = new Uint8Array(await canvas.encode('png'));
  sampleJpeg = new Uint8Array(await canvas.encode('jpeg'));
});

afterAll(async () => {
  await server?.stop();
});

describe('resume originals', () => {
  it('round-trips PDF, DOCX, PNG and JPEG byte for byte, with the stored type and name', async () => {
    const session = await signUp();
    const samples = [
      { id: 'pdf-1', bytes: samplePdf, type: 'application/pdf', name: 'Ada Lovelace CV.pdf' },
      { id: 'docx-1', bytes: sampleDocx, type: DOCX, name: 'Résumé.docx' },
      { id: 'png-1', bytes: samplePng, type: 'image/png', name: 'scan.png' },
      { id: 'jpeg-1', bytes: sampleJpeg, type: 'image/jpeg', name: 'photo.jpg' },
    ];
    for (const sample of samples) {
      const response = await put(session, sample.id, sample.bytes, sample.type, `?name=${encodeURIComponent(sample.name)}`);
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({
        resumeId: sample.id, size: sample.bytes.length, contentType: sample.type, sha256: sha256(sample.bytes),
        uploadedAt: expect.any(String), fileName: sample.name,
      });
    }
    for (const sample of samples) {
      const response = await call(session, 'GET', `/api/files/resumes/${sample.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(sample.type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(sample.name)}`);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
      const body = new Uint8Array(await response.arrayBuffer());
      expectSameBytes(body, sample.bytes);
    }

    const listed = await call(session, 'GET', '/api/files/resumes');
    expect(listed.status).toBe(200);
    const { files } = (await listed.json()) as { files: { resumeId: string; size: number; sha256: string }[] };
    expect(files.map((f) => f.resumeId).sort()).toEqual(['docx-1', 'jpeg-1', 'pdf-1', 'png-1']);
    expect(files.find((f) => f.resumeId === 'pdf-1')).toMatchObject({ size: samplePdf.length, sha256: sha256(samplePdf) });
  });

  it('replaces an original (200) and deletes it (204, then 404)', async () => {
    const session = await signUp();
    expect((await put(session, 'r1', samplePdf, 'application/pdf')).status).toBe(201);
    const replaced = await put(session, 'r1', samplePng, 'image/png');
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ contentType: 'image/png', fileName: 'resume-r1.png' });
    const download = await call(session, 'GET', '/api/files/resumes/r1');
    expectSameBytes(new Uint8Array(await download.arrayBuffer()), samplePng);

    expect((await call(session, 'DELETE', '/api/files/resumes/r1')).status).toBe(204);
    expect((await call(session, 'GET', '/api/files/resumes/r1')).status).toBe(404);
    expect((await call(session, 'DELETE', '/api/files/resumes/r1')).status).toBe(404);
    expect(await stored(session)).toEqual(NOTHING);
  });

  it("keeps each user's files to themselves", async () => {
    const owner = await signUp();
    const other = await signUp();
    expect((await put(owner, 'shared-id', samplePdf, 'application/pdf')).status).toBe(201);

    expect((await call(other, 'GET', '/api/files/resumes/shared-id')).status).toBe(404);
    expect((await call(other, 'DELETE', '/api/files/resumes/shared-id')).status).toBe(404);
    expect(await (await call(other, 'GET', '/api/files/resumes')).json()).toEqual({ files: [] });
    // The same id for another user is another file.
    expect((await put(other, 'shared-id', samplePng, 'image/png')).status).toBe(201);
    const mine = await call(owner, 'GET', '/api/files/resumes/shared-id');
    expectSameBytes(new Uint8Array(await mine.arrayBuffer()), samplePdf);

    for (const [method, urlPath] of [['GET', '/api/files/resumes'], ['GET', '/api/files/resumes/shared-id'], ['DELETE', '/api/files/resumes/shared-id']] as const) {
      const response = await call(null, method, urlPath);
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('missing_token');
    }
    const anonymousPut = await put(null, 'shared-id', samplePdf, 'application/pdf');
    expect(anonymousPut.status).toBe(401);
    const forged = await fetch(`${server.url}/api/files/resumes`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
  });

  it('refuses files that are not what they claim, or not a resume at all', async () => {
    const session = await signUp();
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new TextEncoder().encode('This program cannot be run in DOS mode')]);
    const zip = buildZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    const cases: { body: Uint8Array; type: string; status: number; code: string }[] = [
      { body: exe, type: 'application/octet-stream', status: 415, code: 'unsupported_file_type' },
      { body: exe, type: 'application/pdf', status: 415, code: 'unsupported_file_type' },
      { body: samplePdf, type: 'image/png', status: 415, code: 'content_type_mismatch' },
      { body: samplePng, type: 'application/pdf', status: 415, code: 'content_type_mismatch' },
      { body: samplePdf, type: 'text/html', status: 415, code: 'content_type_mismatch' },
      { body: zip, type: DOCX, status: 415, code: 'unsupported_file_type' },
      { body: zip, type: 'application/zip', status: 415, code: 'unsupported_file_type' },
      { body: new Uint8Array(), type: 'application/pdf', status: 400, code: 'empty_file' },
    ];
    for (const sample of cases) {
      const response = await put(session, 'bad', sample.body, sample.type);
      expect({ type: sample.type, status: response.status }).toEqual({ type: sample.type, status: sample.status });
      expect(await errorCode(response)).toBe(sample.code);
    }
    expect(await stored(session)).toEqual(NOTHING);
  });

  it('refuses a body over 10 MB with 413 and writes nothing', async () => {
    const session = await signUp();
    const big = new Uint8Array(MAX + 1);
    big.set(samplePdf.subarray(0, 8));
    const response = await put(session, 'big', big, 'application/pdf');
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload_too_large');
    expect(await stored(session)).toEqual(NOTHING);

    const chunked = await rawRequest('PUT', '/api/files/resumes/big', session.accessToken, big, { chunked: true });
    expect(chunked.status).toBe(413);
    expect(await stored(session)).toEqual(NOTHING);

    // Exactly at the limit is fine.
    const atLimit = big.subarray(0, MAX);
    const accepted = await put(session, 'big', atLimit, 'application/pdf');
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ size: MAX });
  });

  it('refuses resume ids that could name another path, and nothing lands outside the user folder', async () => {
    const session = await signUp();
    // LevelDB may write its own files meanwhile: compare what could have been written by this route.
    const filesRoot = path.join(server.dataDir, 'files');
    const before = { files: await allFilesUnder(filesRoot), top: (await fs.readdir(server.dataDir)).sort() };
    for (const id of ['..%2F..%2Fsecrets', '..%2Fother-user', '%2e%2e', 'a.b', 'a%5Cb', '%00', 'x'.repeat(101), 'caf%C3%A9']) {
      const response = await rawRequest('PUT', `/api/files/resumes/${id}`, session.accessToken, samplePdf);
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'invalid_resume_id' } });
      const read = await rawRequest('GET', `/api/files/resumes/${id}`, session.accessToken);
      expect(read.status).toBe(400);
    }
    for (const rawPath of ['/api/files/resumes/../../secrets.json', '/api/files/resumes/..', '/api/files/resumes/x/../../y']) {
      const response = await rawRequest('PUT', rawPath, session.accessToken, samplePdf);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
    expect({ files: await allFilesUnder(filesRoot), top: (await fs.readdir(server.dataDir)).sort() }).toEqual(before);
    expect(before.top).not.toContain('secrets');
  });

  it('holds each user to 100 MB in all', async () => {
    const session = await signUp();
    const big = new Uint8Array(MAX);
    big.set(samplePdf.subarray(0, 8));
    for (let i = 0; i < 10; i += 1) expect((await put(session, `big${i}`, big, 'application/pdf')).status).toBe(201);
    const over = await put(session, 'one-more', samplePdf, 'application/pdf');
    expect(over.status).toBe(413);
    expect(await errorCode(over)).toBe('quota_exceeded');
    // Replacing a file with a smaller one frees room.
    expect((await put(session, 'big0', samplePdf, 'application/pdf')).status).toBe(200);
    expect((await put(session, 'one-more', samplePdf, 'application/pdf')).status).toBe(201);
    const kept = await stored(session);
    expect(kept.records).toHaveLength(11);
    expect(kept.blobs).toHaveLength(11);
  }, 60_000);

  it("goes with the account: deleting it removes the user's folder and ends access", async () => {
    const session = await signUp();
    expect((await put(session, 'r1', samplePdf, 'application/pdf')).status).toBe(201);
    expect(await stored(session)).toEqual({ records: ['r1'], blobs: [expect.any(String)] });
    const deleted = await fetch(`${server.url}/api/account`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'correct horse battery staple' }),
    });
    expect(deleted.status).toBe(204);
    await expect(fs.stat(path.join(server.dataDir, 'files', session.user.id))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await stored(session)).toEqual(NOTHING);
    expect((await call(session, 'GET', '/api/files/resumes/r1')).status).toBe(401);
  });

  it('keeps the bytes where the storage is: DATA_DIR/files embedded, CouchDB (and nothing under DATA_DIR/files) with COUCHDB_URL', async () => {
    const session = await signUp();
    expect((await put(session, 'where', samplePdf, 'application/pdf')).status).toBe(201);
    const kept = await stored(session);
    expect(kept.records).toEqual(['where']);
    expect(kept.blobs).toHaveLength(1);
    expectSameBytes(await storedBlobBytes(server, session.user.id, kept.blobs[0]!), samplePdf);
    if (server.config.couchdb) await expect(fs.stat(path.join(server.dataDir, 'files'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a download under way when the file is replaced ends with the old bytes whole; the next one gets the new', async () => {
    const session = await signUp();
    const before = new Uint8Array(MAX).fill(0x41);
    before.set(samplePdf.subarray(0, 8));
    const after = new Uint8Array(MAX).fill(0x42);
    after.set(samplePdf.subarray(0, 8));
    expect((await put(session, 'moving', before, 'application/pdf')).status).toBe(201);

    const download = await call(session, 'GET', '/api/files/resumes/moving');
    expect(download.status).toBe(200);
    const reader = download.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect((await put(session, 'moving', after, 'application/pdf')).status).toBe(200);
    // The old blob is gone from the storage already, while its bytes are still on their way.
    expect((await stored(session)).blobs).toHaveLength(1);
    const chunks: Uint8Array[] = [first.value!];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expectSameBytes(new Uint8Array(Buffer.concat(chunks)), before);

    const again = await call(session, 'GET', '/api/files/resumes/moving');
    expectSameBytes(new Uint8Array(await again.arrayBuffer()), after);
  }, 60_000);

  it('holds each user to 50 files; replacing one still works at the limit', async () => {
    const session = await signUp();
    for (let i = 0; i < 50; i += 1) {
      expect((await put(session, `r${i}`, samplePng, 'image/png')).status).toBe(201);
    }
    const over = await put(session, 'r50', samplePng, 'image/png');
    expect(over.status).toBe(413);
    expect(await errorCode(over)).toBe('quota_exceeded');
    expect((await put(session, 'r0', samplePdf, 'application/pdf')).status).toBe(200);
    const { files } = (await (await call(session, 'GET', '/api/files/resumes')).json()) as { files: unknown[] };
    expect(files).toHaveLength(50);
    // Another user's quota is their own.
    expect((await put(await signUp(), 'r50', samplePng, 'image/png')).status).toBe(201);
  });
});

describe('extension/resume/resume-files-api against the server', () => {
  const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);

  it('uploads a dropped file (even untyped), lists, downloads and deletes it', async () => {
    const session = await signUp();
    const file = new File([new Uint8Array(sampleDocx)], 'Zoë CV.docx');
    expect(file.type).toBe('');
    const stored = await uploadOriginal(fetchFn, `${server.url}/`, session.accessToken, 'client-1', file);
    expect(stored).toMatchObject({ resumeId: 'client-1', contentType: DOCX, size: sampleDocx.length, fileName: 'Zoë CV.docx', sha256: sha256(sampleDocx) });

    expect(await listOriginals(fetchFn, server.url, session.accessToken)).toEqual([stored]);

    const downloaded = await downloadOriginal(fetchFn, server.url, session.accessToken, 'client-1');
    expect(downloaded).toMatchObject({ contentType: DOCX, fileName: 'Zoë CV.docx', sha256: stored.sha256 });
    expect(downloaded.blob.type).toBe(DOCX);
    expectSameBytes(new Uint8Array(await downloaded.blob.arrayBuffer()), sampleDocx);

    expect(await deleteOriginal(fetchFn, server.url, session.accessToken, 'client-1')).toBe(true);
    expect(await deleteOriginal(fetchFn, server.url, session.accessToken, 'client-1')).toBe(false);
    await expect(downloadOriginal(fetchFn, server.url, session.accessToken, 'client-1')).rejects.toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('leaves the header to an authenticating fetch when given no token', async () => {
    const session = await signUp();
    const authFetch = (input: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      expect(headers.has('authorization')).toBe(false);
      headers.set('authorization', `Bearer ${session.accessToken}`);
      return fetch(input, { ...init, headers });
    };
    await uploadOriginal(authFetch, server.url, '', 'via-fetch', new Blob([new Uint8Array(samplePng)]));
    expect((await listOriginals(authFetch, server.url, '')).map((f) => f.resumeId)).toEqual(['via-fetch']);
  });

  it('turns every refusal into a ResumeFilesError with a kind', async () => {
    const session = await signUp();
    let requests = 0;
    const counting = (input: string, init?: RequestInit) => {
      requests += 1;
      return fetch(input, init);
    };
    const pdf = new Blob([new Uint8Array(samplePdf)], { type: 'application/pdf' });
    const expectKind = async (promise: Promise<unknown>, kind: string) => {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ResumeFilesError);
      expect((error as ResumeFilesError).kind).toBe(kind);
      expect((error as ResumeFilesError).message.length).toBeGreaterThan(10);
    };
    await expectKind(uploadOriginal(counting, server.url, 'not-a-token', 'r1', pdf), 'unauthorized');
    await expectKind(uploadOriginal(counting, server.url, session.accessToken, '../r1', pdf), 'invalid-id');
    await expectKind(uploadOriginal(counting, server.url, session.accessToken, 'r1', new Blob([new Uint8Array(MAX + 1)])), 'too-large');
    await expectKind(uploadOriginal(counting, server.url, session.accessToken, 'r1', new Blob(['MZ not a resume'])), 'unsupported-type');
    await expectKind(uploadOriginal(counting, server.url, session.accessToken, 'r1', new Blob([])), 'unsupported-type');
    // Only the first one needed the server; the rest were refused before sending anything.
    expect(requests).toBe(1);
    // A ZIP that is not a Word document passes the client's quick look; the server's directory check refuses it.
    const zip = new Blob([new Uint8Array(buildZip({ 'a.txt': 'hello' }))]);
    await expectKind(uploadOriginal(counting, server.url, session.accessToken, 'r1', zip), 'unsupported-type');
    await expectKind(listOriginals(counting, 'http://127.0.0.1:1', session.accessToken), 'network');
  });
});

describe('POST /api/files/resumes/:resumeId/parse', () => {
  it('reads the stored original with the resume pipeline, one file at a time', async () => {
    const session = await signUp();
    const pdf = await buildAtsPdf(RICH_RESUME);
    expect((await put(session, 'exported', pdf, 'application/pdf')).status).toBe(201);

    const [first, second] = await Promise.all([
      call(session, 'POST', '/api/files/resumes/exported/parse'),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() => call(session, 'POST', '/api/files/resumes/exported/parse')),
    ]);
    expect(first.status).toBe(200);
    const outcome = (await first.json()) as { kind: string; pages: number; text: string; resume: { contact: { email?: string }; skills: string[] } };
    expect(outcome).toMatchObject({ kind: 'pdf', pages: 1, ocrPages: 0 });
    expect(outcome.text).toContain('Principal Engineer');
    expect(outcome.resume.contact.email).toBe('ada@example.com');
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('10');
    expect(await errorCode(second)).toBe('parser_busy');
  }, 60_000);

  it("answers 422 with the pipeline's reason, and 404 for a file that is not the caller's", async () => {
    const session = await signUp();
    expect((await put(session, 'broken', new TextEncoder().encode('%PDF-1.7 nothing else'), 'application/pdf')).status).toBe(201);
    const broken = await call(session, 'POST', '/api/files/resumes/broken/parse');
    expect(broken.status).toBe(422);
    expect(await errorCode(broken)).toBe('parse_corrupt');

    const other = await signUp();
    const response = await call(other, 'POST', '/api/files/resumes/broken/parse');
    expect(response.status).toBe(404);
    expect((await call(null, 'POST', '/api/files/resumes/broken/parse')).status).toBe(401);
  }, 60_000);
});

describe('sharing an original between resumes (a duplicate)', () => {
  const share = (session: Session, resumeId: string, body: unknown) =>
    fetch(`${server.url}/api/files/resumes/${resumeId}/share`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify(body),
    });

  it('gives a resume the bytes of another by their hash, only from the same user', async () => {
    const session = await signUp();
    expect((await put(session, 'source', samplePdf, 'application/pdf', '?name=cv.pdf')).status).toBe(201);
    const shared = await share(session, 'copy', { sha256: sha256(samplePdf), name: 'copy.pdf' });
    expect(shared.status).toBe(201);
    expect(await shared.json()).toMatchObject({ resumeId: 'copy', size: samplePdf.length, sha256: sha256(samplePdf), fileName: 'copy.pdf' });
    expectSameBytes(new Uint8Array(await (await call(session, 'GET', '/api/files/resumes/copy')).arrayBuffer()), samplePdf);
    // One blob for both; deleting the source leaves the copy whole.
    expect((await stored(session)).blobs).toHaveLength(1);
    expect((await call(session, 'DELETE', '/api/files/resumes/source')).status).toBe(204);
    expectSameBytes(new Uint8Array(await (await call(session, 'GET', '/api/files/resumes/copy')).arrayBuffer()), samplePdf);

    const stranger = await signUp();
    const refused = await share(stranger, 'copy', { sha256: sha256(samplePdf) });
    expect(refused.status).toBe(404);
    expect(await errorCode(refused)).toBe('file_not_found');
    expect(await errorCode(await share(session, 'other', { sha256: 'nothex' }))).toBe('invalid_body');
    expect((await share(session, '..', { sha256: sha256(samplePdf) })).status).not.toBe(201);
  });
});
