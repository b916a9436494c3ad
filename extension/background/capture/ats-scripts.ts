import { createSerialQueue } from '../../../shared/async/serial-queue';
import { ATS_HOST_PATTERNS } from './ats-hosts';

/** The registration's id, and the bundle WXT builds from entrypoints/ats.content.ts. */
export const ATS_SCRIPT_ID = 'trackruit-ats';
export const ATS_SCRIPT_FILE = 'content-scripts/ats.js';

interface PermissionEvent {
  addListener(listener: () => void): void;
}

/** The parts of `browser.permissions` and `browser.scripting` used here (fakes in tests). */
export interface AtsScriptsApi {
  permissions: {
    getAll(): Promise<{ origins?: string[] }>;
    onAdded: PermissionEvent;
    onRemoved: PermissionEvent;
  };
  scripting: {
    getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string; matches?: string[] }[]>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  };
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** The ATS hosts the person has granted (all, some after revoking one in the browser, or none). */
async function grantedPatterns(api: AtsScriptsApi): Promise<string[]> {
  const origins = new Set((await api.permissions.getAll()).origins ?? []);
  return ATS_HOST_PATTERNS.filter((pattern) => origins.has(pattern));
}

/**
 * Makes the registered ATS content script match what the person has granted:
 * registered for exactly the granted hosts, and not at all without any. The
 * registration persists across browser sessions; this runs on every start
 * and every permission change, so it never outlives a revoked permission.
 */
export async function syncAtsScripts(api: AtsScriptsApi): Promise<string[]> {
  const matches = await grantedPatterns(api);
  const [current] = await api.scripting.getRegisteredContentScripts({ ids: [ATS_SCRIPT_ID] });
  if (matches.length === 0) {
    if (current) await api.scripting.unregisterContentScripts({ ids: [ATS_SCRIPT_ID] });
    return [];
  }
  const script: RegisteredScript = { id: ATS_SCRIPT_ID, matches, js: [ATS_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true };
  if (!current) await api.scripting.registerContentScripts([script]);
  else if ([...(current.matches ?? [])].sort().join() !== [...matches].sort().join()) await api.scripting.updateContentScripts([script]);
  return matches;
}

/**
 * Keeps the registration in step with the permission from now on. Changes are
 * applied one at a time: a grant arriving while the start-up check runs would
 * otherwise register the same id twice.
 */
export function followAtsPermission(api: AtsScriptsApi, onError: (error: unknown) => void = console.error): () => Promise<string[]> {
  const serially = createSerialQueue();
  const sync = () => {
    const done = serially('ats', () => syncAtsScripts(api));
    done.catch(onError);
    return done;
  };
  api.permissions.onAdded.addListener(() => void sync());
  api.permissions.onRemoved.addListener(() => void sync());
  void sync();
  return sync;
}
