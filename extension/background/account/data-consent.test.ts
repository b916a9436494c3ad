import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DATA_CONSENT_DECLINED, SYNC_DATA_COLLECTION } from '../../../shared/consent/firefox-data-collection';
import type { FetchLike } from '../api';
import { ExtensionStore, type StorageArea } from '../storage';
import type { SyncController } from '../sync/controller';
import { AccountService } from './account';
import { DataConsent, DataConsentError, type DataConsentApi } from './data-consent';

type Listener = (change: { data_collection?: unknown }) => void;

/** `browser.permissions` as Firefox 140 answers it, with what the person has granted. */
function firefoxPermissions(granted: string[]) {
  const added: Listener[] = [];
  const removed: Listener[] = [];
  const api: DataConsentApi = {
    getAll: () => Promise.resolve({ origins: [], permissions: [], data_collection: [...granted] }),
    onAdded: { addListener: (listener) => void added.push(listener) },
    onRemoved: { addListener: (listener) => void removed.push(listener) },
  };
  return {
    api,
    revoke(category: string) {
      granted.splice(granted.indexOf(category), 1);
      for (const listener of removed) listener({ data_collection: [category] });
    },
    removeHost() {
      for (const listener of removed) listener({ data_collection: [] });
    },
  };
}

let sent: string[];
const fetchFn: FetchLike = (input) => {
  sent.push(input);
  return Promise.resolve(new Response('{}', { status: 200 }));
};

beforeEach(() => {
  sent = [];
  fakeBrowser.reset();
});

describe('DataConsent', () => {
  it('sends nothing while a category sync needs is not granted, and lets requests through once all are', async () => {
    const refused = new DataConsent(firefoxPermissions(['personallyIdentifyingInfo']).api).gate(fetchFn);
    await expect(refused('http://localhost:5000/api/auth/me')).rejects.toBeInstanceOf(DataConsentError);
    expect(sent).toEqual([]);

    const allowed = new DataConsent(firefoxPermissions([...SYNC_DATA_COLLECTION]).api).gate(fetchFn);
    expect((await allowed('http://localhost:5000/api/auth/me')).status).toBe(200);
    expect(sent).toEqual(['http://localhost:5000/api/auth/me']);
  });

  it('gates nothing in a browser without the consent system (Chromium, Firefox before 140)', async () => {
    const chromium: DataConsentApi = {
      getAll: () => Promise.resolve({ origins: [], permissions: [] }),
      onAdded: { addListener: () => undefined },
      onRemoved: { addListener: () => undefined },
    };
    expect(await new DataConsent(chromium).granted()).toBe(true);
  });

  it('reports a revoked category, and ignores permission changes that are not data collection', async () => {
    const permissions = firefoxPermissions([...SYNC_DATA_COLLECTION]);
    const changes: boolean[] = [];
    new DataConsent(permissions.api).follow((granted) => changes.push(granted));
    permissions.removeHost();
    permissions.revoke('websiteContent');
    await vi.waitFor(() => expect(changes).toEqual([false]));
  });
});

describe('AccountService without consent', () => {
  it('refuses sign-in, sign-up and codes before anything reaches the server', async () => {
    const store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
    const sync = { stop: vi.fn(), restart: vi.fn(), wipeLocalData: vi.fn(), localDataCounts: vi.fn(async () => ({ jobs: 0, resumes: 0 })) };
    const consent = new DataConsent(firefoxPermissions([]).api);
    const service = new AccountService({ store, sync: sync as unknown as SyncController, fetch: consent.gate(fetchFn), consent });
    const refusal = { ok: false, error: { code: 'data-consent-required', message: DATA_CONSENT_DECLINED } };
    expect(await service.login({ email: 'ada@example.com', password: 'analytical-engine-1843' })).toEqual(refusal);
    expect(await service.register({ name: 'Ada', email: 'ada@example.com', password: 'analytical-engine-1843' })).toEqual(refusal);
    expect(await service.verifyOtp({ email: 'ada@example.com', code: '123456', password: 'analytical-engine-1843' })).toEqual(refusal);
    expect(await service.forgotPassword('ada@example.com')).toEqual(refusal);
    expect(sent).toEqual([]);
    expect(sync.restart).not.toHaveBeenCalled();
  });
});
