import { describe, expect, it } from 'vitest';
import { checkSyncBody, MAX_BULK_DOCS } from '../../server/sync/bodies';
import { userDbName } from '../../server/sync/db-name';
import { decideSyncRequest, MAX_CHANGES_LIMIT, MAX_SINCE_LENGTH, type SyncDecision } from '../../server/sync/gate';

const own = userDbName('user-a');
const other = userDbName('user-b');

function decide(method: string, path: string, query: Record<string, unknown> = {}): SyncDecision {
  return decideSyncRequest({ method, path, query, dbName: own });
}

function expectAllowed(decision: SyncDecision, route: string) {
  expect(decision).toMatchObject({ allow: true, route });
}

function expectRefused(decision: SyncDecision, status: number, code?: string) {
  expect(decision.allow).toBe(false);
  if (!decision.allow) {
    expect(decision.status).toBe(status);
    if (code) expect(decision.code).toBe(code);
    expect(decision.reason.length).toBeGreaterThan(0);
  }
}

const validJob = {
  _id: 'linkedin:123',
  title: 'Engineer',
  company: 'Acme',
  platform: 'linkedin',
  url: 'https://www.linkedin.com/jobs/view/123/',
  status: 'applied',
  statusHistory: [{ status: 'applied', at: '2025-03-01T10:00:00.000Z' }],
  source: 'auto_detect',
  schemaVersion: 2,
  isActive: true,
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};

describe('userDbName', () => {
  it('is userdb- plus the hex of the UTF-8 id', () => {
    expect(userDbName('ab')).toBe('userdb-6162');
    expect(userDbName('é')).toBe('userdb-c3a9');
  });
});

describe('decideSyncRequest: allowed routes on the own database', () => {
  it('allows GET and HEAD of the database info, with or without trailing slash', () => {
    expectAllowed(decide('GET', `/${own}/`), 'info');
    expectAllowed(decide('GET', `/${own}`), 'info');
    expectAllowed(decide('HEAD', `/${own}/`), 'info');
  });

  it('allows the RxDB _changes request and keeps its parameters', () => {
    const decision = decide('GET', `/${own}/_changes`, {
      style: 'all_docs',
      feed: 'normal',
      include_docs: 'true',
      since: '0',
      heartbeat: '60000',
      limit: '100',
      seq_interval: '100',
    });
    expectAllowed(decision, 'changes');
    expect(decision.allow && decision.query).toEqual({
      style: 'all_docs',
      feed: 'normal',
      include_docs: 'true',
      since: '0',
      heartbeat: '60000',
      limit: '100',
      seq_interval: '100',
    });
  });

  it('allows longpoll _changes', () => {
    expectAllowed(decide('GET', `/${own}/_changes`, { feed: 'longpoll', since: '12', timeout: '30000' }), 'changes');
  });

  it('caps the _changes limit and adds one when absent', () => {
    const capped = decide('GET', `/${own}/_changes`, { limit: '999999' });
    expect(capped.allow && capped.query.limit).toBe(String(MAX_CHANGES_LIMIT));
    const defaulted = decide('GET', `/${own}/_changes`);
    expect(defaulted.allow && defaulted.query.limit).toBe(String(MAX_CHANGES_LIMIT));
  });

  it('raises a tiny heartbeat to one second', () => {
    const decision = decide('GET', `/${own}/_changes`, { feed: 'longpoll', heartbeat: '1' });
    expect(decision.allow && decision.query.heartbeat).toBe('1000');
  });

  it('allows POST _all_docs and GET _all_docs with keys and include_docs only', () => {
    expectAllowed(decide('POST', `/${own}/_all_docs`), 'all_docs');
    const get = decide('GET', `/${own}/_all_docs`, { include_docs: 'true', keys: '["a","b"]' });
    expectAllowed(get, 'all_docs');
    expect(get.allow && get.query).toMatchObject({ include_docs: 'true', keys: '["a","b"]' });
  });

  it('allows POST _bulk_docs, _revs_diff and _bulk_get', () => {
    expectAllowed(decide('POST', `/${own}/_bulk_docs`), 'bulk_docs');
    expectAllowed(decide('POST', `/${own}/_revs_diff`), 'revs_diff');
    expectAllowed(decide('POST', `/${own}/_bulk_get`, { revs: 'true', latest: 'true' }), 'bulk_get');
  });

  it('allows GET and PUT of _local checkpoints, decoding PouchDB-encoded ids', () => {
    const get = decide('GET', `/${own}/_local/abc.DEF_123`);
    expectAllowed(get, 'local_get');
    expect(get.allow && get.localId).toBe('abc.DEF_123');
    const put = decide('PUT', `/${own}/_local/8Vx1h2P.xyz_Q%3D%3D`);
    expectAllowed(put, 'local_put');
    expect(put.allow && put.localId).toBe('8Vx1h2P.xyz_Q==');
  });
});

