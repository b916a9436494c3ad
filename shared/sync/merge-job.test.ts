import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_DOC_VERSION, jobSchema, type Job } from '../schema/job';
import { canonical, mergeJobStates, sameValue, stampFieldTimes, type JobState } from './merge-job';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const at = (second: number) => new Date(T0 + second * 1000).toISOString();

const initial: Job = stampFieldTimes(undefined, {
  id: 'linkedin:4012345678',
  title: 'Senior Frontend Engineer',
  company: 'Acme Robotics',
  platform: 'linkedin',
  siteJobId: '4012345678',
  url: 'https://www.linkedin.com/jobs/view/4012345678/',
  appliedAt: at(0),
  status: 'applied',
  statusHistory: [{ status: 'applied', at: at(0) }],
  source: 'auto_detect',
  location: 'Berlin, Germany',
  schemaVersion: JOB_DOC_VERSION,
  isActive: true,
  createdAt: at(0),
  updatedAt: at(0),
});

function edit(job: JobState, second: number, patch: Partial<Job>): JobState {
  const next: Job = { ...job, ...patch, updatedAt: at(second) };
  if (patch.status) next.statusHistory = [...job.statusHistory, { status: patch.status, at: at(second) }];
  return { ...stampFieldTimes(job, next), ...(job._deleted ? { _deleted: true } : {}) };
}

