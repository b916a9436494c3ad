import { z } from 'zod';
import { ACCOUNT_SWITCHES } from '../../../shared/account/preferences';
import { JOB_LIMITS, PLATFORMS } from '../../../shared/schema/job';

/** Messages the popup and dashboard send to the background. */
/**
 * What to do with the jobs on this device when the account changes: keep
 * them (sign-out), or wipe them (sign-out, or sign-in as another account,
 * whose data must never mix with the previous one's).
 */
export const localDataChoiceSchema = z.enum(['keep', 'wipe']);
export type LocalDataChoice = z.infer<typeof localDataChoiceSchema>;

export const pageMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('auth:register'),
    name: z.string().max(200),
    email: z.string().max(320),
    password: z.string().max(1024),
    localData: localDataChoiceSchema.optional(),
  }),
  z.object({
    type: z.literal('auth:login'),
    email: z.string().max(320),
    password: z.string().max(1024),
    localData: localDataChoiceSchema.optional(),
  }),
  z.object({
    type: z.literal('auth:verifyOtp'),
    email: z.string().max(320),
    code: z.string().max(32),
    password: z.string().max(1024),
    localData: localDataChoiceSchema.optional(),
  }),
  z.object({ type: z.literal('auth:resendOtp'), email: z.string().max(320) }),
  z.object({ type: z.literal('auth:forgotPassword'), email: z.string().max(320) }),
  z.object({
    type: z.literal('auth:resetPassword'),
    email: z.string().max(320),
    code: z.string().max(32),
    password: z.string().max(1024),
  }),
  z.object({ type: z.literal('auth:logout'), localData: localDataChoiceSchema.default('keep') }),
  z.object({ type: z.literal('sync:localWrites'), ids: z.array(z.string().min(1).max(128)).max(50_000) }),
  z.object({ type: z.literal('auth:state') }),
  z.object({ type: z.literal('settings:setServerUrl'), serverUrl: z.string().max(2048) }),
  z.object({ type: z.literal('sync:now') }),
  // The signed-in user's account, from Settings (../account/account-settings.ts).
  z.object({ type: z.literal('account:profile') }),
  z.object({ type: z.literal('account:preferences') }),
  z.object({ type: z.literal('account:setPreference'), key: z.enum(ACCOUNT_SWITCHES), value: z.boolean() }),
  z.object({
    type: z.literal('account:updateProfile'),
    name: z.string().max(200).optional(),
    avatarUrl: z.string().max(2048).nullable().optional(),
  }),
  z.object({ type: z.literal('account:changePassword'), currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }),
  z.object({ type: z.literal('account:logoutEverywhere'), localData: localDataChoiceSchema }),
  z.object({ type: z.literal('account:export') }),
  z.object({ type: z.literal('account:delete'), password: z.string().max(1024), localData: localDataChoiceSchema }),
  // Pooled figures for the job page and Insights (../community/community-messages.ts).
  z.object({
    type: z.literal('community:figures'),
    companies: z.array(z.string().max(JOB_LIMITS.companyLength)).max(50),
    sites: z.array(z.enum(PLATFORMS)).max(PLATFORMS.length),
  }),
  // The job page's match, asked of the server while the page is open (../ml/ml-messages.ts checks the resume).
  z.object({
    type: z.literal('ml:match'),
    resume: z.unknown(),
    job: z.object({ title: z.string().max(1_000), description: z.string().max(200_000).optional(), location: z.string().max(1_000).optional() }).strict(),
  }),
]);
export type PageMessage = z.infer<typeof pageMessageSchema>;

export interface ReplyError {
  message: string;
  fields?: Record<string, string>;
  /**
   * Set when the page must ask the user something before trying again:
   * about local data, or for the emailed code (the account is not verified yet).
   */
  code?: 'local-data-other-account' | 'email-not-verified' | 'data-consent-required';
  /** For 'local-data-other-account': how many jobs, and whose. */
  localData?: { count: number; ownerEmail: string };
}

export type Reply<T = object> = ({ ok: true } & T) | { ok: false; error: ReplyError };
