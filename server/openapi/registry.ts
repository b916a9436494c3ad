import { z } from 'zod';
import type { AdminPermission } from '../../shared/admin/permissions';
import { roleAssignmentSchema } from '../../shared/admin/permissions';
import { userQuerySchema } from '../../shared/admin/user-directory';
import { ruleSetSchema } from '../../shared/rules/schema';
import { enrolBodySchema, confirmBodySchema, sessionBodySchema } from '../admin/session-routes';
import { patchBodySchema as adminUserPatchSchema } from '../admin/users-routes';
import { communityQuerySchema } from '../analytics/platform/routes';
import { optionsSchema as insightsQuerySchema } from '../analytics/user/routes';
import { auditQuerySchema } from '../audit/query';
import {
  changePasswordBodySchema,
  emailOnlyBodySchema,
  loginBodySchema,
  passwordBodySchema,
  preferencesPatchBodySchema,
  profileBodySchema,
  refreshBodySchema,
  registerBodySchema,
  resetPasswordBodySchema,
  verifyOtpBodySchema,
} from '../auth/validation';
import { registerBodySchema as deviceRegisterSchema } from '../devices/routes';
import { shareBodySchema } from '../files/routes';
import { atsBodySchema, feedbackBodySchema, interviewBodySchema, matchBodySchema, recommendBodySchema } from '../ml/schemas';
import { exchangeBodySchema } from '../oidc/routes';
import { bulkUpdateSchema, jobPatchSchema, newJobSchema } from '../rest/job-bodies';
import { jobListQuerySchema } from '../rest/jobs-routes';
import { analyzeSchema, newResumeSchema, resumeListQuerySchema, resumePatchSchema } from '../rest/resumes-routes';
import { rollbackBodySchema } from '../rules/admin-routes';
import * as shape from './shapes';

/**
 * Every route under /api, declared once: method, path, who may call it, what
 * it reads (the same zod schemas the route validates with) and what it answers
 * on success. The OpenAPI document (document.ts) is built from this list, and
 * tests/integration/openapi.test.ts fails when the app has a route missing here.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * - `none`: anyone (per-IP limits still apply).
 * - `user`: `Authorization: Bearer <access token>`.
 * - `admin`: an admin session token (after the second factor), holding `permission` when named.
 * - `device`: a signed request from a registered device key, with the same user's access token.
 */
export type Access = 'none' | 'user' | 'admin' | 'device';

export interface ApiSuccess {
  status: number;
  description: string;
  /** The JSON answer; absent for 204 and for answers that are not JSON. */
  json?: z.ZodType;
  /** Non-JSON answers (CSV, HTML, a file, a redirect). */
  contentType?: string;
  /** Other success statuses with the same answer (201 created, 200 when it was there already). */
  alsoStatus?: number[];
}

export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI style: `/api/jobs/{id}`. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  permission?: AdminPermission;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body that is not JSON (a file upload). */
  rawBody?: string;
  success: ApiSuccess;
  /** Error statuses beyond those every route of its kind may answer (document.ts). */
  errors?: number[];
}

const json = (status: number, schema: z.ZodType, description = 'OK'): ApiSuccess => ({ status, description, json: schema });
const noContent = (description = 'Done'): ApiSuccess => ({ status: 204, description });

/** The ML bodies depend on the resume's form (parsed sections or plain text): both are accepted. */
const mlBody = (schemaFor: (body: unknown) => z.ZodType): z.ZodType => z.union([schemaFor({}), schemaFor({ resume: { text: '' } })]);

