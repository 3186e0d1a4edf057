# JexSim: a simulated JEX exchange. Multi-stage: the SDK publishes, the ASP.NET runtime runs it as a non-root user.
# docker/smoke.sh runs the publish command, ENTRYPOINT and HEALTHCHECK below exactly as written here (CI calls it),
# so keep each on one line.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/JexSim.Server/JexSim.Server.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
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
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["dotnet", "JexSim.Server.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "JexSim.Server.dll"]
