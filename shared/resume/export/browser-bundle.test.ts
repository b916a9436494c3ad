import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('ATS export in the browser', () => {
  it('bundles for the browser with no Node built-ins', async () => {
    const result = await build({
      entryPoints: ['shared/resume/export/ats-pdf.ts', 'shared/resume/export/ats-docx.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      outdir: 'out',
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules/pdf-lib/'))).toBe(true);
    expect(inputs.some((input) => input.includes('node_modules/docx/'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('node:') || /^(fs|path|crypto|stream|buffer)$/.test(input))).toEqual([]);
  });
});
