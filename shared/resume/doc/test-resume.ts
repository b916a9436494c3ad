import { emptyParsedResume, type ParsedResume } from '../parsed-resume';
import { RESUME_DOC_VERSION, type Resume } from './resume-doc';

/** A resume as the Resumes page stores it right after parsing; for tests. */
export function testResume(overrides: Partial<Resume> = {}, at = '2026-11-20T10:00:00.000Z'): Resume {
  const parsed: ParsedResume = {
    ...emptyParsedResume(),
    contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958', location: 'London', links: ['https://ada.dev'] },
    summary: 'Engineer who writes the first programs.',
    experience: [{ title: 'Analyst', company: 'Analytical Engines Ltd', start: '2024-01', end: 'Present', bullets: ['Wrote notes on the engine'] }],
    education: [{ degree: 'BSc Mathematics', institution: 'University of London', end: '2023', details: [] }],
    skills: ['JavaScript', 'PostgreSQL'],
  };
  return {
    id: 'resume-1',
    schemaVersion: RESUME_DOC_VERSION,
    name: 'Backend resume',
    active: true,
    file: { fileName: 'ada.pdf', contentType: 'application/pdf', size: 52_000, sha256: 'a'.repeat(64) },
    outcome: { kind: 'pdf', pages: 1, ocrPages: 0 },
    parsed,
    resume: structuredClone(parsed),
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
