/**
 * Whether an endpoint compresses its answers: one `_changes?include_docs`
 * page asked for with `Accept-Encoding: gzip`, read with node:http so the
 * bytes on the wire are counted before any decoding (fetch would decode).
 */
import http from 'node:http';
import { createGunzip } from 'node:zlib';
import type { Tokens } from '../../../extension/background/account/tokens';

export interface EncodingProbe {
  /** The answer's Content-Encoding, or "none". */
  contentEncoding: string;
  wireBytes: number;
  bodyBytes: number;
}

export function probeEncoding(tokens: Tokens, syncUrl: string, limit: number): Promise<EncodingProbe> {
  const url = new URL(`${syncUrl}_changes?include_docs=true&limit=${limit}&since=0`);
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${tokens.accessToken}`, 'accept-encoding': 'gzip' } }, (response) => {
      const encoding = response.headers['content-encoding'] ?? 'none';
      let wireBytes = 0;
      let bodyBytes = 0;
      response.on('data', (chunk: Uint8Array) => {
        wireBytes += chunk.length;
      });
      const body = encoding === 'gzip' ? response.pipe(createGunzip()) : response;
      if (body !== response) body.on('data', (chunk: Uint8Array) => {
        bodyBytes += chunk.length;
      });
      body.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${url.host} _changes answered ${response.statusCode}`));
        else resolve({ contentEncoding: encoding, wireBytes, bodyBytes: body === response ? wireBytes : bodyBytes });
      });
      body.on('error', reject);
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
