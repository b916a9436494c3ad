import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  changesDataCollection,
  DATA_CONSENT_DECLINED,
  hasDataCollectionConsent,
  maySyncSend,
  SYNC_DATA_COLLECTION_REQUEST,
} from '../../shared/consent/firefox-data-collection';
import type { ReplyError } from '../background/messages/page-messages';

/** What a sign-in form shows when the person declined Firefox's prompt (the background says the same). */
export const CONSENT_DECLINED: ReplyError = { code: 'data-consent-required', message: DATA_CONSENT_DECLINED };

interface PermissionEvent {
  addListener(listener: (change: { data_collection?: unknown }) => void): void;
  removeListener(listener: (change: { data_collection?: unknown }) => void): void;
}

/** `browser.permissions` with Firefox's `data_collection` (not in the shared typings). */
const permissions = browser.permissions as unknown as {
  getAll(): Promise<{ data_collection?: unknown }>;
  request(request: typeof SYNC_DATA_COLLECTION_REQUEST): Promise<boolean>;
  onAdded: PermissionEvent;
  onRemoved: PermissionEvent;
};

interface ConsentState {
  /** The browser has Firefox's data-collection consent (140+). */
  supported: boolean;
  /** Every category sync sends is granted (or there is nothing to grant). */
  granted: boolean;
}

async function readConsent(): Promise<ConsentState> {
  const all = await permissions.getAll();
  return { supported: hasDataCollectionConsent(all), granted: maySyncSend(all) };
}

export interface DataConsentControl {
  /** False when sync may not send now (Firefox, not granted); undefined while loading. */
  granted: boolean | undefined;
  /**
   * Call first thing in a click handler, before any await: Firefox shows its prompt only
   * while the page handles the person's input. Resolves true when sync may send (granted
   * now or before, or a browser without this consent), false when the person declined.
   */
  ask(): Promise<boolean>;
}

/** Firefox's data-collection consent for sign-in and sync, followed as it changes (about:addons too). */
export function useDataConsent(): DataConsentControl {
  const [state, setState] = useState<ConsentState>();

  useEffect(() => {
    let live = true;
    const refresh = () => void readConsent().then((next) => live && setState(next));
    const changed = (change: { data_collection?: unknown }) => {
      if (changesDataCollection(change)) refresh();
    };
    refresh();
    permissions.onAdded.addListener(changed);
    permissions.onRemoved.addListener(changed);
    return () => {
      live = false;
      permissions.onAdded.removeListener(changed);
      permissions.onRemoved.removeListener(changed);
    };
  }, []);

  function ask(): Promise<boolean> {
    // Not read yet (a click in the page's first moments): no prompt can follow an await, so a
    // missing grant answers "declined" and the person clicks again.
    if (!state) return readConsent().then((read) => read.granted);
    if (!state.supported || state.granted) return Promise.resolve(true);
    return permissions.request(SYNC_DATA_COLLECTION_REQUEST).then(
      (granted) => {
        setState({ supported: true, granted });
        return granted;
      },
      () => false,
    );
  }

  return { granted: state?.granted, ask };
}
