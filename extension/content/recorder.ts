import type { CapturedJob } from '../../shared/jobs/capture';
import type { Platform } from '../../shared/schema/job';
import type { CaptureWithUndoReply, LookupMessage, LookupReply, UndoMessage, UndoReply } from '../background/capture/content-protocol';
import type { PageUi } from './page-ui';

export type ContentMessage = { type: 'job:captured'; job: CapturedJob } | UndoMessage | LookupMessage;
export type Send = (message: ContentMessage) => Promise<unknown>;

const UNDO_RESULTS: Record<string, string> = {
  deleted: 'Removed from TrackRuit.',
  restored: 'Put back the earlier TrackRuit record.',
  expired: 'Too late to undo: remove it from the dashboard instead.',
  'changed since capture': 'Not undone: the record changed since. Edit it in the dashboard.',
};

/** `unreachable`: the background did not answer (extension reloading); the caller may try again later. */
export type RecordResult = 'recorded' | 'refused' | 'unreachable';

export interface Recorder {
  /** Stores the job and shows the confirmation with Undo. */
  record(job: CapturedJob): Promise<RecordResult>;
  /** Whether the background has this job; asked once per job until we record or undo it. */
  isRecorded(platform: Platform, siteJobId: string): Promise<boolean>;
}

/**
 * The content-script side of recording: one place that talks to the
 * background and tells the user what happened. `onChange` runs after a record
 * or an undo, so the page logic can refresh what it offers.
 */
export function createRecorder(ui: PageUi, send: Send, onChange: () => void = () => {}): Recorder {
  const known = new Map<string, Promise<boolean>>();
  const key = (platform: string, idOrUrl: string) => `${platform}:${idOrUrl}`;

  async function undo(jobId: string, token: string, job: CapturedJob) {
    const reply = (await send({ type: 'job:undo', jobId, token }).catch(() => undefined)) as UndoReply | undefined;
    const result = reply?.ok ? reply.undone : (reply?.error ?? 'unreachable');
    ui.showToast({ text: UNDO_RESULTS[result] ?? 'Could not undo. Try again from the dashboard.' });
    known.delete(key(job.platform, job.siteJobId ?? job.url));
    onChange();
  }

  return {
    async record(job) {
      const reply = (await send({ type: 'job:captured', job }).catch(() => undefined)) as CaptureWithUndoReply | undefined;
      known.delete(key(job.platform, job.siteJobId ?? job.url));
      if (!reply) return 'unreachable';
      if (!reply.ok) {
        ui.showToast({ text: 'TrackRuit could not record this job.' });
        return 'refused';
      }
      const text = `${reply.created ? 'Recorded' : 'Updated'} in TrackRuit: ${job.title}${job.company ? ` · ${job.company}` : ''}`;
      const token = reply.undoToken;
      ui.showToast(token ? { text, action: { label: 'Undo', run: () => undo(reply.jobId, token, job) } } : { text });
      onChange();
      return 'recorded';
    },
    isRecorded(platform, siteJobId) {
      const k = key(platform, siteJobId);
      let answer = known.get(k);
      if (!answer) {
        answer = send({ type: 'job:lookup', platform, siteJobId }).then(
          (reply) => (reply as LookupReply | undefined)?.ok === true && (reply as { recorded: boolean }).recorded,
          () => {
            // Background unreachable: offer nothing now, ask again on the next check.
            known.delete(k);
            return true;
          },
        );
        known.set(k, answer);
      }
      return answer;
    },
  };
}
