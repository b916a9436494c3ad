import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';
import { recentSignInRequired, type AuthService } from '../auth/service';
import { readBearerToken } from '../auth/bearer';
import { asyncRoute, HttpError } from '../errors';
import { parsePublicJwk } from './jwk';
import type { DeviceRecord, DeviceStore } from './store';

export const MAX_DEVICES_PER_USER = 20;
export const DEVICE_NAME_MAX = 100;


export const registerBodySchema = z
  .object({
    publicKeyJwk: z.unknown(),
    name: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(DEVICE_NAME_MAX, `must be at most ${DEVICE_NAME_MAX} characters`),
  })
  .strict();

/** What clients see of a device: never the key's owner id, only what names it. */
export function publicDevice(device: DeviceRecord) {
  return { id: device.id, name: device.name, createdAt: device.createdAt, thumbprint: device.thumbprint };
}

function parseRegisterBody(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'validation_failed', 'Request body must be a JSON object');
  }
  const fields: Record<string, string> = {};
  const result = registerBodySchema.safeParse(body);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(body)');
      fields[field] ??= issue.code === 'unrecognized_keys' ? 'is not an accepted field' : issue.message;
    }
  }
  const jwk = parsePublicJwk((body as { publicKeyJwk?: unknown }).publicKeyJwk);
  if (!jwk.ok) fields.publicKeyJwk ??= (body as { publicKeyJwk?: unknown }).publicKeyJwk === undefined ? 'is required' : jwk.message;
  if (!result.success || !jwk.ok) throw new HttpError(400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
  return { name: result.data.name, jwk };
}

/**
 * `/api/auth/devices`, with the bearer access token: register a device's
 * public key (the same key again answers the same device), list, delete.
 */
/**
 * A device key can only be registered right after the person signed in: a
 * stolen access token alone must not be enough to sign extension requests.
 * The extension registers its key at sign-in.
 */
const REGISTER_WITHIN_SECONDS_OF_SIGN_IN = 5 * 60;

export function createDeviceRouter(options: { auth: Pick<AuthService, 'authenticate' | 'authenticateSession'>; devices: DeviceStore; bodyLimitBytes: number }): Router {
  const { auth, devices } = options;
  const router = Router();
  // One registration at a time per user, so two concurrent ones cannot both pass the limit.
  const queues = new Map<string, Promise<unknown>>();
  function serialized<T>(userId: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(userId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(task);
    queues.set(userId, run);
    void run.finally(() => {
      if (queues.get(userId) === run) queues.delete(userId);
    }).catch(() => undefined);
    return run;
  }

  router.post('/', express.json({ limit: Math.min(options.bodyLimitBytes, 16 * 1024) }), asyncRoute(async (req, res) => {
    const { user, authTimeMs } = await auth.authenticateSession(readBearerToken(req));
    if (!(authTimeMs > 0 && Date.now() - authTimeMs <= REGISTER_WITHIN_SECONDS_OF_SIGN_IN * 1000)) throw recentSignInRequired(REGISTER_WITHIN_SECONDS_OF_SIGN_IN);
    if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
    const { name, jwk } = parseRegisterBody(req.body);
    const { device, created } = await serialized(user.id, async () => {
      const existing = (await devices.list(user.id)).find((d) => d.thumbprint === jwk.thumbprint);
      if (existing) return { device: existing, created: false };
      if ((await devices.list(user.id)).length >= MAX_DEVICES_PER_USER) {
        throw new HttpError(409, 'too_many_devices', `An account can have at most ${MAX_DEVICES_PER_USER} devices; remove one first`);
      }
      const record: DeviceRecord = { id: randomUUID(), userId: user.id, name, publicKeyJwk: jwk.jwk, thumbprint: jwk.thumbprint, createdAt: new Date().toISOString() };
      await devices.put(record);
      return { device: record, created: true };
    });
    res.status(created ? 201 : 200).json({ device: publicDevice(device) });
  }));

  router.get('/', asyncRoute(async (req, res) => {
    const user = await auth.authenticate(readBearerToken(req));
    res.json({ devices: (await devices.list(user.id)).map(publicDevice) });
  }));

  router.delete('/:deviceId', asyncRoute(async (req, res) => {
    const user = await auth.authenticate(readBearerToken(req));
    const deviceId = req.params.deviceId ?? '';
    if (!(await devices.remove(user.id, deviceId))) throw new HttpError(404, 'not_found', 'No such device on this account');
    res.status(204).end();
  }));

  return router;
}
