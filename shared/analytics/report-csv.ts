import type { PlatformAnalyticsReport } from '../admin/console-api';

/**
 * The platform report as CSV rows `section,key,metric,value` (the contract in
 * shared/admin/console-api.ts): one row per figure, hidden figures as an empty
 * value, so a spreadsheet sees exactly what the console shows.
 */

type Figure = number | string | null;

function cell(value: Figure): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; numbers are written as they are.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: PlatformAnalyticsReport): string {
  const lines: string[] = ['section,key,metric,value'];
  const row = (section: string, key: string, metric: string, value: Figure) => lines.push([section, key, metric, value].map(cell).join(','));
  const rows = (section: string, list: readonly object[], keyField: string) => {
    for (const item of list) {
      const record = item as Record<string, Figure>;
      for (const [metric, value] of Object.entries(record)) {
        if (metric !== keyField) row(section, String(record[keyField]), metric, value);
      }
    }
  };
  row('summary', '', 'generatedAt', report.generatedAt);
  row('summary', '', 'minGroup', report.minGroup);
  row('summary', '', 'contributors', report.contributors);
  rows('applicationsByMonth', report.applicationsByMonth, 'key');
  rows('bySite', report.bySite, 'key');
  rows('byLocation', report.byLocation, 'key');
  rows('byStatus', report.byStatus, 'key');
  rows('byCompany', report.byCompany, 'company');
  for (const period of ['daily', 'weekly', 'monthly'] as const) rows(`activeUsers.${period}`, report.activeUsers[period], 'period');
  row('captures', 'automatic', 'captures', report.captures.automatic);
  row('captures', 'manual', 'captures', report.captures.manual);
  for (const health of report.captureHealth) row('captureHealth', `${health.day}|${health.site}|${health.layout}`, 'captures', health.captures);
  return `${lines.join('\r\n')}\r\n`;
}
