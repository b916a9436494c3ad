/**
 * Writes the held-out resumes that are files rather than text (PDF, DOCX) into
 * tests/fixtures/resumes-heldout/, with their ground truth beside them:
 *   npm run make:heldout-resumes
 * The files are committed; this script documents how they were made and can
 * remake them. All people and organisations in them are fictional.
 *
 * The layouts are the ones that trip parsers: a two-column PDF whose bullets
 * are drawn as shapes (as browsers print list markers, so no bullet character
 * reaches the text layer), a two-column PDF written row by row across both
 * columns, a Word document with tab-aligned dates and list bullets, and the
 * project's own ATS export.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TabStopType, TextRun } from 'docx';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import { buildAtsPdf } from '../shared/resume/export/ats-pdf';
import type { ParsedResume } from '../shared/resume/parsed-resume';
import type { ResumeTruth } from '../shared/resume/eval/score';

const OUT = join(import.meta.dirname, '..', 'tests', 'fixtures', 'resumes-heldout');

function save(name: string, bytes: Uint8Array, truth: ResumeTruth): void {
  writeFileSync(join(OUT, name), bytes);
  writeFileSync(join(OUT, name.replace(/\.\w+$/, '.gt.json')), `${JSON.stringify(truth, null, 2)}\n`);
}

/** Lines of at most `width` points. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

type Run =
  | { kind: 'heading' | 'bold' | 'text' | 'small'; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'gap' };

interface Placed {
  x: number;
  y: number;
  text: string;
  font: PDFFont;
  size: number;
  /** A filled circle drawn before the text: a list marker with no character. */
  dot?: boolean;
}

/** Lays a column's runs out top to bottom; returns what to draw, not drawing it, so the caller picks the drawing order. */
function layColumn(runs: readonly Run[], x: number, top: number, width: number, fonts: { regular: PDFFont; bold: PDFFont }): Placed[] {
  const placed: Placed[] = [];
  let y = top;
  for (const run of runs) {
    if (run.kind === 'gap') {
      y -= 6;
      continue;
    }
    const size = run.kind === 'heading' ? 11.5 : run.kind === 'small' ? 8.5 : 9.5;
    const font = run.kind === 'heading' || run.kind === 'bold' ? fonts.bold : fonts.regular;
    const indent = run.kind === 'bullet' ? 11 : 0;
    if (run.kind === 'heading') y -= 5;
    wrap(run.text, font, size, width - indent).forEach((line, i) => {
      placed.push({ x: x + indent, y, text: line, font, size, ...(run.kind === 'bullet' && i === 0 ? { dot: true } : {}) });
      y -= size * 1.35;
    });
    if (run.kind === 'heading') y -= 2;
  }
  return placed;
}

function draw(page: PDFPage, items: readonly Placed[]): void {
  for (const item of items) {
    if (item.dot) page.drawCircle({ x: item.x - 6, y: item.y + item.size * 0.3, size: 1.6, color: rgb(0.2, 0.2, 0.2) });
    page.drawText(item.text, { x: item.x, y: item.y, size: item.size, font: item.font, color: rgb(0.1, 0.1, 0.1) });
  }
}

async function twoColumnPdf(
  header: readonly Run[],
  sidebar: readonly Run[],
  main: readonly Run[],
  options: { sidebarLeft: boolean; order: 'columns' | 'rows' },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const page = doc.addPage([595.28, 841.89]);
  const head = layColumn(header, 40, 800, 515, fonts);
  const top = (head.at(-1)?.y ?? 800) - 26;
  const side = layColumn(sidebar, options.sidebarLeft ? 40 : 420, top, 140, fonts);
  const body = layColumn(main, options.sidebarLeft ? 200 : 40, top, options.sidebarLeft ? 355 : 360, fonts);
  draw(page, head);
  if (options.order === 'columns') {
    draw(page, options.sidebarLeft ? side : body);
    draw(page, options.sidebarLeft ? body : side);
  } else {
    // Some generators write text by position, top to bottom across the page.
    draw(page, [...side, ...body].sort((a, b) => b.y - a.y || a.x - b.x));
  }
  return doc.save({ useObjectStreams: false });
}

