import { describe, expect, it } from 'vitest';
import { extractContact, findLinks, normalisePhone } from './contact';

describe('normalisePhone', () => {
  it.each([
    ['+1 (415) 555-0173', undefined, '+14155550173'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['+44 (0) 20 7946 0958', undefined, '+442079460958'],
    ['0049 30 1234567', undefined, '+49301234567'],
    ['(312) 555-0148', 'Chicago, IL', '+13125550148'],
    ['(312) 555-0148', undefined, '+13125550148'],
    ['020 7946 0958', 'London, United Kingdom', '+442079460958'],
    ['030 1234567', 'Berlin, Germany', '+49301234567'],
    ['98765 43210', undefined, '98765 43210'],
  ])('%s (%s) → %s', (raw, location, expected) => {
    expect(normalisePhone(raw, location)).toBe(expected);
  });
});

describe('findLinks', () => {
  it('finds profile and portfolio links but not emails or degrees', () => {
    expect(findLinks('linkedin.com/in/ada | github.com/ada-dev | ada@example.com | B.Tech. | https://ada.dev/work')).toEqual([
      'linkedin.com/in/ada',
      'github.com/ada-dev',
      'https://ada.dev/work',
    ]);
  });
});

describe('extractContact', () => {
  it('reads a one-line header with separators', () => {
    const contact = extractContact(
      ['Maria Elena Fischer', 'maria.fischer@example.com | +1 (415) 555-0173 | San Francisco, CA 94110', 'linkedin.com/in/mariafischer | github.com/mfischer-dev'],
      [],
      '',
    );
    expect(contact).toEqual({
      name: 'Maria Elena Fischer',
      email: 'maria.fischer@example.com',
      phone: '+14155550173',
      location: 'San Francisco, CA 94110',
      links: ['linkedin.com/in/mariafischer', 'github.com/mfischer-dev'],
    });
  });

  it('reads a sidebar contact section and drops post-nominals from the name', () => {
    const contact = extractContact(
      ['Kwame Osei-Mensah, PhD', 'Data Scientist · Machine Learning Engineer'],
      ['kwame.osei@example.org', '+44 20 7946 0958', 'Manchester, United Kingdom', 'kosei.dev'],
      '',
    );
    expect(contact).toEqual({
      name: 'Kwame Osei-Mensah',
      email: 'kwame.osei@example.org',
      phone: '+442079460958',
      location: 'Manchester, United Kingdom',
      links: ['kosei.dev'],
    });
  });
});

describe('extractContact on academic CVs', () => {
  it('does not take the "Curriculum Vitae" title line for the name', () => {
    expect(extractContact(['Curriculum Vitae', 'Helena Marguerite Okafor', 'h.okafor@example.ac.uk'], [], '').name).toBe('Helena Marguerite Okafor');
  });
});

describe('extractContact on OCR output', () => {
  it('splits contact details that OCR joined with hyphens', () => {
    const contact = extractContact(['Priya Raghunathan, PMP', 'priya.r@example.net - (312) 555-0148 - Chicago, IL'], [], '');
    expect(contact).toMatchObject({ name: 'Priya Raghunathan', phone: '+13125550148', location: 'Chicago, IL' });
  });
});
