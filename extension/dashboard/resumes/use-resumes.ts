import { useEffect, useState } from 'react';
import type { Resume } from '../../../shared/resume/doc';
import { getDatabase } from '../../db/instance';

export type LiveResumes = { state: 'loading' } | { state: 'ready'; resumes: Resume[] } | { state: 'error'; message: string };

function plain(data: Record<string, unknown>): Resume {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...resume } = data;
  return resume as Resume;
}

/** Every resume, oldest first, live: uploads, edits here and pulls from other devices all show at once. */
export function useResumes(): LiveResumes {
  const [result, setResult] = useState<LiveResumes>({ state: 'loading' });
  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    getDatabase().then(
      ({ resumes }) => {
        if (stopped) return;
        const subscription = resumes.find({ selector: {}, sort: [{ id: 'asc' }] }).$.subscribe((docs) => {
          const list = docs.map((doc) => plain(doc.toMutableJSON() as Record<string, unknown>));
          list.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
          setResult({ state: 'ready', resumes: list });
        });
        unsubscribe = () => subscription.unsubscribe();
      },
      (error: unknown) => setResult({ state: 'error', message: error instanceof Error ? error.message : 'Could not open the local database.' }),
    );
    return () => {
      stopped = true;
      unsubscribe?.();
    };
  }, []);
  return result;
}
