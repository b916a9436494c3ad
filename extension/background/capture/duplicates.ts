import { z } from 'zod';
import { findPossibleDuplicate, mergeDuplicate } from '../../../shared/jobs/duplicates';
import type { Job } from '../../../shared/schema';
import type { JobCollection } from '../../db/database';
import { findJob, upsertJobWith } from '../../db/jobs';
import type { Reply } from '../messages/page-messages';
import { isExtensionPage, type MessageSender } from '../messages/sender';

function plainJob(data: Record<string, unknown>): Job {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...job } = data;
  return job as Job;
}

/**
 * Called once a capture or a manual track has created `job`: when another
 * record has the same company and title within 30 days (a reposted job under
 * a new URL is the usual cause), the new record is marked as its possible
 * duplicate, for the user to merge or keep on the dashboard. Nothing is
 * merged automatically: two real applications can share a title.
 */
export async function flagPossibleDuplicate(jobs: JobCollection, job: Job): Promise<string | undefined> {
  // Oldest first, so a third repost points at the first posting rather than at another duplicate.
  const others = (await jobs.find({ selector: {}, sort: [{ createdAt: 'asc' }] }).exec()).map((doc) =>
    plainJob(doc.toMutableJSON() as Record<string, unknown>),
  );
  const original = findPossibleDuplicate(job, others);
  if (!original) return undefined;
  await upsertJobWith(jobs, job.id, (current) => {
    if (!current) throw new Error(`job ${job.id} disappeared`);
    return { ...current, possibleDuplicateOf: original.id };
  });
  return original.id;
}

export const resolveDuplicateMessageSchema = z
  .object({
    type: z.literal('job:resolveDuplicate'),
    jobId: z.string().min(1).max(128),
    action: z.enum(['merge', 'keep']),
  })
  .strict();
export type ResolveDuplicateMessage = z.infer<typeof resolveDuplicateMessageSchema>;
export type ResolveDuplicateReply = Reply<{ jobId: string }>;

export interface DuplicateDeps {
  jobs: () => Promise<JobCollection>;
  runtimeId: string;
  extensionOrigin: string;
  now?: () => Date;
}

function failure(message: string): ResolveDuplicateReply {
  return { ok: false, error: { message } };
}

/**
 * The dashboard's answer to a duplicate notice. Keep both clears the flag;
 * merge folds the newer record into the one it duplicates and deletes the
 * newer one. The merged record is written before the delete, so an
 * interruption leaves both records and the flag, and the merge can be asked
 * for again; never a lost job.
 */
export async function handleResolveDuplicate(
  message: unknown,
  sender: MessageSender,
  deps: DuplicateDeps,
): Promise<ResolveDuplicateReply> {
  if (!isExtensionPage(sender, deps.runtimeId, deps.extensionOrigin)) return failure('Not allowed from here.');
  const parsed = resolveDuplicateMessageSchema.safeParse(message);
  if (!parsed.success) return failure('Invalid request.');
  const { jobId, action } = parsed.data;
  const now = (deps.now ?? (() => new Date()))();
  const jobs = await deps.jobs();

  const duplicate = await findJob(jobs, jobId);
  if (!duplicate?.possibleDuplicateOf) return failure('This application is no longer marked as a possible duplicate.');
  const original = await findJob(jobs, duplicate.possibleDuplicateOf);

  if (action === 'keep' || !original) {
    await upsertJobWith(jobs, jobId, (current) => {
      if (!current) throw new Error(`job ${jobId} disappeared`);
      const { possibleDuplicateOf: _flag, ...rest } = current;
      return { ...rest, updatedAt: now.toISOString() };
    });
    return action === 'keep' ? { ok: true, jobId } : failure('The other application no longer exists; both are kept.');
  }

  const merged = await upsertJobWith(jobs, original.id, (current) => mergeDuplicate(current ?? original, duplicate, now));
  await (await jobs.findOne(jobId).exec())?.remove();
  return { ok: true, jobId: merged.job.id };
}
