import type { SyncIssue } from '../background/sync/sync-issues';
import { STORAGE_KEYS } from '../background/storage';
import { syncIssueReason, syncIssuesHeadline, syncIssueSubject } from './sync-text';
import { useStored } from './use-stored';

/**
 * Documents the server refused stay on this device and are retried once
 * edited; the user must know which ones and why, or they would think them synced.
 */
export function SyncIssues() {
  const issues = useStored<SyncIssue[]>(STORAGE_KEYS.syncIssues);
  if (!issues || issues.length === 0) return null;
  return (
    <div className="sync-issues" role="status">
      <p className="error-text">{syncIssuesHeadline(issues)}</p>
      <details>
        <summary>Show why</summary>
        <ul>
          {issues.map((issue) => {
            const subject = syncIssueSubject(issue);
            return (
              <li key={`${issue.kind ?? 'job'}:${issue.id}`}>
                {subject.label}
                {subject.label && subject.code ? ' ' : ''}
                {subject.code && <code>{subject.code}</code>}: {syncIssueReason(issue)}
              </li>
            );
          })}
        </ul>
      </details>
    </div>
  );
}
