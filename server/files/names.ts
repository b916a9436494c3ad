import { FILE_KINDS, type StoredContentType } from './sniff';

/**
 * Every path segment under DATA_DIR/files comes from these patterns, so no
 * request can name a file outside the user's own folder: no dots, no
 * separators, nothing to normalise.
 */
export const RESUME_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
/** User ids are server-made UUIDs today; the pattern only has to keep them one safe segment. */
export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isResumeId(value: string): boolean {
  return RESUME_ID_PATTERN.test(value);
}

export function isUserId(value: string): boolean {
  return USER_ID_PATTERN.test(value);
}

const MAX_FILE_NAME = 150;
// Controls, path separators and the characters Windows refuses in names; bidi controls that can disguise an extension.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"*/:<>?\\|\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name the user's file had, made safe to keep and to send back in a
 * Content-Disposition: only its last segment, no unsafe characters, and an
 * extension that matches what the bytes are.
 */
export function sanitizeFileName(raw: string | undefined, contentType: StoredContentType, resumeId: string): string {
  const extension = FILE_KINDS[contentType].extension;
  const lastSegment = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.normalize('NFC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const currentExtension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const matches = currentExtension === extension || (extension === 'jpg' && currentExtension === 'jpeg');
  name = matches ? name : `${stem}.${extension}`;
  if (!stem) name = `resume-${resumeId}.${extension}`;
  if (name.length > MAX_FILE_NAME) {
    const suffix = name.slice(name.lastIndexOf('.'));
    name = `${Array.from(name.slice(0, name.lastIndexOf('.'))).slice(0, MAX_FILE_NAME - suffix.length).join('')}${suffix}`;
  }
  return name;
}

/** RFC 6266: an ASCII fallback for old clients plus the exact UTF-8 name. */
export function contentDisposition(fileName: string): string {
  let ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_').trim();
  if (!ascii || ascii.startsWith('.')) ascii = `resume${ascii}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