describe('sameValue', () => {
  // Values as documents hold them, plus what canonical() treats specially: undefined, NaN, -0.
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.constantFrom(undefined, null, true, false, 0, -0, 1, Number.NaN, '', 'a', '1'), fc.integer({ min: -3, max: 3 }), fc.string({ maxLength: 3 })),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 })),
  })).node;

  it('agrees with comparing canonical strings, on random and on nearly equal values', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameValue(a, b)).toBe(canonical(a) === canonical(b));
        const copy = JSON.parse(JSON.stringify({ v: a }) ?? '{}') as { v?: unknown };
        expect(sameValue(a, copy.v)).toBe(canonical(a) === canonical(copy.v));
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores key order and keys whose value is undefined', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameValue({ a: null }, {})).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe('mergeJobStates', () => {
  it('keeps both sides when they edited different fields', () => {
    const local = edit(initial, 10, { location: 'Remote' });
    const remote = edit(initial, 5, { salary: '€90k' });
    const merged = mergeJobStates(initial, local, remote);
    expect(merged).toMatchObject({ location: 'Remote', salary: '€90k', updatedAt: at(10) });
    expect(jobSchema.safeParse(merged).success).toBe(true);
  });

  it('takes the later edit of the same field, even when the other side changed something later', () => {
    // The local side's document is newer overall, but its title edit is older than the remote's.
    const local = edit(edit(initial, 10, { title: 'Staff Engineer' }), 30, { location: 'Remote' });
    const remote = edit(initial, 20, { title: 'Principal Engineer' });
    expect(mergeJobStates(initial, local, remote)).toMatchObject({ title: 'Principal Engineer', location: 'Remote' });
  });

  it('keeps every status change from both sides, in time order', () => {
    const local = edit(initial, 10, { status: 'interview' });
    const remote = edit(initial, 20, { status: 'rejected' });
    const merged = mergeJobStates(initial, local, remote);
    expect(merged.status).toBe('rejected');
    expect(merged.statusHistory.map((change) => change.status)).toEqual(['applied', 'interview', 'rejected']);
  });

  it('keeps an entry removed on one side removed (an undone status change)', () => {
    const withInterview = edit(initial, 10, { status: 'interview' });
    const undone = edit(withInterview, 20, { status: 'applied', statusHistory: initial.statusHistory });
    undone.statusHistory = initial.statusHistory;
    const otherEdit = edit(withInterview, 15, { location: 'Munich' });
    const merged = mergeJobStates(withInterview, undone, otherEdit);
    expect(merged.statusHistory).toEqual(initial.statusHistory);
    expect(merged).toMatchObject({ status: 'applied', location: 'Munich' });
  });

  it('counts an edit back to the old value as an edit', () => {
    const local = edit(edit(initial, 10, { location: 'Paris' }), 30, { location: 'Berlin, Germany' });
    const remote = edit(initial, 20, { location: 'Lisbon' });
    expect(mergeJobStates(initial, local, remote).location).toBe('Berlin, Germany');
  });

  it('lets a deletion win only over older edits', () => {
    const deleted = { ...edit(initial, 20, {}), _deleted: true };
    expect(mergeJobStates(initial, deleted, edit(initial, 10, { salary: '€1' }))._deleted).toBe(true);
    const revived = mergeJobStates(initial, deleted, edit(initial, 30, { salary: '€2' }));
    expect(revived._deleted).toBe(false);
    expect(revived.salary).toBe('€2');
  });

  it('merges notes, contacts, interviews and tags as sets', () => {
    const withNote = edit(initial, 5, { notes: [{ id: 'n1', text: 'Recruiter called', at: at(5) }], tags: ['remote'] });
    const local = edit(withNote, 10, {
      notes: [{ id: 'n1', text: 'Recruiter called on Monday', at: at(10) }],
      contacts: [{ id: 'c1', name: 'Dana Smith', role: 'Recruiter', email: 'dana@acme.example' }],
      tags: ['remote', 'dream job'],
    });
    const remote = edit(withNote, 20, {
      notes: [
        { id: 'n1', text: 'Recruiter called', at: at(5) },
        { id: 'n2', text: 'Send portfolio', at: at(20) },
      ],
      interviews: [{ id: 'i1', at: at(100), label: 'Technical' }],
      tags: [],
    });
    const merged = mergeJobStates(withNote, local, remote);
    // Local edited n1 (a new version replaces the old); remote added n2: both kept.
    expect(merged.notes?.map((note) => note.text)).toEqual(['Recruiter called on Monday', 'Send portfolio']);
    expect(merged.contacts).toEqual(local.contacts);
    expect(merged.interviews).toEqual(remote.interviews);
    // Remote removed "remote"; local added "dream job".
    expect(merged.tags).toEqual(['dream job']);
    expect(mergeJobStates(withNote, remote, local)).toEqual(merged);
    expect(jobSchema.safeParse(merged).success).toBe(true);
  });

  it('keeps both versions of a note edited on two devices at once', () => {
    const withNote = edit(initial, 5, { notes: [{ id: 'n1', text: 'Call back', at: at(5) }] });
    const local = edit(withNote, 10, { notes: [{ id: 'n1', text: 'Call back Tuesday', at: at(10) }] });
    const remote = edit(withNote, 11, { notes: [{ id: 'n1', text: 'Call back at 3pm', at: at(11) }] });
    expect(mergeJobStates(withNote, local, remote).notes?.map((note) => note.text)).toEqual(['Call back Tuesday', 'Call back at 3pm']);
  });

  it('merges two devices that created the same job offline (no ancestor)', () => {
    const a = edit(initial, 10, { location: 'Remote' });
    const b = stampFieldTimes(undefined, { ...initial, salary: '€90k', createdAt: at(5), updatedAt: at(5) });
    const merged = mergeJobStates(undefined, a, b);
    expect(merged).toMatchObject({ location: 'Remote', createdAt: at(0) });
    expect(mergeJobStates(undefined, b, a)).toEqual(merged);
  });
});

// ---- Properties -----------------------------------------------------------

const FIELDS = ['title', 'company', 'location', 'salary', 'status'] as const;
type Field = (typeof FIELDS)[number];
const STATUSES = ['applied', 'interview', 'offer', 'rejected'] as const;

const valueFor = (field: Field, n: number): string =>
  field === 'status' ? STATUSES[n % STATUSES.length]! : `${field}-${n}`;

