import { z } from 'zod';

export const NO_RESPONSE_DAYS = { min: 1, max: 90, default: 7 } as const;

/** What the user chose on the Settings page; stored by the extension, read by the background. */
export const reminderSettingsSchema = z
  .object({
    /** A notification when a job's follow-up date comes. */
    followUps: z.boolean(),
    /** A nudge when an application is still 'applied' after `noResponseDays`. */
    noResponse: z.boolean(),
    noResponseDays: z.number().int().min(NO_RESPONSE_DAYS.min).max(NO_RESPONSE_DAYS.max),
  })
  .strict();
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  followUps: true,
  noResponse: true,
  noResponseDays: NO_RESPONSE_DAYS.default,
};

/** Stored settings, or the defaults when absent or unreadable (an older or hand-edited value). */
export function reminderSettingsFrom(stored: unknown): ReminderSettings {
  const parsed = reminderSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REMINDER_SETTINGS;
}
