import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../server/config';

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackruit-config-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const SECRET_A = 'a'.repeat(40);
const SECRET_B = 'b'.repeat(40);
const SECRET_C = 'c'.repeat(40);

function configErrorLines(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).lines;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig defaults', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 5000,
      host: '127.0.0.1',
      dataDir,
      nodeEnv: 'development',
      publicUrl: 'http://localhost:5000',
      publicUrlExplicit: false,
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      syncBodyLimitBytes: 10 * 1024 * 1024,
      extensionRulesFile: path.join(dataDir, 'extension-rules.json'),
      accessTokenTtlSeconds: 15 * 60,
      refreshTokenTtlSeconds: 7 * 24 * 3600,
    });
  });

  it('resolves DATA_DIR to an absolute path and derives PUBLIC_URL from PORT', () => {
    const relative = path.relative(process.cwd(), path.join(dataDir, 'nested'));
    const config = loadConfig({ DATA_DIR: relative, PORT: '8080' });
    expect(config.dataDir).toBe(path.join(dataDir, 'nested'));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://sync.example.com/',
      JWT_ACCESS_SECRET: SECRET_A,
      JWT_REFRESH_SECRET: SECRET_B,
      OTP_HMAC_SECRET: SECRET_C,
      CORS_ORIGINS: 'https://app.example.com, http://localhost:3000',
      BODY_LIMIT_BYTES: '2048',
      SYNC_BODY_LIMIT_BYTES: '4096',
      EXTENSION_RULES_FILE: '/etc/trackruit/rules.json',
      AUDIT_RETENTION_DAYS: '365',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      nodeEnv: 'production',
      publicUrl: 'https://sync.example.com',
      publicUrlExplicit: true,
      jwtAccessSecret: SECRET_A,
      jwtRefreshSecret: SECRET_B,
      otpHmacSecret: SECRET_C,
      secretsFile: null,
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
      bodyLimitBytes: 2048,
      syncBodyLimitBytes: 4096,
      extensionRulesFile: '/etc/trackruit/rules.json',
      auditRetentionDays: 365,
    });
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('reads LOG_LEVEL (warn by default in tests) and METRICS_TOKEN, and refuses a short token without echoing it', () => {
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' })).toMatchObject({ logLevel: 'warn', metricsToken: null });
    expect(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'debug', METRICS_TOKEN: 'scrape-token-0123456789' })).toMatchObject({ logLevel: 'debug', metricsToken: 'scrape-token-0123456789' });
    let lines: string[] = [];
    try {
      loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'loud', METRICS_TOKEN: 'short-secret' });
    } catch (error) {
      lines = (error as ConfigError).lines;
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^LOG_LEVEL: must be one of/);
    expect(lines[1]).toMatch(/^METRICS_TOKEN: must be at least 16 characters.*\(got 12 characters\)$/);
    expect(lines.join('\n')).not.toContain('short-secret');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '', CORS_ORIGINS: '' })).toMatchObject({ port: 5000, corsOrigins: [] });
  });

  it('documents every variable it reads, once', () => {
    const names = CONFIG_VARIABLES.map((variable) => variable.name);
    expect(names).toEqual(['PORT', 'HOST', 'DATA_DIR', 'NODE_ENV', 'PUBLIC_URL', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'OTP_HMAC_SECRET',
      'CORS_ORIGINS', 'BODY_LIMIT_BYTES', 'SYNC_BODY_LIMIT_BYTES', 'EXTENSION_RULES_FILE', 'ADMIN_CONSOLE_DIR', 'SMTP_URL', 'MAIL_FROM', 'REDIS_URL', 'COUCHDB_URL', 'COUCHDB_DB_PREFIX', 'ML_SERVICE_URL', 'ML_SERVICE_API_KEY', 'ML_SERVICE_TIMEOUT_MS', 'TRUST_PROXY',
      'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_SCOPES', 'OIDC_EXTENSION_IDS',
      'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'ANALYTICS_MIN_GROUP', 'AUDIT_RETENTION_DAYS', 'LOG_LEVEL', 'METRICS_TOKEN',
      'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_SERVICE_NAME', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']);
    for (const variable of CONFIG_VARIABLES) {
      expect(variable.default.length).toBeGreaterThan(0);
      expect(variable.description.length).toBeGreaterThan(10);
    }
  });
});

