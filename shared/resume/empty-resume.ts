import type { ParsedResume } from './parsed-resume';

/**
 * An empty resume, without importing zod: the parsing worker needs this and
 * not the schema, and zod would be most of the worker's size.
 */
export function emptyParsedResume(): ParsedResume {
  return { contact: { links: [] }, experience: [], education: [], skills: [], certifications: [], languages: [], projects: [] };
}
