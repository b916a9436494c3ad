/**
 * 20,000 job postings that read like real ones, made from the taxonomy's
 * skills (so every family, not only software) with a seeded generator: the
 * same jobs in every run and in Node and Chromium. Each has a title with a
 * level, a few lines about the team and the work, required and nice-to-have
 * skills written out as postings write them, years, a degree and a location:
 * about 150-250 words, the length of a typical posting.
 */
import taxonomyData from '../../../shared/match/taxonomy.json';

export interface SyntheticJob {
  id: string;
  title: string;
  location: string;
  text: string;
}

type Entry = string | string[];
const families = (taxonomyData as unknown as { families: Record<string, Record<string, Entry[]>> }).families;
const nameOf = (e: Entry) => (typeof e === 'string' ? e : e[0]!);

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES: Record<string, string[]> = {
  software: ['Software Engineer', 'Backend Engineer', 'Frontend Developer', 'Full-Stack Engineer', 'Mobile Developer'],
  data: ['Data Engineer', 'Data Scientist', 'Data Analyst', 'Machine Learning Engineer'],
  devops: ['DevOps Engineer', 'Site Reliability Engineer', 'Platform Engineer', 'Cloud Engineer'],
  security: ['Security Engineer', 'Security Analyst', 'Penetration Tester'],
  it: ['IT Support Specialist', 'Systems Administrator', 'Network Engineer'],
  design: ['Product Designer', 'UX Designer', 'Graphic Designer'],
  product: ['Product Manager', 'Product Owner'],
  marketing: ['Digital Marketing Manager', 'Content Marketer', 'SEO Specialist'],
  sales: ['Account Executive', 'Sales Development Representative', 'Account Manager'],
  finance: ['Staff Accountant', 'Financial Analyst', 'Controller'],
  hr: ['HR Generalist', 'Recruiter', 'People Partner'],
  healthcare: ['Registered Nurse', 'Medical Assistant', 'Physical Therapist'],
  education: ['Teacher', 'Instructional Designer', 'Tutor'],
  legal: ['Paralegal', 'Legal Counsel', 'Compliance Officer'],
  operations: ['Operations Manager', 'Logistics Coordinator', 'Supply Chain Analyst'],
  support: ['Customer Support Specialist', 'Customer Success Manager'],
  project: ['Project Manager', 'Program Manager', 'Scrum Master'],
  engineering: ['Mechanical Engineer', 'Electrical Engineer', 'Civil Engineer'],
  hospitality: ['Chef', 'Restaurant Manager', 'Front Desk Agent'],
  writing: ['Technical Writer', 'Copywriter', 'Editor'],
  research: ['Research Scientist', 'Research Assistant', 'Lab Technician'],
  trades: ['Electrician', 'Plumber', 'HVAC Technician'],
};
const LEVELS = ['Junior', '', '', 'Senior', 'Senior', 'Lead', 'Staff', 'Principal'];
const CITIES = ['Berlin', 'London', 'New York, NY', 'Austin, TX', 'Toronto', 'Amsterdam', 'Bangalore', 'Sydney', 'Paris', 'Chicago, IL'];
const COMPANY = ['a fast-growing startup', 'a public company with 4,000 people', 'a family-owned business', 'a hospital network', 'a global agency', 'a non-profit', 'a consultancy'];
const WORK = [
  'You will own projects from the first conversation with stakeholders to delivery and support.',
  'You will work closely with a small team and report to the head of the department.',
  'Day to day you will plan your work in two-week cycles, review the work of peers and keep documentation current.',
  'You will take part in hiring, mentor newer colleagues and help us improve how we work.',
  'The role involves regular contact with customers and partners, and occasional travel.',
  'We measure success by outcomes for the people we serve, not by hours at a desk.',
  'You will improve processes that grew quickly and need to scale with the business.',
  'You will report progress weekly and present results to leadership each quarter.',
];
const OFFER = [
  'We offer a competitive salary, 28 days of paid leave, a learning budget and flexible hours.',
  'Benefits include health insurance, a pension plan, parental leave and a yearly team retreat.',
  'We are an equal opportunity employer and welcome applicants from every background.',
];
const SOFT = ['communication', 'teamwork', 'attention to detail', 'problem solving', 'time management', 'leadership'];
const DEGREES = ["Bachelor's degree", "Master's degree", 'High school diploma', 'Associate degree'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function pickSome<T>(rand: () => number, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
  return out;
}

export function syntheticJobs(count: number, seed = 20_000): SyntheticJob[] {
  const rand = random(seed);
  const names = Object.keys(ROLES);
  const skillsOf = new Map(names.map((f) => [f, Object.values(families[f] ?? {}).flat().map(nameOf)]));
  const jobs: SyntheticJob[] = [];
  for (let i = 0; i < count; i += 1) {
    const family = names[i % names.length]!;
    const skills = skillsOf.get(family)!;
    const role = pick(rand, ROLES[family]!);
    const level = pick(rand, LEVELS);
    const title = `${level ? `${level} ` : ''}${role}`;
    const required = pickSome(rand, skills, 3 + Math.floor(rand() * 5));
    const nice = pickSome(rand, skills.filter((s) => !required.includes(s)), 1 + Math.floor(rand() * 3));
    const years = 1 + Math.floor(rand() * 9);
    const remote = rand() < 0.3;
    const location = remote ? 'Remote' : pick(rand, CITIES);
    const text = [
      `${title}`,
      `We are ${pick(rand, COMPANY)} looking for a ${title.toLowerCase()} to join our ${family} team${remote ? ', fully remote' : ` in ${location}`}.`,
      ...pickSome(rand, WORK, 3),
      'Requirements:',
      `- ${years}+ years of experience as a ${role.toLowerCase()} or in a similar role`,
      ...required.map((s) => `- Hands-on experience with ${s}`),
      `- Strong ${pickSome(rand, SOFT, 2).join(' and ')} skills`,
      `- ${pick(rand, DEGREES)} or equivalent experience`,
      'Nice to have:',
      ...nice.map((s) => `- Familiarity with ${s}`),
      pick(rand, OFFER),
    ].join('\n');
    jobs.push({ id: `job-${i}`, title, location, text });
  }
  return jobs;
}
