import type { Job } from '../schema/job';

/** How a field is written to and read from one CSV cell. */
export type CellKind = 'text' | 'date' | 'tags' | 'json' | 'boolean' | 'number';

export interface Column {
  field: keyof Job;
  /** The header our CSV export writes. */
  header: string;
  kind: CellKind;
  /** Other trackers' names for the same column, besides `header` (compared by `headerKey`). */
  aliases?: readonly string[];
}

/**
 * Every field of a job, in the order a person reading the spreadsheet wants
 * them. Lists and objects are JSON text, so a CSV export round-trips exactly;
 * tags are "; "-joined, as other trackers write them.
 */
export const COLUMNS: readonly Column[] = [
  { field: 'title', header: 'Title', kind: 'text', aliases: ['Job Title', 'Position', 'Position Title', 'Role', 'Job Role', 'Job Name', 'Job Position', 'Opening'] },
  { field: 'company', header: 'Company', kind: 'text', aliases: ['Company Name', 'Employer', 'Employer Name', 'Organization', 'Organisation'] },
  { field: 'status', header: 'Status', kind: 'text', aliases: ['Stage', 'Application Status', 'Job Status', 'Pipeline Stage', 'List'] },
  {
    field: 'appliedAt',
    header: 'Date Applied',
    kind: 'date',
    aliases: ['Applied On', 'Application Date', 'Applied Date', 'Applied At', 'Applied', 'Date of Application', 'Submitted On', 'Date Submitted', 'Date'],
  },
  { field: 'url', header: 'URL', kind: 'text', aliases: ['Job URL', 'Link', 'Job Link', 'Posting URL', 'Job Posting URL', 'Job Posting', 'Application URL', 'Application Link', 'Post URL'] },
  { field: 'location', header: 'Location', kind: 'text', aliases: ['Job Location', 'City'] },
  { field: 'salary', header: 'Salary', kind: 'text', aliases: ['Compensation', 'Pay', 'Salary Range', 'Stipend'] },
  { field: 'tags', header: 'Tags', kind: 'tags', aliases: ['Tag', 'Labels', 'Label'] },
  { field: 'notes', header: 'Notes', kind: 'json', aliases: ['Note', 'Comments', 'Comment'] },
  { field: 'contacts', header: 'Contacts', kind: 'json', aliases: ['Contact', 'Recruiter', 'Recruiters'] },
  { field: 'interviews', header: 'Interviews', kind: 'json', aliases: ['Interview Dates'] },
  { field: 'followUpAt', header: 'Follow-up', kind: 'date', aliases: ['Follow-up Date', 'Next Follow-up', 'Follow Up On'] },
  { field: 'platform', header: 'Platform', kind: 'text' },
  { field: 'siteJobId', header: 'Site Job ID', kind: 'text' },
  { field: 'employmentType', header: 'Employment Type', kind: 'text', aliases: ['Job Type', 'Work Type'] },
  { field: 'duration', header: 'Duration', kind: 'text' },
  { field: 'startDate', header: 'Start Date', kind: 'text' },
  { field: 'postedAt', header: 'Posted At', kind: 'date', aliases: ['Date Posted', 'Posted On', 'Posted'] },
  { field: 'description', header: 'Description', kind: 'text', aliases: ['Job Description'] },
  { field: 'statusHistory', header: 'Status History', kind: 'json' },
  { field: 'source', header: 'Record Source', kind: 'text' },
  { field: 'isActive', header: 'Active', kind: 'boolean' },
  { field: 'possibleDuplicateOf', header: 'Possible Duplicate Of', kind: 'text' },
  { field: 'mlAnalysis', header: 'ML Analysis', kind: 'json' },
  { field: 'fieldTimes', header: 'Field Times', kind: 'json' },
  { field: 'createdAt', header: 'Created At', kind: 'date', aliases: ['Date Added', 'Added On', 'Date Created'] },
  { field: 'updatedAt', header: 'Updated At', kind: 'date', aliases: ['Last Updated', 'Last Modified'] },
  { field: 'schemaVersion', header: 'Schema Version', kind: 'number' },
  { field: 'id', header: 'TrackRuit ID', kind: 'text' },
];

/** Header names compare without case, spaces or punctuation: "Job URL", "job_url" and "JobURL" are one. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const BY_KEY = new Map<string, Column>();
for (const column of COLUMNS) {
  for (const name of [column.header, ...(column.aliases ?? [])]) {
    const key = headerKey(name);
    if (BY_KEY.has(key)) throw new Error(`Column name "${name}" is claimed twice`);
    BY_KEY.set(key, column);
  }
}

export function columnForHeader(header: string): Column | undefined {
  return BY_KEY.get(headerKey(header));
}

export function columnFor(field: keyof Job): Column {
  const column = COLUMNS.find((candidate) => candidate.field === field);
  if (!column) throw new Error(`No column for ${field}`);
  return column;
}
