import { jobFromCapture, type CapturedJob } from '../../../shared/jobs/capture';
import { jobSchema, jobToCouchDoc, type Job, type JobCouchDoc } from '../../../shared/schema';
import { stampFieldTimes } from '../../../shared/sync/merge-job';

/**
 * The bench's job documents, built the way the extension builds them: a
 * capture through `jobFromCapture`, field times stamped and validated with
 * `jobSchema` as every local write is. Deterministic, and pure so the browser
 * bundle makes the same documents as Node. About 1.75 KB each as JSON, like
 * the documents measured in notes/sync.md.
 */

const SENTENCE = 'Build and run the services behind our hiring tools with a small team; ';
const DESCRIPTION = SENTENCE.repeat(9).trim();
const FIRST_DAY = Date.UTC(2026, 0, 5, 9, 0, 0);

export function benchCapture(tag: string, n: number): CapturedJob {
  const siteJobId = `${tag}${n}`;
  const internshala = n % 4 === 3;
  return {
    platform: internshala ? 'internshala' : 'linkedin',
    siteJobId,
    title: `Software Engineer ${n % 97}, Platform`,
    company: `Company ${n % 1_009}`,
    location: n % 2 ? 'Berlin, Germany' : 'Bengaluru, Karnataka, India',
    url: internshala ? `https://internshala.com/job/detail/${siteJobId}` : `https://www.linkedin.com/jobs/view/${siteJobId}/`,
    description: `${DESCRIPTION} (${n})`,
    salary: internshala ? '₹ 25,000 /month' : '€70,000 – €85,000',
    employmentType: 'Full-time',
  };
}

/** `count` new jobs with ids unique to `tag` (letters and digits only), one minute apart. */
export function benchJobs(count: number, tag: string): Job[] {
  return Array.from({ length: count }, (_, n) => {
    const job = jobFromCapture(benchCapture(tag, n), new Date(FIRST_DAY + n * 60_000));
    return jobSchema.parse(stampFieldTimes(undefined, job));
  });
}

/** The same jobs as CouchDB documents, for the clients that write them directly. */
export function benchCouchDocs(count: number, tag: string): JobCouchDoc[] {
  return benchJobs(count, tag).map(jobToCouchDoc);
}
