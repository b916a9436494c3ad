import { z } from 'zod';
import { RESUME_LIMITS } from '../../shared/resume/doc/resume-doc';
import { apiUrl, type FetchLike } from '../background/api';

/**
 * The server's store of original resume files (/api/files/resumes). Plain
 * fetch wrappers: the caller brings the access token and decides when to
 * retry; every failure becomes a ResumeFilesError with a message a person
 * can read and a kind the code can branch on.
 */

export const ORIGINAL_CONTENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
] as const;
export type OriginalContentType = (typeof ORIGINAL_CONTENT_TYPES)[number];

const storedOriginalSchema = z.object({
  resumeId: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.enum(ORIGINAL_CONTENT_TYPES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: z.string(),
  fileName: z.string(),
});
export type StoredOriginal = z.infer<typeof storedOriginalSchema>;

const listSchema = z.object({ files: z.array(storedOriginalSchema) });
const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type ResumeFilesErrorKind =
  | 'network'
  | 'unauthorized'
  | 'not-found'
  | 'too-large'
  | 'quota'
  | 'unsupported-type'
  | 'invalid-id'
  | 'server'
  | 'protocol';

export class ResumeFilesError extends Error {
  constructor(
    message: string,
    readonly kind: ResumeFilesErrorKind,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ResumeFilesError';
  }
}

const RESUME_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function resumePath(resumeId: string): string {
  if (!RESUME_ID.test(resumeId)) throw new ResumeFilesError('This resume id cannot be used for a file on the server.', 'invalid-id');
  return `api/files/resumes/${resumeId}`;
}

/** An empty token leaves the header to the fetch (an authenticating fetch that also refreshes). */
const authorization = (token: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

async function send(fetchFn: FetchLike, serverUrl: string, path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(apiUrl(serverUrl, path), init);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'AbortError') throw error;
    throw new ResumeFilesError(`Can't reach the server at ${serverUrl}. The file stays on this device; try again later.`, 'network');
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = errorBodySchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : undefined;
  const serverMessage = parsed.success ? parsed.data.error.message : `The server answered ${response.status}.`;
  throw new ResumeFilesError(messageFor(response.status, code, serverMessage), kindFor(response.status, code), response.status, code);
}

function kindFor(status: number, code: string | undefined): ResumeFilesErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 404) return code === 'file_not_found' ? 'not-found' : 'protocol';
  if (code === 'quota_exceeded') return 'quota';
  if (status === 413) return 'too-large';
  if (status === 415 || code === 'empty_file') return 'unsupported-type';
  if (code === 'invalid_resume_id') return 'invalid-id';
  return status >= 500 ? 'server' : 'protocol';
}

function messageFor(status: number, code: string | undefined, serverMessage: string): string {
  if (status === 401) return 'Your session has ended; sign in again to keep files on the server.';
  if (code === 'file_not_found') return 'The server has no original file for this resume.';
  if (code === 'quota_exceeded') return `Your storage on the server is full: ${serverMessage}`;
  if (status === 413) return 'The file is larger than 10 MB, the most the server keeps.';
  if (status === 415) return `The server keeps only PDF, DOCX, PNG and JPEG files: ${serverMessage}`;
  if (status === 404) return 'This server has no file storage; it may need an update.';
  return serverMessage;
}

/** The type the server will find in the bytes; browsers often leave DOCX (and dropped files) untyped. */
export async function originalContentType(blob: Blob): Promise<OriginalContentType | null> {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  // Only a ZIP could be a DOCX; the server reads its directory to be sure.
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return null;
}

/** Stores (or replaces) the original of `resumeId` on the server. */
export async function uploadOriginal(
  fetchFn: FetchLike,
  serverUrl: string,
  token: string,
  resumeId: string,
  blob: Blob,
  options: { fileName?: string; signal?: AbortSignal } = {},
): Promise<StoredOriginal> {
  const path = resumePath(resumeId);
  if (blob.size === 0) throw new ResumeFilesError('The file is empty.', 'unsupported-type');
  if (blob.size > RESUME_LIMITS.fileBytes) throw new ResumeFilesError('The file is larger than 10 MB, the most the server keeps.', 'too-large');
  const contentType = await originalContentType(blob);
  if (!contentType) throw new ResumeFilesError('The server keeps only PDF, DOCX, PNG and JPEG files.', 'unsupported-type');
  const fileName = options.fileName ?? (blob as Partial<File>).name;
  const query = fileName ? `?name=${encodeURIComponent(fileName)}` : '';
  const response = await send(fetchFn, serverUrl, `${path}${query}`, {
    method: 'PUT',
    headers: { ...authorization(token), 'content-type': contentType },
    body: blob,
    signal: options.signal,
  });
  const parsed = storedOriginalSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ResumeFilesError(`${serverUrl} answered the upload in an unexpected way.`, 'protocol', response.status);
  return parsed.data;
}

export interface DownloadedOriginal {
  /** Typed with the server's sniffed Content-Type. */
  blob: Blob;
  contentType: OriginalContentType;
  fileName: string | null;
  sha256: string | null;
}

export async function downloadOriginal(
  fetchFn: FetchLike,
  serverUrl: string,
  token: string,
  resumeId: string,
  options: { signal?: AbortSignal } = {},
): Promise<DownloadedOriginal> {
  const response = await send(fetchFn, serverUrl, resumePath(resumeId), { headers: authorization(token), signal: options.signal });
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!(ORIGINAL_CONTENT_TYPES as readonly string[]).includes(contentType)) {
    throw new ResumeFilesError(`${serverUrl} sent the file with an unexpected type (${contentType || 'none'}).`, 'protocol', response.status);
  }
  const bytes = await response.arrayBuffer();
  return {
    blob: new Blob([bytes], { type: contentType }),
    contentType: contentType as OriginalContentType,
    fileName: fileNameFromDisposition(response.headers.get('content-disposition')),
    sha256: /^"([0-9a-f]{64})"$/.exec(response.headers.get('etag') ?? '')?.[1] ?? null,
  };
}

/** True when the file was deleted, false when the server had none (already gone is fine). */
export async function deleteOriginal(fetchFn: FetchLike, serverUrl: string, token: string, resumeId: string): Promise<boolean> {
  try {
    await send(fetchFn, serverUrl, resumePath(resumeId), { method: 'DELETE', headers: authorization(token) });
    return true;
  } catch (error) {
    if (error instanceof ResumeFilesError && error.kind === 'not-found') return false;
    throw error;
  }
}

export async function listOriginals(fetchFn: FetchLike, serverUrl: string, token: string): Promise<StoredOriginal[]> {
  const response = await send(fetchFn, serverUrl, 'api/files/resumes', { headers: authorization(token) });
  const parsed = listSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ResumeFilesError(`${serverUrl} answered the file list in an unexpected way.`, 'protocol', response.status);
  return parsed.data.files;
}

/** RFC 6266: the UTF-8 `filename*` wins over the ASCII `filename`. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? null;
}
