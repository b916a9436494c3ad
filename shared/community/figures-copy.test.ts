import { describe, expect, it } from 'vitest';
import { emptyFiguresCopy, figuresFor, MAX_KEPT_COMPANIES, normaliseRequest, withFetched } from './figures-copy';

const AT = '2026-12-07T10:00:00.000Z';
const LATER = '2026-12-08T10:00:00.000Z';

describe('pooled figures kept on the device', () => {
  it('answers from what was fetched, matching company names as the server does', () => {
    const request = { companies: ['Globex, Inc.'], sites: ['linkedin'] };
    const copy = withFetched(emptyFiguresCopy(), request, {
      generatedAt: AT,
      minGroup: 10,
      companies: [{ company: 'Globex Inc', medianResponseDays: 6, users: 12 }],
      sites: [{ site: 'linkedin', responseRate: 0.25, users: 40 }],
    }, AT);
    expect(figuresFor(copy, { companies: ['globex inc'], sites: ['linkedin', 'indeed'] })).toEqual({
      companies: [{ company: 'Globex Inc', medianResponseDays: 6, users: 12, fetchedAt: AT }],
      sites: [{ site: 'linkedin', responseRate: 0.25, users: 40, fetchedAt: AT }],
    });
  });

  it('forgets a figure the server no longer gives (its group became too small), keeps the ones not asked about', () => {
    const first = withFetched(emptyFiguresCopy(), { companies: ['Globex', 'Initech'], sites: ['linkedin'] }, {
      generatedAt: AT,
      minGroup: 10,
      companies: [{ company: 'Globex', medianResponseDays: 6, users: 12 }, { company: 'Initech', medianResponseDays: 3, users: 10 }],
      sites: [{ site: 'linkedin', responseRate: 0.25, users: 40 }],
    }, AT);
    const second = withFetched(first, { companies: ['Globex'], sites: ['linkedin'] }, { generatedAt: LATER, minGroup: 10, companies: [], sites: [] }, LATER);
    expect(figuresFor(second, { companies: ['Globex', 'Initech'], sites: ['linkedin'] })).toEqual({
      companies: [{ company: 'Initech', medianResponseDays: 3, users: 10, fetchedAt: AT }],
      sites: [],
    });
  });

  it('keeps a bounded number of companies, the most recently fetched', () => {
    let copy = emptyFiguresCopy();
    for (let index = 0; index < MAX_KEPT_COMPANIES + 3; index += 1) {
      const at = new Date(Date.parse(AT) + index * 1000).toISOString();
      copy = withFetched(copy, { companies: [`Company ${index}`], sites: [] }, { generatedAt: at, minGroup: 10, companies: [{ company: `Company ${index}`, medianResponseDays: 1, users: 10 }], sites: [] }, at);
    }
    expect(Object.keys(copy.companies)).toHaveLength(MAX_KEPT_COMPANIES);
    expect(figuresFor(copy, { companies: ['Company 0'], sites: [] }).companies).toEqual([]);
    expect(figuresFor(copy, { companies: [`Company ${MAX_KEPT_COMPANIES + 2}`], sites: [] }).companies).toHaveLength(1);
  });

  it('sends each company once, without blanks', () => {
    expect(normaliseRequest({ companies: [' Globex ', 'globex', '', '  ', 'Initech, Inc.'], sites: ['linkedin', 'linkedin'] })).toEqual({ companies: ['Globex', 'Initech Inc.'], sites: ['linkedin'] });
  });
});
