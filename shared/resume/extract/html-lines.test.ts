import { describe, expect, it } from 'vitest';
import { htmlToLines } from './html-lines';

describe('htmlToLines', () => {
  it('keeps headings and paragraphs as lines and bullets list items', () => {
    const html = '<h1>Ada Lovelace</h1><p><strong>Engineer</strong> — Acme &amp; Co</p><ul><li>Built <em>things</em></li><li>Shipped</li></ul>';
    expect(htmlToLines(html)).toEqual(['Ada Lovelace', 'Engineer — Acme & Co', '• Built things', '• Shipped']);
  });

  it('reads a table of one-line cells row by row with tabs', () => {
    const html = '<table><tr><td><p>Skill</p></td><td><p>Years</p></td></tr><tr><td><p>Go</p></td><td><p>7</p></td></tr></table>';
    expect(htmlToLines(html)).toEqual(['Skill\tYears', 'Go\t7']);
  });

  it('reads a sidebar layout cell by cell', () => {
    const html = '<table><tr><td><h2>Contact</h2><p>a@b.c</p></td><td><h2>Experience</h2><p>Lead</p></td></tr></table>';
    expect(htmlToLines(html)).toEqual(['Contact', 'a@b.c', 'Experience', 'Lead']);
  });

  it('decodes numeric entities', () => {
    expect(htmlToLines('<p>Universit&#xe4;t &#8211; Z&#252;rich</p>')).toEqual(['Universität – Zürich']);
  });
});