const auth: ApiRoute[] = [
  { method: 'post', path: '/api/auth/register', tag: 'Auth', summary: 'Create an account; a code is mailed to verify the address', access: 'none', body: registerBodySchema, success: json(202, shape.verificationSentShape, 'Accepted, whatever the address') },
  { method: 'post', path: '/api/auth/verify-otp', tag: 'Auth', summary: 'Verify the mailed code and sign in', access: 'none', body: verifyOtpBodySchema, success: json(200, shape.sessionShape), errors: [401] },
  { method: 'post', path: '/api/auth/resend-otp', tag: 'Auth', summary: 'Mail a new verification code', access: 'none', body: emailOnlyBodySchema, success: json(202, shape.verificationSentShape) },
  { method: 'post', path: '/api/auth/login', tag: 'Auth', summary: 'Sign in with email and password', access: 'none', body: loginBodySchema, success: json(200, shape.sessionShape), errors: [401, 403] },
  { method: 'post', path: '/api/auth/forgot-password', tag: 'Auth', summary: 'Mail a password reset code', access: 'none', body: emailOnlyBodySchema, success: json(202, shape.resetSentShape) },
  { method: 'post', path: '/api/auth/reset-password', tag: 'Auth', summary: 'Set a new password with the mailed code', access: 'none', body: resetPasswordBodySchema, success: json(200, shape.passwordResetShape), errors: [401] },
  { method: 'post', path: '/api/auth/refresh', tag: 'Auth', summary: 'Trade a refresh token for a new token pair', access: 'none', body: refreshBodySchema, success: json(200, shape.tokenPairShape), errors: [401] },
  { method: 'post', path: '/api/auth/logout', tag: 'Auth', summary: 'Revoke a refresh token', access: 'none', body: refreshBodySchema, success: noContent(), errors: [401] },
  { method: 'get', path: '/api/auth/me', tag: 'Auth', summary: 'The signed-in account and its sync URL', access: 'user', success: json(200, shape.meShape) },
  { method: 'patch', path: '/api/auth/profile', tag: 'Auth', summary: 'Change name, avatar or (all) preferences', access: 'user', body: profileBodySchema, success: json(200, shape.userAnswerShape) },
  { method: 'patch', path: '/api/auth/preferences', tag: 'Auth', summary: 'Change the preferences given, keep the others', access: 'user', body: preferencesPatchBodySchema, success: json(200, shape.userAnswerShape) },
  { method: 'post', path: '/api/auth/change-password', tag: 'Auth', summary: 'Change the password; other sessions end', access: 'user', body: changePasswordBodySchema, success: json(200, shape.tokenPairShape) },
  { method: 'post', path: '/api/auth/logout-all', tag: 'Auth', summary: 'Sign out every device', access: 'user', success: noContent() },
  { method: 'get', path: '/api/auth/providers', tag: 'Auth', summary: 'Which single sign-on provider is configured', access: 'none', success: json(200, shape.providersShape) },
  { method: 'get', path: '/api/auth/google', tag: 'Auth', summary: 'Start a Google sign-in (redirects to the provider)', access: 'none', success: { status: 302, description: 'Redirect to the provider' }, errors: [404, 502] },
  { method: 'get', path: '/api/auth/google/callback', tag: 'Auth', summary: 'The provider\'s return (redirects to the client with a one-time code)', access: 'none', success: { status: 302, description: 'Redirect to the client' }, errors: [404, 502] },
  { method: 'post', path: '/api/auth/google/exchange', tag: 'Auth', summary: 'Trade the one-time code for a session', access: 'none', body: exchangeBodySchema, success: json(200, shape.sessionShape), errors: [401, 404, 502] },
  { method: 'post', path: '/api/auth/devices', tag: 'Devices', summary: 'Register a device\'s public key (JWK)', access: 'user', body: deviceRegisterSchema, success: { ...json(201, z.object({ device: shape.deviceShape }), 'Registered (200 when this key was registered before)'), alsoStatus: [200] }, errors: [409] },
  { method: 'get', path: '/api/auth/devices', tag: 'Devices', summary: 'The account\'s device keys', access: 'user', success: json(200, shape.deviceListShape) },
  { method: 'delete', path: '/api/auth/devices/{deviceId}', tag: 'Devices', summary: 'Remove a device key', access: 'user', success: noContent() },
];

