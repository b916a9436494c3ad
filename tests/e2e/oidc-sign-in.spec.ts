import { startTestProvider, type TestProvider } from '../helpers/oidc-test-provider';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expect, test } from './fixtures';

/**
 * "Continue with Google" in the built extension: the popup's button, the
 * background's chrome.identity.launchWebAuthFlow through a real OpenID
 * provider (which signs in at once, as a person would by clicking through),
 * and the session kept in extension storage.
 */

let provider: TestProvider | undefined;
let server: TestServer | undefined;

test.afterEach(async () => {
  await server?.stop();
  await provider?.stop();
  server = undefined;
  provider = undefined;
});

test('signs in with the OpenID provider from the popup', async ({ context, extensionId, serviceWorker }) => {
  let callback = '';
  provider = await startTestProvider(() => [callback]);
  server = await startTestServer({
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: null, scopes: 'openid email profile' },
  });
  callback = `${server.url}/api/auth/google/callback`;
  const email = `oidc-e2e-${Date.now()}@example.com`;
  provider.accounts.set('e2e-subject', { email, email_verified: true, name: 'Katherine Johnson' });
  provider.nextAccount = 'e2e-subject';

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // No provider on the default server: no button.
  await expect(popup.getByRole('button', { name: /^Continue with/ })).toHaveCount(0);
  await popup.getByLabel('Server address').fill(server.url);
  await popup.getByRole('button', { name: 'Save address' }).click();

  await popup.getByRole('button', { name: 'Continue with 127.0.0.1' }).click();
  await expect(popup.getByText('Signed in as Katherine Johnson')).toBeVisible({ timeout: 20_000 });

  const stored = await serviceWorker.evaluate(async () => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local;
    return (await storage.get('tokens')).tokens as { accessToken?: string; refreshToken?: string } | undefined;
  });
  expect(stored?.accessToken).toEqual(expect.any(String));
  expect(stored?.refreshToken).toEqual(expect.any(String));
  // Tokens reached only extension storage: no page the browser visited carried them.
  for (const page of context.pages()) expect(page.url()).not.toContain(stored!.accessToken!);

  // The sign-in registered this browser's device key, as a password sign-in does.
  const devices = async () => {
    const response = await fetch(`${server!.url}/api/auth/devices`, { headers: { authorization: `Bearer ${stored!.accessToken!}` } });
    return ((await response.json()) as { devices: unknown[] }).devices.length;
  };
  await expect.poll(devices).toBe(1);
  // And the rules check that follows every sign-in went through with a signed request.
  await expect.poll(async () => serviceWorker.evaluate(async () => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local;
    return typeof (await storage.get('detectionRulesCheckedAt')).detectionRulesCheckedAt;
  })).toBe('number');
});
