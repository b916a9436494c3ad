import { canonical } from '../../shared/sync/merge-job';
import { cyrb53 } from '../../shared/jobs/url-id';

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

/* The replication's handlers (./couch/) remember what they pull and skip what was pulled. */

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