const account: ApiRoute[] = [
  { method: 'get', path: '/api/account/export', tag: 'Account', summary: 'Everything stored about the account, as JSON', access: 'user', success: json(200, shape.anyObject) },
  { method: 'delete', path: '/api/account', tag: 'Account', summary: 'Delete the account and all its data', access: 'user', body: passwordBodySchema, success: noContent('Deleted') },
  { method: 'get', path: '/api/mail/weekly-summary/unsubscribe', tag: 'Account', summary: 'Turn the weekly summary off from the link in its mail (HTML page; POST does the same for one-click unsubscribe)', access: 'none', success: { status: 200, description: 'An HTML page', contentType: 'text/html' } },
  { method: 'post', path: '/api/mail/weekly-summary/unsubscribe', tag: 'Account', summary: 'One-click unsubscribe (RFC 8058)', access: 'none', success: { status: 200, description: 'An HTML page', contentType: 'text/html' } },
];

const admin: ApiRoute[] = [
  { method: 'get', path: '/api/admin/me', tag: 'Admin session', summary: 'The admin, role and permissions', access: 'user', success: json(200, shape.adminMeShape) },
  { method: 'get', path: '/api/admin/second-factor', tag: 'Admin session', summary: 'Whether a second factor is set up', access: 'user', success: json(200, shape.secondFactorStatusShape) },
  { method: 'post', path: '/api/admin/second-factor/enrol', tag: 'Admin session', summary: 'Start setting up an authenticator app', access: 'user', body: enrolBodySchema, success: json(200, z.looseObject({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() })), errors: [409] },
  { method: 'post', path: '/api/admin/second-factor/confirm', tag: 'Admin session', summary: 'Confirm the app with a code; answers recovery codes and an admin token', access: 'user', body: confirmBodySchema, success: json(200, shape.adminTokenShape.extend({ recoveryCodes: z.array(z.string()) })), errors: [409] },
  { method: 'post', path: '/api/admin/session', tag: 'Admin session', summary: 'An admin token, from a code or a recovery code', access: 'user', body: sessionBodySchema, success: json(200, shape.adminTokenShape), errors: [409] },
  { method: 'get', path: '/api/admin/analytics', tag: 'Admin', summary: 'Platform analytics', access: 'admin', permission: 'analytics:read', success: json(200, shape.platformReportShape) },
  { method: 'get', path: '/api/admin/analytics.csv', tag: 'Admin', summary: 'Platform analytics as CSV', access: 'admin', permission: 'analytics:read', success: { status: 200, description: 'CSV', contentType: 'text/csv' } },
  { method: 'get', path: '/api/admin/audit', tag: 'Admin', summary: 'The audit log, newest first', access: 'admin', permission: 'audit:read', query: auditQuerySchema, success: json(200, shape.auditPageShape) },
  { method: 'get', path: '/api/admin/audit/export.csv', tag: 'Admin', summary: 'The audit log as CSV', access: 'admin', permission: 'audit:read', query: auditQuerySchema, success: { status: 200, description: 'CSV', contentType: 'text/csv' } },
  { method: 'get', path: '/api/admin/rules', tag: 'Admin', summary: 'The served detection rule set and earlier uploads', access: 'admin', permission: 'rules:manage', success: json(200, shape.ruleSetViewShape) },
  { method: 'put', path: '/api/admin/rules', tag: 'Admin', summary: 'Upload a new rule set', access: 'admin', permission: 'rules:manage', body: ruleSetSchema, success: json(200, shape.ruleSetViewShape), errors: [409] },
  { method: 'post', path: '/api/admin/rules/rollback', tag: 'Admin', summary: 'Serve an earlier uploaded rule set again', access: 'admin', permission: 'rules:manage', body: rollbackBodySchema, success: json(200, shape.ruleSetViewShape), errors: [404, 409] },
  { method: 'get', path: '/api/admin/services', tag: 'Admin', summary: 'State of ML, mail, Redis and storage (any admin)', access: 'admin', success: json(200, shape.servicesShape) },
  { method: 'post', path: '/api/admin/ml/cache/clear', tag: 'Admin', summary: 'Empty the ML answer cache', access: 'admin', permission: 'ml:manage', success: json(200, z.object({ cleared: z.literal(true), store: z.string(), removed: z.number().int().nullable() })) },
  { method: 'post', path: '/api/admin/ml/breaker/reset', tag: 'Admin', summary: 'Close the external ML service\'s circuit breaker', access: 'admin', permission: 'ml:manage', success: json(200, shape.anyObject), errors: [409] },
  { method: 'get', path: '/api/users', tag: 'Admin users', summary: 'Search and page through accounts', access: 'admin', permission: 'users:read', query: userQuerySchema, success: json(200, shape.userPageShape) },
  { method: 'get', path: '/api/users/stats', tag: 'Admin users', summary: 'Counts of accounts', access: 'admin', permission: 'users:read', success: json(200, shape.userStatsShape) },
  { method: 'get', path: '/api/users/dashboard', tag: 'Admin users', summary: 'Counts, newest accounts and recent activity', access: 'admin', permission: 'users:read', success: json(200, shape.dashboardShape) },
  { method: 'get', path: '/api/users/{id}', tag: 'Admin users', summary: 'One account and its counts (never its contents)', access: 'admin', permission: 'users:read', success: json(200, shape.userDetailShape) },
  { method: 'put', path: '/api/users/{id}', tag: 'Admin users', summary: 'Rename, verify, disable or enable an account', access: 'admin', permission: 'users:manage', body: adminUserPatchSchema, success: json(200, shape.updatedUserShape) },
  { method: 'delete', path: '/api/users/{id}', tag: 'Admin users', summary: 'Delete an account', access: 'admin', permission: 'users:delete', success: noContent('Deleted') },
  { method: 'post', path: '/api/users/{id}/sign-out-everywhere', tag: 'Admin users', summary: 'End every session of an account', access: 'admin', permission: 'users:manage', success: noContent() },
  { method: 'post', path: '/api/users/{id}/password-reset', tag: 'Admin users', summary: 'Mail the account a password reset code', access: 'admin', permission: 'users:manage', success: json(202, z.object({ sent: z.literal(true), message: z.string() })) },
  { method: 'post', path: '/api/users/{id}/second-factor/reset', tag: 'Admin users', summary: 'Remove an admin\'s second factor', access: 'admin', permission: 'users:manage', success: noContent() },
  { method: 'put', path: '/api/users/{id}/role', tag: 'Admin users', summary: 'Set role and admin permissions', access: 'admin', permission: 'roles:manage', body: roleAssignmentSchema, success: json(200, shape.roleAnswerShape) },
];

