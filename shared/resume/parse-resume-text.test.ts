import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedResumeSchema } from './parsed-resume';
import { parseResumeText } from './parse-resume-text';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/resumes/${name}.gt.txt`, import.meta.url), 'utf8');

describe('parseResumeText on the fixtures’ ground truth', () => {
  it('reads a single-column resume', () => {
    const resume = parsedResumeSchema.parse(parseResumeText(fixture('resume1_single_column')));
    expect(resume.contact).toEqual({
      name: 'Maria Elena Fischer',
      email: 'maria.fischer@example.com',
      phone: '+14155550173',
      location: 'San Francisco, CA 94110',
      links: ['linkedin.com/in/mariafischer', 'github.com/mfischer-dev'],
    });
    expect(resume.summary).toMatch(/^Senior backend engineer with 9 years/);
    expect(resume.experience.map((e) => [e.title, e.company, e.location, e.start, e.end, e.bullets.length])).toEqual([
      ['Staff Software Engineer', 'Ledgerline Inc.', 'San Francisco, CA', '2021-03', 'Present', 3],
      ['Senior Software Engineer', 'Brightpath Financial', 'Oakland, CA', '2017-06', '2021-02', 2],
      ['Software Engineer', 'Tollgate Systems', 'Austin, TX', '2014-07', '2017-05', 2],
    ]);
    expect(resume.education.map((e) => [e.degree, e.institution, e.start, e.end])).toEqual([
      ['M.S. Computer Science', 'University of Texas at Austin', '2012', '2014'],
      ['B.S. Mathematics', 'Rice University', '2008', '2012'],
    ]);
    expect(resume.education[1]!.details).toEqual(['minor in Economics', 'Universität Zürich (exchange year)']);
    expect(resume.skills).toEqual(expect.arrayContaining(['Go', 'Kubernetes', 'AWS', 'Lambda', 'Kafka', 'domain-driven design']));
    expect(resume.certifications).toEqual([
      'AWS Certified Solutions Architect – Professional (2022)',
      'Certified Kubernetes Administrator (2020)',
    ]);
  });

  it('reads a two-column resume in sidebar-then-main order', () => {
    const resume = parseResumeText(fixture('resume2_two_column'));
    expect(resume.contact).toMatchObject({
      name: 'Kwame Osei-Mensah',
      email: 'kwame.osei@example.org',
      phone: '+442079460958',
      location: 'Manchester, United Kingdom',
      links: ['kosei.dev'],
    });
    expect(resume.summary).toMatch(/^Data scientist with 6 years/);
    expect(resume.experience.map((e) => [e.title, e.company, e.location, e.start, e.end])).toEqual([
      ['Lead Data Scientist', 'Northwind Retail Group', 'Manchester', '2022-01', 'Present'],
      ['Data Scientist', 'Halcyon Health Analytics', 'Leeds', '2019-09', '2021-12'],
      ['Junior Analyst', 'Pennine Insurance', 'Bradford', '2018-07', '2019-08'],
    ]);
    expect(resume.experience[0]!.bullets[0]).toBe('Built a demand-forecasting model for 18,000 SKUs that cut stock-outs by 23%.');
    expect(resume.education.map((e) => [e.degree, e.institution, e.end])).toEqual([
      ['MSc Data Science (Distinction)', 'University of Manchester', '2018'],
      ['BSc Statistics', 'Kwame Nkrumah University of Science and Technology', '2016'],
    ]);
    // The skills list first, then what the body names ("a demand-forecasting model").
    expect(resume.skills.slice(0, 12)).toEqual(['Python', 'R', 'SQL', 'PyTorch', 'scikit-learn', 'Spark', 'Airflow', 'dbt', 'A/B testing', 'causal inference', 'Tableau', 'Looker']);
    expect(resume.skills).toContain('Demand planning');
    expect(resume.languages).toEqual(['English (native)', 'Twi (fluent)', 'French (B2)']);
  });

  it('reads a resume with a skills table and an "Education and Certifications" section', () => {
    const resume = parseResumeText(fixture('resume3_skills_table'));
    expect(resume.contact).toMatchObject({ name: 'Priya Raghunathan', email: 'priya.r@example.net', phone: '+13125550148', location: 'Chicago, IL' });
    expect(resume.experience.map((e) => [e.title, e.company, e.location, e.start, e.end])).toEqual([
      ['Senior Technical Program Manager', 'Verity Medical Devices', 'Chicago, IL', '2020', 'Present'],
      ['Firmware Engineer II', 'Sensata Controls', 'Schaumburg, IL', '2015', '2020'],
    ]);
    expect(resume.education).toEqual([
      { degree: 'B.Tech. Electronics and Communication Engineering', institution: 'Anna University', location: 'Chennai', end: '2014', details: [] },
    ]);
    expect(resume.certifications).toEqual(['Project Management Professional (PMP), PMI, 2019']);
    // The ground truth flattens the table (cells joined by spaces), as OCR does.
    expect(resume.skills).toEqual(expect.arrayContaining(['C', 'C++', 'FreeRTOS', 'Zephyr', 'Jira', 'MS Project', 'MQTT', 'Power BI', 'FDA 510(k)']));
  });
});

describe('parseResumeText on other layouts', () => {
  it('handles capitalised headings with colons, "Title at Company", slashes in dates and projects', () => {
    const text = [
      'JOHN DOE',
      'Berlin, Germany · +49 30 1234567 · john@doe.dev · https://github.com/jdoe',
      'PROFESSIONAL EXPERIENCE:',
      'Backend Developer at Acme GmbH',
      '03/2018 - 06/2020',
      '- Built APIs in node and postgres',
      'EDUCATION:',
      'Bachelor of Science in Informatics',
      'Technische Universität Berlin, 2014 - 2018',
      'SKILLS: js, k8s, postgres',
      'PROJECTS',
      'TrackRuit — job tracker, https://trackruit.app',
      '• Local-first sync',
      'LANGUAGES: German, English',
    ].join('\n');
    const resume = parseResumeText(text);
    expect(resume.contact).toMatchObject({ email: 'john@doe.dev', phone: '+49301234567', location: 'Berlin, Germany', links: ['https://github.com/jdoe'] });
    expect(resume.experience).toEqual([
      { title: 'Backend Developer', company: 'Acme GmbH', start: '2018-03', end: '2020-06', bullets: ['Built APIs in node and postgres'] },
    ]);
    expect(resume.education[0]).toMatchObject({ degree: 'Bachelor of Science in Informatics', institution: 'Technische Universität Berlin', start: '2014', end: '2018' });
    expect(resume.skills.slice(0, 3)).toEqual(['JavaScript', 'Kubernetes', 'PostgreSQL']);
    // Named only in a bullet: "Built APIs in node and postgres".
    expect(resume.skills).toEqual(expect.arrayContaining(['APIs', 'Node.js']));
    expect(resume.projects).toEqual([{ name: 'TrackRuit', description: 'job tracker, https://trackruit.app', bullets: ['Local-first sync'], links: ['https://trackruit.app'] }]);
    expect(resume.languages).toEqual(['German', 'English']);
  });
});

describe('parseResumeText on any text', () => {
  it('never throws and always returns a valid resume', () => {
    const pieces = fc.constantFrom(
      'Experience', 'EDUCATION:', 'Skills: js, k8s', '• Led things', 'Jan 2020 – Present', '(312) 555-0148', 'a@b.co',
      'B.S. Maths, MIT, 2010', 'Engineer — Acme, Austin, TX', '2019-2021', '03/2018 - 06/2020', 'Languages', '\t', ',', '(', ')',
    );
    const line = fc.oneof(fc.string({ maxLength: 80 }), fc.array(pieces, { maxLength: 5 }).map((p) => p.join(' ')));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        expect(parsedResumeSchema.safeParse(parseResumeText(lines.join('\n'))).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
