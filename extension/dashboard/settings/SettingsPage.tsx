import { AccountPanel } from '../../popup/AccountPanel';
import type { PageProps } from '../page-props';
import { AccountSection } from './AccountSection';
import { AtsTracking } from './AtsTracking';
import { DeleteLocalData } from './DeleteLocalData';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { ReminderSettingsForm } from './ReminderSettingsForm';
import { SyncSwitch } from './SyncSwitch';
import { ThemeChoice } from './ThemeChoice';
import './settings.css';

/** Account and sync, career-site tracking, appearance, reminders, and the data on this device (export, import, delete). */
export function SettingsPage({ jobs }: PageProps & { jobId?: string }) {
  return (
    <div className="settings">
      <AccountPanel />
      <AccountSection />
      <SyncSwitch />
      <AtsTracking />
      <ThemeChoice />
      <ReminderSettingsForm />
      <ExportSection jobs={jobs} />
      <ImportSection />
      <DeleteLocalData count={jobs.length} />
    </div>
  );
}
