import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { registerBodySchema } from './auth/validation';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limit/settings';
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from './sync/limits';
import type { BreakerSettings } from './ml/external/breaker';
import { LOG_LEVELS, type LogLevel } from './observability/log-levels';
import { readTracingConfig, TRACING_CONFIG_VARIABLES } from './observability/tracing-config';
import { OIDC_CONFIG_VARIABLES, readOidcConfig, type OidcConfig } from './oidc/config';
import { loadOrCreateDevSecrets } from './secrets';
import { DEFAULT_COUCH_PREFIX, readCouchConfig, type CouchConfig } from './storage/couch/config';
import { DEFAULT_WEEKLY_SUMMARY, type WeeklySummarySettings } from './weekly-summary/settings';

export { ConfigError };

/**
 * Server configuration, read once from environment variables at start-up.
 * Every variable is checked on its own so that one run reports every mistake,
 * one line per variable, instead of stopping at the first.
 */

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path. */
  dataDir: string;
  nodeEnv: NodeEnv;
  /** Base URL clients use to reach this server, without a trailing slash. */
  publicUrl: string;
  /** True when PUBLIC_URL was given; otherwise it follows the port actually bound. */
  publicUrlExplicit: boolean;
  jwtAccessSecret: string;
  jwtRefreshSecret: string;
  /** HMAC key of the stored one-time codes (sign-up, sign-in and reset codes); never a JWT secret. */
  otpHmacSecret: string;
  /** Where generated development secrets live, or null when all three came from the environment. */
  secretsFile: string | null;
  /** Exact web origins allowed besides browser-extension origins. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  syncBodyLimitBytes: number;
  /** Absolute path of the operator's detection rule set; it may not exist. */
  extensionRulesFile: string;
  /** Absolute path of the built admin console (npm run build:console), served at /admin. */
  adminConsoleDir: string;
  /** smtp:// or smtps:// URL of the mail server, or null to write mail into <dataDir>/outbox. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Shared store for rate limits and ML answers when several instances run; null keeps them in memory. */
  redisUrl: string | null;
  /** COUCHDB_URL: every database in that CouchDB (storage/couch); null keeps them embedded under dataDir. */
  couchdb: CouchConfig | null;
  /** An external ML service asked before the built-in engine (ML_SERVICE_URL); null when not configured. */
  mlService: { url: string; apiKey: string; timeoutMs: number; breaker?: Partial<BreakerSettings> } | null;
  /** Express `trust proxy`: how many reverse proxies in front set X-Forwarded-For (0: none). */
  trustProxyHops: number;
  /** Not environment variables: tests shorten or backdate them. */
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  otpTtlSeconds: number;
  otpMaxAttempts: number;
  otpResendCooldownSeconds: number;
  /**
   * With COUCHDB_URL, how long a cached user record (storage/cached-users.ts) is served before it
   * is read again, should the users database's change feed that drops changed records be down.
   */
  sharedUserRecordMaxAgeMs: number;
  rateLimits: RateLimitSettings;
  /** Quotas and bounds of /db (sync/limits.ts). */
  syncLimits: SyncLimits;
  /** Sign-in with an OpenID Connect provider (Google); null when not configured. */
  oidc: OidcConfig | null;
  /** ADMIN_EMAIL/ADMIN_PASSWORD: the first owner, made on the first start only (admin/first-owner.ts); null when unset. */
  adminBootstrap: { email: string; password: string } | null;
  /** AUDIT_RETENTION_DAYS: audit entries older than this are pruned (audit/retention.ts); null keeps them forever. */
  auditRetentionDays: number | null;
  /** LOG_LEVEL: the least severe level written (observability/logger.ts). */
  logLevel: LogLevel;
  /** METRICS_TOKEN: the bearer token /metrics asks for; null leaves /metrics off. */
  metricsToken: string | null;
  /** Not an environment variable: how often the weekly summary scheduler looks for mails to send (tests shorten it); null: never. */
  weeklySummary: WeeklySummarySettings | null;
  /** ANALYTICS_MIN_GROUP: platform analytics hide any group of fewer users than this (shared/analytics/suppress.ts). */
  analyticsMinGroup: number;
}

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