type Op =
  | { kind: 'edit'; client: number; field: Field; n: number }
  | { kind: 'note'; client: number }
  | { kind: 'online'; client: number; online: boolean }
  | { kind: 'sync'; client: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), client: fc.nat(2), field: fc.constantFrom(...FIELDS), n: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), client: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('online' as const), client: fc.nat(2), online: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), client: fc.nat(2) }) },
);

interface Client {
  local: JobState;
  /** The server state this client last saw: RxDB's assumedMasterState. */
  assumed: JobState;
  online: boolean;
}

/**
 * RxDB's replication protocol, reduced to one document: a push is accepted
 * only if the client's assumed master state is the server's current state;
 * otherwise the client resolves the conflict and pushes again. A pull
 * replaces the local state only when the client has nothing to push.
 */
function sync(client: Client, server: { master: JobState }) {
  if (!client.online) return;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    if (sameValue(client.local, client.assumed)) break;
    if (sameValue(server.master, client.assumed)) {
      server.master = client.local;
      client.assumed = client.local;
    } else {
      client.local = mergeJobStates(client.assumed, client.local, server.master);
      client.assumed = server.master;
    }
  }
  if (sameValue(client.local, client.assumed)) {
    client.local = server.master;
    client.assumed = server.master;
  }
}

describe('replication with the three-way merge (property-based)', () => {
  it('is symmetric: the result does not depend on which side is local', () => {
    const editArb = fc.array(fc.record({ field: fc.constantFrom(...FIELDS), n: fc.nat(20), second: fc.integer({ min: 1, max: 30 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(editArb, editArb, (localEdits, remoteEdits) => {
        const apply = (edits: typeof localEdits) =>
          edits.reduce<JobState>((job, e) => edit(job, e.second, { [e.field]: valueFor(e.field, e.n) }), initial);
        const local = apply(localEdits);
        const remote = apply(remoteEdits);
        expect(mergeJobStates(initial, local, remote)).toEqual(mergeJobStates(initial, remote, local));
      }),
      { numRuns: 300 },
    );
  });

  it('three clients with offline periods converge, and every edit not replaced by a later edit of its field survives', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const server = { master: initial as JobState };
        const clients: Client[] = [0, 1, 2].map(() => ({ local: initial, assumed: initial, online: true }));
        const latest = new Map<Field, string>();
        const history: string[] = [];
        const notes: string[] = [];

        ops.forEach((op, index) => {
          const client = clients[op.client]!;
          const second = index + 1;
          if (op.kind === 'edit') {
            const value = valueFor(op.field, op.n);
            // Writing the value a field already shows changes nothing, so it is not an edit.
            if (!sameValue(client.local[op.field], value)) latest.set(op.field, value);
            client.local = edit(client.local, second, { [op.field]: value });
            if (op.field === 'status') history.push(`${at(second)}|${value}`);
          } else if (op.kind === 'note') {
            const note = { id: `n${second}`, text: `note by client ${op.client}`, at: at(second) };
            notes.push(note.id);
            client.local = edit(client.local, second, { notes: [...(client.local.notes ?? []), note] });
          } else if (op.kind === 'online') {
            client.online = op.online;
          } else {
            sync(client, server);
          }
        });

        for (const client of clients) client.online = true;
        for (let round = 0; round < 5; round += 1) for (const client of clients) sync(client, server);

        for (const client of clients) expect(sameValue(client.local, server.master)).toBe(true);
        for (const field of FIELDS) {
          expect(server.master[field]).toBe(latest.get(field) ?? initial[field]);
        }
        const finalHistory = new Set(server.master.statusHistory.map((change) => `${change.at}|${change.status}`));
        for (const entry of history) expect(finalHistory.has(entry)).toBe(true);
        expect((server.master.notes ?? []).map((note) => note.id).sort()).toEqual([...notes].sort());
        expect(jobSchema.safeParse(server.master).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
