import { PENDING_ORIGINAL_PREFIX } from '../background/pending-changes';
import { kindOf, type SyncIssue } from '../background/sync-issues';

/**
 * The words of the sync details: what waits, and what the server refused.
 * Pure, so the popup and dashboard say the same and tests read it directly.
 */

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 changes waiting", "1 change and 1 file waiting": originals waiting for upload are named as files. */
export function pendingText(ids: readonly string[]): string {
  const files = ids.filter((id) => id.startsWith(PENDING_ORIGINAL_PREFIX)).length;
  const changes = ids.length - files;
  if (changes === 0 && files === 0) return 'All changes synced';
  if (files === 0) return `${count(changes, 'change', 'changes')} waiting`;
  if (changes === 0) return `${count(files, 'file', 'files')} waiting to upload`;
  return `${count(changes, 'change', 'changes')} and ${count(files, 'file', 'files')} waiting`;
}

export function syncIssuesHeadline(issues: readonly SyncIssue[]): string {
  const resumes = issues.filter((issue) => kindOf(issue) === 'resume').length;
  const jobs = issues.length - resumes;
  const parts = [jobs > 0 ? count(jobs, 'application', 'applications') : '', resumes > 0 ? count(resumes, 'resume', 'resumes') : ''].filter(Boolean);
  return `${parts.join(' and ')} ${issues.length === 1 ? 'is' : 'are'} kept on this device only: the server refused them. Edit them to try again.`;
}

/** Which document, as the person knows it: a resume by its name, an application by its id. */
export function syncIssueSubject(issue: SyncIssue): { label: string; code?: string } {
  if (kindOf(issue) === 'resume') return issue.name ? { label: `Resume “${issue.name}”` } : { label: 'Resume', code: issue.id };
  return { label: '', code: issue.id };
}

/** Each problem as "field: why"; a problem with the whole document is only its reason. */
export function syncIssueReason(issue: SyncIssue): string {
  const reasons = issue.issues.map((problem) => (problem.path && problem.path !== '(document)' ? `${problem.path}: ${problem.message}` : problem.message));
  return reasons.join('; ') || 'refused by the server';
}
