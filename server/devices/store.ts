import type { P256PublicJwk } from './jwk';
import { openSystemDatabase, type SystemDatabaseSource } from '../storage/system-database';

/**
 * Registered device keys, in their own server-only database beside users and
 * refresh tokens. A device is stored under its user (`dev:<userId>:<id>`), so
 * a device id presented with another user's token is simply not found.
 */

export interface DeviceRecord {
  id: string;
  userId: string;
  name: string;
  publicKeyJwk: P256PublicJwk;
  /** RFC 7638 thumbprint of the key: registering the same key again returns the same device. */
  thumbprint: string;
  createdAt: string;
}

export interface DeviceStore {
  get(userId: string, deviceId: string): Promise<DeviceRecord | null>;
  list(userId: string): Promise<DeviceRecord[]>;
  put(device: DeviceRecord): Promise<void>;
  /** False when there was no such device of this user. */
  remove(userId: string, deviceId: string): Promise<boolean>;
  /** Account deletion: every key of the user. */
  removeAllForUser(userId: string): Promise<number>;
  close(): Promise<void>;
}

type DeviceDoc = Omit<DeviceRecord, 'id' | 'userId'> & { deviceId: string; userId: string };

const prefix = (userId: string) => `dev:${userId}:`;
const key = (userId: string, deviceId: string) => `${prefix(userId)}${deviceId}`;

const isNotFound = (error: unknown) => (error as { status?: number } | null)?.status === 404;

function toRecord(doc: DeviceDoc): DeviceRecord {
  return { id: doc.deviceId, userId: doc.userId, name: doc.name, publicKeyJwk: doc.publicKeyJwk, thumbprint: doc.thumbprint, createdAt: doc.createdAt };
}

export async function createPouchDeviceStore(source: SystemDatabaseSource): Promise<DeviceStore> {
  const db = await openSystemDatabase<DeviceDoc>(source, 'devices');

  async function docsOf(userId: string) {
    const result = await db.allDocs({ startkey: prefix(userId), endkey: `${prefix(userId)}\uffff`, include_docs: true });
    return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  return {
    async get(userId, deviceId) {
      try {
        return toRecord(await db.get(key(userId, deviceId)));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async list(userId) {
      return (await docsOf(userId)).map(toRecord).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async put(device) {
      const { id, ...rest } = device;
      await db.put({ _id: key(device.userId, id), deviceId: id, ...rest });
    },

    async remove(userId, deviceId) {
      try {
        const doc = await db.get(key(userId, deviceId));
        await db.remove(doc);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    async removeAllForUser(userId) {
      const docs = await docsOf(userId);
      if (docs.length === 0) return 0;
      await db.bulkDocs(docs.map((doc) => ({ ...doc, _deleted: true })));
      return docs.length;
    },

    close: () => db.close(),
  };
}
