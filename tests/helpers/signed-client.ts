import { exportPublicJwk, generateDeviceKeyPair, signatureHeaders } from '../../shared/device-signature/sign';
import { signInForTest, type TestSession } from './sign-in-for-test';
import type { TestServer } from './test-server';

/** What the extension does for `/api/extension/*`: a registered device key signs, the access token rides along. */
export interface SignedClient {
  session: TestSession;
  deviceId: string;
  fetch(path: string, init?: { method?: string; body?: string; headers?: Record<string, string> }): Promise<Response>;
}

export async function createSignedClient(server: TestServer, label = 'device'): Promise<SignedClient> {
  const session = await signInForTest(server, label);
  const keys = await generateDeviceKeyPair();
  const registered = await fetch(`${server.url}/api/auth/devices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: label, publicKeyJwk: await exportPublicJwk(keys.publicKey) }),
  });
  if (registered.status !== 201) throw new Error(`device registration answered ${registered.status}`);
  const deviceId = ((await registered.json()) as { device: { id: string } }).device.id;
  return {
    session,
    deviceId,
    async fetch(path, init = {}) {
      const url = `${server.url}${path}`;
      const method = init.method ?? 'GET';
      const signature = await signatureHeaders(keys.privateKey, deviceId, { method, url, body: init.body, timestamp: Date.now() });
      return fetch(url, {
        method,
        headers: { ...init.headers, ...signature, authorization: `Bearer ${session.accessToken}` },
        ...(init.body === undefined ? {} : { body: init.body }),
      });
    },
  };
}
