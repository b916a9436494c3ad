import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { jobRxSchema, upgradeJobDoc, type Job } from '../../shared/schema';
import { resumeRxSchema, type Resume } from '../../shared/resume/doc';
import { jobConflictHandler } from './conflict-handler';
import { resumeConflictHandler } from './resumes-conflict-handler';

addRxPlugin(RxDBMigrationSchemaPlugin);
// No cleanup plugin: its automatic cycle needs leader election; a wipe purges with ./purge-deleted.ts.

/**
 * One strategy per schema version. Version 1 only added optional fields, so
 * documents written under version 0 are already valid; versions 2 and 3 stamp
 * the document's own schema version (the same step pulled documents take).
 */
const jobMigrations = {
  1: (doc: Job) => doc,
  2: (doc: Job) => upgradeJobDoc(doc),
  3: (doc: Job) => upgradeJobDoc(doc),
};

export type JobCollection = RxCollection<Job>;
export type ResumeCollection = RxCollection<Resume>;
export interface TrackruitCollections {
  jobs: JobCollection;
  resumes: ResumeCollection;
}
export type TrackruitDatabase = RxDatabase<TrackruitCollections>;

export const DEFAULT_DATABASE_NAME = 'trackruit';

export interface OpenDatabaseOptions {
  name?: string;
  /** Node tests pass fake-indexeddb's factory here; browsers use their own. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /**
   * The background writes and extension pages read the same IndexedDB; with
   * multiInstance their RxDB instances tell each other about changes, so the
   * popup and dashboard update live when a capture or a pull lands.
   */
  multiInstance?: boolean;
}

/**
 * Opens the local database. Deliberately no dev-mode and no validator plugin:
 * dev-mode loads a page from the RxDB website and ajv needs eval, which MV3
 * forbids. Every write goes through zod instead (see ./jobs.ts).
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<TrackruitDatabase> {
  const storage = getRxStorageDexie({
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  });
  const db = await createRxDatabase<TrackruitCollections>({
    name: options.name ?? DEFAULT_DATABASE_NAME,
    storage,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
  });
  try {
    await db.addCollections({
      jobs: { schema: jobRxSchema, migrationStrategies: jobMigrations, conflictHandler: jobConflictHandler },
      resumes: { schema: resumeRxSchema, conflictHandler: resumeConflictHandler },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