describe('decideSyncRequest: refused routes', () => {
  it('refuses the server root and server-wide endpoints', () => {
    for (const path of ['/', '', '/_all_dbs', '/_config', '/_config/admins', '/_users', '/_session', '/_utils', '/_utils/',
      '/_replicate', '/_active_tasks', '/_uuids']) {
      const decision = decide('GET', path);
      expect(decision.allow, path).toBe(false);
    }
    expectRefused(decide('GET', '/_all_dbs'), 403, 'forbidden_route');
    expectRefused(decide('POST', '/_replicate'), 403, 'forbidden_route');
    expectRefused(decide('GET', '/'), 403, 'forbidden_route');
  });

  it("refuses another user's database on every route", () => {
    for (const [method, suffix] of [['GET', ''], ['GET', '_changes'], ['POST', '_bulk_docs'], ['POST', '_all_docs'],
      ['GET', '_local/x'], ['PUT', ''], ['DELETE', '']] as const) {
      expectRefused(decideSyncRequest({ method, path: `/${other}/${suffix}`, query: {}, dbName: own }), 403, 'forbidden_database');
    }
  });

  it('refuses database creation and deletion, own or not', () => {
    expectRefused(decide('PUT', `/${own}`), 403, 'forbidden_route');
    expectRefused(decide('PUT', `/${own}/`), 403, 'forbidden_route');
    expectRefused(decide('DELETE', `/${own}`), 403, 'forbidden_route');
    expectRefused(decide('PUT', '/brand-new-db'), 403, 'forbidden_database');
    expectRefused(decide('POST', `/${own}/`), 403, 'forbidden_route');
  });

  it('refuses design documents, views, temp views and maintenance endpoints', () => {
    for (const [method, suffix] of [
      ['PUT', '_design/x'],
      ['GET', '_design/x'],
      ['GET', '_design/x/_view/y'],
      ['GET', '_design/x/_info'],
      ['POST', '_temp_view'],
      ['POST', '_compact'],
      ['POST', '_view_cleanup'],
      ['GET', '_security'],
      ['PUT', '_security'],
      ['POST', '_find'],
      ['POST', '_index'],
      ['GET', '_index'],
      ['POST', '_ensure_full_commit'],
      ['POST', '_changes'],
      ['POST', '_purge'],
    ] as const) {
      expectRefused(decide(method, `/${own}/${suffix}`), 403, 'forbidden_route');
    }
  });

  it('refuses single documents and attachments', () => {
    expectRefused(decide('GET', `/${own}/linkedin:123`), 403, 'forbidden_route');
    expectRefused(decide('PUT', `/${own}/linkedin:123`), 403, 'forbidden_route');
    expectRefused(decide('DELETE', `/${own}/linkedin:123`), 403, 'forbidden_route');
    expectRefused(decide('GET', `/${own}/linkedin:123/cv.pdf`), 403, 'forbidden_route');
    expectRefused(decide('PUT', `/${own}/linkedin:123/cv.pdf`), 403, 'forbidden_route');
  });

  it('refuses wrong methods on allowed endpoints', () => {
    expectRefused(decide('PUT', `/${own}/_bulk_docs`), 403, 'forbidden_route');
    expectRefused(decide('GET', `/${own}/_bulk_docs`), 403, 'forbidden_route');
    expectRefused(decide('DELETE', `/${own}/_local/x`), 403, 'forbidden_route');
    expectRefused(decide('POST', `/${own}/_local/x`), 403, 'forbidden_route');
    expectRefused(decide('GET', `/${own}/_revs_diff`), 403, 'forbidden_route');
  });

  it('refuses anything below an endpoint', () => {
    expectRefused(decide('GET', `/${own}/_changes/x`), 403, 'forbidden_route');
    expectRefused(decide('GET', `/${own}/_local/a/b`), 403, 'forbidden_route');
    expectRefused(decide('GET', `/${own}/_local`), 403, 'forbidden_route');
  });
});

