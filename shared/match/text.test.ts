import { describe, expect, it } from 'vitest';
import { tokenize } from './text';

describe('tokenize', () => {
  it('reads words, their types and stems', () => {
    expect(tokenize('Optimised pipelines, e-mail me at a.b@example.com').map((t) => [t.surface, t.stem, t.isWord])).toEqual([
      ['Optimised', 'optim', true],
      ['pipelines', 'pipelin', true],
      [',', ',', false],
      ['e', 'e', true],
      ['mail', 'mail', true],
      ['me', 'me', true],
      ['at', 'at', true],
      ['a.b@example.com', 'a.b@example.com', true],
    ]);
  });

  it('keeps a link whole but cuts a run without spaces every 100 characters, so no input reads in quadratic time', () => {
    const link = 'https://www.linkedin.com/in/grace-hopper-0a1b2c3d/';
    expect(tokenize(link).map((t) => t.surface)).toEqual([link]);
    expect(tokenize('y'.repeat(250)).map((t) => t.surface.length)).toEqual([100, 100, 50]);
  });
});
