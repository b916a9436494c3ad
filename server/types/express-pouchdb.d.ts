// express-pouchdb ships no types; only what server/storage/pouchdb uses is declared.
declare module 'express-pouchdb' {
  import type { Express } from 'express';

  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
    inMemoryConfig?: boolean;
    /** Where the full mode keeps its config.json and log file (defaults: the working directory). */
    configPath?: string;
    logPath?: string;
  }

  interface ExpressPouchDBApp extends Express {
    setPouchDB(pouchDB: PouchDB.Static): Promise<void>;
    /** The CouchDB-style configuration (full mode): `set('admins', name, password, callback)` adds a server admin. */
    couchConfig: { set(section: string, key: string, value: string, callback: (error: unknown) => void): void };
  }

  function expressPouchDB(opts?: ExpressPouchDBOptions): ExpressPouchDBApp;
  function expressPouchDB(pouchDB: PouchDB.Static, opts?: ExpressPouchDBOptions): ExpressPouchDBApp;
  export = expressPouchDB;
}
