import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function extract(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/extract.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run extract', () => {
  it('prints kind, job, applied and signals for a saved LinkedIn page', () => {
    const { code, stdout, stderr } = extract('--url', 'https://www.linkedin.com/jobs/view/4011111111/', 'tests/fixtures/linkedin/job-view-fr.html');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['kind', 'job', 'applied', 'signals']);
    expect(output).toMatchObject({
      kind: 'job',
      applied: true,
      signals: [{ type: 'easy_apply_confirmation', evidence: 'Votre candidature a été envoyée à Acme Robotique !' }],
      job: {
        platform: 'linkedin',
        siteJobId: '4011111111',
        title: 'Ingénieure logiciel embarqué',
        company: 'Acme Robotique',
        location: 'Lyon, Auvergne-Rhône-Alpes, France',
        employmentType: 'Temps plein',
        url: 'https://www.linkedin.com/jobs/view/4011111111/',
      },
    });
  });

  it('sees the hidden Internshala success dialog as no application, the visible one as one', () => {
    const url = '--url=https://internshala.com/internships/web-development-internship/';
    expect(JSON.parse(extract(url, 'tests/fixtures/internshala/listing-success-hidden.html').stdout)).toEqual({
      kind: 'job-list',
      job: null,
      applied: false,
      signals: [],
    });
    expect(JSON.parse(extract(url, 'tests/fixtures/internshala/listing-success-visible.html').stdout)).toMatchObject({
      kind: 'job-list',
      applied: true,
      signals: [{ type: 'application_success' }],
    });
  });

  it('reads JSON-LD on an unknown host', () => {
    const { code, stdout } = extract('--url', 'https://boards.greenhouse.io/initech/jobs/5551234', 'tests/fixtures/generic/greenhouse-job.html');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      kind: 'job',
      applied: false,
      job: { platform: 'other', title: 'Platform Engineer', company: 'Initech', salary: 'USD 120,000–150,000 per year' },
      signals: [{ type: 'structured_data', evidence: 'JobPosting' }],
    });
  });

  describe('usage errors exit with code 2 and a message on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackruit-extract-'));
    const big = join(dir, 'big.html');
    writeFileSync(big, '');
    truncateSync(big, 20 * 1024 * 1024 + 1);

    it.each([
      ['no arguments', [], /missing --url/],
      ['no file', ['--url', 'https://www.linkedin.com/feed/'], /missing <saved-page\.html>/],
      ['two files', ['--url', 'https://x.example/', 'a.html', 'b.html'], /exactly one file/],
      ['a bad URL', ['--url', 'not a url', 'tests/fixtures/linkedin/authwall.html'], /not a valid URL: not a url/],
      ['a non-web URL', ['--url', 'file:///etc/passwd', 'tests/fixtures/linkedin/authwall.html'], /not an http\(s\) URL/],
      ['an unreadable file', ['--url', 'https://www.linkedin.com/feed/', join(dir, 'missing.html')], /cannot read .*missing\.html/],
      ['a directory', ['--url', 'https://www.linkedin.com/feed/', dir], /not a file/],
      ['a file over 20 MB', ['--url', 'https://www.linkedin.com/feed/', big], /is 20971521 bytes; the limit is 20971520 \(20 MB\)/],
      ['an unknown option', ['--verbose', '--url', 'https://x.example/', 'a.html'], /unknown option --verbose/],
    ])('%s', (_name, args, message) => {
      const { code, stdout, stderr } = extract(...(args as string[]));
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toContain('usage: npm run extract -- --url <page URL> <saved-page.html>');
    });
  });
});
