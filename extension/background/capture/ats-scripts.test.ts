import { describe, expect, it } from 'vitest';
import { ATS_HOST_PATTERNS } from './ats-hosts';
import { ATS_SCRIPT_FILE, ATS_SCRIPT_ID, followAtsPermission, syncAtsScripts, type AtsScriptsApi, type RegisteredScript } from './ats-scripts';

/** permissions and scripting as Chrome keeps them: granted origins, and registered scripts by id. */
function fakeApi(origins: string[]) {
  const listeners = { added: [] as (() => void)[], removed: [] as (() => void)[] };
  const scripts = new Map<string, RegisteredScript>();
  const api: AtsScriptsApi = {
    permissions: {
      getAll: async () => ({ origins: [...origins, 'https://www.linkedin.com/*'] }),
      onAdded: { addListener: (l) => listeners.added.push(l) },
      onRemoved: { addListener: (l) => listeners.removed.push(l) },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }) => ids.flatMap((id) => (scripts.has(id) ? [scripts.get(id)!] : [])),
      registerContentScripts: async (list) => {
        for (const script of list) {
          if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          scripts.set(script.id, script);
        }
      },
      updateContentScripts: async (list) => list.forEach((script) => scripts.set(script.id, script)),
      unregisterContentScripts: async ({ ids }) => ids.forEach((id) => scripts.delete(id)),
    },
  };
  const grant = (list: readonly string[]) => {
    origins.splice(0, origins.length, ...list);
    listeners.added.forEach((l) => l());
  };
  const revoke = () => {
    origins.splice(0);
    listeners.removed.forEach((l) => l());
  };
  return { api, scripts, grant, revoke };
}

describe('the ATS content script follows the optional host permission', () => {
  it('is not registered while nothing is granted', async () => {
    const { api, scripts } = fakeApi([]);
    expect(await syncAtsScripts(api)).toEqual([]);
    expect(scripts.size).toBe(0);
  });

  it('is registered for exactly the granted hosts, narrowed when one is revoked, and removed with the last', async () => {
    const { api, scripts, grant, revoke } = fakeApi([]);
    const sync = followAtsPermission(api);
    await sync();
    expect(scripts.size).toBe(0);

    grant(ATS_HOST_PATTERNS);
    await sync();
    expect(scripts.get(ATS_SCRIPT_ID)).toEqual({
      id: ATS_SCRIPT_ID,
      matches: [...ATS_HOST_PATTERNS],
      js: [ATS_SCRIPT_FILE],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });

    // Revoked for one site in the browser's own settings: the others stay.
    grant(ATS_HOST_PATTERNS.filter((p) => !p.includes('lever')));
    await sync();
    expect(scripts.get(ATS_SCRIPT_ID)?.matches).toEqual(ATS_HOST_PATTERNS.filter((p) => !p.includes('lever')));

    revoke();
    await sync();
    expect(scripts.size).toBe(0);
  });

  it('registers once when a grant arrives while the start-up check runs', async () => {
    const { api, scripts, grant } = fakeApi([...ATS_HOST_PATTERNS]);
    const errors: unknown[] = [];
    const sync = followAtsPermission(api, (error) => errors.push(error));
    grant(ATS_HOST_PATTERNS);
    await sync();
    expect(errors).toEqual([]);
    expect([...scripts.keys()]).toEqual([ATS_SCRIPT_ID]);
  });
});
