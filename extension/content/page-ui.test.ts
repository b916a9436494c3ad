// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageUi, HOST_TAG, TOAST_MS, type PageUi } from './page-ui';

function shadow(): ShadowRoot {
  const host = document.documentElement.querySelector(HOST_TAG);
  if (!host?.shadowRoot) throw new Error('no TrackRuit host with a shadow root');
  return host.shadowRoot;
}

describe('createPageUi', () => {
  let ui: PageUi | undefined;
  afterEach(() => {
    ui?.destroy();
    vi.useRealTimers();
  });

  it('adds nothing to the page until there is something to show', () => {
    ui = createPageUi(window);
    ui.offerRecord(undefined);
    ui.hideToast();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('shows a toast with an action inside a shadow root outside <body>, then hides it', async () => {
    vi.useFakeTimers();
    ui = createPageUi(window);
    const run = vi.fn();
    ui.showToast({ text: 'Recorded in TrackRuit: Senior Frontend Engineer', action: { label: 'Undo', run } });

    expect(document.body.querySelector(HOST_TAG)).toBeNull();
    const status = shadow().querySelector('[role="status"]') as HTMLElement;
    expect(status.hidden).toBe(false);
    expect(status.textContent).toContain('Recorded in TrackRuit: Senior Frontend Engineer');
    const undo = Array.from(shadow().querySelectorAll('button')).find((b) => b.textContent === 'Undo');
    undo!.click();
    expect(run).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(TOAST_MS + 1);
    expect(status.hidden).toBe(true);
  });

  it('keeps its styles in the shadow root and the page’s styles out', () => {
    const pageStyle = document.createElement('style');
    pageStyle.textContent = 'button { display: none } trackruit-controls { display: none }';
    document.head.append(pageStyle);
    ui = createPageUi(window);
    ui.offerRecord(() => {});
    const host = document.querySelector(HOST_TAG) as HTMLElement;
    expect(host.style.getPropertyPriority('all')).toBe('important');
    expect(document.head.textContent).not.toContain('.record');
    expect(shadow().querySelector('style')?.textContent).toContain(':host { all: initial; }');
    pageStyle.remove();
  });

  it('offers one-click recording and takes the offer back', () => {
    ui = createPageUi(window);
    const record = vi.fn();
    ui.offerRecord(record);
    const button = shadow().querySelector('button.record') as HTMLButtonElement;
    expect(button.hidden).toBe(false);
    expect(button.textContent).toBe('Record in TrackRuit');
    button.click();
    expect(record).toHaveBeenCalledTimes(1);
    ui.offerRecord(undefined);
    expect(button.hidden).toBe(true);
  });
});
