import { JOB_STATUSES, type JobStatus } from '../schema/job';

/**
 * Status words of other trackers' exports (Huntr's lists, Teal's stages,
 * Simplify's statuses, hand-made spreadsheets), compared like headers:
 * without case, spaces or punctuation.
 */
const WORDS: Record<JobStatus, readonly string[]> = {
  saved: ['wishlist', 'wish list', 'bookmarked', 'bookmark', 'interested', 'to apply', 'applying', 'planned', 'not applied', 'draft', 'prospect', 'shortlisted'],
  applied: ['submitted', 'application sent', 'application submitted', 'sent', 'pending', 'under review', 'in review'],
  assessment: ['assessment', 'online assessment', 'oa', 'test', 'coding test', 'take home', 'take-home', 'challenge', 'assignment'],
  interview: ['interviewing', 'interviews', 'phone screen', 'screen', 'screening', 'onsite', 'on-site', 'final round'],
  offer: ['offered', 'offer received', 'negotiating', 'negotiation'],
  accepted: ['hired', 'offer accepted', 'signed'],
  rejected: ['declined', 'not selected', 'rejection', 'no offer', 'turned down', 'unsuccessful'],
  withdrawn: ['withdrew', 'i withdrew', 'not interested', 'cancelled', 'canceled', 'offer declined'],
  ghosted: ['no response', 'no reply', 'no answer', 'ghost'],
};

const key = (word: string) => word.toLowerCase().replace(/[^a-z0-9]/g, '');

const BY_WORD = new Map<string, JobStatus>();
for (const status of JOB_STATUSES) {
  BY_WORD.set(key(status), status);
  for (const word of WORDS[status]) BY_WORD.set(key(word), status);
}

/** Our status for a word from another tracker, or undefined when the word is unknown. */
export function statusFromWord(word: string): JobStatus | undefined {
  return BY_WORD.get(key(word));
}
