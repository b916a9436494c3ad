export * from './columns';
export * from './export';
export * from './import';
export * from './limits';
export * from './status-words';
