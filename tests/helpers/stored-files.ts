/**
 * What a test server really keeps of a user's original resume files, read
 * behind its back in whichever storage it uses:
 * - embedded: DATA_DIR/files/<userId>/, a `<resumeId>.json` sidecar per
 *   resume and a `.bin` blob per stored upload;
 * - COUCHDB_URL: the `<prefix>files` database, a `manifest:<userId>`
 *   document naming each resume and a `blob:<userId>:…` document per upload.
 *
 * `records` are the resume ids that have a file; `blobs` name the stored
 * byte sequences (a duplicate shares one). Tests compare counts and bytes,
 * so they hold in both modes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { blobPrefix, manifestId } from '../../server/files/manifest';

interface ServerLike {
  dataDir: string;
  config: { couchdb: { url: string; username: string; password: string; prefix: string } | null };
}

export interface StoredOriginals {
  records: string[];
  blobs: string[];
}

function couchFetch(server: ServerLike, pathAndQuery: string): Promise<Response> {
  const couch = server.config.couchdb!;
  return fetch(`${couch.url}/${couch.prefix}files/${pathAndQuery}`, {
    headers: { authorization: `Basic ${Buffer.from(`${couch.username}:${couch.password}`).toString('base64')}` },
  });
}

export async function storedOriginals(server: ServerLike, userId: string): Promise<StoredOriginals> {
  if (!server.config.couchdb) {
    const names = await fs.readdir(path.join(server.dataDir, 'files', userId)).catch(() => []);
    return {
      records: names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort(),
      blobs: names.filter((name) => name.endsWith('.bin')).sort(),
    };
  }
  const manifest = await couchFetch(server, encodeURIComponent(manifestId(userId)));
  if (manifest.status !== 200 && manifest.status !== 404) throw new Error(`the manifest answered ${manifest.status}`);
  const records = manifest.status === 200 ? Object.keys(((await manifest.json()) as { files: object }).files).sort() : [];
  const prefix = blobPrefix(userId);
  const range = `start_key=${encodeURIComponent(JSON.stringify(prefix))}&end_key=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const all = await couchFetch(server, `_all_docs?${range}`);
  // No files database yet: the server makes it on first use.
  if (all.status === 404) return { records, blobs: [] };
  if (all.status !== 200) throw new Error(`_all_docs answered ${all.status}`);
  return { records, blobs: ((await all.json()) as { rows: { id: string }[] }).rows.map((row) => row.id).sort() };
}

/** The bytes of one stored blob, as `storedOriginals` names it. */
export async function storedBlobBytes(server: ServerLike, userId: string, blob: string): Promise<Uint8Array> {
  if (!server.config.couchdb) return new Uint8Array(await fs.readFile(path.join(server.dataDir, 'files', userId, blob)));
  const response = await couchFetch(server, `${encodeURIComponent(blob)}/file`);
  if (response.status !== 200) throw new Error(`the attachment answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
