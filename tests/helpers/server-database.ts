import type { Job } from '../../shared/schema';

/** A document as the server holds it: the job without `id`, under CouchDB's `_id` and `_rev`. */
export type ServerDoc = Omit<Job, 'id'> & { _id: string; _rev: string };

async function postJson(url: URL, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}, not ${status}: ${await response.text()}`);
}

/**
 * The user's database on the server, reached the way another device reaches
 * it: log in, then only the replication routes the sync gate allows. Plain
 * errors, so Playwright and vitest tests both use it.
 */
export class ServerDatabase {
  private constructor(
    private readonly url: URL,
    private readonly auth: Record<string, string>,
  ) {}

  static async open(serverUrl: string, account: { email: string; password: string }): Promise<ServerDatabase> {
    const login = await postJson(new URL('/api/auth/login', serverUrl), { email: account.email, password: account.password });
    await expectStatus(login, 200, 'login');
    const { accessToken, syncUrl } = (await login.json()) as { accessToken: string; syncUrl: string };
    // The server builds sync URLs from its public URL (localhost); reach it where it listens.
    const path = new URL(syncUrl).pathname;
    return new ServerDatabase(new URL(path.endsWith('/') ? path : `${path}/`, serverUrl), { authorization: `Bearer ${accessToken}` });
  }

  async get(id: string): Promise<ServerDoc | undefined> {
    const response = await postJson(new URL('_all_docs', this.url), { keys: [id], include_docs: true }, this.auth);
    await expectStatus(response, 200, '_all_docs');
    const body = (await response.json()) as { rows: { doc?: ServerDoc | null }[] };
    return body.rows[0]?.doc ?? undefined;
  }

  /** Writes a job as another device's push would (a new revision on top of `_rev` when given). */
  async put(job: Job, rev?: string): Promise<string> {
    const { id, ...fields } = job;
    const response = await postJson(new URL('_bulk_docs', this.url), { docs: [{ _id: id, ...(rev ? { _rev: rev } : {}), ...fields }] }, this.auth);
    await expectStatus(response, 201, '_bulk_docs');
    const [result] = (await response.json()) as { ok?: boolean; rev?: string; error?: string }[];
    if (result?.error !== undefined || !result?.rev) throw new Error(`_bulk_docs did not write ${id}: ${JSON.stringify(result)}`);
    return result.rev;
  }
}
