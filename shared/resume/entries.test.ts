import { describe, expect, it } from 'vitest';
import { parseEducation, parseExperience, parseProjects } from './entries';

describe('parseExperience', () => {
  it('reads bullets printed without markers (a two-column PDF whose list bullets are drawn shapes)', () => {
    expect(
      parseExperience([
        'Digital Marketing Manager, Nordvik Outdoor AB',
        'Gothenburg | March 2021 – Present',
        'Cut cost per acquisition by 31% by moving paid search to value-based bidding in',
        'Google Ads and rebuilding the Meta Ads account structure.',
        'Set up marketing attribution in GA4 and Looker Studio dashboards used by the',
        'leadership team every Monday.',
        'Marketing Specialist, Cloudberry Systems',
        'Stockholm | August 2017 – February 2021',
        'Planned webinars and trade fairs with the sales team and handed leads over',
        'through Salesforce.',
      ]),
    ).toEqual([
      {
        title: 'Digital Marketing Manager', company: 'Nordvik Outdoor AB', location: 'Gothenburg', start: '2021-03', end: 'Present',
        bullets: [
          'Cut cost per acquisition by 31% by moving paid search to value-based bidding in Google Ads and rebuilding the Meta Ads account structure.',
          'Set up marketing attribution in GA4 and Looker Studio dashboards used by the leadership team every Monday.',
        ],
      },
      {
        title: 'Marketing Specialist', company: 'Cloudberry Systems', location: 'Stockholm', start: '2017-08', end: '2021-02',
        bullets: ['Planned webinars and trade fairs with the sales team and handed leads over through Salesforce.'],
      },
    ]);
  });

  it('reads company-first entries and dates on the title line', () => {
    expect(
      parseExperience([
        'Senior Engineer\tJan 2020 – Present',
        'Acme Corp, Berlin',
        '• Shipped the thing',
        'Northwind Ltd',
        'Developer',
        '2017 - 2019',
        '• Wrote code that',
        'wrapped onto a second line.',
      ]),
    ).toEqual([
      { title: 'Senior Engineer', company: 'Acme Corp', location: 'Berlin', start: '2020-01', end: 'Present', bullets: ['Shipped the thing'] },
      { title: 'Developer', company: 'Northwind Ltd', start: '2017', end: '2019', bullets: ['Wrote code that wrapped onto a second line.'] },
    ]);
  });

  it('splits consecutive entries that have no bullets', () => {
    const entries = parseExperience(['Engineer, Acme', '2019 - 2020', 'Analyst, Foo', '2017 - 2019']);
    expect(entries.map((e) => [e.title, e.company, e.start, e.end])).toEqual([
      ['Engineer', 'Acme', '2019', '2020'],
      ['Analyst', 'Foo', '2017', '2019'],
    ]);
  });
});

describe('parseEducation', () => {
  it('reads degree and institution on separate lines and keeps certifications apart', () => {
    expect(
      parseEducation(['Master of Science in Physics', 'ETH Zurich, 2015 – 2017', 'Certified Scrum Master, 2018', 'BSc Physics, University of Bern, 2015']),
    ).toEqual({
      education: [
        { degree: 'Master of Science in Physics', institution: 'ETH Zurich', start: '2015', end: '2017', details: [] },
        { degree: 'BSc Physics', institution: 'University of Bern', end: '2015', details: [] },
      ],
      certifications: ['Certified Scrum Master, 2018'],
    });
  });
});

describe('parseProjects', () => {
  it('reads a name, a description, bullets and links', () => {
    expect(parseProjects(['Ledger CLI — a tiny accounting tool', 'github.com/me/ledger', '• 2k stars'])).toEqual([
      { name: 'Ledger CLI', description: 'a tiny accounting tool github.com/me/ledger', bullets: ['2k stars'], links: ['github.com/me/ledger'] },
    ]);
  });
});

describe('parseExperience with bullets that have no full stops', () => {
  it('does not glue the next entry onto a long last bullet', () => {
    const entries = parseExperience([
      'Staff Engineer — Acme, 2021 – Present',
      '• Led the redesign of the settlement pipeline processing 14 million transactions a day',
      'Senior Software Engineer — Brightpath, 2017 – 2021',
      '• Built a fraud-scoring service in Go serving 3,200 requests per second at p99 under',
      'Kafka and gRPC load',
    ]);
    expect(entries.map((e) => [e.company, e.bullets])).toEqual([
      ['Acme', ['Led the redesign of the settlement pipeline processing 14 million transactions a day']],
      ['Brightpath', ['Built a fraud-scoring service in Go serving 3,200 requests per second at p99 under Kafka and gRPC load']],
    ]);
  });
});
