# syntax=docker/dockerfile:1
# Skyport: build with the Maven wrapper, run as a non-root user on a Temurin 25 JDK.
# docker build -t skyport . && docker run -p 8080:8080 -v skyport-data:/var/lib/skyport/var skyport
# Without SPRING_DATASOURCE_URL the container runs its embedded PostgreSQL in the volume.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package \
 && cp "$(ls target/skyport-*.jar | grep -v '\.original$')" /skyport.jar \
 && java -Djarmode=tools -jar /skyport.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jdk
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /var/lib/skyport skyport \
 && install -d -o skyport -g skyport /var/lib/skyport/var
WORKDIR /opt/skyport
# Layers from the least to the most often changed, so a code change rebuilds only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER skyport
WORKDIR /var/lib/skyport
ENV SKYPORT_EMBEDDED_POSTGRES_DATA_DIR=/var/lib/skyport/var/postgres
VOLUME ["/var/lib/skyport/var"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/skyport", "org.springframework.boot.loader.launch.JarLauncher"]
