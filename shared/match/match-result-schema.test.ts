import { describe, expect, it } from 'vitest';
import { match } from './match';
import { serverMatchSchema } from './match-result-schema';

describe('serverMatchSchema', () => {
  const result = match({ text: 'Built APIs in Node.js with PostgreSQL.', title: 'Backend Engineer', location: 'Lisbon' }, { title: 'Backend Engineer', description: 'Requirements: Node.js, Kubernetes. 3+ years.', location: 'Lisbon' });

  it('accepts what the engine answers, with the engine named', () => {
    expect(serverMatchSchema.parse({ ...result, engine: 'offline' })).toMatchObject({ score: result.score, engine: 'offline' });
  });

  it('accepts the semantic component of the server engine', () => {
    const semantic = { ...result, engine: 'server', components: [...result.components, { name: 'semantic', weight: 0.25, score: 0.7 }] };
    expect(serverMatchSchema.parse(semantic).components.at(-1)).toEqual({ name: 'semantic', weight: 0.25, score: 0.7 });
  });

  it('refuses a wrong shape or an out-of-range score', () => {
    expect(serverMatchSchema.safeParse({ ...result }).success).toBe(false);
    expect(serverMatchSchema.safeParse({ ...result, engine: 'x', score: 101 }).success).toBe(false);
    expect(serverMatchSchema.safeParse({ ...result, engine: 'x', skills: { required: 'all', niceToHave: [] } }).success).toBe(false);
  });
});
