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

  it('keeps grey levels exact and weighs colours as luma, half-transparent black over white as mid grey', () => {
    const rgba = new Uint8Array([37, 37, 37, 255, 200, 0, 0, 255, 0, 200, 0, 255, 0, 0, 200, 255, 0, 0, 0, 128]);
    const grey = [...rgbaToPgm(rgba, 5, 1).subarray('P5\n5 1\n255\n'.length)];
    expect(grey).toEqual([37, 60, 117, 23, 127]);
  });
});
