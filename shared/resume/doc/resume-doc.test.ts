import { describe, expect, it } from 'vitest';
import { resumeRxSchema } from './resume-rx';
import { resumeSchema, RESUME_LIMITS } from './resume-doc';
import { resumeToCouchDoc, validateResumeCouchDoc } from './couch-doc';
import { resumesDbName, resumesSyncUrl } from './sync-url';
import { testResume } from './test-resume';

describe('resume document', () => {
  it('accepts a parsed resume and its CouchDB form', () => {
    const resume = testResume();
    expect(resumeSchema.parse(resume)).toEqual(resume);
    expect(validateResumeCouchDoc({ ...resumeToCouchDoc(resume), _rev: '1-abc' })).toBeNull();
    expect(validateResumeCouchDoc({ _id: resume.id, _rev: '2-abc', _deleted: true })).toBeNull();
  });

  it('refuses unknown fields at any depth, a wrong version, a bad file type and a bad id', () => {
    const doc = resumeToCouchDoc(testResume());
    expect(validateResumeCouchDoc({ ...doc, evil: 1 })?.issues[0]?.path).toBe('(document)');
    const nested = { ...doc, resume: { ...doc.resume, contact: { ...doc.resume!.contact, script: 'x' } } };
    expect(validateResumeCouchDoc(nested)?.issues).toEqual([{ path: '(document)', message: 'has fields a resume does not have' }]);
    expect(validateResumeCouchDoc({ ...doc, schemaVersion: 2 })?.issues[0]?.path).toBe('schemaVersion');
    expect(validateResumeCouchDoc({ ...doc, file: { ...doc.file!, contentType: 'text/html' } })?.issues[0]?.path).toBe('file.contentType');
    expect(validateResumeCouchDoc({ ...doc, _id: '../x' })?.issues[0]?.path).toBe('_id');
    expect(validateResumeCouchDoc({ ...doc, resume: { ...doc.resume, experience: [{ start: 'March 2020', bullets: [] }] } })).not.toBeNull();
  });

  it(`refuses a document over ${RESUME_LIMITS.docBytes / 1024} KB`, () => {
    const doc = resumeToCouchDoc(testResume());
    const huge = { ...doc, resume: { ...doc.resume!, summary: 'x'.repeat(RESUME_LIMITS.docBytes) } };
    expect(validateResumeCouchDoc(huge)?.issues[0]?.message).toMatch(/at most 1024 KB/);
  });

  it('derives an RxDB schema with a bounded primary key', () => {
    expect(resumeRxSchema.primaryKey).toBe('id');
    expect(resumeRxSchema.properties.id?.maxLength).toBe(RESUME_LIMITS.idLength);
    expect(resumeRxSchema.required).toEqual(expect.arrayContaining(['id', 'name', 'active', 'file', 'parsed', 'resume', 'schemaVersion']));
  });

  it('names the resumes database after the user database', () => {
    expect(resumesDbName('userdb-6162')).toBe('userdb-6162-resumes');
    expect(resumesSyncUrl('http://localhost:5000/db/userdb-6162/')).toBe('http://localhost:5000/db/userdb-6162-resumes/');
    expect(resumesSyncUrl('https://sync.example.com/base/db/userdb-6162')).toBe('https://sync.example.com/base/db/userdb-6162-resumes/');
  });
});
