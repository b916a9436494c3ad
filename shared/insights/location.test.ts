import { describe, expect, it } from 'vitest';
import { normaliseLocation } from './location';

describe('normaliseLocation', () => {
  it.each([undefined, '', '   ', ' , '])('%j is unspecified', (raw) => {
    expect(normaliseLocation(raw)).toEqual({ kind: 'unspecified' });
  });

  it.each([
    ['Berlin, Germany', 'Berlin, Germany', 'berlin germany'],
    ['  berlin ,  GERMANY. ', 'berlin , GERMANY', 'berlin germany'],
    ['Berlin, Germany (Hybrid)', 'Berlin, Germany', 'berlin germany'],
    ['Pune, Maharashtra · On-site', 'Pune, Maharashtra', 'pune maharashtra'],
    ['Zürich, Switzerland (Remote)', 'Zürich, Switzerland', 'zurich switzerland'],
    ['Remote', 'Remote', 'remote'],
    ['Work From Home', 'Remote', 'remote'],
    ['(Remote)', 'Remote', 'remote'],
    ['(Hybrid)', 'Hybrid', 'hybrid'],
    ['Aix-en-Provence', 'Aix-en-Provence', 'aix en provence'],
    ['Delhi, Mumbai', 'Delhi, Mumbai', 'delhi mumbai'],
  ])('%j → %j keyed %j', (raw, name, key) => {
    expect(normaliseLocation(raw)).toEqual({ kind: 'place', name, key });
  });
});
