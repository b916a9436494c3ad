import { describe, expect, it } from 'vitest';
import { shippedRules, type RuleSet } from '../../shared/rules';
import { createServedRules } from './served';
import type { UploadedRuleSet } from './upload-store';

const withVersion = (version: number): RuleSet => ({ ...structuredClone(shippedRules), version });
const upload = (version: number): UploadedRuleSet => ({ rules: withVersion(version), uploadedAt: '2026-12-07T00:00:00.000Z', uploadedBy: 'ops@example.com' });

function served(file: RuleSet | undefined, newest: UploadedRuleSet | undefined) {
  return createServedRules({ shipped: shippedRules, file: { current: () => Promise.resolve(file) }, uploads: { newest: () => newest } }).current();
}

describe('createServedRules', () => {
  it('serves the built-in set when nothing else is there, or nothing higher', async () => {
    expect(await served(undefined, undefined)).toEqual({ rules: shippedRules, source: 'built-in' });
    expect((await served(withVersion(shippedRules.version), undefined)).source).toBe('built-in');
  });

  it('serves the highest version of file and upload, the upload on a tie', async () => {
    const up = upload(10);
    expect(await served(withVersion(9), up)).toMatchObject({ source: 'uploaded', upload: up, rules: { version: 10 } });
    expect(await served(withVersion(11), up)).toMatchObject({ source: 'file', rules: { version: 11 } });
    expect((await served(withVersion(11), up)).upload).toBeUndefined();
    expect(await served(withVersion(10), up)).toMatchObject({ source: 'uploaded', rules: { version: 10 } });
  });
});
