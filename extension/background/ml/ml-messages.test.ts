import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { match } from '../../../shared/match/match';
import { resumeFromParsed } from '../../../shared/match/resume-input';
import { testResume } from '../../../shared/resume/doc/test-resume';
import type { FetchLike } from '../api';
import { MessageRegistry } from '../messages/registry';
import { ExtensionStore, type StorageArea } from '../storage';
import { addMlHandlers } from './ml-messages';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const dashboard = { id: RUNTIME_ID, url: `${ORIGIN}dashboard.html` };
const contentScript = { id: RUNTIME_ID, url: 'https://www.linkedin.com/jobs/view/1/', tab: {} };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const resume = testResume().resume;
const job = { title: 'Backend Engineer', description: 'Requirements: Node.js, PostgreSQL.' };
const request = { type: 'ml:match', resume, job };

let store: ExtensionStore;
let fetchFn: ReturnType<typeof vi.fn<FetchLike>>;
let messages: MessageRegistry;

beforeEach(() => {
  fakeBrowser.reset();
  store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
  fetchFn = vi.fn<FetchLike>();
  messages = new MessageRegistry();
  addMlHandlers(messages, { store, fetch: fetchFn, runtimeId: RUNTIME_ID, extensionOrigin: ORIGIN });
});

async function signIn() {
  await store.signIn(
    { user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, serverUrl: 'http://127.0.0.1:5123' },
    { serverUrl: 'http://127.0.0.1:5123', syncUrl: 'http://127.0.0.1:5123/db/userdb-1/', accessToken: 'access-1', refreshToken: 'refresh-1' },
  );
}

describe('ml:match', () => {
  it('asks nothing when signed out, and refuses pages that are not the extension’s', async () => {
    expect(await messages.answer(request, dashboard)).toEqual({ ok: false, error: { message: 'Sign in first.' } });
    expect(await messages.answer(request, contentScript)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('posts the resume and job with the token, and answers the server’s match with its engine', async () => {
    await signIn();
    const answer = { ...match(resumeFromParsed(resume), job), engine: 'offline', cached: false };
    fetchFn.mockResolvedValueOnce(json(200, answer));
    const reply = await messages.answer(request, dashboard);
    expect(reply).toMatchObject({ ok: true, match: { score: answer.score, engine: 'offline' } });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:5123/api/ml/match');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer access-1');
    expect(JSON.parse(String(init?.body))).toEqual({ resume, job });
  });

  it('refuses a malformed answer, a malformed resume and an unreachable server as error replies', async () => {
    await signIn();
    fetchFn.mockResolvedValueOnce(json(200, { score: 'high' }));
    expect(await messages.answer(request, dashboard)).toMatchObject({ ok: false });
    expect(await messages.answer({ ...request, resume: { name: 'x' } }, dashboard)).toEqual({ ok: false, error: { message: 'The resume is not a parsed resume.' } });
    fetchFn.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await messages.answer(request, dashboard)).toMatchObject({ ok: false, error: { message: expect.stringContaining("Can't reach the server") } });
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });
});
