import type { SignInEvent } from '../auth/routes';
import type { AuditLog } from './log';

/**
 * Password sign-ins into the audit log. A failure to write is logged, not
 * thrown: a full disk must not lock every user out, nor turn a wrong
 * password's 401 into a 500 that tells an attacker something else happened.
 */
export function auditSignIns(audit: AuditLog, log: (message: string, error?: unknown) => void): (event: SignInEvent) => Promise<void> {
  return async (event) => {
    const client = { ip: event.client.ip, userAgent: event.client.userAgent.slice(0, 300) };
    try {
      if (event.outcome === 'signed_in') {
        await audit.append({ action: 'auth.sign_in', actor: { type: 'user', id: event.userId, email: event.email }, details: { method: 'password', ...client } });
      } else {
        await audit.append({ action: 'auth.sign_in_failed', actor: { type: 'anonymous' }, details: { method: 'password', email: event.email, ...client } });
      }
    } catch (error) {
      log('Could not write a sign-in to the audit log', error);
    }
  };
}
