import type { AtsItemId, AtsStatus } from '../../../shared/match/ats-check';

/** The ATS check's items as the Resumes page names them, in the check's order. */
export const ATS_ITEM_LABELS: Readonly<Record<AtsItemId, string>> = {
  'text-layer': 'Text a parser can read',
  'reading-order': 'Reading order',
  'columns-tables': 'Columns and tables',
  'unmapped-characters': 'Characters that map to text',
  'images-of-text': 'Images of text',
  contact: 'Contact details',
  'section-headings': 'Section headings',
  'dated-experience': 'Dated experience',
  'bullet-length': 'Bullet length',
  'bullet-numbers': 'Numbers in bullets',
  'action-verbs': 'Action verbs',
  length: 'Length',
  'file-type-size': 'File type and size',
  'keyword-coverage': 'Keywords for the job',
};

export const ATS_STATUS_LABELS: Readonly<Record<AtsStatus, string>> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  'not-checked': 'Not checked',
};
