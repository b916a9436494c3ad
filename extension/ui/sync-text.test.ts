import { describe, expect, it } from 'vitest';
import type { SyncIssue } from '../background/sync/sync-issues';
import { pendingText, syncIssueReason, syncIssuesHeadline, syncIssueSubject } from './sync-text';

const job: SyncIssue = { id: 'linkedin:4012345678', issues: [{ path: 'title', message: 'Too big' }], at: '2026-11-20T10:00:00.000Z' };
const resume: SyncIssue = { id: '0f9c', kind: 'resume', name: 'Backend 2026', issues: [{ path: '(document)', message: 'is 1100 KB; a resume can be at most 1024 KB' }], at: job.at };

describe('pendingText', () => {
  it('counts jobs and resumes as changes and names originals as files', () => {
    expect(pendingText({ changes: 0, files: 0 })).toBe('All changes synced');
    expect(pendingText({ changes: 1, files: 0 })).toBe('1 change waiting');
    expect(pendingText({ changes: 3, files: 0 })).toBe('3 changes waiting');
    expect(pendingText({ changes: 0, files: 1 })).toBe('1 file waiting to upload');
    expect(pendingText({ changes: 1, files: 2 })).toBe('1 change and 2 files waiting');
  });
});

describe('sync issue words', () => {
  it('says how many applications and resumes the server refused', () => {
    expect(syncIssuesHeadline([job])).toBe('1 application is kept on this device only: the server refused them. Edit them to try again.');
    expect(syncIssuesHeadline([job, resume, { ...resume, id: 'x' }])).toMatch(/^1 application and 2 resumes are kept on this device only/);
    expect(syncIssuesHeadline([resume])).toMatch(/^1 resume is kept/);
  });

  it('names refused original files and says they are offered again, not edited', () => {
    const file: SyncIssue = { id: '0f9c', kind: 'resume-file', name: 'Backend 2026', issues: [{ path: '(document)', message: 'The server has no room left' }], at: job.at };
    expect(syncIssuesHeadline([file])).toBe('1 original resume file is kept on this device only: the server refused them. Files are offered again at every sync.');
    expect(syncIssuesHeadline([job, resume, file])).toBe(
      '1 application, 1 resume and 1 original resume file are kept on this device only: the server refused them. Edit them to try again. Files are offered again at every sync.',
    );
    expect(syncIssueSubject(file)).toEqual({ label: 'Original file of “Backend 2026”' });
    expect(syncIssueSubject({ ...file, name: undefined })).toEqual({ label: 'Original file of resume', code: '0f9c' });
    expect(syncIssueReason(file)).toBe('The server has no room left');
  });

  it('names a resume by its name and reads its reasons without internal paths', () => {
    expect(syncIssueSubject(resume)).toEqual({ label: 'Resume “Backend 2026”' });
    expect(syncIssueSubject({ ...resume, name: undefined })).toEqual({ label: 'Resume', code: '0f9c' });
    expect(syncIssueSubject(job)).toEqual({ label: '', code: 'linkedin:4012345678' });
    expect(syncIssueReason(resume)).toBe('is 1100 KB; a resume can be at most 1024 KB');
    expect(syncIssueReason(job)).toBe('title: Too big');
    expect(syncIssueReason({ ...job, issues: [] })).toBe('refused by the server');
  });
});
