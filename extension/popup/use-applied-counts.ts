import { useEffect, useState } from 'react';
import { getDatabase } from '../db/instance';
import { appliedCounts, startOfWeek, type AppliedCounts } from './today-counts';

/**
 * Today's and this week's counts, live. A job applied this week was changed
 * this week too (applying is a change), so the query reads only jobs changed
 * since Monday through the updatedAt index, however many jobs there are.
 */
export function useAppliedCounts(): AppliedCounts | undefined {
  const [counts, setCounts] = useState<AppliedCounts>();
  useEffect(() => {
    let cancelled = false;
    let unsubscribe: (() => void) | undefined;
    const now = new Date();
    void getDatabase().then((db) => {
      if (cancelled) return;
      const query = db.jobs.find({ selector: { updatedAt: { $gte: startOfWeek(now).toISOString() } } });
      const subscription = query.$.subscribe((docs) => setCounts(appliedCounts(docs.map((doc) => ({ appliedAt: doc.appliedAt })), new Date())));
      unsubscribe = () => subscription.unsubscribe();
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);
  return counts;
}
