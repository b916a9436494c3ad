import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FetchLike } from '../api';
import { MessageRegistry } from '../messages/registry';
import { ExtensionStore, type StorageArea } from '../storage';
import { addCommunityHandlers } from './community-messages';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const dashboard = { id: RUNTIME_ID, url: `${ORIGIN}dashboard.html` };
const contentScript = { id: RUNTIME_ID, url: 'https://www.linkedin.com/jobs/view/1/', tab: {} };
const SERVER = 'http://127.0.0.1:5123';
const request = { type: 'community:figures', companies: ['Globex, Inc.'], sites: ['linkedin'] };
const figures = {
  generatedAt: '2026-12-07T10:00:00.000Z',
  minGroup: 10,
  companies: [{ company: 'Globex Inc', medianResponseDays: 6, users: 12 }],
  sites: [{ site: 'linkedin', responseRate: 0.25, users: 40 }],
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let store: ExtensionStore;
let fetchFn: ReturnType<typeof vi.fn<FetchLike>>;
let online: boolean;
let messages: MessageRegistry;

beforeEach(() => {
  fakeBrowser.reset();
  store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
  fetchFn = vi.fn<FetchLike>();
  online = true;
  messages = new MessageRegistry();
  addCommunityHandlers(messages, { store, fetch: fetchFn, isOnline: () => online, runtimeId: RUNTIME_ID, extensionOrigin: ORIGIN });
});

async function signIn(userId = 'u1') {
  await store.signIn(
    { user: { id: userId, email: `${userId}@example.com`, name: 'Ada' }, serverUrl: SERVER },
    { serverUrl: SERVER, syncUrl: `${SERVER}/db/userdb-1/`, accessToken: 'access-1', refreshToken: 'refresh-1' },
  );
}

describe('community:figures', () => {
  it('asks nothing when signed out, and answers only the extension\'s pages', async () => {
    expect(await messages.answer(request, dashboard)).toEqual({ ok: false, error: { message: 'Sign in first.' } });
    expect(await messages.answer(request, contentScript)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('fetches for the asked companies (commas folded) and sites, and keeps the answer for offline', async () => {
    await signIn();
    fetchFn.mockResolvedValue(json(200, figures));
    expect(await messages.answer(request, dashboard)).toMatchObject({
      ok: true,
      offline: false,
      companies: [{ company: 'Globex Inc', medianResponseDays: 6, users: 12 }],
      sites: [{ site: 'linkedin', responseRate: 0.25, users: 40 }],
    });
    const url = new URL(fetchFn.mock.calls[0]![0]);
    expect(url.pathname).toBe('/api/analytics/community');
    expect(url.searchParams.get('companies')).toBe('Globex Inc.');
    expect(url.searchParams.get('sites')).toBe('linkedin');
    expect(new Headers(fetchFn.mock.calls[0]![1]?.headers).get('authorization')).toBe('Bearer access-1');

    // Offline by the browser's account: no request, the kept figures with their date.
    online = false;
    const offline = await messages.answer(request, dashboard);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(offline).toMatchObject({ ok: true, offline: true, companies: [{ company: 'Globex Inc', fetchedAt: expect.any(String) }] });

    // Online but the server is unreachable: the same.
    online = true;
    fetchFn.mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await messages.answer(request, dashboard)).toMatchObject({ ok: true, offline: true, sites: [{ site: 'linkedin', responseRate: 0.25 }] });
  });

  it('never shows one account\'s kept figures to another', async () => {
    await signIn('u1');
    fetchFn.mockResolvedValue(json(200, figures));
    await messages.answer(request, dashboard);
    await signIn('u2');
    online = false;
    expect(await messages.answer(request, dashboard)).toEqual({ ok: true, offline: true, companies: [], sites: [] });
  });

  it('leaves a request too large or naming an unknown site unanswered (malformed), asking nothing', async () => {
    await signIn();
    expect(await messages.answer({ ...request, sites: ['myspace'] }, dashboard)).toBeUndefined();
    expect(await messages.answer({ ...request, companies: Array.from({ length: 51 }, (_, index) => `Company ${index}`) }, dashboard)).toBeUndefined();
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
