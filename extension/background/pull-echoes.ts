import { canonical } from '../../shared/sync/merge-job';
import { cyrb53 } from '../../shared/jobs/url-id';
import type { FetchLike } from './api';
import { bulkDocsRows } from './bulk-docs-rows';

/**
 * RxDB's upstream can push a document state that this device only pulled:
 * when two pulled versions of a document land in quick succession, the push
 * task of the first one runs after the assumed master moved to the second,
 * so the older pulled snapshot looks like a local edit and overwrites the
 * newer version on the server (found by tests/chaos). A genuine local edit
 * always stamps new field times, so it never equals a state the server sent;
 * a pushed document that does is such an echo and is not sent.
 *
 * This compares states, not clocks: a device whose clock runs behind still
 * pushes every edit it makes.
 */

/** Pulled states remembered per document: enough to cover versions pulled in quick succession. */
const STATES_PER_DOC = 8;
/** Bounds memory for very large databases; older entries are forgotten first. */
const MAX_DOCS = 50_000;

type CouchDoc = Record<string, unknown> & { _id?: unknown };

/** The state of a document as replication compares it: no revision, `_deleted` only when true. */
function stateKey(doc: CouchDoc): string {
  const { _rev: _r, _revisions: _v, _deleted: deleted, ...rest } = doc;
  // A plain string hash: this runs for every pulled and pushed document.
  return cyrb53(canonical(deleted === true ? { ...rest, _deleted: true } : rest)).toString(36);
}

export class PulledStates {
  private readonly states = new Map<string, string[]>();

  remember(doc: CouchDoc): void {
    if (typeof doc._id !== 'string') return;
    const key = stateKey(doc);
    const known = this.states.get(doc._id) ?? [];
    if (known.includes(key)) return;
    this.states.delete(doc._id);
    this.states.set(doc._id, [key, ...known].slice(0, STATES_PER_DOC));
    if (this.states.size > MAX_DOCS) this.states.delete(this.states.keys().next().value as string);
  }

  wasPulled(doc: CouchDoc): boolean {
    return typeof doc._id === 'string' && (this.states.get(doc._id)?.includes(stateKey(doc)) ?? false);
  }
}

function pathEnds(input: string, suffix: string): boolean {
  return new URL(input).pathname.endsWith(suffix);
}

/** A `_changes` or `_all_docs` answer, as far as sync reads it. */
export interface PulledBody {
  results?: { doc?: CouchDoc }[];
  rows?: { doc?: CouchDoc | null }[];
  last_seq?: unknown;
}

/** Told of every pull answer, parsed once here, so other wrappers need not parse it again. */
export type OnPulled = (url: URL, body: PulledBody) => void;

async function rememberPulled(url: URL, response: Response, pulled: PulledStates, onPulled: OnPulled | undefined): Promise<void> {
  if (!response.ok) return;
  const body = (await response.clone().json().catch(() => undefined)) as PulledBody | undefined;
  if (!body) return;
  for (const row of body.results ?? []) if (row.doc) pulled.remember(row.doc);
  for (const row of body.rows ?? []) if (row.doc) pulled.remember(row.doc);
  onPulled?.(url, body);
}

/**
 * Wraps the replication's fetch: remembers every document state the server
 * sends (`_changes`, `_all_docs`), and leaves out of each `_bulk_docs` push the
 * documents that are exactly such a state, answering for them as written.
 */
export function dropPullEchoes(fetchFn: FetchLike, pulled = new PulledStates(), onPulled?: OnPulled): FetchLike {
  return async (input, init) => {
    const isPush = init?.method === 'POST' && pathEnds(input, '/_bulk_docs') && typeof init.body === 'string';
    if (!isPush) {
      const response = await fetchFn(input, init);
      if (pathEnds(input, '/_changes') || pathEnds(input, '/_all_docs')) await rememberPulled(new URL(input), response, pulled, onPulled);
      return response;
    }
    const body = JSON.parse(init.body as string) as { docs: CouchDoc[] };
    const echoes = body.docs.filter((doc) => pulled.wasPulled(doc));
    if (echoes.length === 0) return fetchFn(input, init);
    const echoRows = echoes.map((doc) => ({ ok: true, id: doc._id, rev: doc._rev ?? 'pulled' }));
    const rest = body.docs.filter((doc) => !echoes.includes(doc));
    if (rest.length === 0) return bulkDocsRows(echoRows);
    const response = await fetchFn(input, { ...init, body: JSON.stringify({ ...body, docs: rest }) });
    if (!response.ok) return response;
    const rows = (await response.json()) as unknown[];
    return bulkDocsRows([...rows, ...echoRows]);
  };
}
