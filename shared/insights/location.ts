import { normaliseForMatch } from '../jobs/duplicates';

export type NormalisedLocation = { kind: 'unspecified' } | { kind: 'place'; key: string; name: string };

// Sites append the workplace type to the place: "Berlin, Germany (Hybrid)", "Pune · On-site".
const WORKPLACE_SUFFIX = /\s*(?:\((?:remote|hybrid|on-?site)\)|[·•|–-]\s*(?:remote|hybrid|on-?site))\s*$/i;
// The whole location says "anywhere": LinkedIn's "Remote", Internshala's "Work From Home".
const REMOTE_ONLY = /^(?:remote|fully remote|100% remote|work from home|wfh|anywhere|worldwide)$/i;

/**
 * A location as a grouping key and a display name. Case, accents, punctuation and spacing do not
 * split a place ("Berlin, Germany" = "berlin,  germany"); the workplace type is dropped (a hybrid
 * job in Pune is a job in Pune); every spelling of "remote" becomes "Remote". Places are not
 * geocoded: "Bengaluru" and "Bangalore" stay two places.
 */
export function normaliseLocation(raw: string | undefined): NormalisedLocation {
  const cleaned = (raw ?? '').replace(/\s+/g, ' ').trim();
  const withoutType = cleaned.replace(WORKPLACE_SUFFIX, '').replace(/[\s,;.]+$/, '');
  // A location that was nothing but a workplace type ("(Remote)") keeps that type as its name.
  const place = withoutType || cleaned.replace(/[()·•|–-]/g, '').trim();
  const name = REMOTE_ONLY.test(place) ? 'Remote' : place;
  const key = normaliseForMatch(name);
  return key === '' ? { kind: 'unspecified' } : { kind: 'place', key, name };
}
