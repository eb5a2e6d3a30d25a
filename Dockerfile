# syntax=docker/dockerfile:1
# Build: docker build -t ai-security-triage .
# Run:   docker run -p 3000:3000 -v triage-data:/data ai-security-triage    (dry-run, development secret)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that code changes do not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK below, sqlite3 to inspect the queue (docs/operations.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl sqlite3 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 triage \
    && useradd --system --uid 10001 --gid triage --create-home --home-dir /home/triage triage \
    && mkdir -p /data /app \
    && chown triage:triage /data
COPY --from=build /src/target/ai-security-triage.jar /app/ai-security-triage.jar

ENV PORT=3000 \
    DATABASE_PATH=/data/triage.db \
    DJL_CACHE_DIR=/home/triage/.djl.ai \
    JAVA_TOOL_OPTIONS="-Xmx256m -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
USER triage:triage
WORKDIR /home/triage
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1

# exec form: the JVM is PID 1 and gets SIGTERM, so the service drains its jobs before stopping.
ENTRYPOINT ["java", "-jar", "/app/ai-security-triage.jar"]
CMD ["serve"]