describe('decideSyncRequest: encoded and ambiguous paths', () => {
  it('refuses encoded slashes, including _design%2F, in any case', () => {
    expectRefused(decide('PUT', `/${own}/_design%2Fx`), 400, 'bad_path');
    expectRefused(decide('PUT', `/${own}/_design%2fx`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}%2F_changes`), 400, 'bad_path');
    expectRefused(decide('PUT', `/${own}/_local/a%2Fb`), 400, 'bad_path');
  });

  it('refuses percent-encoding outside a _local id, where it would route differently', () => {
    expectRefused(decide('PUT', `/${own}/%5Fdesign/x`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}/%5Fchanges`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own.slice(0, -1)}%${own.charCodeAt(own.length - 1).toString(16)}/`), 400, 'bad_path');
    expectRefused(decide('GET', '/%5Fall_dbs'), 400, 'bad_path');
  });

  it('refuses dot segments, empty segments, backslashes and bad encodings', () => {
    expectRefused(decide('GET', `/${own}/../${other}/`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}/./_changes`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}/_local/%2e%2e`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}//_changes`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}\\_changes`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}/_local/%E0%A4%A`), 400, 'bad_path');
    expectRefused(decide('GET', `/${own}/_local/a%00b`), 400, 'bad_path');
  });

  it('refuses _local ids outside the checkpoint alphabet', () => {
    expectRefused(decide('PUT', `/${own}/_local/has%20space`), 400, 'bad_path');
    expectRefused(decide('PUT', `/${own}/_local/${'a'.repeat(201)}`), 400, 'bad_path');
  });
});