const h = (text: string): Run => ({ kind: 'heading', text });
const b = (text: string): Run => ({ kind: 'bold', text });
const t = (text: string): Run => ({ kind: 'text', text });
const s = (text: string): Run => ({ kind: 'small', text });
const li = (text: string): Run => ({ kind: 'bullet', text });
const gap: Run = { kind: 'gap' };

async function marketingTwoColumn(): Promise<void> {
  const bytes = await twoColumnPdf(
    [{ kind: 'heading', text: 'Sofia Lindqvist-Haddad' }, t('Digital Marketing Manager')],
    [
      h('Contact'),
      s('sofia.lh@example.se'),
      s('+46 70 123 45 67'),
      s('Gothenburg, Sweden'),
      s('linkedin.com/in/sofialh'),
      gap,
      h('Skills'),
      s('Google Analytics (Advanced)'),
      s('HubSpot – Expert'),
      s('SEO / SEM'),
      s('Adobe Creative Cloud (Photoshop, Illustrator, InDesign)'),
      s('Copywriting (Swedish, English)'),
      s('A/B testing'),
      gap,
      h('Languages'),
      s('Swedish (native)'),
      s('English (C2)'),
      s('Arabic (conversational)'),
    ],
    [
      h('Profile'),
      t('Marketing manager with eight years in B2B software and consumer retail, running paid, owned and lifecycle channels with budgets up to SEK 14 million a year.'),
      h('Experience'),
      b('Digital Marketing Manager, Nordvik Outdoor AB'),
      t('Gothenburg | March 2021 – Present'),
      li('Cut cost per acquisition by 31% by moving paid search to value-based bidding in Google Ads and rebuilding the Meta Ads account structure.'),
      li('Set up marketing attribution in GA4 and Looker Studio dashboards used by the leadership team every Monday.'),
      li('Grew the newsletter to 85,000 subscribers with segmented Klaviyo flows; email now brings 22% of online revenue.'),
      b('Marketing Specialist, Cloudberry Systems'),
      t('Stockholm | August 2017 – February 2021'),
      li('Ran the content calendar and the SEO programme; organic sign-ups tripled in two years.'),
      li('Planned webinars and trade fairs with the sales team and handed leads over through Salesforce.'),
      b('Marketing Intern, Volvo Cars'),
      t('Gothenburg | January 2017 – June 2017'),
      li('Wrote launch copy and social media posts for the XC40 campaign in four markets.'),
      h('Education'),
      t('MSc Marketing, Stockholm School of Economics, 2017'),
      t('BA Media and Communication, University of Gothenburg, 2015'),
    ],
    { sidebarLeft: true, order: 'columns' },
  );
  save('01-two-column-marketing.pdf', bytes, {
    name: 'Sofia Lindqvist-Haddad',
    email: 'sofia.lh@example.se',
    phone: '+46 70 123 45 67',
    titles: ['Digital Marketing Manager', 'Marketing Specialist', 'Marketing Intern'],
    employers: ['Nordvik Outdoor AB', 'Cloudberry Systems', 'Volvo Cars'],
    schools: ['Stockholm School of Economics', 'University of Gothenburg'],
    skills: [
      'Google Analytics', 'HubSpot', 'SEO', 'SEM', 'Adobe Creative Cloud', 'Adobe Photoshop', 'Adobe Illustrator', 'Adobe InDesign',
      'Copywriting', 'A/B testing', 'Google Ads', 'Facebook Ads', 'Looker Studio', 'Klaviyo', 'Email marketing', 'Content strategy',
      'Salesforce', 'Social media marketing', 'Marketing attribution', 'Webinars',
    ],
  });
}

