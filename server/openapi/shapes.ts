import { z } from 'zod';
import type { CommunityFigures, PlatformAnalyticsReport, RuleSetAdminView, ServicesState } from '../../shared/admin/console-api';
import { ADMIN_PERMISSIONS, ROLES } from '../../shared/admin/permissions';
import type { UserStats, UserSummary } from '../../shared/admin/user-directory';
import { ruleSetSchema } from '../../shared/rules/schema';
import { jobSchema } from '../../shared/schema/job';
import { resumeSchema } from '../../shared/resume/doc/resume-doc';
import { auditEntrySchema } from '../audit/chain';
import type { UserDetail } from '../admin/users-service';
import type { StoredFileInfo } from '../files/store';
import { answerSchemas } from '../ml/external/answers';

/**
 * The answers' shapes, for the API description only: the routes build their
 * answers in code (see each route), and tests/integration/openapi.test.ts
 * checks real answers against these, so a shape that drifts from the route
 * fails there. Objects are open (extra fields allowed) unless the route
 * promises a closed set; the fields listed are required where the route
 * always sends them.
 */

const isoDate = z.string().describe('ISO 8601 date and time');
const permission = z.enum(ADMIN_PERMISSIONS);

export const errorShape = z.object({
  error: z.object({
    code: z.string().describe('machine-readable, e.g. validation_failed'),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe('per field: what is wrong with it'),
  }),
});

/** Any JSON object: the route's answer is not described field by field yet. */
export const anyObject = z.looseObject({});

/** Hidden when the group is smaller than the minimum (see shared/admin/console-api.ts). */
const groupFigure = z.number().nullable();

export const publicUserShape = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  createdAt: isoDate,
  role: z.enum(ROLES),
  emailVerified: z.boolean(),
  avatarUrl: z.string().nullable(),
  preferences: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hasPassword: z.boolean(),
});

export const tokenPairShape = z.looseObject({ accessToken: z.string(), refreshToken: z.string() });

export const sessionShape = tokenPairShape.extend({ user: publicUserShape, syncUrl: z.string() });

export const verificationSentShape = z.object({ verificationRequired: z.literal(true), email: z.string(), message: z.string() });
export const resetSentShape = z.object({ email: z.string(), message: z.string() });
export const passwordResetShape = z.object({ passwordReset: z.literal(true), message: z.string() });
export const meShape = z.object({ user: publicUserShape, syncUrl: z.string() });
export const userAnswerShape = z.object({ user: publicUserShape });

export const providersShape = z.object({
  oidc: z.union([z.object({ enabled: z.literal(true), name: z.string() }), z.object({ enabled: z.literal(false) })]),
});

export const deviceShape = z.object({ id: z.string(), name: z.string(), createdAt: isoDate, thumbprint: z.string() });
export const deviceListShape = z.object({ devices: z.array(deviceShape) });

/** A job as the REST API answers it: the stored document's state and its revision. */
export const jobAnswerShape = jobSchema.extend({ _rev: z.string() });
export const resumeAnswerShape = resumeSchema.extend({ _rev: z.string() });
const nextCursor = z.string().nullable().describe('pass as `cursor` for the next page; null on the last');
export const jobPageShape = z.object({ jobs: z.array(jobAnswerShape), nextCursor });
export const oneJobShape = z.object({ job: jobAnswerShape });
export const editedJobShape = z.object({ job: jobAnswerShape, status: z.enum(['updated', 'unchanged']), merged: z.boolean().describe('whether the edit was made against an older revision and merged with the changes since') });
export const bulkUpdateAnswerShape = z.object({
  results: z.array(z.object({ id: z.string(), status: z.enum(['updated', 'unchanged', 'not_found', 'invalid']), _rev: z.string().optional(), fields: z.record(z.string(), z.string()).optional() })),
  updated: z.number().int(),
  unchanged: z.number().int(),
  notFound: z.number().int(),
  invalid: z.number().int(),
});
export const resumePageShape = z.object({ resumes: z.array(resumeAnswerShape), nextCursor });
export const oneResumeShape = z.object({ resume: resumeAnswerShape });
export const editedResumeShape = z.object({ resume: resumeAnswerShape, status: z.enum(['updated', 'unchanged']), merged: z.boolean() });
export const activeResumeShape = z.object({ activeResumeId: z.string() });
export const analysisShape = z.object({ analysis: z.unknown() });

