import { createVerifiedAccount } from './accounts';
import type { TestServer } from './test-server';

/** A signed-in, verified account for tests of routes that come after sign-in (device keys, OIDC linking). */
export interface TestSession {
  user: { id: string; email: string; name: string };
  accessToken: string;
  refreshToken: string;
  syncUrl: string;
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

let counter = 0;

export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.com`;
}

export async function signInForTest(server: TestServer, label: string, email = uniqueEmail(label)): Promise<TestSession> {
  return createVerifiedAccount(server, { name: label, email, password: TEST_PASSWORD });
}