async function engineerRowOrder(): Promise<void> {
  const bytes = await twoColumnPdf(
    [{ kind: 'heading', text: 'Tomasz Wisniewski' }, t('Mechanical Design Engineer  ·  tomasz.wisniewski@example.pl  ·  +48 601 234 567  ·  Wroclaw, Poland')],
    [
      h('Tools'),
      s('SolidWorks – Expert'),
      s('CATIA V5 (Advanced)'),
      s('ANSYS Mechanical'),
      s('GD&T (ASME Y14.5)'),
      s('MATLAB'),
      s('SAP PLM'),
      gap,
      h('Certifications'),
      s('CSWP – Certified SOLIDWORKS Professional'),
      s('Lean Six Sigma Green Belt'),
    ],
    [
      h('Experience'),
      b('Senior Design Engineer'),
      t('Silesia Rail Components Sp. z o.o., Wroclaw | 2020 – Present'),
      li('Designed bogie brake brackets in SolidWorks and validated them with FEA to EN 13749.'),
      li('Led design reviews and DFMEA with suppliers; cut part count of the brake unit by 18%.'),
      b('Design Engineer'),
      t('Aerotech Poland, Rzeszow | 2016 – 2020'),
      li('Modelled sheet-metal and machined parts in CATIA V5 for turbine test rigs.'),
      li('Wrote MATLAB scripts that post-process strain-gauge data from rig tests.'),
      h('Education'),
      t('MSc Mechanical Engineering, Wroclaw University of Science and Technology, 2016'),
      t('BEng Mechanical Engineering, Rzeszow University of Technology, 2014'),
    ],
    { sidebarLeft: false, order: 'rows' },
  );
  save('09-two-column-rows-engineer.pdf', bytes, {
    name: 'Tomasz Wisniewski',
    email: 'tomasz.wisniewski@example.pl',
    phone: '+48 601 234 567',
    titles: ['Senior Design Engineer', 'Design Engineer'],
    employers: ['Silesia Rail Components Sp. z o.o.', 'Aerotech Poland'],
    schools: ['Wroclaw University of Science and Technology', 'Rzeszow University of Technology'],
    skills: ['SolidWorks', 'CATIA', 'ANSYS Mechanical', 'GD&T', 'MATLAB', 'SAP PLM', 'Finite element analysis', 'DFMEA', 'Design reviews', 'Sheet metal design'],
  });
}

async function teacherDocx(): Promise<void> {
  const BULLETS = 'bullets';
  const dated = (left: string, right: string, bold = true) =>
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: 9000 }],
      children: [new TextRun({ text: left, bold }), new TextRun({ text: `\t${right}` })],
    });
  const line = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const heading = (text: string) => new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: text.toUpperCase(), bold: true })] });
  const bullet = (text: string) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [new TextRun(text)] });
  const doc = new Document({
    numbering: {
      config: [{ reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }] }],
    },
    sections: [{
      children: [
        new Paragraph({ children: [new TextRun({ text: 'Jasmine Okonkwo-Reyes', bold: true, size: 36 })] }),
        line('Columbus, OH 43215 | 614.555.0142 | jasmine.reyes.teach@example.com'),
        heading('Teaching Experience'),
        dated('Middle School Science Teacher (Grades 7–8)', 'Aug 2019 – Present'),
        line('Eastmoor Academy, Columbus City Schools, Columbus, OH'),
        bullet('Plan and teach 5 sections of life and physical science (140 students) aligned to Ohio Learning Standards.'),
        bullet('Use Google Classroom and Nearpod daily; built a unit bank in Canvas shared with 6 district teachers.'),
        bullet('Write and follow IEP and 504 accommodations with the intervention specialist; raised state test proficiency from 41% to 58%.'),
        bullet('Coach the robotics club (VEX IQ) to two regional finals.'),
        heading('Student Teaching'),
        dated('Student Teacher, 8th Grade Science', 'Jan 2019 – May 2019'),
        line('Worthington Kilbourne High School, Worthington, OH'),
        bullet('Taught inquiry-based labs and led parent conferences under a mentor teacher.'),
        heading('Education'),
        dated('Master of Education, Curriculum and Instruction', '2022'),
        line('The Ohio State University, Columbus, OH'),
        dated('Bachelor of Science in Middle Childhood Education', '2019'),
        line('Ohio University, Athens, OH'),
        heading('Licensure'),
        line('Ohio Professional Educator License, Middle Childhood (4–9) Science and Mathematics'),
        heading('Skills'),
        line('Differentiated instruction; Classroom management; Lesson planning; Formative assessment; Google Workspace; SMART Board; Spanish (conversational)'),
      ],
    }],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  save('04-teacher.docx', bytes, {
    name: 'Jasmine Okonkwo-Reyes',
    email: 'jasmine.reyes.teach@example.com',
    phone: '614.555.0142',
    titles: ['Middle School Science Teacher (Grades 7–8)', 'Student Teacher, 8th Grade Science'],
    employers: ['Eastmoor Academy, Columbus City Schools', 'Worthington Kilbourne High School'],
    schools: ['The Ohio State University', 'Ohio University'],
    skills: [
      'Differentiated instruction', 'Classroom management', 'Lesson planning', 'Formative assessment', 'Google Workspace', 'SMART Board',
      'Google Classroom', 'Nearpod', 'Canvas', 'IEP', 'Robotics', 'Inquiry-based learning',
    ],
  });
}

