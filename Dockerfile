# syntax=docker/dockerfile:1
# Build: docker build -t ai-security-triage .
# Run:   docker run -p 3000:3000 -v triage-data:/data ai-security-triage
#        dry-run; /readyz, /healthz and /metrics answer from the host, /dashboard and /setup once DASHBOARD_PASSWORD
#        is set, and with the development secret /webhooks/github takes deliveries only from inside the container
#        (docker exec … java -jar /app/ai-security-triage.jar send-fixture FILE): set WEBHOOK_SECRET to take GitHub's.
#
# BASE_IMAGE is any Debian bookworm root file system: Docker Hub's debian:bookworm-slim by default. CI reaches no
# image registry, so .ci/check-image builds the same from Debian's packages (mmdebstrap) and passes
# --build-arg BASE_IMAGE=localhost/triage-base:bookworm: the image it checks is built from this file, step by step.
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS build
# A slim Debian keeps no manual pages, and OpenJDK's post-install step needs their folder.
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jdk-headless curl unzip ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn ./.mvn
# app-manifest*.yml are resources of the jar (/setup posts them to GitHub).
COPY app-manifest*.yml ./
COPY src/main ./src/main
# Maven's downloads stay in a build cache between builds. MAVEN_USER_HOME and MAVEN_OPTS may point Maven elsewhere:
# CI mounts its own Maven repository and trust store (a TLS-intercepting egress proxy); nothing of them reaches the
# image, which takes only the jar from this stage.
ARG MAVEN_USER_HOME=/root/.m2
ARG MAVEN_OPTS=""
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true

FROM ${BASE_IMAGE}
# curl for the HEALTHCHECK below, sqlite3 to inspect the queue (docs/operations.md).
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl sqlite3 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 triage \
    && useradd --system --uid 10001 --gid triage --create-home --home-dir /home/triage triage \
    && mkdir -p /data /app \
    && chown triage:triage /data
COPY --from=build /src/target/ai-security-triage.jar /app/ai-security-triage.jar

# HOST: listen on every interface, so that the published port reaches the server (docs/operations.md, "Binding").
# DATABASE_PATH on the volume: the SQLite file, the GitHub cache and the .env that /setup writes live in /data.
ENV PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_PATH=/data/triage.db \
    DJL_CACHE_DIR=/home/triage/.djl.ai \
    JAVA_TOOL_OPTIONS="-Xmx256m -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
# Numeric, so that a runtime can check it is not root (Kubernetes' runAsNonRoot).
USER 10001:10001
WORKDIR /home/triage
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1

# exec form: the JVM is PID 1 and gets SIGTERM, so the service drains its jobs before stopping.
ENTRYPOINT ["java", "-jar", "/app/ai-security-triage.jar"]
CMD ["serve"]
