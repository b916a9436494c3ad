import { idbRequest as request } from '../../db/idb-request';
import { exportPublicJwk, generateDeviceKeyPair, signatureHeaders } from '../../../shared/device-signature/sign';
import { apiUrl, type FetchLike } from '../api';
import { createAuthFetch } from './auth-fetch';
import type { ExtensionStore } from '../storage';

/**
 * This browser's device key for the extension routes (`/api/extension/*`):
 * an ECDSA P-256 pair made with WebCrypto, the private half non-extractable
 * and kept in IndexedDB (a CryptoKey is structured-cloneable, so it is stored
 * as the object itself and never as bytes a script could read or copy). The
 * public half is registered with the server after every sign-in; requests are
 * then signed with it, alongside the access token.
 */

export interface DeviceKeyRecord {
  serverUrl: string;
  userId: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Set once the server registered the public key. */
  deviceId?: string;
}

export interface DeviceKeyVault {
  get(): Promise<DeviceKeyRecord | undefined>;
  set(record: DeviceKeyRecord): Promise<void>;
}

const DB_NAME = 'trackruit-device-key';
const STORE = 'keys';
const CURRENT = 'current';

/** The key in this extension's own IndexedDB, which no web page can open. */
export function indexedDbVault(factory: IDBFactory = indexedDB, name = DB_NAME): DeviceKeyVault {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => {
        opened = undefined;
        reject(open.error ?? new Error('IndexedDB open failed'));
      };
    });
    return opened;
  };
  return {
    async get() {
      return (await request((await db()).transaction(STORE).objectStore(STORE).get(CURRENT))) as DeviceKeyRecord | undefined;
    },
    async set(record) {
      const tx = (await db()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(record, CURRENT);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      });
    },
  };
}

export interface DeviceKeysDeps {
  vault: DeviceKeyVault;
  store: Pick<ExtensionStore, 'get' | 'set' | 'account' | 'expire'>;
  fetch?: FetchLike;
  now?: () => number;
  /** Shown in the account's device list. */
  deviceName?: string;
}

export class DeviceRegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceRegistrationError';
  }
}

function defaultDeviceName(): string {
  const agent = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Firefox\//.test(agent) ? 'Firefox' : /Edg\//.test(agent) ? 'Edge' : 'Chrome';
  return `TrackRuit in ${browser}`;
}

export class DeviceKeys {
  private readonly baseFetch: FetchLike;
  private readonly authFetch: FetchLike;
  private registering: Promise<DeviceKeyRecord | undefined> | undefined;
  private lastTimestamp = 0;

  constructor(private readonly deps: DeviceKeysDeps) {
    this.baseFetch = deps.fetch ?? ((input, init) => fetch(input, init));
    this.authFetch = createAuthFetch({ store: deps.store, fetch: this.baseFetch, onSessionExpired: () => deps.store.expire() });
  }

  /**
   * Registers this browser's key for the signed-in account (after every
   * sign-in, and when the server no longer knows the device). The same key
   * registers as the same device; another account or server gets a new key.
   * Concurrent callers share one registration.
   */
  register(): Promise<DeviceKeyRecord | undefined> {
    this.registering ??= this.doRegister().finally(() => {
      this.registering = undefined;
    });
    return this.registering;
  }

  /**
   * A fetch for `/api/extension/*`: the bearer token (refreshed on a 401 as
   * everywhere) and a fresh signature on every attempt. Bodies must be strings,
   * the exact bytes signed.
   */
  readonly signedFetch: FetchLike = async (input, init) => {
    let record = await this.current();
    if (!record?.deviceId) record = await this.register();
    if (!record?.deviceId) throw new DeviceRegistrationError('This device is not registered with the server yet.');
    const response = await this.authFetch(input, await this.sign(record, input, init));
    if (response.status !== 403 || (await errorCode(response)) !== 'unknown_device') return response;
    // Removed from the account's devices, or the server lost it: register again, once.
    const again = await this.register();
    if (!again?.deviceId) return response;
    return this.authFetch(input, await this.sign(again, input, init));
  };

  private async current(): Promise<DeviceKeyRecord | undefined> {
    const [record, tokens, account] = await Promise.all([this.deps.vault.get(), this.deps.store.get(), this.deps.store.account()]);
    if (!record || !tokens || !account) return undefined;
    return record.serverUrl === tokens.serverUrl && record.userId === account.user.id ? record : undefined;
  }

  private async doRegister(): Promise<DeviceKeyRecord | undefined> {
    const [tokens, account] = await Promise.all([this.deps.store.get(), this.deps.store.account()]);
    if (!tokens || !account || account.needsLogin) return undefined;
    const existing = await this.deps.vault.get();
    const record: DeviceKeyRecord = existing && existing.serverUrl === tokens.serverUrl && existing.userId === account.user.id
      ? existing
      : { serverUrl: tokens.serverUrl, userId: account.user.id, ...(await generateDeviceKeyPair()) };
    const response = await this.authFetch(apiUrl(tokens.serverUrl, 'api/auth/devices'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.deps.deviceName ?? defaultDeviceName(), publicKeyJwk: await exportPublicJwk(record.publicKey) }),
    });
    const body = (await response.json().catch(() => undefined)) as { device?: { id?: unknown } } | undefined;
    const deviceId = body?.device?.id;
    if (!response.ok || typeof deviceId !== 'string') {
      throw new DeviceRegistrationError(`The server refused this device (${response.status}).`);
    }
    const registered = { ...record, deviceId };
    await this.deps.vault.set(registered);
    return registered;
  }

  private async sign(record: DeviceKeyRecord, url: string, init: RequestInit | undefined): Promise<RequestInit> {
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new TypeError('signedFetch sends string bodies only (the bytes it signs)');
    }
    // Strictly increasing, so two requests in one millisecond never share a timestamp.
    const timestamp = Math.max((this.deps.now ?? Date.now)(), this.lastTimestamp + 1);
    this.lastTimestamp = timestamp;
    const signature = await signatureHeaders(record.privateKey, record.deviceId ?? '', {
      method: init?.method ?? 'GET',
      url,
      body: init?.body ?? undefined,
      timestamp,
    });
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(signature)) headers.set(name, value);
    return { ...init, headers };
  }
}

async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.clone().json().catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}
