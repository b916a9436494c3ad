import { describe, expect, it } from 'vitest';
import { parseResumeText } from './parse-resume-text';

describe('a parsed resume’s skills', () => {
  const resume = parseResumeText([
    'Jasmine Reyes',
    'jasmine@example.com',
    'Teaching Experience',
    'Science Teacher, Eastmoor Academy, 2019 – Present',
    '• Use Google Classroom daily with a collaborative leadership team; taught lessons in Spanish.',
    '• Wrote IEP accommodations with the intervention specialist.',
    'Clinical Skills',
    'Classroom management; Sepsis Six',
  ].join('\n'));

  it('lists the skills sections first, then the tools and methods named only in the body', () => {
    expect(resume.skills).toEqual(['Classroom management', 'Sepsis Six', 'Google Classroom', 'Special education']);
  });

  it('leaves out soft skills and spoken languages named only in passing', () => {
    expect(resume.skills).not.toContain('Leadership');
    expect(resume.skills).not.toContain('Teamwork');
    expect(resume.skills).not.toContain('Spanish');
  });
});
