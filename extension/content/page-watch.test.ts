// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECK_DELAY_MS, FIRST_CHECK_DELAY_MS, watchPage, type PageWatch } from './page-watch';

function setUrl(path: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://www.linkedin.com${path}`);
}

const isJobs = (url: URL) => url.pathname.startsWith('/jobs');

describe('watchPage', () => {
  let watch: PageWatch | undefined;
  let navigation: EventTarget;

  beforeEach(() => {
    vi.useFakeTimers();
    navigation = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    document.body.innerHTML = '<main><div id="pane"></div><ul id="list"></ul></main><div id="outlet"></div>';
  });
  afterEach(() => {
    watch?.stop();
    vi.useRealTimers();
  });

  it('starts no observer and runs no check off job pages', async () => {
    setUrl('/feed/');
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const check = vi.fn();
    const targets = vi.fn(() => [document.getElementById('pane')!]);
    watch = watchPage(window, { isWatchedUrl: isJobs, targets, check });
    document.getElementById('pane')!.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(observe).not.toHaveBeenCalled();
    expect(targets).not.toHaveBeenCalled();
    expect(check).not.toHaveBeenCalled();
    observe.mockRestore();
  });

  it('coalesces a burst of mutations in the scoped elements into one check and ignores the rest of the page', async () => {
    setUrl('/jobs/view/4012345678/');
    const check = vi.fn();
    watch = watchPage(window, { isWatchedUrl: isJobs, targets: () => [document.getElementById('outlet')!], check });
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(1);

    for (let i = 0; i < 100; i += 1) document.getElementById('list')!.append(document.createElement('li'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(1);

    for (let i = 0; i < 100; i += 1) document.getElementById('outlet')!.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('checks the first change after a quiet spell within a frame, and keeps later checks an interval apart', async () => {
    setUrl('/jobs/view/4012345678/');
    const check = vi.fn();
    watch = watchPage(window, { isWatchedUrl: isJobs, targets: () => [document.getElementById('outlet')!], check });
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(1);

    // A confirmation appearing on a quiet page is seen after one frame, not a whole interval.
    document.getElementById('outlet')!.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(check).toHaveBeenCalledTimes(2);

    // Churn right after that check waits for the interval to end.
    document.getElementById('outlet')!.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(check).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS - FIRST_CHECK_DELAY_MS);
    expect(check).toHaveBeenCalledTimes(3);
  });

  it('re-scopes and checks after an in-page navigation onto a job page', async () => {
    setUrl('/feed/');
    const check = vi.fn();
    const onNavigate = vi.fn();
    const targets = vi.fn(() => [document.getElementById('pane')!]);
    watch = watchPage(window, { isWatchedUrl: isJobs, targets, check, onNavigate });
    await vi.advanceTimersByTimeAsync(500);

    window.history.pushState({}, '', '/jobs/search/?currentJobId=4000000002');
    navigation.dispatchEvent(new Event('navigatesuccess'));
    await vi.advanceTimersByTimeAsync(500);
    expect(onNavigate).toHaveBeenCalledWith(new URL('https://www.linkedin.com/jobs/search/?currentJobId=4000000002'));
    expect(targets).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledTimes(1);

    document.getElementById('pane')!.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('reacts to popstate (back and forward) where there is no Navigation API', async () => {
    Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });
    setUrl('/jobs/view/4000000001/');
    const check = vi.fn();
    watch = watchPage(window, { isWatchedUrl: isJobs, targets: () => [document.getElementById('pane')!], check });
    await vi.advanceTimersByTimeAsync(500);
    window.history.pushState({}, '', '/jobs/view/4000000002/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenLastCalledWith(new URL('https://www.linkedin.com/jobs/view/4000000002/'));
  });

  it('watches <body> until the containers render, then narrows to them', async () => {
    setUrl('/jobs/view/4012345678/');
    document.body.innerHTML = '<main></main>';
    const check = vi.fn();
    watch = watchPage(window, {
      isWatchedUrl: isJobs,
      targets: (doc) => Array.from(doc.querySelectorAll('#outlet')),
      check,
    });
    await vi.advanceTimersByTimeAsync(500);
    const outlet = document.createElement('div');
    outlet.id = 'outlet';
    document.body.append(outlet);
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(2);

    document.querySelector('main')!.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(2);
    outlet.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(3);
  });

  it('sees attribute changes only when the site asks for them', async () => {
    setUrl('/jobs/view/4012345678/');
    const check = vi.fn();
    const outlet = document.getElementById('outlet')!;
    watch = watchPage(window, { isWatchedUrl: isJobs, targets: () => [outlet], check, attributeFilter: ['style'] });
    await vi.advanceTimersByTimeAsync(500);
    outlet.setAttribute('data-x', '1');
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(1);
    outlet.setAttribute('style', 'display: block');
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('stops observing and listening when stopped', async () => {
    setUrl('/jobs/view/4012345678/');
    const check = vi.fn();
    watch = watchPage(window, { isWatchedUrl: isJobs, targets: () => [document.getElementById('outlet')!], check });
    await vi.advanceTimersByTimeAsync(500);
    watch.stop();
    document.getElementById('outlet')!.append(document.createElement('div'));
    navigation.dispatchEvent(new Event('navigatesuccess'));
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(1);
  });
});
