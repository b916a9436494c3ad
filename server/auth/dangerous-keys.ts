/**
 * Keys that can reach an object's prototype when a body is merged, spread or
 * assigned into another object. JSON.parse makes them plain own properties,
 * but any later `Object.assign`/deep-merge (ours or a library's) would not, so
 * bodies carrying them are refused outright rather than cleaned.
 */

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** The path of the first dangerous key anywhere in `value`, or null. Too-deep nesting counts as dangerous. */
export function findDangerousKey(value: unknown, path = '', depth = 0): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return path || '(body)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findDangerousKey(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (DANGEROUS_KEYS.has(key)) return here;
    const found = findDangerousKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
}
