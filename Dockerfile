# syntax=docker/dockerfile:1
# TrackRuit sync server. Build from the repository root:
#   docker build -t trackruit-server .
# Run (see README, "Deployment"; production needs the three secrets):
#   docker run -p 5000:5000 -v trackruit-data:/data --env-file deploy/.env trackruit-server

# Stage 1: compile the server (TypeScript → dist/server) and build the admin console
# (→ dist/admin-console, served at /admin) with the dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the only install script that matters here is the extension's `wxt prepare`.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY server ./server
COPY shared ./shared
COPY scripts/build-server.ts ./scripts/build-server.ts
# The console reuses the extension's table and chart components.
COPY console ./console
COPY extension ./extension
COPY vite.console.config.ts ./vite.console.config.ts
RUN npm run build:server
RUN npm run build:console

# Stage 2: production dependencies, the compiled server and the built console only; no sources, no dev tools.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The image's own user (uid 1000 in the node image), owner of the data volume only.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5000
# Ready, not just alive: the database (and Redis with REDIS_URL) must answer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
