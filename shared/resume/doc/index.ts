export * from './resume-doc';
export * from './couch-doc';
export * from './merge-resume';
export * from './active';
export * from './sync-url';
export * from './resume-rx';
