/**
 * What signing in does when this device holds another account's data (the
 * background's 'local-data-other-account' answer): remove it and go on, or
 * leave it and stop. The three ways of signing in ask the same question.
 */
export function OtherAccountData({ action, busy, onWipe, onCancel }: { action: string; busy: boolean; onWipe: () => void; onCancel?: () => void }) {
  return (
    <div className="row" role="group" aria-label="Data of another account">
      <button type="button" className="danger" disabled={busy} onClick={onWipe}>
        Remove them and {action}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
