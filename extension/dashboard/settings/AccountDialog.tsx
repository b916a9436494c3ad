import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog (the native one: it keeps focus inside and closes on
 * Escape). Focus goes to the element marked autoFocus inside, and back to
 * what had it when the dialog closes.
 */
export function AccountDialog({ labelledBy, describedBy, onClose, children }: { labelledBy: string; describedBy?: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    element?.showModal();
    const marked = element?.querySelector<HTMLElement>('[data-autofocus]');
    (marked?.matches('input, button') ? marked : marked?.querySelector<HTMLElement>('input, button'))?.focus();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="account-dialog"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        // React, not the browser, decides when it closes, so the state stays true to what is shown.
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
