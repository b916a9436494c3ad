import type { ParsedResume } from '../resume/parsed-resume';

/**
 * A resume written the way the ATS check asks (test data): every bullet 8-30
 * words opening with an action verb, most with a figure, dated roles, full
 * contact, standard sections, 300-odd words.
 */
export const GOOD_RESUME: ParsedResume = {
  contact: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+1 212 555 0148', location: 'New York, NY', links: ['https://linkedin.com/in/grace'] },
  summary: 'Software engineer with twelve years of backend, compiler and data platform work, who turns slow, fragile systems into fast and dependable ones and teaches teams to keep them that way.',
  experience: [
    {
      title: 'Staff Software Engineer', company: 'Compiler Works', location: 'New York, NY', start: '2020-02', end: 'Present',
      bullets: [
        'Led a team of 6 engineers that rebuilt the query compiler in TypeScript, cutting median compile time from 900 ms to 120 ms',
        'Designed a caching layer on PostgreSQL and Redis that served 40,000 requests per second at 99.99% availability',
        'Mentored 9 engineers through promotion, running weekly design reviews and writing the team’s onboarding guide',
        'Migrated 300 services from a monolith to Kubernetes over 18 months without a single customer-facing outage',
      ],
    },
    {
      title: 'Senior Software Engineer', company: 'Navy Data Systems', location: 'Arlington, VA', start: '2016-06', end: '2020-01',
      bullets: [
        'Built the billing pipeline in Python that processed $2.4M of invoices each month with automated reconciliation',
        'Reduced cloud spend by 35% by rightsizing clusters and moving batch jobs to spot instances',
        'Introduced contract testing across 12 teams, which halved integration failures within two quarters',
      ],
    },
    {
      title: 'Software Engineer', company: 'Remington Rand', location: 'Philadelphia, PA', start: '2013-09', end: '2016-05',
      bullets: [
        'Developed a reporting service in Java used by 150 analysts to track inventory across 20 warehouses',
        'Automated the release process with Jenkins, shortening each release from two days to 3 hours',
        'Wrote the internal style guide for APIs that every new service in the company followed',
      ],
    },
  ],
  education: [{ degree: 'PhD Mathematics', institution: 'Yale University', location: 'New Haven, CT', start: '2008', end: '2013', details: ['Thesis on new types of irreducibility criteria'] }],
  skills: ['TypeScript', 'Python', 'Java', 'PostgreSQL', 'Redis', 'Kubernetes', 'Jenkins', 'AWS'],
  certifications: ['AWS Certified Solutions Architect'],
  languages: ['English', 'German'],
  projects: [],
};
