import { describe, expect, it } from 'vitest';
import { extractContact, findLinks, normalisePhone, repairOcrContact } from './contact';

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

describe('names with a form of address or a curly apostrophe', () => {
  it.each([
    ['Dr. Jonas Bergström', 'Jonas Bergström'],
    ['Liam O’Connell', 'Liam O’Connell'],
    ['Prof Ada Lovelace, FRS', 'Ada Lovelace'],
  ])('%s → %s', (line, name) => expect(extractContact([line, 'someone@example.com'], [], '').name).toBe(name));
});

describe('extractContact on scans', () => {
  it('reads an email whose "@" OCR took for "©", and a labelled phone number with spaces', () => {
    const contact = extractContact(['RAVI SHANKAR YADAV', 'Address : 14/B, Sector 21, Gurugram, Haryana - 122016', 'Mob. No. : +91 99100 45 678', 'E-mail : ravi.yadav1987©gmail.com'], [], '');
    expect(contact).toMatchObject({ email: 'ravi.yadav1987@gmail.com', phone: '+919910045678', links: [] });
  });

  it.each([
    ['jane.doe @ example.com', 'jane.doe@example.com'],
    ['jane.doe@ example .com', 'jane.doe@example.com'],
    ['jane.doe®example.org', 'jane.doe@example.org'],
    ['Mobile: +44 77OO 9OO482', 'Mobile: +44 7700 900482'],
    ['Ph: (3l2) 555-0l48', 'Ph: (312) 555-0148'],
  ])('repairs "%s"', (line, repaired) => expect(repairOcrContact(line)).toBe(repaired));

  it('leaves words that only look like labels alone', () => {
    expect(repairOcrContact('Graph theory, Ph.D 2014 – 2019, Cell biology')).toBe('Graph theory, Ph.D 2014 – 2019, Cell biology');
  });

  it('finds a phone beside an email in a line joined by "⋅", and drops a bare post-nominal', () => {
    const contact = extractContact(['Aoife Brennan RN', '+91-9820011223 ⋅ rohan@example.com ⋅ Pune, Maharashtra'], [], '');
    expect(contact).toMatchObject({ name: 'Aoife Brennan', phone: '+919820011223', email: 'rohan@example.com' });
  });
});
