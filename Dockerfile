# syntax=docker/dockerfile:1
# Build stage: full toolchain, because better-sqlite3 compiles its native addon when no prebuilt binary fits.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run gateway:build --skip-nx-cache && npm prune --omit=dev

# Runtime stage: only the bundle and production dependencies.
FROM node:20.20-bookworm-slim
ENV NODE_ENV=production PORT=8080 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/gateway ./dist/gateway
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
# Exec form: SIGTERM reaches node directly, so calls drain on deploy.
CMD ["node", "--enable-source-maps", "dist/gateway/main.js"]
