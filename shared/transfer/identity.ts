import { jobIdFor } from '../jobs/capture';
import { shippedRules } from '../rules/shipped';
import type { Platform } from '../schema/job';
import { jobIdFrom } from '../sites/dom';
import { knownHostFor } from '../sites/generic';
import { internshalaDetailFromUrl } from '../sites/internshala';
import { linkedInJobIdFromUrl } from '../sites/linkedin';

export interface UrlIdentity {
  platform: Platform;
  siteJobId?: string;
  /** The document id a capture of the same posting gets, so an import never duplicates a capture. */
  id: string;
}

/**
 * Who a posting belongs to, from its URL alone, with the same rules the
 * content scripts use: a LinkedIn or Internshala job imported from another
 * tracker gets the id the extension gives it when it sees that job.
 */
export function identifyUrl(url: string): UrlIdentity {
  const parsed = new URL(url);
  let platform: Platform = 'other';
  let siteJobId: string | undefined;
  const linkedIn = linkedInJobIdFromUrl(parsed);
  const internshala = linkedIn ? undefined : internshalaDetailFromUrl(parsed);
  if (linkedIn) {
    platform = 'linkedin';
    siteJobId = linkedIn;
  } else if (internshala) {
    platform = 'internshala';
    siteJobId = internshala.id;
  } else {
    const known = knownHostFor(parsed, shippedRules.sites.generic);
    if (known) {
      platform = known.platform;
      siteJobId = jobIdFrom(parsed, null, known.jobIdSources, known.jobId);
    }
  }
  return { platform, ...(siteJobId ? { siteJobId } : {}), id: jobIdFor(platform, siteJobId, url) };
}