describe('loadConfig errors', () => {
  it('reports one line per bad variable', () => {
    const lines = configErrorLines({
      DATA_DIR: dataDir,
      PORT: 'abc',
      NODE_ENV: 'prod',
      PUBLIC_URL: 'ftp://example.com',
      BODY_LIMIT_BYTES: '12',
      SYNC_BODY_LIMIT_BYTES: '1.5',
      CORS_ORIGINS: 'https://ok.example.com,*',
    });
    expect(lines).toEqual([
      'PORT: must be an integer between 0 and 65535 (got "abc")',
      'NODE_ENV: must be one of development, production, test (got "prod")',
      'PUBLIC_URL: must be an absolute http(s) URL without query, fragment or credentials (got "ftp://example.com")',
      'BODY_LIMIT_BYTES: must be an integer between 1024 and 104857600 (got "12")',
      'SYNC_BODY_LIMIT_BYTES: must be an integer between 1024 and 1073741824 (got "1.5")',
      'CORS_ORIGINS: each entry must be an origin like https://app.example.com, without path or wildcard (got "*")',
    ]);
  });

  it('takes an external ML service with its key, or neither, and never echoes the key', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).mlService).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir, ML_SERVICE_URL: 'https://ml.internal:7000/', ML_SERVICE_API_KEY: 'k'.repeat(20) }).mlService)
      .toEqual({ url: 'https://ml.internal:7000', apiKey: 'k'.repeat(20), timeoutMs: 2000 });
    expect(configErrorLines({ DATA_DIR: dataDir, ML_SERVICE_URL: 'https://ml.internal' })).toEqual(['ML_SERVICE_API_KEY: is required when ML_SERVICE_URL is set']);
    expect(configErrorLines({ DATA_DIR: dataDir, ML_SERVICE_API_KEY: 'k'.repeat(20) })).toEqual(['ML_SERVICE_API_KEY: is set but ML_SERVICE_URL is not']);
    const lines = configErrorLines({ DATA_DIR: dataDir, ML_SERVICE_URL: 'ftp://ml', ML_SERVICE_API_KEY: 'secret-short', ML_SERVICE_TIMEOUT_MS: '5' });
    expect(lines).toEqual([
      'ML_SERVICE_TIMEOUT_MS: must be an integer between 50 and 60000 (got "5")',
      'ML_SERVICE_URL: must be an absolute http(s) URL without query, fragment or credentials (the key goes in ML_SERVICE_API_KEY) (got "ftp://ml")',
      'ML_SERVICE_API_KEY: must be at least 16 characters (got 12 characters)',
    ]);
    expect(lines.join('\n')).not.toContain('secret-short');
  });

  it('refuses an AUDIT_RETENTION_DAYS that is not a whole number of days', () => {
    expect(configErrorLines({ DATA_DIR: dataDir, AUDIT_RETENTION_DAYS: '0' })).toEqual(['AUDIT_RETENTION_DAYS: must be an integer between 1 and 36500 (got "0")']);
    expect(configErrorLines({ DATA_DIR: dataDir, AUDIT_RETENTION_DAYS: '30d' })).toHaveLength(1);
  });

  it('refuses out-of-range ports', () => {
    expect(configErrorLines({ DATA_DIR: dataDir, PORT: '65536' })).toEqual(['PORT: must be an integer between 0 and 65535 (got "65536")']);
    expect(configErrorLines({ DATA_DIR: dataDir, PORT: '-1' })).toHaveLength(1);
  });

  it('requires all three secrets in production, without generating any', () => {
    const lines = configErrorLines({ DATA_DIR: dataDir, NODE_ENV: 'production' });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^JWT_ACCESS_SECRET: is required when NODE_ENV=production/);
    expect(lines[1]).toMatch(/^JWT_REFRESH_SECRET: is required when NODE_ENV=production/);
    expect(lines[2]).toMatch(/^OTP_HMAC_SECRET: is required when NODE_ENV=production/);
    expect(configErrorLines({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_ACCESS_SECRET: SECRET_A, JWT_REFRESH_SECRET: SECRET_B }))
      .toEqual([expect.stringMatching(/^OTP_HMAC_SECRET: is required when NODE_ENV=production/)]);
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('refuses a one-time-code secret equal to a JWT secret', () => {
    for (const reused of [SECRET_A, SECRET_B]) {
      const lines = configErrorLines({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_ACCESS_SECRET: SECRET_A, JWT_REFRESH_SECRET: SECRET_B, OTP_HMAC_SECRET: reused });
      expect(lines).toEqual(['OTP_HMAC_SECRET: must differ from JWT_ACCESS_SECRET and JWT_REFRESH_SECRET']);
    }
  });

  it('refuses short or identical secrets without echoing them', () => {
    const short = configErrorLines({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_ACCESS_SECRET: 'hunter2', JWT_REFRESH_SECRET: SECRET_B, OTP_HMAC_SECRET: SECRET_C });
    expect(short).toEqual(['JWT_ACCESS_SECRET: must be at least 32 characters (got 7 characters)']);
    const same = configErrorLines({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_ACCESS_SECRET: SECRET_A, JWT_REFRESH_SECRET: SECRET_A, OTP_HMAC_SECRET: SECRET_C });
    expect(same).toEqual(['JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET']);
    expect(same.join('\n')).not.toContain(SECRET_A);
  });

  it('requires OIDC_EXTENSION_IDS in production when sign-in with Google is configured', () => {
    const production = { DATA_DIR: dataDir, NODE_ENV: 'production', JWT_ACCESS_SECRET: SECRET_A, JWT_REFRESH_SECRET: SECRET_B, OTP_HMAC_SECRET: SECRET_C };
    const google = { OIDC_ISSUER: 'https://accounts.google.com', OIDC_CLIENT_ID: 'client-id', OIDC_CLIENT_SECRET: 'client-secret' };
    const lines = configErrorLines({ ...production, ...google });
    expect(lines).toEqual([expect.stringMatching(/^OIDC_EXTENSION_IDS: is required when NODE_ENV=production and sign-in with Google \(OIDC_ISSUER\) is configured/)]);
    expect(lines.join('\n')).not.toContain('client-secret');

    const chromeId = 'a'.repeat(32);
    expect(loadConfig({ ...production, ...google, OIDC_EXTENSION_IDS: chromeId }).oidc?.extensionIds).toEqual([chromeId]);
    // Without Google sign-in, or outside production, the list stays optional.
    expect(loadConfig(production).oidc).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir, ...google }).oidc?.extensionIds).toEqual([]);
  });

  it('does not write a secrets file when other variables are bad', () => {
    configErrorLines({ DATA_DIR: dataDir, PORT: 'x' });
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });
});

