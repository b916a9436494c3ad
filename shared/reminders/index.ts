export * from './due';
export * from './settings';
