import { describe, expect, it } from 'vitest';
import { detectHeading, splitSections } from './sections';

describe('detectHeading', () => {
  it.each([
    ['Experience', 'experience'],
    ['WORK EXPERIENCE', 'experience'],
    ['Professional Experience:', 'experience'],
    ['Employment History', 'experience'],
    ['E D U C A T I O N', 'education'],
    ['Education and Certifications', 'education'],
    ['Skills Matrix', 'skills'],
    ['Technical Skills', 'skills'],
    ['Licenses & Certifications', 'certifications'],
    ['Profile', 'summary'],
    ['— Projects —', 'projects'],
    ['Languages', 'languages'],
    ['Interests', 'other'],
  ])('%s is a %s heading', (line, kind) => {
    expect(detectHeading(line)?.kind).toBe(kind);
  });

  it('keeps content written after a colon', () => {
    expect(detectHeading('Skills: Go, Java')).toEqual({ kind: 'skills', inline: 'Go, Java' });
  });

  it.each([
    ['INTERNSHIPS', 'experience'],
    ['Academic Appointments', 'experience'],
    ['Clinical Experience', 'experience'],
    ['Student Teaching', 'experience'],
    ['Clinical Skills', 'skills'],
    ['Methods & Software', 'skills'],
    ['EDUCATIONAL QUALIFICATION', 'education'],
    ['Research Grants', 'other'],
    ['COMPUTATIONAL SKILLS', 'skills'],
    ['Programming Skills', 'skills'],
    ['ACADEMIC DETAILS', 'education'],
    ['Tickets & Licences', 'certifications'],
  ])('reads "%s" as a %s heading', (line, kind) => expect(detectHeading(line)?.kind).toBe(kind));

  it('does not take sentences or entries for headings', () => {
    expect(detectHeading('Experience designing distributed systems at scale')).toBeUndefined();
    expect(detectHeading('Languages: Go, Java, Kotlin, Python, SQL. Infrastructure: Kubernetes, Terraform')).toBeUndefined();
    expect(detectHeading('Staff Software Engineer')).toBeUndefined();
  });
});

describe('splitSections', () => {
  it('puts lines before the first heading into the header', () => {
    const sections = splitSections(['Ada Lovelace', 'ada@example.com', 'SUMMARY', 'Engineer.', 'Skills: Go, Java', 'Education', 'BSc Maths']);
    expect(sections.map((s) => [s.kind, s.lines])).toEqual([
      ['header', ['Ada Lovelace', 'ada@example.com']],
      ['summary', ['Engineer.']],
      ['skills', ['Go, Java']],
      ['education', ['BSc Maths']],
    ]);
  });

  it('keeps a "Languages:" label inside a skills section', () => {
    const sections = splitSections(['Skills', 'Languages: Go, Java, Kotlin, Python, SQL, Rust, Haskell and a few more things']);
    expect(sections.map((s) => s.kind)).toEqual(['header', 'skills']);
  });
});
