import type { Response } from 'express';
import { createSerialQueue } from '../../shared/async/serial-queue';
import { LOCAL_INDEX_ID } from './gate';
import type { SendSyncError } from './handlers';
import { sendPouchError } from './handlers';

/**
 * `_local` documents (replication checkpoints), capped per database. PouchDB
 * cannot list them, so the server keeps the ids it has stored in one more
 * `_local` document of its own, which the gate keeps clients away from.
 */


interface LocalIndex {
  _id: string;
  _rev?: string;
  ids: string[];
}

// One writer per database at a time, so two new checkpoints cannot both take the last place.
const serially = createSerialQueue();

async function readIndex(db: PouchDB.Database): Promise<LocalIndex> {
  try {
    return await db.get<LocalIndex>(`_local/${LOCAL_INDEX_ID}`);
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return { _id: `_local/${LOCAL_INDEX_ID}`, ids: [] };
  }
}

export async function putLocalDoc(
  res: Response,
  sendError: SendSyncError,
  dbName: string,
  db: PouchDB.Database,
  localId: string,
  body: Record<string, unknown>,
  maxLocalDocuments: number,
): Promise<void> {
  await serially(dbName, async () => {
    try {
      const doc = { ...body, _id: `_local/${localId}` };
      // With a _rev the checkpoint exists already (PouchDB refuses a stale one): nothing to count.
      if (body._rev !== undefined) {
        const written = await db.put(doc);
        res.status(201).json({ ok: true, id: written.id, rev: written.rev });
        return;
      }
      const index = await readIndex(db);
      const isNew = !index.ids.includes(localId);
      if (isNew && index.ids.length >= maxLocalDocuments) {
        sendError(res, 413, 'quota_local_documents', `At most ${maxLocalDocuments} _local documents (replication checkpoints) per database`);
        return;
      }
      const written = await db.put(doc);
      if (isNew) await db.put({ ...index, ids: [...index.ids, localId] });
      res.status(201).json({ ok: true, id: written.id, rev: written.rev });
    } catch (error) {
      sendPouchError(res, error);
    }
  });
}
