import { createServer, Socket } from 'node:net';
import puppeteer from 'puppeteer-core';
import type { FirefoxWithAddon } from './firefox-extension';

/**
 * Firefox's own windows (its prompts, not pages) through Marionette, the one remote protocol of
 * Firefox 140 that reaches them: WebDriver BiDi, which puppeteer speaks, sees web content only.
 * Firefox opens Marionette when started with `--marionette` and `-remote-allow-system-access`
 * (see launchFirefoxWithAddon's `chromeAccess`). Tests answer Firefox's prompts with it, as a
 * person clicking them would.
 */
export interface FirefoxChrome {
  /** Runs `script` (a function body; `return` answers) in the browser window's chrome scope. */
  run<T>(script: string): Promise<T>;
  /** Ends the Marionette session, so another (puppeteer's) can start. */
  close(): Promise<void>;
}

/** A port nothing listens on: bound, then released, for Marionette to listen on. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** Marionette frames each JSON message as `<byte length>:<json>`. */
function frames(socket: Socket, onMessage: (message: unknown) => void): void {
  let buffer: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk] as Uint8Array[]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString());
      if (buffer.length < colon + 1 + length) return;
      onMessage(JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString()));
      buffer = buffer.subarray(colon + 1 + length);
    }
  });
}

export async function connectFirefoxChrome(port: number): Promise<FirefoxChrome> {
  const socket = new Socket();
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let greeted: () => void = () => undefined;
  const greeting = new Promise<void>((resolve) => (greeted = resolve));
  frames(socket, (message) => {
    if (!Array.isArray(message)) return greeted();
    const [, id, error, result] = message as [number, number, { message?: string } | null, unknown];
    const call = waiting.get(id);
    waiting.delete(id);
    if (error) call?.reject(new Error(`Marionette: ${error.message ?? JSON.stringify(error)}`));
    else call?.resolve(result);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => resolve());
  });
  await greeting;
  let nextId = 0;
  const send = (command: string, parameters: object) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      const json = JSON.stringify([0, id, command, parameters]);
      socket.write(`${Buffer.byteLength(json)}:${json}`);
    });
  await send('WebDriver:NewSession', { capabilities: {} });
  await send('Marionette:SetContext', { value: 'chrome' });
  return {
    async run<T>(script: string) {
      const answer = (await send('WebDriver:ExecuteScript', { script, args: [] })) as { value: T };
      return answer.value;
    },
    async close() {
      await send('WebDriver:DeleteSession', {});
      socket.destroy();
    },
  };
}

/**
 * Runs `script` in Firefox's browser window through Marionette. Firefox 140 allows one
 * WebDriver session at a time, so puppeteer's BiDi session ends first and a new one takes
 * `firefox.browser` afterwards: pages held from before are gone, find them again (browser.pages()).
 */
export async function inFirefoxChrome<T>(firefox: FirefoxWithAddon, marionettePort: number, script: string): Promise<T> {
  const endpoint = firefox.browser.wsEndpoint();
  await firefox.browser.disconnect();
  try {
    const chrome = await connectFirefoxChrome(marionettePort);
    try {
      return await chrome.run<T>(script);
    } finally {
      await chrome.close();
    }
  } finally {
    firefox.browser = await puppeteer.connect({ browserWSEndpoint: endpoint, protocol: 'webDriverBiDi' });
  }
}
