import { useState } from 'react';
import type { ServicesState } from '../../shared/admin/console-api';
import { hasPermission } from '../../shared/admin/permissions';
import { useSession } from '../session';
import { ErrorMessage, PageHeading, Status, useLoad } from '../ui';

/** What the server runs on and with (GET /api/admin/services): ML engine, mail, Redis, storage. */
export function ServicesPage() {
  const { call, session } = useSession();
  const [loaded, reload] = useLoad(() => call<ServicesState>('GET', '/api/admin/services'), 'services');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mayManageMl = hasPermission(session.admin, 'ml:manage');

  function clearMlCache() {
    setStatus(null);
    setError(null);
    call<{ removed: number }>('POST', '/api/admin/ml/cache/clear').then(
      ({ removed }) => setStatus(`ML cache cleared: ${removed} stored ${removed === 1 ? 'answer' : 'answers'} removed.`),
      (caught: unknown) => setError(caught),
    );
  }

  function resetBreaker() {
    setStatus(null);
    setError(null);
    call<{ breaker: string; was: string }>('POST', '/api/admin/ml/breaker/reset').then(
      ({ was }) => {
        setStatus(`The external ML service's breaker is closed again (it was ${was}).`);
        reload();
      },
      (caught: unknown) => setError(caught),
    );
  }

  const external = loaded.state === 'ready' && loaded.value.ml.engine === 'external';
  return (
    <section className="console-page">
      <PageHeading>Services</PageHeading>
      <div className="row">
        <button type="button" onClick={reload}>
          Refresh
        </button>
        {mayManageMl && (
          <button type="button" onClick={clearMlCache}>
            Clear the ML cache
          </button>
        )}
        {mayManageMl && external && (
          <button type="button" onClick={resetBreaker}>
            Close the ML breaker now
          </button>
        )}
      </div>
      {status && <Status>{status}</Status>}
      <ErrorMessage error={error} />
      {loaded.state === 'loading' && <p role="status">Loading…</p>}
      {loaded.state === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.state === 'ready' && <Services state={loaded.value} />}
    </section>
  );
}

function Services({ state }: { state: ServicesState }) {
  const { ml, mail, redis, storage } = state;
  return (
    <div className="console-columns">
      <Card title="ML engine" facts={[
        ['Engine', ml.engine === 'external' ? 'external service' : 'built-in'],
        ['Semantic matching', ml.semantic ? 'on' : 'off'],
        ['Circuit breaker', ml.breaker === null ? 'not used (no external service)' : ml.breaker === 'closed' ? 'closed (the service answers)' : ml.breaker === 'open' ? 'open (the built-in engine answers)' : 'half-open (trying the service again)'],
      ]} />
      <Card title="Mail" facts={[
        ['Delivery', mail.configured ? 'SMTP server' : 'outbox folder (no SMTP_URL)'],
        ['Sent', String(mail.sent)],
        ['Failed', String(mail.failed)],
        ...(mail.lastError ? [['Last error', mail.lastError] as [string, string]] : []),
      ]} />
      <Card title="Redis" facts={[
        ['Configured', redis.configured ? 'yes' : 'no (in memory)'],
        ...(redis.configured ? [['Connected', redis.connected ? 'yes' : 'no'] as [string, string]] : []),
      ]} />
      <Card title="Storage" facts={[
        ['Mode', storage.mode === 'couchdb' ? 'CouchDB' : 'embedded (PouchDB)'],
        ['Users', String(storage.users)],
        ['Databases', String(storage.databases)],
      ]} />
    </div>
  );
}

function Card({ title, facts }: { title: string; facts: [string, string][] }) {
  const id = `service-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="console-card">
      <h2 id={id}>{title}</h2>
      <dl className="console-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="console-fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
