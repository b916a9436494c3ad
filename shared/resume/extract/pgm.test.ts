import { describe, expect, it } from 'vitest';
import { rgbaToPgm } from './pgm';

describe('rgbaToPgm', () => {
  it('writes a P5 header and one grey byte per pixel, transparent as white', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0]);
    const pgm = rgbaToPgm(rgba, 3, 1);
    const header = 'P5\n3 1\n255\n';
    expect(new TextDecoder().decode(pgm.subarray(0, header.length))).toBe(header);
    expect([...pgm.subarray(header.length)]).toEqual([0, 255, 255]);
  });
});
