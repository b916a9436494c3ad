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

describe('entries the parser used to miss', () => {
  it('keeps an internship’s company line with its title when bullets follow at once', () => {
    expect(
      parseExperience([
        'Software Development Intern\tMay 2024 – Jul 2024',
        'Zentrix Payments, Bengaluru (Remote)',
        '• Moved the settlement reports to Airflow DAGs.',
        '• Wrote REST endpoints in Spring Boot.',
        'Machine Learning Intern\tDec 2023 – Feb 2024',
        'IIT Bombay Research Park, Mumbai',
        '• Fine-tuned a BERT model.',
      ]).map((e) => [e.title, e.company, e.location, e.start, e.end, e.bullets.length]),
    ).toEqual([
      ['Software Development Intern', 'Zentrix Payments', 'Bengaluru (Remote)', '2024-05', '2024-07', 2],
      ['Machine Learning Intern', 'IIT Bombay Research Park', 'Mumbai', '2023-12', '2024-02', 1],
    ]);
  });

  it('reads university appointments listed one a line, year first', () => {
    expect(
      parseExperience([
        '2022–present\tAssociate Professor of Sociology, University of Leeds',
        '2018–2022\tLecturer in Quantitative Social Science, University of Glasgow',
        '2016–2018\tPostdoctoral Research Fellow, London School of Economics and Political Science',
      ]).map((e) => [e.title, e.company, e.start, e.end]),
    ).toEqual([
      ['Associate Professor of Sociology', 'University of Leeds', '2022', 'Present'],
      ['Lecturer in Quantitative Social Science', 'University of Glasgow', '2018', '2022'],
      ['Postdoctoral Research Fellow', 'London School of Economics and Political Science', '2016', '2018'],
    ]);
  });

  it('drops the numbering of roles and reads "Till Date"', () => {
    expect(
      parseExperience(['1. Store Keeper', 'Hindustan Auto Components, Manesar (Jun 2011 - Till Date)', '« Maintained stock registers in Tally.']).map((e) => [e.title, e.company, e.start, e.end]),
    ).toEqual([['Store Keeper', 'Hindustan Auto Components', '2011-06', 'Present']]);
  });
});

describe('school-level education', () => {
  it('reads Class XII, Class X, a high school diploma and a college certificate as education', () => {
    const { education, certifications } = parseEducation([
      'B.Com (Accounting & Finance), Loyola College, Chennai\t2016 – 2019',
      'Class XII (Commerce), CBSE – Kendriya Vidyalaya, Adyar\t2016',
      '94.2%',
      'Class X, CBSE – Kendriya Vidyalaya, Adyar\t2014',
      'Automotive Technology Certificate — GateWay Community College, Phoenix, AZ\t2013',
      'High School Diploma — Carl Hayden High School, Phoenix, AZ\t2012',
    ]);
    expect(education.map((e) => [e.degree, e.institution, e.end])).toEqual([
      ['B.Com (Accounting & Finance)', 'Loyola College', '2019'],
      ['Class XII (Commerce)', 'Kendriya Vidyalaya', '2016'],
      ['Class X', 'Kendriya Vidyalaya', '2014'],
      ['Automotive Technology Certificate', 'GateWay Community College', '2013'],
      ['High School Diploma', 'Carl Hayden High School', '2012'],
    ]);
    expect(certifications).toEqual([]);
  });

  it('keeps year-first lines apart', () => {
    const { education } = parseEducation(['2016\tPhD Sociology, University of Oxford', 'Thesis: Kinship networks and labour migration', '2012\tMSc Social Research Methods, University of Oxford']);
    expect(education.map((e) => [e.degree, e.end])).toEqual([['PhD Sociology', '2016'], ['MSc Social Research Methods', '2012']]);
  });
});

describe('a role line apart from the employer line', () => {
  it('keeps a title with a dash or a comma whole when the next line names the employer', () => {
    expect(
      parseExperience([
        'Deputy Manager – Finance & Accounts\tAug 2022 – Present',
        'Kaveri Agro Foods Pvt. Ltd., Bengaluru',
        '• Own the monthly book closure.',
        'Student Teacher, 8th Grade Science\tJan 2019 – May 2019',
        'Worthington Kilbourne High School, Worthington, OH',
        '• Taught inquiry-based labs.',
        'Shift Supervisor - Warehouse',
        'Bluedart Logistics Pvt Ltd, Gurugram (Apr 2017 - Till Date)',
        '• Supervise inbound and outbound.',
      ]).map((e) => [e.title, e.company, e.location]),
    ).toEqual([
      ['Deputy Manager – Finance & Accounts', 'Kaveri Agro Foods Pvt. Ltd.', 'Bengaluru'],
      ['Student Teacher, 8th Grade Science', 'Worthington Kilbourne High School', 'Worthington, OH'],
      ['Shift Supervisor - Warehouse', 'Bluedart Logistics Pvt Ltd', 'Gurugram'],
    ]);
  });

  it('still splits "Title, Company" when the other line is only a place', () => {
    expect(parseExperience(['Software Engineer, Acme Corp\tJan 2020 – Present', 'Berlin, Germany', '• Built it.']).map((e) => [e.title, e.company])).toEqual([
      ['Software Engineer', 'Acme Corp'],
    ]);
  });
});

describe('an education table', () => {
  it('skips the heading row and reads each row’s cells apart', () => {
    const { education } = parseEducation([
      'Course\tInstitution\tBoard/University\tYear\tScore',
      'B.Com (Hons)\tChrist University, Bengaluru\tChrist University\t2024\t8.4 CGPA',
      'Class XII\tNational Public School, Indiranagar\tCBSE\t2021\t91.6%',
    ]);
    expect(education.map((e) => [e.degree, e.institution, e.end])).toEqual([
      ['B.Com (Hons)', 'Christ University', '2024'],
      ['Class XII', 'National Public School', '2021'],
    ]);
  });
});
