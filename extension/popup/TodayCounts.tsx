import { useAppliedCounts } from './use-applied-counts';

export function TodayCounts() {
  const counts = useAppliedCounts();
  return (
    <section aria-labelledby="counts-heading" className="card">
      <h2 id="counts-heading">Applications sent</h2>
      <dl className="counts" aria-busy={counts === undefined}>
        <div>
          <dt>Today</dt>
          <dd data-testid="count-today">{counts?.today ?? '…'}</dd>
        </div>
        <div>
          <dt>This week</dt>
          <dd data-testid="count-week">{counts?.week ?? '…'}</dd>
        </div>
      </dl>
    </section>
  );
}