describe('decideSyncRequest: query parameters', () => {
  it('refuses server-side filters and views on _changes', () => {
    for (const query of [{ filter: '_view', view: 'x/y' }, { filter: '_doc_ids' }, { filter: 'ddoc/f' }, { filter: '_selector' },
      { view: 'x/y' }, { selector: '{}' }, { doc_ids: '["a"]' }, { filter: ['_view'] }]) {
      expectRefused(decide('GET', `/${own}/_changes`, query), 403, 'forbidden_parameter');
    }
  });

  it('accepts Apache CouchDB sequences (hundreds of characters) up to MAX_SINCE_LENGTH, and nothing else', () => {
    const couchSeq = `274-g1AAAAJjeJzLYWBgYMlgTmGQTUlKzi9KdUhJMtRLytVNTtZNSU3LTUlOSy9KTU${'x_-'.repeat(80)}`;
    expect(couchSeq.length).toBeGreaterThan(200);
    for (const since of [couchSeq, `"${couchSeq}"`, 'now', '0', '1234', 'A'.repeat(MAX_SINCE_LENGTH)]) {
      const decision = decide('GET', `/${own}/_changes`, { since });
      expect(decision.allow && decision.query.since).toBe(since);
    }
    expectRefused(decide('GET', `/${own}/_changes`, { since: 'A'.repeat(MAX_SINCE_LENGTH + 1) }), 400, 'unsupported_parameter');
    for (const since of ['1 2', '[1,"x"]', '{}', 'a/b', '1\n']) {
      expectRefused(decide('GET', `/${own}/_changes`, { since }), 400, 'unsupported_parameter');
    }
  });

  it('refuses continuous and eventsource feeds', () => {
    expectRefused(decide('GET', `/${own}/_changes`, { feed: 'continuous' }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_changes`, { feed: 'eventsource' }), 400, 'unsupported_parameter');
  });

  it('refuses unknown, repeated and malformed parameters', () => {
    expectRefused(decide('GET', `/${own}/_changes`, { since: ['1', '2'] }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_changes`, { limit: '-1' }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_changes`, { include_docs: 'yes' }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_changes`, { __proto__x: '1' }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_all_docs`, { startkey: '"a"' }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_all_docs`, { keys: '{"a":1}' }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_all_docs`, { keys: JSON.stringify(Array.from({ length: 1001 }, (_, i) => `k${i}`)) }), 400, 'unsupported_parameter');
    expectRefused(decide('GET', `/${own}/_local/x`, { rev: '1-a' }), 400, 'unsupported_parameter');
    expectRefused(decide('PUT', `/${own}/_local/x`, { id: '_design/evil' }), 400, 'unsupported_parameter');
    expectRefused(decide('POST', `/${own}/_bulk_docs`, { new_edits: 'false' }), 400, 'unsupported_parameter');
  });
});

describe('checkSyncBody', () => {
  it('accepts valid job documents and tombstones in _bulk_docs', () => {
    expect(checkSyncBody('bulk_docs', { docs: [validJob] })).toBeNull();
    expect(checkSyncBody('bulk_docs', { new_edits: true, docs: [{ _id: 'linkedin:9', _rev: '2-abc', _deleted: true }] })).toBeNull();
  });

  it('refuses new_edits:false and any _revisions: a client may not choose which revision wins', () => {
    expect(checkSyncBody('bulk_docs', { new_edits: false, docs: [{ ...validJob, _rev: '9-abc' }] }))
      .toMatchObject({ status: 403, code: 'new_edits_not_allowed' });
    expect(checkSyncBody('bulk_docs', { new_edits: false, docs: [] })).toMatchObject({ status: 403, code: 'new_edits_not_allowed' });
    expect(checkSyncBody('bulk_docs', { docs: [validJob, { ...validJob, _id: 'other:1', _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b'] } }] }))
      .toMatchObject({ status: 403, code: 'revisions_not_allowed' });
    expect(checkSyncBody('bulk_docs', { docs: [{ _id: 'linkedin:9', _rev: '2-abc', _revisions: { start: 2, ids: ['abc', 'def'] }, _deleted: true }] }))
      .toMatchObject({ status: 403, code: 'revisions_not_allowed' });
  });

  it('refuses the same id twice in _bulk_docs, _all_docs and _bulk_get', () => {
    const twice = checkSyncBody('bulk_docs', { docs: [validJob, { ...validJob, _id: 'other:1' }, { ...validJob, title: 'again' }] });
    expect(twice).toMatchObject({ status: 400, code: 'duplicate_id' });
    expect(twice?.message).toContain(JSON.stringify(validJob._id));
    expect(checkSyncBody('all_docs', { keys: ['a', 'b', 'a'], include_docs: true })).toMatchObject({ status: 400, code: 'duplicate_id' });
    expect(checkSyncBody('bulk_get', { docs: [{ id: 'a', rev: '1-x' }, { id: 'a', rev: '2-y' }] })).toMatchObject({ status: 400, code: 'duplicate_id' });
    expect(checkSyncBody('bulk_get', { docs: [{ id: 'a' }, { id: 'b' }] })).toBeNull();
    expectRefused(decide('GET', `/${own}/_all_docs`, { keys: JSON.stringify(['a', 'a']) }), 400, 'duplicate_id');
    expect(decide('GET', `/${own}/_all_docs`, { keys: JSON.stringify(['a', 'b']) }).allow).toBe(true);
  });

  it('refuses the whole batch when one document is invalid, naming the field', () => {
    const { title: _title, ...noTitle } = validJob;
    const problem = checkSyncBody('bulk_docs', { docs: [validJob, { ...noTitle, _id: 'other:1' }, { ...validJob, _id: 'other:2', evil: 1 }] });
    expect(problem).toMatchObject({ status: 400, code: 'invalid_document' });
    expect(problem?.docs?.map((doc) => doc.id)).toEqual(['other:1', 'other:2']);
    expect(problem?.docs?.[0]?.issues.map((issue) => issue.path)).toContain('title');
    expect(JSON.stringify(problem?.docs?.[1]?.issues)).toContain('evil');
  });

  it('refuses reserved ids, design documents included', () => {
    for (const id of ['_design/x', '_local/x', '_anything']) {
      const problem = checkSyncBody('bulk_docs', { docs: [{ ...validJob, _id: id }] });
      expect(problem?.code).toBe('invalid_document');
      expect(problem?.docs?.[0]).toMatchObject({ id, issues: [{ path: '_id' }] });
    }
    const designDoc = { _id: '_design/x', views: { y: { map: 'function (doc) { emit(doc._id) }' } } };
    expect(checkSyncBody('bulk_docs', { docs: [designDoc] })?.code).toBe('invalid_document');
  });

  it('caps documents per request', () => {
    const docs = Array.from({ length: MAX_BULK_DOCS + 1 }, (_, i) => ({ ...validJob, _id: `manual:${i}` }));
    expect(checkSyncBody('bulk_docs', { docs })).toMatchObject({ status: 413, code: 'too_many_documents' });
    expect(checkSyncBody('bulk_docs', { docs: docs.slice(0, MAX_BULK_DOCS) })).toBeNull();
  });

  it('refuses malformed _bulk_docs bodies', () => {
    expect(checkSyncBody('bulk_docs', [validJob])?.code).toBe('invalid_body');
    expect(checkSyncBody('bulk_docs', { docs: validJob })?.code).toBe('invalid_body');
    expect(checkSyncBody('bulk_docs', { docs: [], all_or_nothing: true })?.code).toBe('invalid_body');
    expect(checkSyncBody('bulk_docs', { docs: [], new_edits: 'no' })?.code).toBe('invalid_body');
    expect(checkSyncBody('bulk_docs', { docs: [null] })?.code).toBe('invalid_document');
  });

  it('checks _all_docs, _revs_diff and _bulk_get bodies', () => {
    expect(checkSyncBody('all_docs', { keys: ['a'], include_docs: true, deleted: 'ok' })).toBeNull();
    expect(checkSyncBody('all_docs', { keys: ['a'], startkey: 'a' })?.code).toBe('invalid_body');
    expect(checkSyncBody('all_docs', { keys: [1] })?.code).toBe('invalid_body');
    expect(checkSyncBody('revs_diff', { a: ['1-x'] })).toBeNull();
    expect(checkSyncBody('revs_diff', { a: '1-x' })?.code).toBe('invalid_body');
    expect(checkSyncBody('bulk_get', { docs: [{ id: 'a', rev: '1-x' }] })).toBeNull();
    expect(checkSyncBody('bulk_get', { docs: [{ rev: '1-x' }] })?.code).toBe('invalid_body');
  });

  it('refuses a _local body whose _id names another document', () => {
    expect(checkSyncBody('local_put', { _id: '_local/cp', last_seq: 3 }, 'cp')).toBeNull();
    expect(checkSyncBody('local_put', { last_seq: 3 }, 'cp')).toBeNull();
    expect(checkSyncBody('local_put', { _id: '_design/evil', views: {} }, 'cp')?.code).toBe('invalid_body');
    expect(checkSyncBody('local_put', { _id: '_local/other' }, 'cp')?.code).toBe('invalid_body');
    expect(checkSyncBody('local_put', { _attachments: {} }, 'cp')?.code).toBe('invalid_body');
  });
});
