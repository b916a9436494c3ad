import type { PendingSummary } from '../background/sync/pending-changes';
import { kindOf, type SyncIssue } from '../background/sync/sync-issues';

/**
 * The words of the sync details: what waits, and what the server refused.
 * Pure, so the popup and dashboard say the same and tests read it directly.
 */

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 changes waiting", "1 change and 1 file waiting": originals waiting for upload are named as files. */
export function pendingText({ changes, files }: PendingSummary): string {
  if (changes === 0 && files === 0) return 'All changes synced';
  if (files === 0) return `${count(changes, 'change', 'changes')} waiting`;
  if (changes === 0) return `${count(files, 'file', 'files')} waiting to upload`;
  return `${count(changes, 'change', 'changes')} and ${count(files, 'file', 'files')} waiting`;
}

export function syncIssuesHeadline(issues: readonly SyncIssue[]): string {
  const of = (kind: ReturnType<typeof kindOf>) => issues.filter((issue) => kindOf(issue) === kind).length;
  const [jobs, resumes, files] = [of('job'), of('resume'), of('resume-file')];
  const parts = [
    jobs > 0 ? count(jobs, 'application', 'applications') : '',
    resumes > 0 ? count(resumes, 'resume', 'resumes') : '',
    files > 0 ? count(files, 'original resume file', 'original resume files') : '',
  ].filter(Boolean);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0] ?? '';
  // An edit sends a document again; a file is offered again at every sync (after room is made on the server).
  const next = [jobs + resumes > 0 ? 'Edit them to try again.' : '', files > 0 ? 'Files are offered again at every sync.' : ''].filter(Boolean).join(' ');
  return `${listed} ${issues.length === 1 ? 'is' : 'are'} kept on this device only: the server refused them. ${next}`;
}

/** Which document, as the person knows it: a resume by its name, an application by its id. */
export function syncIssueSubject(issue: SyncIssue): { label: string; code?: string } {
  const kind = kindOf(issue);
  if (kind === 'resume') return issue.name ? { label: `Resume “${issue.name}”` } : { label: 'Resume', code: issue.id };
  if (kind === 'resume-file') return issue.name ? { label: `Original file of “${issue.name}”` } : { label: 'Original file of resume', code: issue.id };
  return { label: '', code: issue.id };
}

/** Each problem as "field: why"; a problem with the whole document is only its reason. */
export function syncIssueReason(issue: SyncIssue): string {
  const reasons = issue.issues.map((problem) => (problem.path && problem.path !== '(document)' ? `${problem.path}: ${problem.message}` : problem.message));
  return reasons.join('; ') || 'refused by the server';
}