/** Answers of the user's own analytics: always say when they were computed and whether from the cache. */
export const computedShape = z.looseObject({ computedAt: isoDate, cached: z.boolean() });

export const communityShape = z.object({
  generatedAt: isoDate,
  minGroup: z.number().int(),
  companies: z.array(z.object({ company: z.string(), medianResponseDays: z.number(), users: z.number().int() })),
  sites: z.array(z.object({ site: z.string(), responseRate: z.number(), users: z.number().int() })),
}) satisfies z.ZodType<CommunityFigures>;

export const userSummaryShape = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  permissions: z.array(permission),
  emailVerified: z.boolean(),
  disabled: z.boolean(),
  createdAt: isoDate,
  lastActiveAt: isoDate.nullable(),
  lastSyncAt: isoDate.nullable(),
}) satisfies z.ZodType<UserSummary>;

export const userPageShape = z.object({ users: z.array(userSummaryShape), total: z.number().int(), nextCursor });

export const userStatsShape = z.object({
  total: z.number().int(),
  byRole: z.record(z.enum(ROLES), z.number().int()),
  verified: z.number().int(),
  unverified: z.number().int(),
  disabled: z.number().int(),
  activeLastDay: z.number().int(),
  activeLast7Days: z.number().int(),
  activeLast30Days: z.number().int(),
  newLast7Days: z.number().int(),
  newLast30Days: z.number().int(),
}) satisfies z.ZodType<UserStats>;

export const roleAnswerShape = z.object({ user: z.object({ id: z.string(), email: z.string(), role: z.enum(ROLES), permissions: z.array(permission) }) });

export const adminMeShape = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), permissions: z.array(permission) }),
});

export const adminTokenShape = z.looseObject({ accessToken: z.string() });

export const servicesShape = z.object({
  ml: z.object({ engine: z.enum(['built-in', 'external']), semantic: z.boolean(), breaker: z.enum(['closed', 'open', 'half-open']).nullable() }),
  mail: z.object({ configured: z.boolean(), sent: z.number().int(), failed: z.number().int(), lastError: z.string().optional() }),
  redis: z.object({ configured: z.boolean(), connected: z.boolean() }),
  storage: z.object({ mode: z.enum(['embedded', 'couchdb']), users: z.number().int(), databases: z.number().int() }),
}) satisfies z.ZodType<ServicesState>;

export const ruleSetViewShape = z.object({
  active: z.object({ version: z.string(), source: z.enum(['built-in', 'file', 'uploaded']), uploadedAt: isoDate.optional(), uploadedBy: z.string().optional(), ruleSet: z.unknown() }),
  history: z.array(z.object({ version: z.string(), uploadedAt: isoDate, uploadedBy: z.string() })),
}) satisfies z.ZodType<RuleSetAdminView>;

/** The audit log's own entry schema, as written and hash-chained (server/audit/chain.ts). */
export const auditPageShape = z.object({ entries: z.array(auditEntrySchema), nextBeforeSeq: z.number().int().nullable() });


export const extensionVerifyShape = z.object({
  ok: z.literal(true),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  device: deviceShape,
});

/** Every ML answer names the engine that produced it and whether it came from the cache (server/ml/engine.ts). */
const engineFields = { engine: z.enum(['external', 'offline', 'server']), cached: z.boolean() };
export const mlAnswerShapes = {
  match: answerSchemas.match.extend(engineFields),
  ats: answerSchemas.ats.extend(engineFields),
  interview: z.union(answerSchemas.interview.options.map((option) => option.extend(engineFields))),
  recommend: answerSchemas.recommend.extend(engineFields),
  feedback: answerSchemas.feedback.extend(engineFields),
};

