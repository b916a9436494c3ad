import { changesDataCollection, DATA_CONSENT_REVOKED, maySyncSend } from '../../../shared/consent/firefox-data-collection';
import type { FetchLike } from '../api';

interface PermissionEvent {
  addListener(listener: (change: { data_collection?: unknown }) => void): void;
}

/** The parts of `browser.permissions` used here (a fake in tests). */
export interface DataConsentApi {
  getAll(): Promise<{ data_collection?: unknown; origins?: string[]; permissions?: string[] }>;
  onAdded: PermissionEvent;
  onRemoved: PermissionEvent;
}

/** Thrown instead of sending a request the person has not allowed Firefox to let out. */
export class DataConsentError extends Error {
  constructor() {
    super(DATA_CONSENT_REVOKED);
    this.name = 'DataConsentError';
  }
}

/**
 * Firefox's data-collection consent as the background sees it. Asked afresh
 * before each request (one local call): the person can turn it off in
 * about:addons at any time, and an event page may have slept through the change.
 */
export class DataConsent {
  /** Without an API (tests, or a browser with no permissions API), nothing is gated. */
  constructor(private readonly api?: DataConsentApi) {}

  async granted(): Promise<boolean> {
    return this.api ? maySyncSend(await this.api.getAll()) : true;
  }

  /** `fetch`, refusing before anything leaves the browser while consent is missing. */
  gate(fetch: FetchLike): FetchLike {
    return async (input, init) => {
      if (!(await this.granted())) throw new DataConsentError();
      return fetch(input, init);
    };
  }

  /** Calls `onChange` with the new answer whenever data-collection permissions are granted or revoked. */
  follow(onChange: (granted: boolean) => void): void {
    if (!this.api) return;
    const changed = (change: { data_collection?: unknown }) => {
      if (changesDataCollection(change)) void this.granted().then(onChange);
    };
    this.api.onAdded.addListener(changed);
    this.api.onRemoved.addListener(changed);
  }
}
