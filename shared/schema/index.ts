export * from './job';
export * from './job-rx';
export * from './job-doc';
export * from './upgrade';
