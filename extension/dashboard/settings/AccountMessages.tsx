/** The outcome of an account action: progress for screen readers as it happens, errors announced at once. */
export function AccountMessages({ status, error }: { status?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <p role="status" className="muted">
        {status}
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </>
  );
}