describe('development secrets', () => {
  it('are generated into DATA_DIR/secrets.json with mode 0600 and reused on restart', () => {
    const first = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    const file = path.join(dataDir, 'secrets.json');
    expect(first.secretsFile).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.jwtAccessSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.jwtRefreshSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.jwtAccessSecret).not.toBe(first.jwtRefreshSecret);
    expect(first.otpHmacSecret.length).toBeGreaterThanOrEqual(32);
    expect([first.jwtAccessSecret, first.jwtRefreshSecret]).not.toContain(first.otpHmacSecret);

    const second = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
    expect(second.jwtAccessSecret).toBe(first.jwtAccessSecret);
    expect(second.jwtRefreshSecret).toBe(first.jwtRefreshSecret);
    expect(second.otpHmacSecret).toBe(first.otpHmacSecret);
  });

  it('add a one-time-code secret to a file written before it existed, keeping the JWT secrets', () => {
    const file = path.join(dataDir, 'secrets.json');
    fs.writeFileSync(file, JSON.stringify({ jwtAccessSecret: SECRET_A, jwtRefreshSecret: SECRET_B }), { mode: 0o600 });
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ jwtAccessSecret: SECRET_A, jwtRefreshSecret: SECRET_B });
    expect(config.otpHmacSecret.length).toBeGreaterThanOrEqual(32);
    expect([SECRET_A, SECRET_B]).not.toContain(config.otpHmacSecret);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ jwtAccessSecret: SECRET_A, jwtRefreshSecret: SECRET_B, otpHmacSecret: config.otpHmacSecret });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).otpHmacSecret).toBe(config.otpHmacSecret);
  });

  it('differ between data directories (no built-in default)', () => {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackruit-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dataDir }).jwtAccessSecret).not.toBe(loadConfig({ DATA_DIR: otherDir }).jwtAccessSecret);
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('prefer secrets from the environment', () => {
    const config = loadConfig({ DATA_DIR: dataDir, JWT_ACCESS_SECRET: SECRET_A, JWT_REFRESH_SECRET: SECRET_B, OTP_HMAC_SECRET: SECRET_C });
    expect(config.jwtAccessSecret).toBe(SECRET_A);
    expect(config.otpHmacSecret).toBe(SECRET_C);
    expect(config.secretsFile).toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('reports a corrupt secrets file instead of replacing it', () => {
    fs.writeFileSync(path.join(dataDir, 'secrets.json'), '{"jwtAccessSecret":"short"}');
    const lines = configErrorLines({ DATA_DIR: dataDir });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATA_DIR: .*secrets\.json/);
    expect(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).toBe('{"jwtAccessSecret":"short"}');
  });
});

