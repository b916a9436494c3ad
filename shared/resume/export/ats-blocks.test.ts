import { describe, expect, it } from 'vitest';
import { emptyParsedResume } from '../parsed-resume';
import { atsBlocks, cleanText, formatDateRange, formatResumeDate } from './ats-blocks';

describe('formatResumeDate', () => {
  it('writes months as ATS parsers read them', () => {
    expect(formatResumeDate('2021-03')).toBe('Mar 2021');
    expect(formatResumeDate('2021')).toBe('2021');
    expect(formatResumeDate('Present')).toBe('Present');
    expect(formatResumeDate(undefined)).toBe('');
  });

  it('joins a range with an en dash, or shows the one end known', () => {
    expect(formatDateRange('2019-01', 'Present')).toBe('Jan 2019 – Present');
    expect(formatDateRange(undefined, '2019-12')).toBe('Dec 2019');
    expect(formatDateRange('2019', '2019')).toBe('2019');
  });
});

describe('cleanText', () => {
  it('makes one line without controls', () => {
    expect(cleanText('  a\tb\n\nc\u0000d\u00a0e\u200b ')).toBe('a b cd e');
    expect(cleanText('bad \ud800 surrogate')).toBe('bad surrogate');
  });
});

describe('atsBlocks', () => {
  it('skips sections, entries and bullets that are empty once cleaned', () => {
    const blocks = atsBlocks({
      ...emptyParsedResume(),
      summary: '   ',
      experience: [{ bullets: [' ', ''] }, { title: 'Dev', bullets: ['  Did things  '] }],
      skills: ['', ' '],
      projects: [{ name: ' ', bullets: [], links: [] }],
    });
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Experience' },
      { kind: 'entry', title: 'Dev' },
      { kind: 'bullet', text: 'Did things' },
    ]);
  });

  it('keeps an entry known only by its place and dates', () => {
    const blocks = atsBlocks({ ...emptyParsedResume(), education: [{ location: 'Pune', end: '2020', details: [] }] });
    expect(blocks).toEqual([{ kind: 'heading', text: 'Education' }, { kind: 'entry', title: '', meta: 'Pune | 2020' }]);
  });
});
