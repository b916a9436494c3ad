import type { BrowserContext, Page } from '@playwright/test';
import type { Job } from '../../shared/schema';
import { createVerifiedAccount, readLatestCode } from '../helpers/accounts';
import { expect } from './fixtures';

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** A document as the server holds it: the job without `id`, under CouchDB's `_id` and `_rev`. */
export type ServerDoc = Omit<Job, 'id'> & { _id: string; _rev: string };

export function newAccount(name: string): Account {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  return { name, email: `${slug}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`, password: `${slug}-passphrase-1843` };
}

async function postJson(url: URL, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Creates and verifies the account on the server, as the first device's sign-up would. */
export async function registerAccount(server: { url: string; dataDir: string }, account: Account): Promise<void> {
  await createVerifiedAccount(server, account);
}

/** The sign-up's second step in the popup: the code the server mailed (read from its outbox). */
export async function enterEmailedCode(popup: Page, dataDir: string, email: string): Promise<void> {
  const form = popup.getByRole('form', { name: 'Confirm your email' });
  await expect(form).toBeVisible();
  await expect(form.getByRole('button', { name: /Resend code in \d+ s/ })).toBeDisabled();
  await form.getByLabel('Code').fill(await readLatestCode(dataDir, email));
  await form.getByRole('button', { name: 'Verify' }).click();
}

/**
 * The user's database on the server, reached the way another device reaches
 * it: log in, then only the replication routes the sync gate allows.
 */
export class ServerDatabase {
  private constructor(
    private readonly url: URL,
    private readonly auth: Record<string, string>,
  ) {}

  static async open(serverUrl: string, account: Account): Promise<ServerDatabase> {
    const login = await postJson(new URL('/api/auth/login', serverUrl), { email: account.email, password: account.password });
    expect(login.status).toBe(200);
    const { accessToken, syncUrl } = (await login.json()) as { accessToken: string; syncUrl: string };
    // The server builds sync URLs from its public URL (localhost); reach it where it listens.
    const path = new URL(syncUrl).pathname;
    return new ServerDatabase(new URL(path.endsWith('/') ? path : `${path}/`, serverUrl), { authorization: `Bearer ${accessToken}` });
  }

  async get(id: string): Promise<ServerDoc | undefined> {
    const response = await postJson(new URL('_all_docs', this.url), { keys: [id], include_docs: true }, this.auth);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: { doc?: ServerDoc | null }[] };
    return body.rows[0]?.doc ?? undefined;
  }

  /** Writes a job as another device's push would (a new revision on top of `_rev` when given). */
  async put(job: Job, rev?: string): Promise<string> {
    const { id, ...fields } = job;
    const response = await postJson(new URL('_bulk_docs', this.url), { docs: [{ _id: id, ...(rev ? { _rev: rev } : {}), ...fields }] }, this.auth);
    expect(response.status).toBe(201);
    const [result] = (await response.json()) as { ok?: boolean; rev?: string; error?: string }[];
    expect(result?.error).toBeUndefined();
    return result?.rev ?? '';
  }
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

/** Signs in to an existing account through the popup, and waits for the first sync. */
export async function signIn(popup: Page, serverUrl: string, account: Account): Promise<void> {
  await popup.getByLabel('Server address').fill(serverUrl);
  await popup.getByRole('button', { name: 'Save address' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const form = popup.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(popup.getByText(`Signed in as ${account.name}`)).toBeVisible();
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');
}

/** Polls `read` until `done` holds; returns the milliseconds from `since` (a Date.now() value) to then. */
export async function msUntil<T>(since: number, read: () => Promise<T>, done: (value: T) => boolean, timeout = 15_000): Promise<number> {
  await expect.poll(async () => done(await read()), { timeout, intervals: [50] }).toBe(true);
  return Date.now() - since;
}
