import type { SyncIssue } from '../background/sync-issues';
import { STORAGE_KEYS } from '../background/storage';
import { useStored } from './use-stored';

/**
 * Documents the server refused stay on this device and are retried once
 * edited; the user must know which ones and why, or they would think them synced.
 */
export function SyncIssues() {
  const issues = useStored<SyncIssue[]>(STORAGE_KEYS.syncIssues);
  if (!issues || issues.length === 0) return null;
  const count = issues.length === 1 ? '1 application is' : `${issues.length} applications are`;
  return (
    <div className="sync-issues" role="status">
      <p className="error-text">{count} kept on this device only: the server refused them. Edit them to try again.</p>
      <details>
        <summary>Show why</summary>
        <ul>
          {issues.map((issue) => (
            <li key={issue.id}>
              <code>{issue.id}</code>:{' '}
              {issue.issues.map((problem) => `${problem.path}: ${problem.message}`).join('; ') || 'refused by the server'}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
