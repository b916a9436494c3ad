import { createHash, verify as verifySignature, type KeyObject } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import {
  canonicalRequest,
  DEVICE_ID_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_WINDOW_MS,
  TIMESTAMP_HEADER,
} from '../../shared/device-signature/canonical';
import type { AuthService } from '../auth/service';
import { readBearerToken } from '../auth/bearer';
import { HttpError } from '../errors';
import { setAccountKey } from '../rate-limit/limiters';
import { parsePublicJwk } from './jwk';
import type { ReplayGuard } from './replay-guard';
import type { DeviceRecord, DeviceStore } from './store';

/** What a verified request carries on to its route. */
export interface SignedRequestLocals {
  /** Whatever the auth service knows of the user; only named fields may be sent back. */
  user: Awaited<ReturnType<AuthService['authenticate']>>;
  device: DeviceRecord;
  /** The exact bytes that were signed. */
  rawBody: Buffer;
}

const DEVICE_ID = /^[A-Za-z0-9-]{1,64}$/;
// IEEE P1363 r||s for P-256: 64 bytes, 86 base64url characters.
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

// 403, not 401: the token was fine, so the client must not refresh it (refresh tokens
// rotate); what failed is this device's proof for this very request.
const refuse = (code: string, message: string) => new HttpError(403, code, message);

/** Checks an ECDSA P-256 / SHA-256 signature in WebCrypto's r||s form. */
export function verifyDeviceSignature(key: KeyObject, message: string, signatureB64Url: string): boolean {
  if (!SIGNATURE.test(signatureB64Url)) return false;
  try {
    return verifySignature('sha256', new TextEncoder().encode(message), { key, dsaEncoding: 'ieee-p1363' }, new Uint8Array(Buffer.from(signatureB64Url, 'base64url')));
  } catch {
    return false;
  }
}

export interface SignedRequestOptions {
  auth: Pick<AuthService, 'authenticate'>;
  devices: DeviceStore;
  replays: ReplayGuard;
  bodyLimitBytes: number;
  /** Runs once the token and the device are known, before the body is read: the per-user rate limit. */
  afterIdentify?: RequestHandler;
  now?: () => number;
}

/**
 * The gate of `/api/extension/*`: a bearer access token AND a signature by a
 * device key that token's user registered, over this very request (method,
 * path and query, timestamp, body), at most five minutes old and never seen
 * before. A stolen access token alone, or a captured request replayed or
 * re-signed over another body, gets a 403 (a missing or bad token, a 401).
 */
export function signedRequestGate(options: SignedRequestOptions): RequestHandler[] {
  const now = options.now ?? (() => Date.now());

  // Headers first: nobody without a valid token and a known device makes the server read a body.
  const identify = (req: Request, res: Response, next: NextFunction) => {
    (async () => {
      const user = await options.auth.authenticate(readBearerToken(req));
      const deviceId = req.get(DEVICE_ID_HEADER);
      const timestamp = req.get(TIMESTAMP_HEADER);
      const signature = req.get(SIGNATURE_HEADER);
      if (!deviceId || !timestamp || !signature) {
        throw refuse('device_signature_required', `This route needs a device signature (${DEVICE_ID_HEADER}, ${TIMESTAMP_HEADER}, ${SIGNATURE_HEADER}) as well as the access token`);
      }
      if (!DEVICE_ID.test(deviceId)) throw refuse('unknown_device', 'This device is not registered for this account; register it again');
      const device = await options.devices.get(user.id, deviceId);
      if (!device) throw refuse('unknown_device', 'This device is not registered for this account; register it again');

      const at = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : NaN;
      if (!Number.isSafeInteger(at) || Math.abs(now() - at) > SIGNATURE_WINDOW_MS) {
        throw refuse('stale_request', 'The request timestamp is more than 5 minutes from the server clock');
      }
      setAccountKey(res, user.id);
      res.locals.pendingSignature = { user, device, timestamp, at, signature };
    })().then(() => next(), next);
  };

  // The body is read raw: the signature covers bytes, not a parsed object.
  const raw = express.raw({ type: () => true, limit: options.bodyLimitBytes });

  const verify = (req: Request, res: Response, next: NextFunction) => {
    const { user, device, timestamp, at, signature } = res.locals.pendingSignature as {
      user: SignedRequestLocals['user'];
      device: DeviceRecord;
      timestamp: string;
      at: number;
      signature: string;
    };
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
    const message = canonicalRequest({
      method: req.method,
      pathAndQuery: req.originalUrl,
      timestamp,
      bodySha256Hex: createHash('sha256').update(new Uint8Array(rawBody)).digest('hex'),
    });
    const parsed = parsePublicJwk(device.publicKeyJwk);
    if (!parsed.ok || !verifyDeviceSignature(parsed.key, message, signature)) {
      next(refuse('invalid_signature', 'The device signature does not match this request'));
      return;
    }
    // Keyed by r, not the whole signature: ECDSA's (r, s) and (r, n - s) both verify,
    // so a replay with the other s must count as the same request.
    const r = Buffer.from(signature, 'base64url').subarray(0, 32).toString('base64url');
    options.replays.claim(`${device.id}:${timestamp}:${r}`, at).then((first) => {
      if (!first) {
        next(refuse('replayed_request', 'This signed request was already received'));
        return;
      }
      const locals: SignedRequestLocals = { user, device, rawBody };
      res.locals.signed = locals;
      next();
    }, next);
  };

  return [identify, ...(options.afterIdentify ? [options.afterIdentify] : []), raw, verify];
}

export function signedLocals(res: Response): SignedRequestLocals {
  const locals = res.locals.signed as SignedRequestLocals | undefined;
  if (!locals) throw new Error('signedRequestGate must run before this route');
  return locals;
}