const extension: ApiRoute[] = [
  { method: 'get', path: '/api/extension/verify', tag: 'Extension', summary: 'Check a device\'s signed request', access: 'device', success: json(200, shape.extensionVerifyShape) },
  { method: 'post', path: '/api/extension/jobs/add', tag: 'Extension', summary: 'Record one job (`{ job }`)', access: 'device', body: z.object({ job: z.unknown() }).strict(), success: { ...json(201, shape.jobWriteResultShape, 'Created (200 when it updated or already had the job)'), alsoStatus: [200] }, errors: [409] },
  { method: 'post', path: '/api/extension/jobs/sync', tag: 'Extension', summary: 'Record several jobs (`{ jobs: [...] }`)', access: 'device', body: z.object({ jobs: z.array(z.unknown()) }).strict(), success: json(200, shape.jobSyncAnswerShape) },
  { method: 'get', path: '/api/extension/config', tag: 'Extension', summary: 'The detection rule set served to extensions', access: 'device', success: json(200, shape.extensionConfigShape) },
];

const ml: ApiRoute[] = [
  { method: 'post', path: '/api/ml/match', tag: 'ML', summary: 'How well a resume matches a job', access: 'user', body: mlBody(matchBodySchema), success: json(200, shape.mlAnswerShapes.match) },
  { method: 'post', path: '/api/ml/ats', tag: 'ML', summary: 'ATS check of a resume', access: 'user', body: atsBodySchema, success: json(200, shape.mlAnswerShapes.ats) },
  { method: 'post', path: '/api/ml/interview', tag: 'ML', summary: 'Odds of an interview', access: 'user', body: interviewBodySchema, success: json(200, shape.mlAnswerShapes.interview) },
  { method: 'post', path: '/api/ml/recommend', tag: 'ML', summary: 'Rank saved jobs to apply to next', access: 'user', body: mlBody(recommendBodySchema), success: json(200, shape.mlAnswerShapes.recommend) },
  { method: 'post', path: '/api/ml/resume/feedback', tag: 'ML', summary: 'Changes that would raise the match most', access: 'user', body: mlBody(feedbackBodySchema), success: json(200, shape.mlAnswerShapes.feedback) },
];

