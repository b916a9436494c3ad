import type { Job } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';
import { normaliseLocation, type NormalisedLocation } from './location';
import { DEFAULT_TOP_LOCATIONS, type InsightOptions } from './options';
import { commonestSpelling } from './commonest-spelling';

export interface LocationCount {
  /** A named place, jobs with no location, or the sum of the places after the top N. */
  kind: 'place' | 'unspecified' | 'other';
  /** The place as most of its jobs spell it; empty for 'unspecified' and 'other'. */
  name: string;
  applications: number;
  responded: number;
  /** How many distinct places the row stands for (more than one only for 'other'). */
  places: number;
}

interface Group {
  kind: 'place' | 'unspecified';
  applications: number;
  responded: number;
  spellings: Map<string, number>;
}

/** One distinct location string as jobs spell it, and the group it normalises into. */
interface Spelling {
  name: string;
  group: Group;
  jobs: number;
}

/**
 * Applications per normalised location (see location.ts), most first, ties by name with "no
 * location" after named places. The first `topLocations` rows are kept; the rest are summed into
 * one 'other' row, unless only one place is left over, which is then shown by name instead of as
 * an "Other" of one.
 */
export function byLocationOfFacts(
  facts: readonly JobFacts[],
  options: Pick<InsightOptions, 'topLocations'> = {},
): LocationCount[] {
  const top = Math.max(1, Math.floor(options.topLocations ?? DEFAULT_TOP_LOCATIONS));
  // Jobs share few distinct location strings: normalise and find the group of each string once.
  const spellings = new Map<string, Spelling>();
  const groups = new Map<string, Group>();

  for (const fact of facts) {
    if (!fact.applied) continue;
    const raw = fact.job.location ?? '';
    let spelling = spellings.get(raw);
    if (!spelling) {
      spelling = spellingOf(normaliseLocation(raw), groups);
      spellings.set(raw, spelling);
    }
    spelling.jobs += 1;
    spelling.group.applications += 1;
    if (fact.responded) spelling.group.responded += 1;
  }
  for (const { name, group, jobs } of spellings.values()) {
    if (group.kind === 'place') group.spellings.set(name, (group.spellings.get(name) ?? 0) + jobs);
  }

  const rows: LocationCount[] = [...groups.values()]
    .map((group) => ({
      kind: group.kind,
      name: commonestSpelling(group.spellings),
      applications: group.applications,
      responded: group.responded,
      places: 1,
    }))
    .sort((a, b) => b.applications - a.applications || unnamedLast(a) - unnamedLast(b) || a.name.localeCompare(b.name));

  if (rows.length <= top + 1) return rows;
  const rest = rows.slice(top);
  return [
    ...rows.slice(0, top),
    {
      kind: 'other',
      name: '',
      applications: sum(rest, 'applications'),
      responded: sum(rest, 'responded'),
      places: rest.length,
    },
  ];
}

export function byLocation(jobs: readonly Job[], options?: Pick<InsightOptions, 'topLocations'>): LocationCount[] {
  return byLocationOfFacts(factsOf(jobs), options);
}

function sum(rows: readonly LocationCount[], field: 'applications' | 'responded'): number {
  return rows.reduce((total, row) => total + row[field], 0);
}

function spellingOf(location: NormalisedLocation, groups: Map<string, Group>): Spelling {
  const key = location.kind === 'place' ? `place:${location.key}` : 'unspecified';
  let group = groups.get(key);
  if (!group) {
    group = { kind: location.kind, applications: 0, responded: 0, spellings: new Map() };
    groups.set(key, group);
  }
  return { name: location.kind === 'place' ? location.name : '', group, jobs: 0 };
}

function unnamedLast(row: LocationCount): number {
  return row.kind === 'unspecified' ? 1 : 0;
}
