import { hostMatches } from '../dom';
import { ATS_RULES, type AtsId, type AtsRules } from './rules';

/** The job an application page belongs to, from its URL alone. */
export interface AtsJobPage {
  ats: AtsRules;
  /** The posting's own URL (the form, confirmation and query cut off), so it matches the job tracked from its page. */
  jobUrl: string;
  siteJobId?: string;
  /** The employer's slug in the URL (board, company, organisation or Workday tenant). */
  employerSlug?: string;
  /** The path segments after the job's own. */
  rest: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SITE_JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function atsFor(url: URL, rules: readonly AtsRules[] = ATS_RULES): AtsRules | undefined {
  if (url.protocol !== 'https:') return undefined;
  return rules.find((ats) => hostMatches(url.hostname, ats.hosts, ats.subdomains));
}

/** Where in the path the job sits: the index of its last segment, or -1. */
function jobEnd(id: AtsId, segments: string[]): number {
  switch (id) {
    case 'greenhouse': {
      // /<board>/jobs/<digits>
      const at = segments.indexOf('jobs');
      return at > 0 && /^\d{4,20}$/.test(segments[at + 1] ?? '') ? at + 1 : -1;
    }
    case 'lever':
    case 'ashby':
      // /<company>/<posting uuid>
      return segments.length >= 2 && UUID.test(segments[1] ?? '') ? 1 : -1;
    case 'workday': {
      // /<locale?>/<site>/job/<location>/<title>_<requisition id>
      const at = segments.indexOf('job');
      return at >= 0 && (segments[at + 2] ?? '').includes('_') ? at + 2 : -1;
    }
  }
}

function siteJobIdOf(id: AtsId, last: string): string | undefined {
  const candidate = id === 'workday' ? last.slice(last.lastIndexOf('_') + 1) : last;
  return SITE_JOB_ID.test(candidate) ? candidate : undefined;
}

/** The job page (or its form or confirmation) this URL shows on one of the ATS hosts, or null. */
export function atsJobPage(url: URL, rules: readonly AtsRules[] = ATS_RULES): AtsJobPage | null {
  const ats = atsFor(url, rules);
  if (!ats || url.pathname.length > 2_048) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  const end = jobEnd(ats.id, segments);
  if (end < 0) return null;
  const own = segments.slice(0, end + 1);
  const employerSlug = ats.id === 'workday' ? url.hostname.split('.')[0] : own[0];
  const siteJobId = siteJobIdOf(ats.id, own[end] ?? '');
  return {
    ats,
    jobUrl: `${url.origin}/${own.join('/')}`,
    ...(siteJobId ? { siteJobId } : {}),
    ...(employerSlug ? { employerSlug } : {}),
    rest: segments.slice(end + 1),
  };
}
