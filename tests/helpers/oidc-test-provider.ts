import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on a free port, with one
 * client and accounts the test defines. Its interaction step signs in as
 * `nextAccount` and grants the requested scopes at once, standing in for the
 * person who clicks through Google's screens.
 */

export interface TestIdentity {
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestIdentity>;
  /** The account (subject) the next sign-in is done as. */
  nextAccount: string;
  stop(): Promise<void>;
}

export async function startTestProvider(redirectUris: () => string[]): Promise<TestProvider> {
  let provider: Provider | undefined;
  const accounts = new Map<string, TestIdentity>();
  const state: TestProvider = {
    issuer: '',
    clientId: 'trackruit-test',
    clientSecret: 'a-client-secret-for-the-test-provider-only',
    accounts,
    nextAccount: '',
    stop: async () => {},
  };

  // Made at the first request: the client's redirect URI names the server, which starts after the provider.
  let create: () => Provider = () => {
    throw new Error('not listening yet');
  };
  const server = http.createServer((req, res) => {
    provider ??= create();
    const current = provider;
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        const details = await current.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await current.interactionFinished(req, res, { login: { accountId: state.nextAccount } }, { mergeWithLastSubmission: false });
          return;
        }
        const grant = new current.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        await current.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      })().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
      return;
    }
    current.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  create = () => new Provider(state.issuer, {
    clients: [{
      client_id: state.clientId,
      client_secret: state.clientSecret,
      redirect_uris: redirectUris(),
      response_types: ['code'],
      grant_types: ['authorization_code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    async findAccount(_ctx, id) {
      const identity = accounts.get(id);
      return identity ? { accountId: id, claims: () => ({ sub: id, ...identity }) } : undefined;
    },
  });


  state.stop = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}

/** Cookies of one browser session with the provider, which its interaction steps need. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export interface Walk {
  /** Where the server finally sent the browser (the extension's address with a fragment), if anywhere. */
  final?: URL;
  /** The callback request as the provider sent it, for replay. */
  callback?: string;
  /** The server's answer when it did not redirect. */
  refusal?: { status: number; body: { error?: { code: string; message: string } } };
}

/**
 * The browser's part of a sign-in (chrome.identity.launchWebAuthFlow): start
 * at `start`'s /api/auth/google, go through the provider (with its cookies),
 * come back to whichever server the provider calls back, and stop at
 * `extensionRedirect`. `alter` edits the URL about to be visited (an attacker's move).
 */
export async function walkSignIn(options: { start: string; issuer: string; extensionRedirect: string; alter?: (url: URL) => void }): Promise<Walk> {
  const jar = new CookieJar();
  let url = new URL(`${options.start}/api/auth/google?redirect_uri=${encodeURIComponent(options.extensionRedirect)}`);
  let callback: string | undefined;
  for (let hop = 0; hop < 20; hop += 1) {
    options.alter?.(url);
    if (url.href.startsWith(options.extensionRedirect)) return { final: url, ...(callback ? { callback } : {}) };
    const toProvider = url.origin === options.issuer;
    if (url.pathname === '/api/auth/google/callback') callback = url.href;
    const response = await fetch(url, { redirect: 'manual', headers: toProvider ? { cookie: jar.header() } : {} });
    if (toProvider) jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    const text = await response.text();
    let body: NonNullable<Walk['refusal']>['body'];
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = { error: { code: 'not_json', message: `${url.href}: ${text.slice(0, 300)}` } };
    }
    return { refusal: { status: response.status, body }, ...(callback ? { callback } : {}) };
  }
  throw new Error('too many redirects');
}
