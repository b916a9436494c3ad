import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../errors';
import { decodeCursor, encodeCursor, listOf, parseQuery } from './list-query';

describe('cursors', () => {
  it('give back the id they were made from', () => {
    for (const id of ['linkedin:4100000001', 'manual:abc', 'ü-名前']) expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('refuse anything this server did not make, as a 400', () => {
    const other = Buffer.from(JSON.stringify({ v: 2, after: 'x' })).toString('base64url');
    for (const cursor of ['not a cursor', 'bm90IGpzb24', other, 'a'.repeat(2000), Buffer.from('{"v":1,"after":""}').toString('base64url')]) {
      expect(() => decodeCursor(cursor)).toThrow(HttpError);
    }
  });
});

describe('parseQuery', () => {
  const schema = z.object({ status: listOf(['applied', 'saved']).optional() }).strict();

  it('reads comma lists and names an unknown value or parameter', () => {
    expect(parseQuery(schema, { status: 'applied, saved' })).toEqual({ status: ['applied', 'saved'] });
    expect(() => parseQuery(schema, { status: 'hired' })).toThrow(HttpError);
    expect(() => parseQuery(schema, { sort: 'x' })).toThrow(HttpError);
  });

  it('refuses a parameter given twice rather than reading one of them', () => {
    expect(() => parseQuery(schema, { status: ['applied', 'saved'] })).toThrow(/Invalid status/);
  });
});
