/** Filtering, sorting and searching the jobs list: pure, so the table and its tests share it. */
export { activeConditions, compileQuery, EMPTY_QUERY, filterJobs, type JobQuery } from './filter';
export { tagsInUse } from './facets';
export { appliedIso } from './job-facts';
export { matchesTerms, searchTerms, searchTextOf } from './search-text';
export { DEFAULT_SORT, firstDirection, SORT_KEYS, sortJobs, type JobSort, type SortDirection, type SortKey } from './sort';
