# The static build served by nginx from Debian. Build: docker build -t shanghai-siting .
# Run:   docker run -p 8080:8080 -v "$PWD/published:/usr/share/shanghai-siting/published:ro" shanghai-siting
# (the published/ folder is optional: without it both pages show the illustrative sample).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/* \
    && rm -f /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stdout /var/log/nginx/access.log \
    && ln -sf /dev/stderr /var/log/nginx/error.log
COPY deploy/nginx.conf /etc/nginx/conf.d/shanghai-siting.conf
COPY --from=build /src/dist /usr/share/shanghai-siting
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
