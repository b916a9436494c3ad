import type { PageExtraction } from '../shared/sites/types';

/**
 * The expectations of a folder of real saved pages (../shared/material/pages/):
 * `cases.json` says what must be read from each page, `SOURCES.tsv` beside it
 * the URL each page was served at. Pure, so `check:pages` stays a thin shell.
 */

/** The fields a case may expect; `applied` is compared exactly, the others as text. */
export const CASE_FIELDS = ['siteJobId', 'title', 'company', 'location', 'applied'] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

export interface PageCase {
  file: string;
  /** When cases.json carries the URL itself; otherwise it comes from SOURCES.tsv. */
  url?: string;
  expect: Partial<Record<CaseField, string | boolean | null>>;
}

export interface Miss {
  field: string;
  expected: string | boolean | null;
  actual: string | boolean | null;
}

export function parseCases(json: string): PageCase[] {
  const data: unknown = JSON.parse(json);
  if (!Array.isArray(data)) throw new Error('cases.json: expected an array of cases');
  return data.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new Error(`cases.json[${i}]: not an object`);
    const { file, url, expect } = entry as Record<string, unknown>;
    if (typeof file !== 'string' || !file) throw new Error(`cases.json[${i}]: missing "file"`);
    if (typeof expect !== 'object' || expect === null) throw new Error(`cases.json[${i}]: missing "expect"`);
    for (const [field, value] of Object.entries(expect)) {
      if (!(CASE_FIELDS as readonly string[]).includes(field)) throw new Error(`cases.json[${i}]: unknown field "${field}"`);
      if (value !== null && typeof value !== 'string' && typeof value !== 'boolean') {
        throw new Error(`cases.json[${i}].${field}: expected a string, a boolean or null`);
      }
    }
    return { file, ...(typeof url === 'string' ? { url } : {}), expect: expect as PageCase['expect'] };
  });
}

/** `name → page_url` from SOURCES.tsv (tab-separated, `#` comments, header named in the comment). */
export function parseSources(tsv: string): Map<string, string> {
  const urls = new Map<string, string>();
  let columns = ['name', 'repo', 'commit', 'path', 'page_url'];
  for (const line of tsv.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (line.startsWith('#')) {
      const header = line.slice(1).trim().split(/\t+/);
      if (header.includes('name') && header.includes('page_url')) columns = header;
      continue;
    }
    const cells = line.split('\t');
    const name = cells[columns.indexOf('name')];
    const url = cells[columns.indexOf('page_url')];
    if (name && url) urls.set(name.trim(), url.trim());
  }
  return urls;
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

function actualOf(field: CaseField, page: PageExtraction): string | boolean | null {
  if (field === 'applied') return page.applied;
  const value = page.job?.[field];
  return value ? value : null;
}

/** The expectations of one case that the extraction does not meet. */
export function missesOf(pageCase: PageCase, page: PageExtraction): Miss[] {
  const misses: Miss[] = [];
  for (const [key, expected] of Object.entries(pageCase.expect)) {
    const field = key as CaseField;
    const actual = actualOf(field, page);
    const holds =
      typeof expected === 'boolean'
        ? actual === expected
        : expected === null
          ? actual === null
          : typeof actual === 'string' && fold(actual).includes(fold(expected));
    if (!holds) misses.push({ field, expected: expected ?? null, actual });
  }
  return misses;
}

export function expectationCount(cases: readonly PageCase[]): number {
  return cases.reduce((sum, c) => sum + Object.keys(c.expect).length, 0);
}
