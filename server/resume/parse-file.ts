/**
 * Parsing of resumes uploaded directly to the server (and by the
 * parse-resume script): the shared pipeline with its Node adapters.
 */
export { extractResumeText, parseResumeBuffer, parseResumePath, readResumeFile } from '../../shared/resume/node/parse-file';
export { ResumeParseError } from '../../shared/resume/extract/errors';
