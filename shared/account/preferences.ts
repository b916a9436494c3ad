/**
 * The account preferences the server acts on (issue 16), kept in
 * `UserRecord.preferences` beside whatever else a client stores there. Both
 * default to the value a missing key reads as: data included in the server's
 * anonymous statistics, no weekly mail.
 */

export type AccountPreferenceValue = string | number | boolean | null;
export type AccountPreferences = Record<string, AccountPreferenceValue>;

/** true: this user's applications are left out of the platform analytics and pooled figures. */
export const ANALYTICS_OPT_OUT = 'analyticsOptOut';
/** true: this user asked for the weekly summary mail. */
export const WEEKLY_SUMMARY = 'weeklySummary';

export const ACCOUNT_SWITCHES = [ANALYTICS_OPT_OUT, WEEKLY_SUMMARY] as const;
export type AccountSwitch = (typeof ACCOUNT_SWITCHES)[number];

export function analyticsOptedOut(preferences: AccountPreferences | undefined): boolean {
  return preferences?.[ANALYTICS_OPT_OUT] === true;
}

export function wantsWeeklySummary(preferences: AccountPreferences | undefined): boolean {
  return preferences?.[WEEKLY_SUMMARY] === true;
}
