import { z } from 'zod';
import { jobIdFor } from '../../../shared/jobs/capture';
import { platformSchema } from '../../../shared/schema/job';
import type { JobCollection } from '../../db/database';
import type { LookupReply } from './content-protocol';
import type { MessageSender } from '../messages/sender';

export const lookupMessageSchema = z
  .object({
    type: z.literal('job:lookup'),
    platform: platformSchema,
    siteJobId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();

export interface LookupDeps {
  jobs: () => Promise<JobCollection>;
  runtimeId: string;
}

/**
 * Whether a site's job is already recorded, so the page shows "Record in
 * TrackRuit" only when a click would add something. Answers a yes/no about one
 * id and nothing else: the page learns no other detail of the user's records.
 */
export async function handleLookup(message: unknown, sender: MessageSender, deps: LookupDeps): Promise<LookupReply> {
  if (sender.id !== deps.runtimeId) return { ok: false, error: 'unknown sender' };
  const parsed = lookupMessageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'invalid lookup' };
  const jobs = await deps.jobs();
  const doc = await jobs.findOne(jobIdFor(parsed.data.platform, parsed.data.siteJobId)).exec();
  return { ok: true, recorded: doc !== null };
}
