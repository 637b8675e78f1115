# syntax=docker/dockerfile:1
# Build: docker build -t intercoop .
# Run:   docker run -p 8080:8080 -v intercoop-data:/var/lib/intercoop/data intercoop
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p intercoop-api && strip target/release/intercoop

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/intercoop intercoop \
    && mkdir -p /var/lib/intercoop/data \
    && chown -R intercoop:intercoop /var/lib/intercoop
COPY --from=build /src/target/release/intercoop /usr/local/bin/intercoop
USER intercoop
WORKDIR /var/lib/intercoop
ENV INTERCOOP_LISTEN=0.0.0.0:8080 \
    INTERCOOP_DATA_DIR=/var/lib/intercoop/data \
    INTERCOOP_LOG_FORMAT=json
EXPOSE 8080
VOLUME ["/var/lib/intercoop/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
    CMD ["intercoop", "healthcheck", "--address", "127.0.0.1:8080"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["intercoop"]
CMD ["serve"]
