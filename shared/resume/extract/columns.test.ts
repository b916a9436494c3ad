import { describe, expect, it } from 'vitest';
import { readingOrder } from './columns';
import { buildLines, type PositionedText } from './lines';

const t = (str: string, x: number, y: number, width = str.length * 4.5): PositionedText => ({ str, x, y, width, height: 9 });

/** A main column at x 40 (lines every 13 units) and a sidebar at x 420 (every 11.5), as a page lays them out. */
function page(): { main: PositionedText[]; side: PositionedText[]; header: PositionedText[] } {
  const mainText = ['Experience', 'Senior Design Engineer', 'Silesia Rail, Wroclaw | 2020 – Present', 'Designed bogie brake brackets in SolidWorks and', 'validated them with FEA.', 'Design Engineer', 'Aerotech Poland | 2016 – 2020', 'Modelled parts in CATIA V5 for test rigs.'];
  const sideText = ['Tools', 'SolidWorks – Expert', 'CATIA V5 (Advanced)', 'ANSYS Mechanical', 'MATLAB', 'SAP PLM'];
  return {
    header: [t('Tomasz Wisniewski', 40, 800), t('Mechanical Design Engineer · tomasz@example.pl · +48 601 234 567 · Wroclaw', 40, 786, 500)],
    main: mainText.map((s, k) => t(s, 40, 760 - k * 13)),
    side: sideText.map((s, k) => t(s, 420, 760 - k * 11.5)),
  };
}

describe('readingOrder', () => {
  it('reads columns written row by row across the page as the header, the left column, then the right one', () => {
    const { header, main, side } = page();
    const byPosition = [...main, ...side].sort((a, b) => b.y - a.y || a.x - b.x);
    const lines = buildLines(readingOrder([...header, ...byPosition]));
    expect(lines).toEqual([...header, ...main, ...side].map((i) => i.str));
  });

  it('keeps the content order when the columns are already written one after the other', () => {
    const { header, main, side } = page();
    const items = [...header, ...side, ...main];
    expect(readingOrder(items)).toBe(items);
  });

  it('keeps table rows and right-aligned dates on their lines', () => {
    const rows = ['Embedded firmware', 'Program management', 'Cloud and IoT', 'Data and reporting'].flatMap((label, k) => [
      t(label, 40, 700 - k * 14),
      t('C, C++, FreeRTOS', 250, 700 - k * 14),
      t('Expert', 450, 700 - k * 14),
    ]);
    expect(readingOrder(rows)).toBe(rows);
    const dated = ['Engineer, Acme', 'Analyst, Globex', 'Intern, Initech', 'Clerk, Umbrella'].flatMap((role, k) => [t(role, 40, 700 - k * 30), t('2019 – 2021', 480, 700 - k * 30)]);
    expect(readingOrder(dated)).toBe(dated);
  });
});
