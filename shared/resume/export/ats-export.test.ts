import { describe, expect, it } from 'vitest';
import { emptyParsedResume } from '../parsed-resume';
import { buildAtsDocx } from './ats-docx';
import { buildAtsPdf } from './ats-pdf';
import { collapse, expectInOrder, readDocx, readPdf } from './read-back.test-helpers';
import { LONG_RESUME, MINIMAL_READING_ORDER, MINIMAL_RESUME, NON_LATIN_RESUME, RICH_READING_ORDER, RICH_RESUME } from './test-resumes';

const ALL_HEADINGS = ['Summary', 'Experience', 'Education', 'Skills', 'Certifications', 'Languages', 'Projects'];

describe('ATS PDF', () => {
  it('has every heading, entry and bullet of a rich resume as text, in reading order, on one page', async () => {
    const pdf = await buildAtsPdf(RICH_RESUME);
    const read = await readPdf(pdf);
    expect(read.pages).toBe(1);
    expectInOrder(read.text, RICH_READING_ORDER);
    // Bullets are real list markers in the text, not drawn shapes.
    expect(read.text).toContain('• Designed the Bernoulli number pipeline');
  });

  it('writes only what a minimal resume has: no empty sections', async () => {
    const read = await readPdf(await buildAtsPdf(MINIMAL_RESUME));
    expect(read.text).toBe(MINIMAL_READING_ORDER.join(' '));
    for (const heading of ALL_HEADINGS.filter((h) => h !== 'Skills')) expect(read.text).not.toContain(heading);
  });

  it('makes a valid one-page PDF from an empty resume', async () => {
    const read = await readPdf(await buildAtsPdf(emptyParsedResume()));
    expect(read).toMatchObject({ pages: 1, text: '' });
  });

  it('wraps long bullets and breaks pages, keeping every word in order and inside the margins', async () => {
    const read = await readPdf(await buildAtsPdf(LONG_RESUME));
    expect(read.pages).toBeGreaterThanOrEqual(4);
    expectInOrder(read.text, LONG_RESUME.experience.flatMap((job) => [`${job.title} — ${job.company}`, 'Jan 2001 – Dec 2002', ...job.bullets]));
    expect(read.lowestY).toBeGreaterThanOrEqual(50);
  });

  it('does not throw on characters the standard fonts cannot draw, and keeps what it can', async () => {
    const read = await readPdf(await buildAtsPdf(NON_LATIN_RESUME));
    expectInOrder(read.text, [
      'Ivan Petrov', 'ivan@example.com | +7 495 123-45-67 | Moskva',
      'Ingénieur — Straße, Lódz, Ødegaard, Istanbul, finance.', '?? and', 'Ellinika',
      'Razrabotchik — Yandeks', 'Jan 2020 – Present', 'Rabotal nad poiskom -> 30% faster',
      'Tab here, bell and zerowidth', 'Russkiy',
    ]);
    expect(read.text).not.toMatch(/[\u0400-\u04ff\u4e00-\u9fff]/);
  });

  it('cuts a word longer than the line (a long link) instead of running off the page', async () => {
    const link = `https://example.com/${'a'.repeat(300)}`;
    const read = await readPdf(await buildAtsPdf({ ...emptyParsedResume(), projects: [{ name: 'P', bullets: [], links: [link] }] }));
    expect(read.text.replace(/ /g, '')).toContain(link);
  });
});

describe('ATS DOCX', () => {
  it('has every heading, entry and bullet of a rich resume, in reading order, with Word headings and lists', async () => {
    const { html, text } = await readDocx(await buildAtsDocx(RICH_RESUME));
    expectInOrder(text, RICH_READING_ORDER);
    for (const heading of ALL_HEADINGS) expect(html).toContain(`<h1>${heading}</h1>`);
    expect(html).toContain('<h2>Principal Engineer — Analytical Engines Ltd</h2>');
    expect(html).toContain('<ul><li>Designed the Bernoulli number pipeline used by 40 teams</li><li>Cut report latency');
    expect(html).toContain('<li>AWS Certified Solutions Architect</li><li>CKA</li>');
    expect(html).not.toContain('<table');
  });

  it('writes only what a minimal resume has', async () => {
    const { html, text } = await readDocx(await buildAtsDocx(MINIMAL_RESUME));
    expect(text).toBe(MINIMAL_READING_ORDER.join(' '));
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('keeps non-Latin text as written and drops characters XML cannot hold', async () => {
    const { text } = await readDocx(await buildAtsDocx(NON_LATIN_RESUME));
    expectInOrder(text, ['Иван Петров', 'Москва', 'Ingénieur — Straße, Łódź', '李雷 and हिन्दी and العربية', 'Разработчик — Яндекс', 'Работал над поиском → 30% faster ✓', 'Tab here, bell and zerowidth', 'Русский, 中文, English']);
    expect(collapse(text)).not.toContain('\u0007');
  });

  it('lays a long resume out with every bullet', async () => {
    const { html, text } = await readDocx(await buildAtsDocx(LONG_RESUME));
    expectInOrder(text, LONG_RESUME.experience.flatMap((job) => job.bullets));
    expect(html.match(/<li>/g)).toHaveLength(100);
  });
});