async function hrAtsExport(): Promise<void> {
  const resume: ParsedResume = {
    contact: { name: 'Daniel Achterberg', email: 'd.achterberg@example.nl', phone: '+31 6 12345678', location: 'Utrecht, Netherlands', links: [] },
    summary: 'HR business partner for engineering and operations teams of 400 people; employment law, reward and workforce planning.',
    experience: [
      {
        title: 'HR Business Partner', company: 'Rijnland Energie B.V.', location: 'Utrecht', start: '2021-02', end: 'Present',
        bullets: [
          'Advise 14 managers on Dutch employment law, sick-leave cases (Wet verbetering poortwachter) and reorganisations.',
          'Moved performance reviews and onboarding into Workday; onboarding time fell from 3 weeks to 8 days.',
          'Ran the yearly salary review with the reward team and a pay-equity analysis in Power BI.',
        ],
      },
      {
        title: 'Recruiter', company: 'Brightwork Staffing', location: 'Amsterdam', start: '2017-09', end: '2021-01',
        bullets: ['Filled 120+ technical roles a year, sourcing candidates on LinkedIn Recruiter and tracking them in Greenhouse.'],
      },
    ],
    education: [{ degree: 'MSc Human Resource Studies', institution: 'Tilburg University', end: '2017', details: [] }],
    skills: ['Employee relations', 'Dutch employment law', 'Workday', 'Talent acquisition', 'Compensation and benefits', 'Excel (advanced)'],
    certifications: ['CIPD Level 5 Associate Diploma in People Management'],
    languages: ['Dutch (native)', 'English (fluent)', 'German (good)'],
    projects: [],
  };
  save('10-ats-export-hr.pdf', await buildAtsPdf(resume), {
    name: 'Daniel Achterberg',
    email: 'd.achterberg@example.nl',
    phone: '+31 6 12345678',
    titles: ['HR Business Partner', 'Recruiter'],
    employers: ['Rijnland Energie B.V.', 'Brightwork Staffing'],
    schools: ['Tilburg University'],
    skills: [
      'Employee relations', 'Dutch employment law', 'Workday', 'Talent acquisition', 'Compensation and benefits', 'Excel',
      'Performance reviews', 'Onboarding', 'Power BI', 'LinkedIn Recruiter', 'Greenhouse', 'Workforce planning', 'Pay-equity analysis',
    ],
  });
}

await marketingTwoColumn();
await engineerRowOrder();
await teacherDocx();
await hrAtsExport();
console.log(`Wrote the held-out resume files to ${OUT}`);
