import { expect } from '@playwright/test';
import { createVerifiedAccount } from '../helpers/accounts';
import type { TestServer } from '../helpers/test-server';

/**
 * Applications for the console's analytics, written by their users through
 * the REST API (as a mobile app would), so they reach the platform
 * aggregates the same way real ones do. `seedApplications(server, people, password)`:
 * `people` accounts with two LinkedIn applications each in Berlin, and one more
 * in Lyon from the first only (a group of one, which the report must hide).
 */
export async function seedApplications(server: TestServer, people: number, password: string): Promise<void> {
  for (let index = 0; index < people; index += 1) {
    const session = await createVerifiedAccount(server, { name: `Seeker ${index}`, email: `seeker${index}@example.com`, password });
    const jobs = [
      { title: 'Data Engineer', company: 'Acme', location: 'Berlin, Germany', status: 'applied' },
      { title: 'Backend Engineer', company: 'Globex', location: 'Berlin, Germany', status: 'interview' },
      ...(index === 0 ? [{ title: 'SRE', company: 'Initech', location: 'Lyon, France', status: 'applied' }] : []),
    ];
    for (const [number, job] of jobs.entries()) {
      const response = await fetch(`${server.url}/api/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
        body: JSON.stringify({ ...job, platform: 'linkedin', url: `https://www.linkedin.com/jobs/view/${index * 10 + number + 1}/`, appliedAt: '2026-11-20T10:00:00.000Z' }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    }
  }
}