const MIB = 1024 * 1024;
const DEFAULT_PORT = 5000;
const MIN_SECRET_LENGTH = 32;
const MIN_API_KEY_LENGTH = 16;
const DEFAULT_ML_TIMEOUT_MS = 2000;

/** The single list of supported variables; the README copies it. */
/** Where vite.console.config.ts writes the console, relative to the working directory. */
export const DEFAULT_ADMIN_CONSOLE_DIR = 'dist/admin-console';

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'PORT', default: String(DEFAULT_PORT), description: 'TCP port to listen on (0 picks a free port).' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to bind. Use 0.0.0.0 only behind a TLS-terminating reverse proxy.' },
  { name: 'DATA_DIR', default: './data', description: 'Where databases and generated secrets are stored (resolved to an absolute path).' },
  { name: 'NODE_ENV', default: 'development', description: 'development, production or test. Production requires JWT_ACCESS_SECRET, JWT_REFRESH_SECRET and OTP_HMAC_SECRET.' },
  { name: 'PUBLIC_URL', default: 'http://localhost:<PORT>', description: 'Base URL clients reach the server at; used to build sync URLs.' },
  { name: 'JWT_ACCESS_SECRET', default: '(generated in development/test)', description: `Secret for access tokens, at least ${MIN_SECRET_LENGTH} characters. Required in production; otherwise generated once and kept in DATA_DIR/secrets.json.` },
  { name: 'JWT_REFRESH_SECRET', default: '(generated in development/test)', description: `Secret for refresh tokens, at least ${MIN_SECRET_LENGTH} characters, different from JWT_ACCESS_SECRET. Same rules as JWT_ACCESS_SECRET.` },
  { name: 'OTP_HMAC_SECRET', default: '(generated in development/test)', description: `Key of the HMAC under which one-time codes (email verification and password reset) are stored, at least ${MIN_SECRET_LENGTH} characters, different from both JWT secrets. Same rules as JWT_ACCESS_SECRET.` },
  { name: 'CORS_ORIGINS', default: '(none)', description: 'Comma-separated extra web origins allowed to call the server. chrome-extension:// and moz-extension:// origins are always allowed.' },
  { name: 'BODY_LIMIT_BYTES', default: String(MIB), description: 'Largest JSON body accepted by the /api routes.' },
  { name: 'SYNC_BODY_LIMIT_BYTES', default: String(10 * MIB), description: 'Largest body accepted by replication (/db) routes.' },
  { name: 'EXTENSION_RULES_FILE', default: '<DATA_DIR>/extension-rules.json', description: 'A detection rule set (JSON) to serve to extensions at /api/extension/config when its version is higher than the built-in one\'s and than the newest set uploaded from the admin console; a relative path is taken from DATA_DIR. Re-read when it changes; an invalid file is logged and ignored.' },
  { name: 'ADMIN_CONSOLE_DIR', default: DEFAULT_ADMIN_CONSOLE_DIR, description: 'The built admin console (npm run build:console), served at /admin; a relative path is taken from the working directory.' },
  { name: 'SMTP_URL', default: '(none: mail goes to <DATA_DIR>/outbox)', description: 'Mail server as a URL, e.g. smtps://user:password@smtp.example.com:465 or smtp://user:password@smtp.example.com:587 (STARTTLS). Without it every message is written as an .eml file into DATA_DIR/outbox and codes are logged: a development fallback on the disk of one instance, which no user receives; set it in production.' },
  { name: 'MAIL_FROM', default: 'TrackRuit <no-reply@localhost>', description: 'Sender of account mail (verification codes, password reset, security alerts).' },
  { name: 'REDIS_URL', default: '(none: in memory)', description: 'redis:// URL of a Redis server that keeps the rate-limit counters, the signed requests already seen and the ML answers (for a day), so several server instances share them. While it is unreachable, ML answers are computed without it.' },
  { name: 'COUCHDB_URL', default: '(none: embedded PouchDB under DATA_DIR)', description: 'http(s)://user:password@host:5984 of an Apache CouchDB (or compatible) server, with the credentials of a server admin: users, tokens, the server\'s own data and one database per user (q=1, admitting only this credential) are kept there, and replication passes through the sync gate to it. The credentials are never logged; users never get them.' },
  { name: 'COUCHDB_DB_PREFIX', default: DEFAULT_COUCH_PREFIX, description: 'Prepended to every database name the server makes in COUCHDB_URL, so several deployments (or test runs) can share one CouchDB.' },
  { name: 'ML_SERVICE_URL', default: '(none: built-in engine only)', description: 'Base http(s) URL of an external ML service with the /ml/match, /ml/recommend, /ml/interview, /ml/resume/feedback and /ml/ats contract (`npm run ml-service` is one). The server asks it first, through a circuit breaker, and answers with its built-in engine when it is slow, failing or answers malformed JSON.' },
  { name: 'ML_SERVICE_API_KEY', default: '(none)', description: `Sent as X-API-Key to ML_SERVICE_URL; required with it, at least ${MIN_API_KEY_LENGTH} characters.` },
  { name: 'ML_SERVICE_TIMEOUT_MS', default: String(DEFAULT_ML_TIMEOUT_MS), description: 'How long the server waits for the external ML service before answering with the built-in engine.' },
  { name: 'TRUST_PROXY', default: '0', description: 'Number of reverse proxies in front of the server whose X-Forwarded-For is trusted for the client address (rate limits, sign-in alerts).' },
  ...OIDC_CONFIG_VARIABLES,
  { name: 'ADMIN_EMAIL', default: '(none)', description: 'With ADMIN_PASSWORD: on the first start with no owner yet, this account becomes the owner (created, verified, with ADMIN_PASSWORD, when it does not exist; an existing verified account keeps its own password). Recorded in DATA_DIR/first-owner.json (with COUCHDB_URL: in the server_settings database, so of several instances starting at once one makes the owner) and never done again; `npm run admin -- create-owner <email>` is the alternative.' },
  { name: 'ADMIN_PASSWORD', default: '(none)', description: 'Password of the first owner when ADMIN_EMAIL names no account yet; same strength rules as sign-up. Never logged; remove it from the environment once the owner exists.' },
  { name: 'ANALYTICS_MIN_GROUP', default: '10', description: 'Platform analytics (the admin console, the pooled figures job seekers see) hide every group of fewer users than this, and enough other groups that totals cannot reveal a hidden one. Most US states publish placement figures with a minimum of 10.' },
  { name: 'AUDIT_RETENTION_DAYS', default: '(none: kept forever)', description: 'Days the audit log (DATA_DIR/audit/log.jsonl, or with COUCHDB_URL the audit_log database) keeps an entry. Older entries are removed at start and daily; an audit.pruned entry records the last one removed, so npm run audit:verify still checks what remains.' },
  { name: 'LOG_LEVEL', default: 'info (warn when NODE_ENV=test)', description: `Least severe log level written: ${LOG_LEVELS.join(', ')}. Logs are JSON lines on standard output, one per request with its request id (X-Request-Id); bodies, headers and query strings are never logged.` },
  { name: 'METRICS_TOKEN', default: '(none: /metrics is off)', description: `Bearer token (at least ${MIN_API_KEY_LENGTH} characters) a Prometheus scraper sends to read GET /metrics; without it the route answers 404, with a wrong or missing token 401.` },
  // Read before everything else, by observability/tracing-preload.ts; checked here with the rest.
  ...TRACING_CONFIG_VARIABLES,
];

