/**
 * Firefox's built-in consent for data collection and transmission (desktop 140+):
 * what TrackRuit declares in `browser_specific_settings.gecko.data_collection_permissions`
 * and asks for at sign-in. Mozilla counts as transmission anything handled outside the
 * add-on or the local browser, so sync to the person's own server is transmission; the
 * extension itself works fully offline, so nothing is required and everything sync sends
 * is optional, asked for when the person signs in.
 */

/**
 * The categories of Mozilla's taxonomy that signing in and sync send, and nothing more:
 * - personallyIdentifyingInfo: the account's name and email, and resumes (contact details)
 * - authenticationInfo: the password sent at sign-in and sign-up, the one-time codes, tokens
 * - browsingActivity: each application's job page URL
 * - websiteContent: the title, company, location and description captured from job pages
 * - websiteActivity: that (and when) the person submitted an application on a site
 * Not declared: no location of the person (a job's location is website content), no
 * health, financial, communications, search terms or bookmarks, and no technical or
 * usage data (the server gets no telemetry; the device name says only which browser).
 */
export const SYNC_DATA_COLLECTION = ['personallyIdentifyingInfo', 'authenticationInfo', 'browsingActivity', 'websiteContent', 'websiteActivity'] as const;

export type SyncDataCollection = (typeof SYNC_DATA_COLLECTION)[number];

/** The manifest value: nothing required to use the extension, sync's categories optional. */
export const FIREFOX_DATA_COLLECTION_PERMISSIONS = { required: ['none'], optional: [...SYNC_DATA_COLLECTION] };

/** The permission request that sign-in makes (`browser.permissions.request`). */
export const SYNC_DATA_COLLECTION_REQUEST = { data_collection: [...SYNC_DATA_COLLECTION] };

/**
 * Whether the browser has the consent system: Firefox 140+ answers `permissions.getAll()`
 * with a `data_collection` list (empty when nothing is granted); Chromium and older Firefox
 * have no such key. Mozilla's documented feature test, rather than guessing from the user agent.
 */
export function hasDataCollectionConsent(all: { data_collection?: unknown }): boolean {
  return Array.isArray(all.data_collection);
}

/**
 * Whether sync may send: always where the browser has no consent system (the
 * key is then ignored, and the store listing discloses it), else only with
 * every category sync sends granted. The person may revoke any one of them
 * in about:addons; sync then stops, since each sync carries all of them.
 */
export function maySyncSend(all: { data_collection?: unknown }): boolean {
  if (!hasDataCollectionConsent(all)) return true;
  const granted = new Set(all.data_collection as unknown[]);
  return SYNC_DATA_COLLECTION.every((category) => granted.has(category));
}

/** Whether a permissions.onAdded/onRemoved change touches data collection (not an ATS host, say). */
export function changesDataCollection(change: { data_collection?: unknown }): boolean {
  return Array.isArray(change.data_collection) && change.data_collection.length > 0;
}

/** Sign-in was refused, or the person declined Firefox's prompt: nothing was sent. */
export const DATA_CONSENT_DECLINED =
  'Not signed in: Firefox did not allow TrackRuit to send your account and applications to your server, so nothing was sent. ' +
  'Everything keeps working on this device. To sign in, choose Sign in again and allow it when Firefox asks.';

/** Sync stopped because the permission was turned off (about:addons, Permissions and data). */
export const DATA_CONSENT_REVOKED =
  'Sync stopped: Firefox no longer allows TrackRuit to send your data to your server (Permissions and data, in the add-on’s page in about:addons). ' +
  'Your changes are kept on this device. Allow it again to resume sync.';
