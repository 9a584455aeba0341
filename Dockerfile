# One image per application: docker build --build-arg MODULE=command-side -t bookwise/command-side .
# Build the jars first (./mvnw package -DskipTests); docker-compose.yml does this per service.
FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 bookwise
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-*-SNAPSHOT.jar /app/app.jar
USER bookwise
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Ddisable-axoniq-console-message=true"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