type Env = Record<string, string | undefined>;

const integerIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be an integer between ${min} and ${max}`).max(max, `must be an integer between ${min} and ${max}`));

const originSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
});

const schemas = {
  PORT: integerIn(0, 65535),
  HOST: z.string().regex(/^[^\s/]+$/, 'must be a host name or IP address'),
  NODE_ENV: z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` }),
  PUBLIC_URL: z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL without query, fragment or credentials'),
  BODY_LIMIT_BYTES: integerIn(1024, 100 * MIB),
  SYNC_BODY_LIMIT_BYTES: integerIn(1024, 1024 * MIB),
  SMTP_URL: z.string().refine((value) => {
    try {
      return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().max(320).regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address like "TrackRuit <no-reply@example.com>"'),
  REDIS_URL: z.string().refine((value) => {
    try {
      return ['redis:', 'rediss:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be a redis:// or rediss:// URL'),
  TRUST_PROXY: integerIn(0, 10),
  ML_SERVICE_URL: z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL without query, fragment or credentials (the key goes in ML_SERVICE_API_KEY)'),
  ML_SERVICE_TIMEOUT_MS: integerIn(50, 60_000),
  AUDIT_RETENTION_DAYS: integerIn(1, 36500),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
  METRICS_TOKEN: z.string().min(MIN_API_KEY_LENGTH, `must be at least ${MIN_API_KEY_LENGTH} characters`).regex(/^[A-Za-z0-9._~+/=-]+$/, 'must be a bearer token (letters, digits and ._~+/=-)'),
  ANALYTICS_MIN_GROUP: integerIn(2, 10_000),
} as const;

/** Treats an empty variable like an absent one: `PORT=` in a .env file means "default". */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** DATA_DIR as the server resolves it; the operator commands (scripts/admin.ts, audit-verify.ts) need nothing else. */
export function dataDirFrom(env: Env): string {
  return path.resolve(read(env, 'DATA_DIR') ?? './data');
}

/**
 * Builds the configuration from `env`. Pure except that, outside production,
 * missing JWT and one-time-code secrets are read from (or generated into) DATA_DIR/secrets.json.
 * Throws ConfigError listing one line per bad variable.
 */
export function loadConfig(env: Env = process.env): ServerConfig {
  const errors: string[] = [];

  function parse<T>(name: keyof typeof schemas, fallback: string, schema: z.ZodType<T, string>): T | undefined {
    const raw = read(env, name) ?? fallback;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    errors.push(`${name}: ${result.error.issues[0]?.message ?? 'is invalid'} (got ${JSON.stringify(raw)})`);
    return undefined;
  }

  const port = parse('PORT', String(DEFAULT_PORT), schemas.PORT);
  const host = parse('HOST', '127.0.0.1', schemas.HOST);
  const nodeEnv = parse('NODE_ENV', 'development', schemas.NODE_ENV);
  const publicUrlRaw = read(env, 'PUBLIC_URL');
  const publicUrl = publicUrlRaw === undefined ? undefined : parse('PUBLIC_URL', '', schemas.PUBLIC_URL);
  const bodyLimitBytes = parse('BODY_LIMIT_BYTES', String(MIB), schemas.BODY_LIMIT_BYTES);
  const syncBodyLimitBytes = parse('SYNC_BODY_LIMIT_BYTES', String(10 * MIB), schemas.SYNC_BODY_LIMIT_BYTES);
  const dataDir = dataDirFrom(env);
  const smtpUrl = read(env, 'SMTP_URL') === undefined ? null : parse('SMTP_URL', '', schemas.SMTP_URL);
  const mailFrom = parse('MAIL_FROM', 'TrackRuit <no-reply@localhost>', schemas.MAIL_FROM);
  const redisUrl = read(env, 'REDIS_URL') === undefined ? null : parse('REDIS_URL', '', schemas.REDIS_URL);
  const trustProxyHops = parse('TRUST_PROXY', '0', schemas.TRUST_PROXY);
  const couchdb = readCouchConfig((name) => read(env, name), errors);
  const mlService = readMlService(env, errors, (name, schema) => parse(name, '', schema));
  const oidc = readOidcConfig((name) => read(env, name), errors, { production: nodeEnv === 'production' });
  const extensionRulesFile = path.resolve(dataDir, read(env, 'EXTENSION_RULES_FILE') ?? 'extension-rules.json');
  const adminBootstrap = readAdminBootstrap(env, errors);
  const adminConsoleDir = path.resolve(read(env, 'ADMIN_CONSOLE_DIR') ?? DEFAULT_ADMIN_CONSOLE_DIR);
  const analyticsMinGroup = parse('ANALYTICS_MIN_GROUP', '10', schemas.ANALYTICS_MIN_GROUP);
  const auditRetentionDays = read(env, 'AUDIT_RETENTION_DAYS') === undefined ? null : parse('AUDIT_RETENTION_DAYS', '', schemas.AUDIT_RETENTION_DAYS) ?? null;
  const logLevel = parse('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', schemas.LOG_LEVEL);
  // Parsed without echoing it: a token in an error line would end up in the log.
  const metricsTokenRaw = read(env, 'METRICS_TOKEN');
  const metricsToken = metricsTokenRaw === undefined ? null : schemas.METRICS_TOKEN.safeParse(metricsTokenRaw).success ? metricsTokenRaw : undefined;
  if (metricsToken === undefined) errors.push(`METRICS_TOKEN: must be at least ${MIN_API_KEY_LENGTH} characters of letters, digits and ._~+/=- (got ${metricsTokenRaw?.length ?? 0} characters)`);

  readTracingConfig((name) => read(env, name), errors);

  const corsOrigins: string[] = [];
  for (const entry of (read(env, 'CORS_ORIGINS') ?? '').split(',')) {
    const origin = entry.trim().replace(/\/+$/, '');
    if (!origin) continue;
    if (originSchema.safeParse(origin).success) corsOrigins.push(origin);
    else errors.push(`CORS_ORIGINS: each entry must be an origin like https://app.example.com, without path or wildcard (got ${JSON.stringify(entry.trim())})`);
  }

  // Secrets are never echoed back, only their length.
  const secretFromEnv = (name: 'JWT_ACCESS_SECRET' | 'JWT_REFRESH_SECRET' | 'OTP_HMAC_SECRET'): string | undefined => {
    const value = read(env, name);
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      errors.push(`${name}: must be at least ${MIN_SECRET_LENGTH} characters (got ${value.length} characters)`);
      return undefined;
    }
    if (value === undefined && nodeEnv === 'production') {
      errors.push(`${name}: is required when NODE_ENV=production (at least ${MIN_SECRET_LENGTH} random characters, e.g. \`openssl rand -base64 48\`)`);
    }
    return value;
  };
  let jwtAccessSecret = secretFromEnv('JWT_ACCESS_SECRET');
  let jwtRefreshSecret = secretFromEnv('JWT_REFRESH_SECRET');
  if (jwtAccessSecret !== undefined && jwtAccessSecret === jwtRefreshSecret) {
    errors.push('JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET');
  }
  let otpHmacSecret = secretFromEnv('OTP_HMAC_SECRET');
  if (otpHmacSecret !== undefined && (otpHmacSecret === jwtAccessSecret || otpHmacSecret === jwtRefreshSecret)) {
    errors.push('OTP_HMAC_SECRET: must differ from JWT_ACCESS_SECRET and JWT_REFRESH_SECRET');
  }

  if (errors.length > 0 || port === undefined || host === undefined || nodeEnv === undefined
    || bodyLimitBytes === undefined || syncBodyLimitBytes === undefined
    || smtpUrl === undefined || mailFrom === undefined || redisUrl === undefined || trustProxyHops === undefined
    || logLevel === undefined || metricsToken === undefined || analyticsMinGroup === undefined) {
    throw new ConfigError(errors);
  }

  // Only touch the disk once everything else is known to be valid.
  let secretsFile: string | null = null;
  if (jwtAccessSecret === undefined || jwtRefreshSecret === undefined || otpHmacSecret === undefined) {
    const stored = loadOrCreateDevSecrets(dataDir);
    secretsFile = stored.file;
    jwtAccessSecret ??= stored.secrets.jwtAccessSecret;
    jwtRefreshSecret ??= stored.secrets.jwtRefreshSecret;
    otpHmacSecret ??= stored.secrets.otpHmacSecret;
  }

  return {
    port,
    host,
    dataDir,
    nodeEnv,
    publicUrl: (publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    publicUrlExplicit: publicUrl !== undefined,
    jwtAccessSecret,
    jwtRefreshSecret,
    otpHmacSecret,
    secretsFile,
    corsOrigins,
    bodyLimitBytes,
    syncBodyLimitBytes,
    extensionRulesFile,
    adminConsoleDir,
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlSeconds: 7 * 24 * 60 * 60,
    smtpUrl,
    mailFrom,
    redisUrl,
    couchdb,
    mlService,
    trustProxyHops,
    otpTtlSeconds: 10 * 60,
    otpMaxAttempts: 5,
    otpResendCooldownSeconds: 60,
    sharedUserRecordMaxAgeMs: 30_000,
    rateLimits: DEFAULT_RATE_LIMITS,
    syncLimits: DEFAULT_SYNC_LIMITS,
    oidc,
    adminBootstrap,
    auditRetentionDays,
    logLevel,
    metricsToken,
    weeklySummary: DEFAULT_WEEKLY_SUMMARY,
    analyticsMinGroup,
  };
}

/** ML_SERVICE_URL with its key, or neither. The key is never echoed, only its length. */
function readMlService(env: Env, errors: string[], parse: <T>(name: 'ML_SERVICE_URL' | 'ML_SERVICE_TIMEOUT_MS', schema: z.ZodType<T, string>) => T | undefined): ServerConfig['mlService'] {
  const timeoutMs = read(env, 'ML_SERVICE_TIMEOUT_MS') === undefined ? DEFAULT_ML_TIMEOUT_MS : parse('ML_SERVICE_TIMEOUT_MS', schemas.ML_SERVICE_TIMEOUT_MS);
  const rawUrl = read(env, 'ML_SERVICE_URL');
  const apiKey = read(env, 'ML_SERVICE_API_KEY');
  if (rawUrl === undefined) {
    if (apiKey !== undefined) errors.push('ML_SERVICE_API_KEY: is set but ML_SERVICE_URL is not');
    return null;
  }
  const url = parse('ML_SERVICE_URL', schemas.ML_SERVICE_URL);
  if (apiKey === undefined) errors.push('ML_SERVICE_API_KEY: is required when ML_SERVICE_URL is set');
  else if (apiKey.length < MIN_API_KEY_LENGTH) errors.push(`ML_SERVICE_API_KEY: must be at least ${MIN_API_KEY_LENGTH} characters (got ${apiKey.length} characters)`);
  if (url === undefined || apiKey === undefined || apiKey.length < MIN_API_KEY_LENGTH || timeoutMs === undefined) return null;
  return { url: url.replace(/\/+$/, ''), apiKey, timeoutMs };
}

/** Both or neither; checked like a sign-up. The password is not trimmed (spaces count) and never echoed. */
function readAdminBootstrap(env: Env, errors: string[]): ServerConfig['adminBootstrap'] {
  const email = read(env, 'ADMIN_EMAIL');
  const password = env.ADMIN_PASSWORD === undefined || env.ADMIN_PASSWORD.trim() === '' ? undefined : env.ADMIN_PASSWORD;
  if (email === undefined && password === undefined) return null;
  if (email === undefined || password === undefined) {
    errors.push(`${email === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'}: is required when ${email === undefined ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'} is set`);
    return null;
  }
  const result = registerBodySchema.safeParse({ email, password, name: 'Owner' });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] === 'email' ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
      errors.push(field === 'ADMIN_EMAIL' ? `ADMIN_EMAIL: ${issue.message} (got ${JSON.stringify(email)})` : `ADMIN_PASSWORD: ${issue.message}`);
    }
    return null;
  }
  return { email: result.data.email, password };
}
