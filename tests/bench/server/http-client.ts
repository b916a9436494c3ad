/**
 * The bench's HTTP client: node:http with one keep-alive agent, so thousands
 * of simulated browsers each hold their own socket (fetch's pool would share
 * and queue them) and nothing beyond Node itself is needed.
 */
import http from 'node:http';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export function benchAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, keepAliveMsecs: 30_000 });
}

/** One request with a JSON answer; rejects on a network error or after `timeoutMs`. */
/** `token` is a bearer token; `authorization` a whole header instead (Basic, for a CouchDB). */
export function requestJson(url: string, options: { agent: http.Agent; method?: string; token?: string; authorization?: string; body?: unknown; timeoutMs: number }): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(url, {
      method: options.method ?? 'GET',
      agent: options.agent,
      headers: { authorization: options.authorization ?? `Bearer ${options.token ?? ''}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      timeout: options.timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        } catch (error) {
          reject(new Error(`${res.statusCode}: not JSON (${(error as Error).message})`));
        }
      });
    });
    req.end(payload);
  });
}
