import type { ParsedResume } from '../resume/parsed-resume';
import type { FileKind } from '../resume/extract/types';

/**
 * What the ATS check reads and what it answers. The input is what TrackRuit's
 * own parser got from the file (shared/resume/extract: ParseOutcome) plus facts
 * about the page layout that the PDF reader may report. A fact the reader did
 * not report makes its item "not-checked": the check never guesses one.
 */
export type AtsStatus = 'pass' | 'warn' | 'fail' | 'not-checked';

export type AtsItemId =
  | 'text-layer'
  | 'reading-order'
  | 'columns-tables'
  | 'unmapped-characters'
  | 'images-of-text'
  | 'contact'
  | 'section-headings'
  | 'dated-experience'
  | 'bullet-length'
  | 'bullet-numbers'
  | 'action-verbs'
  | 'length'
  | 'file-type-size'
  | 'keyword-coverage';

export interface AtsItem {
  id: AtsItemId;
  status: AtsStatus;
  /** What was found, in words a person reads ("3 of 12 bullets are longer than 30 words"). */
  detail: string;
  /** How to fix it; present on every warn and fail. */
  fix?: string;
}

/** Layout facts from the PDF reader (see ats-check-layout.ts); every one optional. */
export interface AtsLayoutFacts {
  /** Most text columns found side by side on any page (1 = single column). */
  columns?: number;
  /** Lines laid out as table rows (three or more cells on one baseline). */
  tableRows?: number;
  /** Glyphs the reader could not map to text (no Unicode for them in the font). */
  unmappedGlyphs?: number;
  /** Images drawn on pages that also have text (logos, a skills chart, a name as a picture). */
  images?: number;
}

export interface AtsCheckInput {
  /** The structured resume the parser produced. */
  resume: ParsedResume;
  /** The text the parser read, one line per line (ParseOutcome.text). */
  text: string;
  kind: FileKind;
  /** File size in bytes. */
  bytes: number;
  pages: number;
  /** Pages that had no text layer and were read by OCR. */
  ocrPages: number;
  layout?: AtsLayoutFacts;
  /** A job to check keyword coverage against. */
  job?: { title?: string; text: string };
}

export interface AtsReport {
  checkVersion: number;
  /** The matching engine's skills taxonomy, when keyword coverage was computed against a job. */
  taxonomyVersion?: string;
  items: AtsItem[];
  counts: Record<AtsStatus, number>;
}
