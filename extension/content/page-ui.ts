/**
 * TrackRuit's in-page controls: one host element with a shadow root, so the
 * site's CSS cannot restyle them and theirs cannot leak into the site. The
 * root is open so tests and assistive tools can reach it; a closed root would
 * not stop a page that wants to detect the extension (the host is visible
 * either way). The host hangs off <html>, outside <body>, so the site's own
 * re-renders never remove it and the page observer (scoped inside <body>)
 * never sees our own changes.
 */

export const HOST_TAG = 'trackruit-controls';
/** The toast stays this long; the undo itself stays valid for a minute in the background. */
export const TOAST_MS = 12_000;

const STYLES = `
:host { all: initial; }
[hidden] { display: none !important; }
.stack { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: flex; flex-direction: column;
  gap: 8px; align-items: flex-end; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.card { display: flex; gap: 12px; align-items: center; max-width: 360px; padding: 10px 12px; border-radius: 8px;
  background: #1f2937; color: #f9fafb; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.card[hidden] { display: none; }
.text { flex: 1; overflow-wrap: anywhere; }
button { all: unset; cursor: pointer; padding: 4px 10px; border-radius: 6px; font-weight: 600; white-space: nowrap; }
button:focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; }
.action { color: #93c5fd; }
.action:hover { background: rgba(147,197,253,.15); }
.close { color: #9ca3af; padding: 4px 6px; }
.record { background: #2563eb; color: #fff; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.record:hover { background: #1d4ed8; }
`;

export interface ToastOptions {
  text: string;
  action?: { label: string; run: () => void | Promise<void> };
}

export interface PageUi {
  showToast(options: ToastOptions): void;
  hideToast(): void;
  /** Offers "Record in TrackRuit" for the job on screen; `undefined` takes the offer away. */
  offerRecord(onRecord: (() => void) | undefined): void;
  destroy(): void;
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text = '') {
  const node = doc.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/** Created on first use, so pages where nothing is detected get no extra element. */
export function createPageUi(win: Window): PageUi {
  const doc = win.document;
  let parts: { host: HTMLElement; toast: HTMLElement; text: HTMLElement; action: HTMLButtonElement; record: HTMLButtonElement } | undefined;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let recordHandler: (() => void) | undefined;

  function mount() {
    if (parts?.host.isConnected) return parts;
    const host = doc.createElement(HOST_TAG);
    // Inline !important outranks any page rule that targets the host itself.
    host.style.setProperty('all', 'initial', 'important');
    const root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = STYLES;
    const stack = element(doc, 'div', 'stack');
    const record = element(doc, 'button', 'record', 'Record in TrackRuit');
    record.type = 'button';
    record.hidden = true;
    record.addEventListener('click', () => recordHandler?.());
    const toast = element(doc, 'div', 'card');
    toast.setAttribute('role', 'status');
    toast.hidden = true;
    const text = element(doc, 'span', 'text');
    const action = element(doc, 'button', 'action');
    action.type = 'button';
    const close = element(doc, 'button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Dismiss');
    close.addEventListener('click', () => hideToast());
    toast.append(text, action, close);
    stack.append(record, toast);
    root.append(style, stack);
    doc.documentElement.append(host);
    parts = { host, toast, text, action, record };
    return parts;
  }

  function hideToast() {
    if (toastTimer !== undefined) clearTimeout(toastTimer);
    toastTimer = undefined;
    if (parts) parts.toast.hidden = true;
  }

  function showToast({ text, action }: ToastOptions) {
    const ui = mount();
    ui.text.textContent = text;
    ui.action.hidden = !action;
    ui.action.textContent = action?.label ?? '';
    ui.action.onclick = action
      ? () => {
          ui.action.disabled = true;
          void Promise.resolve(action.run()).finally(() => {
            ui.action.disabled = false;
          });
        }
      : null;
    ui.toast.hidden = false;
    if (toastTimer !== undefined) clearTimeout(toastTimer);
    toastTimer = setTimeout(hideToast, TOAST_MS);
  }

  function offerRecord(onRecord: (() => void) | undefined) {
    recordHandler = onRecord;
    if (!onRecord && !parts) return;
    const ui = mount();
    ui.record.hidden = !onRecord;
  }

  return {
    showToast,
    hideToast,
    offerRecord,
    destroy() {
      hideToast();
      parts?.host.remove();
      parts = undefined;
    },
  };
}
