import { z } from 'zod';

const serverUrlSchema = z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// address.' });

/**
 * The address as stored: validated, without query, fragment or trailing
 * slash, so `apiUrl` and the sync-URL check see one canonical form.
 */
export function normalizeServerUrl(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const parsed = serverUrlSchema.safeParse(input.trim());
  if (!parsed.success) return { ok: false, message: 'Enter an http:// or https:// address.' };
  const url = new URL(parsed.data);
  if (url.username || url.password) return { ok: false, message: 'Leave user name and password out of the address.' };
  url.search = '';
  url.hash = '';
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}