const rest: ApiRoute[] = [
  { method: 'get', path: '/api/jobs', tag: 'Jobs', summary: 'The user\'s jobs, filtered and paged', access: 'user', query: jobListQuerySchema, success: json(200, shape.jobPageShape) },
  { method: 'get', path: '/api/jobs/stats', tag: 'Jobs', summary: 'Counts of the user\'s jobs', access: 'user', success: json(200, shape.jobStatsShape) },
  { method: 'post', path: '/api/jobs', tag: 'Jobs', summary: 'Create a job', access: 'user', body: newJobSchema, success: json(201, shape.oneJobShape, 'Created'), errors: [409] },
  { method: 'post', path: '/api/jobs/bulk-update', tag: 'Jobs', summary: 'Apply the same change to several jobs', access: 'user', body: bulkUpdateSchema, success: json(200, shape.bulkUpdateAnswerShape) },
  { method: 'get', path: '/api/jobs/{id}', tag: 'Jobs', summary: 'One job (ETag: its revision)', access: 'user', success: json(200, shape.oneJobShape) },
  { method: 'put', path: '/api/jobs/{id}', tag: 'Jobs', summary: 'Change a job (If-Match or `_rev` for a revision check)', access: 'user', body: jobPatchSchema, success: json(200, shape.editedJobShape) },
  { method: 'delete', path: '/api/jobs/{id}', tag: 'Jobs', summary: 'Delete a job', access: 'user', success: noContent('Deleted') },
  { method: 'get', path: '/api/resumes', tag: 'Resumes', summary: 'The user\'s resumes, paged', access: 'user', query: resumeListQuerySchema, success: json(200, shape.resumePageShape) },
  { method: 'post', path: '/api/resumes', tag: 'Resumes', summary: 'Create a resume from parsed sections', access: 'user', body: newResumeSchema, success: json(201, shape.oneResumeShape, 'Created'), errors: [409] },
  { method: 'get', path: '/api/resumes/{id}', tag: 'Resumes', summary: 'One resume', access: 'user', success: json(200, shape.oneResumeShape) },
  { method: 'put', path: '/api/resumes/{id}', tag: 'Resumes', summary: 'Rename a resume or correct its sections', access: 'user', body: resumePatchSchema, success: json(200, shape.editedResumeShape) },
  { method: 'delete', path: '/api/resumes/{id}', tag: 'Resumes', summary: 'Delete a resume', access: 'user', success: noContent('Deleted') },
  { method: 'put', path: '/api/resumes/{id}/set-active', tag: 'Resumes', summary: 'Make a resume the one matching starts from', access: 'user', success: json(200, shape.activeResumeShape) },
  { method: 'post', path: '/api/resumes/{id}/analyze', tag: 'Resumes', summary: 'Analyse a resume (against a job when `jobId` is given)', access: 'user', body: analyzeSchema, success: json(200, shape.analysisShape) },
  { method: 'get', path: '/api/resumes/{id}/analysis', tag: 'Resumes', summary: 'The latest analysis of a resume', access: 'user', success: json(200, shape.analysisShape) },
  { method: 'get', path: '/api/analytics/user', tag: 'Analytics', summary: 'The user\'s insights', access: 'user', query: insightsQuerySchema, success: json(200, shape.computedShape) },
  { method: 'get', path: '/api/analytics/status', tag: 'Analytics', summary: 'Jobs by status', access: 'user', query: insightsQuerySchema, success: json(200, shape.computedShape) },
  { method: 'get', path: '/api/analytics/success-rates', tag: 'Analytics', summary: 'Response and offer rates', access: 'user', query: insightsQuerySchema, success: json(200, shape.computedShape) },
  { method: 'get', path: '/api/analytics/engagement', tag: 'Analytics', summary: 'Applications per week and response time', access: 'user', query: insightsQuerySchema, success: json(200, shape.computedShape) },
  { method: 'get', path: '/api/analytics/skill-gaps', tag: 'Analytics', summary: 'Skills the user\'s jobs ask for that the resume lacks', access: 'user', success: json(200, shape.anyObject) },
  { method: 'get', path: '/api/analytics/export', tag: 'Analytics', summary: 'The insights as a download', access: 'user', query: insightsQuerySchema, success: { status: 200, description: 'A file', contentType: 'application/octet-stream' } },
  { method: 'get', path: '/api/analytics/community', tag: 'Analytics', summary: 'Pooled figures from every user (small groups left out)', access: 'user', query: communityQuerySchema, success: json(200, shape.communityShape) },
];

