import { emptyParsedResume, type ParsedResume } from './parsed-resume';

export function parseResumeText(text: string): ParsedResume {
  void text;
  return emptyParsedResume();
}
