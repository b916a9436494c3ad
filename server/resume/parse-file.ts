import { readFile, stat } from 'node:fs/promises';
import { ResumeParseError } from '../../shared/resume/extract/errors';
import { extractText, parseResumeBytes, type ExtractOptions, type ExtractedText } from '../../shared/resume/extract/pipeline';
import { RESUME_LIMITS, type ParseOutcome } from '../../shared/resume/extract/types';
import { nodeExtractEnv } from './node-resume-env';

/**
 * Parsing of resumes uploaded directly to the server (and by the
 * parse-resume script): the shared pipeline with its Node adapters.
 */
export { ResumeParseError } from '../../shared/resume/extract/errors';

/** Parses resume bytes on the server or in a script, with the same limits and error codes as the browser worker. */
export function parseResumeBuffer(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ParseOutcome> {
  return parseResumeBytes(bytes, nodeExtractEnv(), options);
}

export function extractResumeText(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedText> {
  return extractText(bytes, nodeExtractEnv(), options);
}

/** Reads a file from disk, refusing oversized files before reading them into memory. */
export async function readResumeFile(filePath: string, maxBytes: number = RESUME_LIMITS.maxBytes): Promise<Uint8Array> {
  const info = await stat(filePath);
  if (info.size > maxBytes) throw new ResumeParseError('too-large');
  return new Uint8Array(await readFile(filePath));
}

export async function parseResumePath(filePath: string, options: ExtractOptions = {}): Promise<ParseOutcome> {
  return parseResumeBuffer(await readResumeFile(filePath, options.maxBytes), { declaredType: filePath, ...options });
}
