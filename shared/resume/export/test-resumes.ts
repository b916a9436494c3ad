import type { ParsedResume } from '../parsed-resume';

/** Resumes the export tests build from; the expected reading order is written out by hand beside them. */

export const RICH_RESUME: ParsedResume = {
  contact: {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0958',
    location: 'London, UK',
    links: ['https://github.com/ada', 'https://linkedin.com/in/ada'],
  },
  summary: 'Engineer who turns analytical engines into products. Ten years of backend and data work.',
  experience: [
    {
      title: 'Principal Engineer', company: 'Analytical Engines Ltd', location: 'London', start: '2019-04', end: 'Present',
      bullets: ['Designed the Bernoulli number pipeline used by 40 teams', 'Cut report latency from 9 s to 300 ms with PostgreSQL partitioning'],
    },
    {
      title: 'Software Engineer', company: 'Difference Co', start: '2015', end: '2019-03',
      bullets: ['Shipped the first punch-card importer'],
    },
  ],
  education: [
    { degree: 'BSc Mathematics', institution: 'University of London', location: 'London', start: '2011', end: '2015', details: ['First-class honours'] },
  ],
  skills: ['JavaScript', 'TypeScript', 'PostgreSQL', 'Kubernetes'],
  certifications: ['AWS Certified Solutions Architect', 'CKA'],
  languages: ['English', 'French', 'Italian'],
  projects: [
    { name: 'Notes on the Engine', description: 'An annotated translation, three times longer than the original.', bullets: ['Included the first published algorithm'], links: ['https://example.org/notes'] },
  ],
};

/** Every heading, entry line and bullet of RICH_RESUME, in reading order. */
export const RICH_READING_ORDER = [
  'Ada Lovelace',
  'ada@example.com | +44 20 7946 0958 | London, UK | https://github.com/ada | https://linkedin.com/in/ada',
  'Summary',
  'Engineer who turns analytical engines into products. Ten years of backend and data work.',
  'Experience',
  'Principal Engineer — Analytical Engines Ltd',
  'London | Apr 2019 – Present',
  'Designed the Bernoulli number pipeline used by 40 teams',
  'Cut report latency from 9 s to 300 ms with PostgreSQL partitioning',
  'Software Engineer — Difference Co',
  '2015 – Mar 2019',
  'Shipped the first punch-card importer',
  'Education',
  'BSc Mathematics — University of London',
  'London | 2011 – 2015',
  'First-class honours',
  'Skills',
  'JavaScript, TypeScript, PostgreSQL, Kubernetes',
  'Certifications',
  'AWS Certified Solutions Architect',
  'CKA',
  'Languages',
  'English, French, Italian',
  'Projects',
  'Notes on the Engine',
  'An annotated translation, three times longer than the original.',
  'Included the first published algorithm',
  'https://example.org/notes',
];

export const MINIMAL_RESUME: ParsedResume = {
  contact: { name: 'Sam Doe', email: 'sam@example.com', links: [] },
  experience: [],
  education: [],
  skills: ['Python'],
  certifications: [],
  languages: [],
  projects: [],
};

export const MINIMAL_READING_ORDER = ['Sam Doe', 'sam@example.com', 'Skills', 'Python'];

const sentence = (n: number) =>
  `Item ${n}: led a cross-functional group that rebuilt the billing, invoicing and reporting services, migrating forty million records without downtime and cutting monthly infrastructure cost by a third.`;

/** Twenty jobs of five long bullets: several pages. */
export const LONG_RESUME: ParsedResume = {
  contact: { name: 'Long Resume', links: [] },
  experience: Array.from({ length: 20 }, (_, job) => ({
    title: `Role ${job + 1}`,
    company: `Company ${job + 1}`,
    start: '2001-01',
    end: '2002-12',
    bullets: Array.from({ length: 5 }, (_, b) => sentence(job * 5 + b + 1)),
  })),
  education: [],
  skills: [],
  certifications: [],
  languages: [],
  projects: [],
};

export const NON_LATIN_RESUME: ParsedResume = {
  contact: { name: 'Иван Петров', email: 'ivan@example.com', phone: '+7 495 123-45-67', location: 'Москва', links: ['https://例え.jp/иван'] },
  summary: 'Ingénieur — Straße, Łódź, Ødegaard, İstanbul, ﬁnance. 李雷 and हिन्दी and العربية and 🚀👩‍💻 and Ελληνικά.',
  experience: [{ title: 'Разработчик', company: 'Яндекс', start: '2020-01', end: 'Present', bullets: ['Работал над поиском → 30% faster ✓', 'Tab\there, bell\u0007 and zero\u200bwidth'] }],
  education: [{ degree: '学士', institution: '北京大学', details: [] }],
  skills: ['C++', 'Go'],
  certifications: [],
  languages: ['Русский', '中文', 'English'],
  projects: [],
};
