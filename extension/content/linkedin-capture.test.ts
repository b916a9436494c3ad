// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureMessage } from '../../shared/jobs/capture';
import { startLinkedInCapture } from './linkedin-capture';

const html = readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/linkedin/job-view-easy-apply.html'), 'utf8');
const confirmation = `<div role="dialog" aria-labelledby="post-apply-modal" class="artdeco-modal">
  <h2 id="post-apply-modal">Application sent</h2><p>Your application was sent to Acme Robotics!</p></div>`;

function loadPage(path: string) {
  // happy-dom's window can move to another origin; a real page would be a new load.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://www.linkedin.com${path}`);
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML.replace(/<script[\s\S]*?<\/script>/g, '');
}

async function settle() {
  await vi.advanceTimersByTimeAsync(500);
}

describe('startLinkedInCapture', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  function start(send: (message: CaptureMessage) => Promise<unknown>) {
    vi.useFakeTimers();
    stop = startLinkedInCapture(window, { send, onInvalidated: () => {} });
  }

  it('reports the job once when the confirmation appears, even if it re-renders', async () => {
    loadPage('/jobs/view/4012345678/');
    const send = vi.fn(async (_message: CaptureMessage) => ({ ok: true }));
    start(send);
    await settle();
    expect(send).not.toHaveBeenCalled();

    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();

    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      type: 'job:captured',
      job: { siteJobId: '4012345678', title: 'Senior Frontend Engineer', company: 'Acme Robotics' },
    });
  });

  it('follows in-page navigation onto a job page', async () => {
    loadPage('/feed/');
    const send = vi.fn(async (_message: CaptureMessage) => ({ ok: true }));
    start(send);
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(send).not.toHaveBeenCalled();

    window.history.pushState({}, '', '/jobs/view/4012345678/');
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation + ' ';
    await settle();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('tries again on the next render when the background could not be reached', async () => {
    loadPage('/jobs/view/4012345678/');
    const send = vi.fn(async (_message: CaptureMessage) => ({ ok: true }));
    send.mockRejectedValueOnce(new Error('Receiving end does not exist'));
    start(send);
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('stops observing when invalidated', async () => {
    loadPage('/jobs/view/4012345678/');
    const send = vi.fn(async (_message: CaptureMessage) => ({ ok: true }));
    start(send);
    stop?.();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(send).not.toHaveBeenCalled();
  });
});
