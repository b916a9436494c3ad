// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { createPageUi, HOST_TAG, type PageUi } from './page-ui';
import { createRecorder, type ContentMessage } from './recorder';

function toast() {
  const root = document.querySelector(HOST_TAG)!.shadowRoot!;
  const status = root.querySelector('[role="status"]') as HTMLElement;
  const undo = Array.from(root.querySelectorAll('button')).find((b) => b.textContent === 'Undo' && !b.hidden);
  return { text: status.hidden ? '' : (status.textContent ?? ''), undo };
}

const TOKEN = '7b0f8a8e-4a6f-4f8e-9d7c-1b2a3c4d5e6f';

describe('createRecorder', () => {
  let ui: PageUi;
  afterEach(() => ui.destroy());

  function setUp(replies: Partial<Record<ContentMessage['type'], unknown>>) {
    ui = createPageUi(window);
    const send = vi.fn(async (message: ContentMessage) => replies[message.type]);
    const onChange = vi.fn();
    return { send, onChange, recorder: createRecorder(ui, send, onChange) };
  }

  it('records, confirms with Undo, and undoes with the token it was given', async () => {
    const { send, onChange, recorder } = setUp({
      'job:captured': { ok: true, jobId: 'linkedin:4012345678', created: true, undoToken: TOKEN },
      'job:undo': { ok: true, undone: 'deleted' },
    });
    expect(await recorder.record(acmeCapture)).toBe('recorded');
    expect(send).toHaveBeenCalledWith({ type: 'job:captured', job: acmeCapture });
    expect(toast().text).toContain('Recorded in TrackRuit: Senior Frontend Engineer · Acme Robotics');
    expect(onChange).toHaveBeenCalledTimes(1);

    toast().undo!.click();
    await vi.waitFor(() => expect(toast().text).toContain('Removed from TrackRuit.'));
    expect(send).toHaveBeenLastCalledWith({ type: 'job:undo', jobId: 'linkedin:4012345678', token: TOKEN });
    expect(toast().undo).toBeUndefined();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('says so when the undo came too late', async () => {
    const { recorder } = setUp({
      'job:captured': { ok: true, jobId: 'linkedin:4012345678', created: false, undoToken: TOKEN },
      'job:undo': { ok: false, error: 'expired' },
    });
    await recorder.record(acmeCapture);
    expect(toast().text).toContain('Updated in TrackRuit: Senior Frontend Engineer');
    toast().undo!.click();
    await vi.waitFor(() => expect(toast().text).toContain('Too late to undo'));
  });

  it('reports a refused capture and offers no undo', async () => {
    const { recorder } = setUp({ 'job:captured': { ok: false, error: 'invalid capture' } });
    expect(await recorder.record(acmeCapture)).toBe('refused');
    expect(toast().text).toContain('TrackRuit could not record this job.');
    expect(toast().undo).toBeUndefined();
  });

  it('asks the background once per job whether it is recorded, and again after a record', async () => {
    const { send, recorder } = setUp({
      'job:lookup': { ok: true, recorded: false },
      'job:captured': { ok: true, jobId: 'linkedin:4012345678', created: true, undoToken: TOKEN },
    });
    expect(await recorder.isRecorded('linkedin', '4012345678')).toBe(false);
    expect(await recorder.isRecorded('linkedin', '4012345678')).toBe(false);
    expect(send.mock.calls.filter(([m]) => m.type === 'job:lookup')).toHaveLength(1);
    await recorder.record(acmeCapture);
    await recorder.isRecorded('linkedin', '4012345678');
    expect(send.mock.calls.filter(([m]) => m.type === 'job:lookup')).toHaveLength(2);
  });

  it('offers nothing while the background cannot be reached, and asks again later', async () => {
    ui = createPageUi(window);
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    const recorder = createRecorder(ui, send);
    expect(await recorder.isRecorded('linkedin', '4012345678')).toBe(true);
    await recorder.isRecorded('linkedin', '4012345678');
    expect(send).toHaveBeenCalledTimes(2);
    expect(await recorder.record(acmeCapture)).toBe('unreachable');
  });
});
