# JexSim: a simulated JEX exchange. Multi-stage: the SDK publishes for linux-x64 only (no SQLite for other platforms),
# the ASP.NET runtime runs it as a non-root user. Base images are pinned to exact versions: bump both together.
# docker/smoke.sh runs the restore and publish commands, ENTRYPOINT and HEALTHCHECK below exactly as written here
# (CI calls it), so keep each on one line.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Restore layer: only the files restore reads, so a source change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/JexSim.Engine/JexSim.Engine.csproj src/JexSim.Engine/
COPY src/JexSim.Persistence/JexSim.Persistence.csproj src/JexSim.Persistence/
COPY src/JexSim.Server/JexSim.Server.csproj src/JexSim.Server/
RUN dotnet restore src/JexSim.Server/JexSim.Server.csproj -r linux-x64
COPY src ./src
# The server project publishes ReadyToRun for a runtime (see JexSim.Server.csproj): it starts on precompiled code.
RUN dotnet publish src/JexSim.Server/JexSim.Server.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app
COPY --from=build /app .
COPY fixtures ./fixtures
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    JexSim__Database=/data/jexsim.db \
    JexSim__Fixture=/app/fixtures/default.json
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["dotnet", "JexSim.Server.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "JexSim.Server.dll"]
