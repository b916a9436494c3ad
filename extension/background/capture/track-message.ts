import { z } from 'zod';
import { capturedJobSchema } from '../../../shared/jobs/capture';
import type { Reply } from '../messages/page-messages';

/** "Track this page": the popup sends the job as the user corrected it. */
export const trackMessageSchema = z.object({ type: z.literal('job:track'), job: capturedJobSchema }).strict();
export type TrackMessage = z.infer<typeof trackMessageSchema>;
export type TrackReply = Reply<{ jobId: string; created: boolean; possibleDuplicateOf?: string }>;
