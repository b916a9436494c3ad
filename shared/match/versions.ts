/**
 * The versions a stored or cached result names, readable without compiling
 * the taxonomy or loading the NLP model (the server keys its cache by them).
 */
import data from './taxonomy.json' with { type: 'json' };

export const ALGORITHM_VERSION = 'match-1.0.0';

/** The shipped taxonomy's version, as its data file states it (compileTaxonomy keeps it unchanged). */
export const TAXONOMY_VERSION: string = data.version;
