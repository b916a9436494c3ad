import { describe, expect, it } from 'vitest';
import type { PositionedText } from '../resume/extract/lines';
import { layoutFacts } from './ats-check-layout';

/** One text item; width ~5.5 units per character at size 10, like a proportional font. */
const at = (str: string, x: number, y: number, width = str.length * 5.5): PositionedText => ({ str, x, y, width, height: 10 });
const lines = (texts: readonly string[], x: number, top: number) => texts.map((t, i) => at(t, x, top - i * 14));

const SIDEBAR = ['Contact', 'grace@example.com', '+1 212 555 0148', 'Skills', 'TypeScript', 'Python', 'Kubernetes', 'Languages', 'English'];
const MAIN = ['Experience', 'Staff Engineer — Compiler Works', 'Led a team of 6 engineers', 'Designed a caching layer', 'Migrated 300 services', 'Software Engineer — Remington', 'Developed a reporting service'];

describe('layoutFacts', () => {
  it('finds one column and no tables in a single-column page, full-width lines included', () => {
    const page = [at('Grace Hopper', 54, 800), at('grace@example.com | +1 212 555 0148 | New York, NY | https://linkedin.com/in/grace', 54, 780), ...lines(MAIN, 54, 750)];
    expect(layoutFacts([page])).toEqual({ columns: 1, tableRows: 0 });
  });

  it('finds two columns when a sidebar runs beside the main text, even under a full-width name', () => {
    const page = [at('Grace Hopper — Staff Software Engineer — New York, NY — grace@example.com', 40, 810, 515), ...lines(SIDEBAR, 40, 770), ...lines(MAIN, 220, 775)];
    expect(layoutFacts([page]).columns).toBe(2);
  });

  it('finds two columns in either order of the items (content order does not matter)', () => {
    const page = [...lines(MAIN, 220, 775), ...lines(SIDEBAR, 40, 770)].reverse();
    expect(layoutFacts([page]).columns).toBe(2);
  });

  it('a right-aligned date beside each role is not a second column', () => {
    const page = MAIN.flatMap((t, i) => (i % 2 ? [at(t, 54, 750 - i * 14), at('Mar 2021 – Present', 460, 750 - i * 14)] : [at(t, 54, 750 - i * 14)]));
    expect(layoutFacts([page])).toEqual({ columns: 1, tableRows: 0 });
  });

  it('counts rows of three or more cells as table rows, over all pages', () => {
    const table = (top: number) => [0, 1, 2].flatMap((r) => [at('Python', 54, top - r * 14), at('Expert', 200, top - r * 14), at('8 years', 350, top - r * 14)]);
    expect(layoutFacts([table(700), [...lines(MAIN, 54, 750), ...table(500)]]).tableRows).toBe(6);
  });

  it('ignores blank and broken items, and an empty or absurd page', () => {
    expect(layoutFacts([[]])).toEqual({ columns: 1, tableRows: 0 });
    expect(layoutFacts([[at(' ', 0, 0), { str: 'x', x: NaN, y: 0, width: 1, height: 10 }, at('a', 0, 0), at('b', 1e9, 0)]])).toEqual({ columns: 1, tableRows: 0 });
  });
});