/** One job written by the extension routes (server/devices/jobs.ts). */
export const jobWriteResultShape = z.union([
  z.object({ id: z.string(), status: z.enum(['created', 'updated', 'unchanged']) }),
  z.object({ id: z.string().optional(), status: z.literal('invalid'), fields: z.record(z.string(), z.string()) }),
]);
export const jobSyncAnswerShape = z.object({
  results: z.array(jobWriteResultShape),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
});

/** GET /api/users/{id}: the account's summary and counts, never its contents (server/admin/users-service.ts). */
const userDetailUser = userSummaryShape.extend({ disabledAt: isoDate.nullable(), hasPassword: z.boolean(), signsInWithOidc: z.boolean(), secondFactorEnrolled: z.boolean() });

export const userDetailShape = z.object({
  user: userDetailUser,
  counts: z.object({ applications: z.number().int(), resumes: z.number().int(), devices: z.number().int(), resumeFiles: z.number().int() }),
  storage: z.object({ databaseBytes: z.number(), fileBytes: z.number(), totalBytes: z.number() }),
  devices: z.array(z.object({ id: z.string(), name: z.string(), createdAt: isoDate })),
}) satisfies z.ZodType<UserDetail>;

/** PUT /api/users/{id}: the changed account as its page shows it. */
export const updatedUserShape = z.object({ user: userDetailUser });

/** GET /api/users/dashboard: the recent audit entries only for those who may read the audit log. */
export const dashboardShape = z.object({ stats: userStatsShape, newestUsers: z.array(userSummaryShape), recentActivity: z.array(auditEntrySchema).nullable() });

export const secondFactorStatusShape = z.object({ enrolled: z.boolean(), confirmedAt: isoDate.nullable(), recoveryCodesLeft: z.number().int() });

/** GET /api/jobs/stats. */
export const jobStatsShape = z.looseObject({ total: z.number().int(), active: z.number().int(), statuses: z.unknown(), bySite: z.unknown(), responseRate: z.unknown() });

/** GET /api/extension/config: the rule set served now. */
export const extensionConfigShape = z.object({ rules: ruleSetSchema });

const countRow = z.object({ key: z.string(), applications: groupFigure, users: groupFigure });
const activePoint = z.object({ period: z.string(), users: groupFigure });

/** GET /api/admin/analytics: the shared contract's report. */
export const platformReportShape = z.object({
  generatedAt: isoDate,
  minGroup: z.number().int(),
  contributors: z.number().int(),
  applicationsByMonth: z.array(countRow),
  bySite: z.array(countRow.extend({ responseRate: groupFigure, interviewRate: groupFigure, offerRate: groupFigure, medianResponseDays: groupFigure })),
  byLocation: z.array(countRow),
  byStatus: z.array(countRow),
  byCompany: z.array(z.object({ company: z.string(), medianResponseDays: groupFigure, users: groupFigure })),
  activeUsers: z.object({ daily: z.array(activePoint), weekly: z.array(activePoint), monthly: z.array(activePoint) }),
  captures: z.object({ automatic: groupFigure, manual: groupFigure }),
  captureHealth: z.array(z.object({ day: z.string(), site: z.string(), layout: z.string(), captures: groupFigure })),
}) satisfies z.ZodType<PlatformAnalyticsReport>;

/** A stored resume original (server/files/store.ts). */
export const storedFileShape = z.object({
  resumeId: z.string(),
  size: z.number().int(),
  contentType: z.enum(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/png', 'image/jpeg']),
  sha256: z.string(),
  uploadedAt: isoDate,
  fileName: z.string(),
}) satisfies z.ZodType<StoredFileInfo>;
