import type { Page } from 'puppeteer-core';
import { readLatestCode } from '../helpers/accounts';
import { clickButton, textOf, typeInto } from './firefox-extension';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/**
 * Sign-up from the popup: the server's address, the account, then the code the server mailed
 * (read from `dataDir`, the server's). Firefox's data-collection prompt comes with "Create
 * account": launch with permissionRequests 'grant' (the default) for it to be allowed.
 */
export async function signUp(popup: Page, server: { address: string; dataDir: string }, account: NewAccount): Promise<void> {
  await typeInto(popup, 'Server address', server.address);
  await clickButton(popup, 'Save address');
  await popup.locator(textOf('Saved')).wait();
  await clickButton(popup, 'Create an account');
  await typeInto(popup, 'Name', account.name);
  await typeInto(popup, 'Email', account.email);
  await typeInto(popup, 'Password', account.password);
  await clickButton(popup, 'Create account');
  await typeInto(popup, 'Code', await readLatestCode(server.dataDir, account.email));
  await clickButton(popup, 'Verify');
  await popup.locator(textOf('Signed in as')).wait();
}
