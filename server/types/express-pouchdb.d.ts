// express-pouchdb ships no types; only what server/storage/pouchdb uses is declared.
declare module 'express-pouchdb' {
  import type { Express } from 'express';

  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
    inMemoryConfig?: boolean;
  }

  interface ExpressPouchDBApp extends Express {
    setPouchDB(pouchDB: PouchDB.Static): Promise<void>;
  }

  function expressPouchDB(opts?: ExpressPouchDBOptions): ExpressPouchDBApp;
  export = expressPouchDB;
}