describe('COUCHDB_URL', () => {
  it('splits the credentials off the URL and defaults the prefix', () => {
    const config = loadConfig({ DATA_DIR: dataDir, COUCHDB_URL: 'http://admin:s%3Acret@127.0.0.1:5984/' });
    expect(config.couchdb).toEqual({ url: 'http://127.0.0.1:5984', username: 'admin', password: 's:cret', prefix: 'trackruit_' });
    expect(loadConfig({ DATA_DIR: dataDir }).couchdb).toBeNull();
  });

  it('refuses a URL without credentials, with a path, or of another scheme, never echoing the password', () => {
    expect(configErrorLines({ DATA_DIR: dataDir, COUCHDB_URL: 'http://127.0.0.1:5984' })).toEqual([expect.stringMatching(/^COUCHDB_URL: must carry the server's CouchDB admin credentials/)]);
    const withPath = configErrorLines({ DATA_DIR: dataDir, COUCHDB_URL: 'https://admin:hunter2hunter2@couch.example.com/db' });
    expect(withPath).toEqual([expect.stringMatching(/^COUCHDB_URL: must be the server's root URL/)]);
    expect(withPath.join('\n')).not.toContain('hunter2hunter2');
    expect(withPath.join('\n')).toContain('admin:***@couch.example.com');
    expect(configErrorLines({ DATA_DIR: dataDir, COUCHDB_URL: 'redis://admin:pw@127.0.0.1:5984' })).toEqual([expect.stringMatching(/^COUCHDB_URL: must be an http/)]);
    expect(configErrorLines({ DATA_DIR: dataDir, COUCHDB_URL: 'not a url' })).toEqual([expect.stringMatching(/^COUCHDB_URL: must be an absolute http\(s\) URL/)]);
  });

  it('checks COUCHDB_DB_PREFIX, and refuses it without COUCHDB_URL', () => {
    expect(loadConfig({ DATA_DIR: dataDir, COUCHDB_URL: 'http://a:b@127.0.0.1:5984', COUCHDB_DB_PREFIX: 'staging_' }).couchdb?.prefix).toBe('staging_');
    expect(configErrorLines({ DATA_DIR: dataDir, COUCHDB_URL: 'http://a:b@127.0.0.1:5984', COUCHDB_DB_PREFIX: 'Bad-Prefix' })).toEqual([expect.stringMatching(/^COUCHDB_DB_PREFIX: must start with a lower-case letter/)]);
    expect(configErrorLines({ DATA_DIR: dataDir, COUCHDB_DB_PREFIX: 'x_' })).toEqual(['COUCHDB_DB_PREFIX: is set but COUCHDB_URL is not']);
  });
});