const files: ApiRoute[] = [
  { method: 'get', path: '/api/files/resumes', tag: 'Files', summary: 'The stored resume originals', access: 'user', success: json(200, z.object({ files: z.array(shape.storedFileShape) })) },
  { method: 'put', path: '/api/files/resumes/{resumeId}', tag: 'Files', summary: 'Store a resume\'s original (PDF, DOCX, PNG or JPEG; `?name=`)', access: 'user', rawBody: 'application/octet-stream', success: { ...json(201, shape.storedFileShape, 'Stored (200 when it replaced one)'), alsoStatus: [200] }, errors: [409] },
  { method: 'post', path: '/api/files/resumes/{resumeId}/share', tag: 'Files', summary: 'Name an original already stored (by its hash) for another resume', access: 'user', body: shareBodySchema, success: { ...json(201, shape.storedFileShape, 'Named (200 when it replaced one)'), alsoStatus: [200] } },
  { method: 'get', path: '/api/files/resumes/{resumeId}', tag: 'Files', summary: 'Download an original', access: 'user', success: { status: 200, description: 'The file', contentType: 'application/octet-stream' } },
  { method: 'post', path: '/api/files/resumes/{resumeId}/parse', tag: 'Files', summary: 'Parse a stored original on the server', access: 'user', success: json(200, shape.anyObject), errors: [422] },
  { method: 'delete', path: '/api/files/resumes/{resumeId}', tag: 'Files', summary: 'Delete an original', access: 'user', success: noContent('Deleted') },
];

const description: ApiRoute[] = [
  { method: 'get', path: '/api/openapi.json', tag: 'API description', summary: 'This document', access: 'none', success: json(200, shape.anyObject) },
  { method: 'get', path: '/api/docs', tag: 'API description', summary: 'The documentation page for this document', access: 'none', success: { status: 200, description: 'An HTML page', contentType: 'text/html' } },
  { method: 'get', path: '/api/docs/start.js', tag: 'API description', summary: 'The documentation page\'s start-up script', access: 'none', success: { status: 200, description: 'JavaScript', contentType: 'text/javascript' } },
];

export const API_ROUTES: readonly ApiRoute[] = [...auth, ...account, ...admin, ...extension, ...ml, ...rest, ...files, ...description];
