import { describe, expect, it } from 'vitest';
import { buildLines, type PositionedText } from './lines';

const t = (str: string, x: number, y: number, width = str.length * 5, hasEOL = false): PositionedText => ({
  str,
  x,
  y,
  width,
  height: 10,
  hasEOL,
});

describe('buildLines', () => {
  it('keeps two columns apart when they are written column by column', () => {
    const items = [
      t('Contact', 60, 700),
      t('me@example.org', 60, 680),
      t('Experience', 220, 700),
      t('Lead, Northwind', 220, 680),
    ];
    expect(buildLines(items)).toEqual(['Contact', 'me@example.org', 'Experience', 'Lead, Northwind']);
  });

  it('joins items of one baseline, with a tab across a wide gap', () => {
    const items = [t('Skill', 60, 600, 25), t(' ', 85, 600, 100), t('Years', 200, 600, 25, true), t('Go', 60, 580, 10)];
    expect(buildLines(items)).toEqual(['Skill\tYears', 'Go']);
  });

  it('adds a space between adjacent words split into items, and honours end-of-line marks', () => {
    const items = [t('Senior', 60, 500, 30), t('Engineer', 94, 500, 40), t('', 60, 480, 0, true), t('Acme', 60, 480, 20, true), t('Corp', 85, 480, 20)];
    expect(buildLines(items)).toEqual(['Senior Engineer', 'Acme', 'Corp']);
  });

  it('starts a new line when the text moves back left on the same baseline', () => {
    expect(buildLines([t('one', 300, 400), t('two', 60, 400)])).toEqual(['one', 'two']);
  });
});

describe('buildLines with symbol fonts', () => {
  it('turns private-use bullets into "•"', () => {
    expect(buildLines([t('\uf0b7 Led the team', 60, 300)])).toEqual(['• Led the team']);
  });
});
