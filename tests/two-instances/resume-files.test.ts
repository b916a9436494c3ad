/**
 * Resume originals with two real instances: with COUCHDB_URL they are kept in
 * CouchDB, not under one instance's DATA_DIR, so an original uploaded through
 * A is downloaded, listed and deleted through B.
 */
import crypto from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount } from '../helpers/accounts';
import { startDeployment, type Deployment } from './deployment';

const PASSWORD = 'correct horse battery staple';
let deployment: Deployment;

beforeAll(async () => {
  deployment = await startDeployment();
}, 90_000);

afterAll(async () => {
  await deployment?.stop();
});

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

it('downloads through B a resume original uploaded through A, and a deletion on B holds on A', async () => {
  const session = await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email: `two-files-${Date.now()}@example.com`, password: PASSWORD, name: 'Two Files' });
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Ada Lovelace', { font: await pdf.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  const bytes = await pdf.save();
  const auth = { authorization: `Bearer ${session.accessToken}` };

  const uploaded = await fetch(`${deployment.a.url}/api/files/resumes/r1?name=cv.pdf`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/pdf' }, body: new Uint8Array(bytes) });
  expect(uploaded.status).toBe(201);

  const downloaded = await fetch(`${deployment.b.url}/api/files/resumes/r1`, { headers: auth });
  expect(downloaded.status).toBe(200);
  expect(sha256(new Uint8Array(await downloaded.arrayBuffer()))).toBe(sha256(bytes));
  const listed = (await (await fetch(`${deployment.b.url}/api/files/resumes`, { headers: auth })).json()) as { files: { resumeId: string }[] };
  expect(listed.files.map((file) => file.resumeId)).toEqual(['r1']);

  expect((await fetch(`${deployment.b.url}/api/files/resumes/r1`, { method: 'DELETE', headers: auth })).status).toBe(204);
  expect((await fetch(`${deployment.a.url}/api/files/resumes/r1`, { headers: auth })).status).toBe(404);
});
