import { browser } from 'wxt/browser';
import type { CapturedJob } from '../../../shared/jobs/capture';
import type { TrackMessage, TrackReply } from '../../background/capture/track-message';

/** Sends the corrected job to the background, which validates and stores it. */
export async function sendTrack(job: CapturedJob): Promise<TrackReply> {
  const message: TrackMessage = { type: 'job:track', job };
  try {
    const reply = (await browser.runtime.sendMessage(message)) as TrackReply | undefined;
    return reply ?? { ok: false, error: { message: 'The extension did not answer. Try again.' } };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : 'The extension did not answer.' } };
  }
}
