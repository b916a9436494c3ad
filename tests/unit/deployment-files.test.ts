/**
 * Docker cannot run on the machines that test TrackRuit, so what can be checked
 * without it is checked here: the compose file parses and has the services the
 * README promises, its variables are all in deploy/.env.example, the image is
 * multi-stage, non-root, health-checked and starts the built server, and the
 * build context keeps secrets and data out. (production-build.test.ts replays
 * the build stage from only the files it copies and starts the result.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../server/config';
import { SERVER_OUT_DIR } from '../../server/build-layout';
import { dockerfileStages, dockerIgnore } from '../helpers/dockerfile';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
}

const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const stages = dockerfileStages(read('Dockerfile'));

describe('deploy/compose.yaml', () => {
  it('runs a three-node CouchDB cluster, Redis, two TrackRuit servers built from the Dockerfile and Caddy', () => {
    const couchNodes = Object.entries(services).filter(([, s]) => s.image?.startsWith('couchdb:'));
    expect(couchNodes.map(([name]) => name)).toEqual(['couchdb-1', 'couchdb-2', 'couchdb-3']);
    expect(new Set(couchNodes.map(([, s]) => s.environment?.NODENAME)).size).toBe(3);
    // One Erlang cookie for all, or the nodes cannot form one cluster.
    expect(new Set(couchNodes.map(([, s]) => s.environment?.ERL_FLAGS)).size).toBe(1);
    expect(read('deploy/couchdb-cluster-setup.sh')).toContain('finish_cluster');
    expect(services.redis?.image).toMatch(/^redis:/);

    const servers = Object.entries(services).filter(([, s]) => s.build);
    expect(servers.map(([name]) => name)).toEqual(['trackruit-1', 'trackruit-2']);
    for (const [, server] of servers) {
      expect(server.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
      expect(server.environment).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', TRUST_PROXY: '1' });
      expect(server.ports).toBeUndefined();
    }
    expect(new Set(servers.map(([, s]) => s.volumes?.[0]?.split(':')[0])).size).toBe(2);

    expect(services.caddy?.image).toMatch(/^caddy:/);
    expect(services.caddy?.ports).toContain('443:443');
    // Only the proxy is reachable from outside.
    expect(Object.entries(services).filter(([, s]) => s.ports).map(([name]) => name)).toEqual(['caddy']);
  });

  it('has every variable it uses in deploy/.env.example, and every server variable there is one the server reads', () => {
    const used = new Set([...read('deploy/compose.yaml').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]!));
    const example = new Set([...read('deploy/.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!));
    for (const name of used) expect(example).toContain(name);
    const deploymentOnly = new Set(['TRACKRUIT_DOMAIN', 'ACME_EMAIL', 'COUCHDB_USER', 'COUCHDB_PASSWORD', 'COUCHDB_SECRET', 'COUCHDB_COOKIE']);
    const serverVariables = new Set(CONFIG_VARIABLES.map((v) => v.name));
    for (const name of example) if (!deploymentOnly.has(name)) expect(serverVariables).toContain(name);
  });

  it('has Caddy balance both servers on their readiness and keep /metrics inside', () => {
    const caddyfile = read('deploy/Caddyfile');
    expect(caddyfile).toMatch(/reverse_proxy trackruit-1:5000 trackruit-2:5000/);
    expect(caddyfile).toContain('health_uri /health/ready');
    expect(caddyfile).toContain('respond /metrics 404');
    expect(services.caddy?.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs the compiled server in another, as a user that is not root, with a health check', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    const [build, runtime] = stages;
    expect(build!.instructions.some((line) => line === 'RUN npm run build:server')).toBe(true);
    expect(runtime!.instructions).toContain(`COPY --from=build /app/dist ./dist`);
    const user = runtime!.instructions.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBe('USER node');
    expect(runtime!.instructions.find((line) => line.startsWith('HEALTHCHECK'))).toContain('/health/ready');
    expect(runtime!.instructions.at(-1)).toBe(`CMD ["node", "--enable-source-maps", "${SERVER_OUT_DIR}/main.js"]`);
    // No dev dependencies (tsx, esbuild, test tools) in the image that runs.
    expect(runtime!.instructions.find((line) => line.startsWith('RUN npm ci'))).toContain('--omit=dev');
  });
});

describe('.dockerignore', () => {
  const ignored = dockerIgnore(read('.dockerignore'));

  it('keeps secrets, data and local builds out of the build context', () => {
    for (const file of ['.env', 'deploy/.env', 'server/.env.local', 'data/users/000001.ldb', 'data/secrets.json', 'server/tls.pem', 'server/tls.key', 'node_modules/x/index.js', 'dist/server/main.js', '.git/config']) {
      expect(ignored(file), file).toBe(true);
    }
    expect(ignored('deploy/.env.example')).toBe(false);
  });

  it('keeps everything the build stage copies', () => {
    const copied = stages.flatMap((stage) => stage.copies);
    expect(copied).toContain('server');
    for (const source of copied) expect(ignored(source), source).toBe(false);
    // A folder named data inside the sources is code, not DATA_DIR.
    expect(ignored('extension/dashboard/data/columns.ts')).toBe(false);
  });
});
