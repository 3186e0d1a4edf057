using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using JexSim.Benchmarks;
using JexSim.Engine;
using JexSim.Persistence;
using JexSim.Server.Tests.Durability;

// JexSim benchmark suite. Run through run.sh (it builds Release and installs the npm peers); writes a markdown report.
//   dotnet JexSim.Benchmarks.dll --out results.md [--node-modules DIR] [--published DIR] [--quick | --smoke] [--only engine,startup,http,streams]
// --smoke runs every section briefly (seconds each, numbers meaningless) so CI can prove the suite still runs.
var options = Options.Parse(args);
var report = new Report();
var repo = Options.RepositoryRoot();
report.Line($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Options.Git(repo, "rev-parse --short HEAD")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, node {Options.Run("node", "--version")}.");
report.Line();

if (options.Wants("engine")) await EngineSection.Run(options, report);
if (options.Wants("startup")) await StartupSection.Run(options, report, repo);
if (options.Wants("http")) await HttpSection.Run(options, report, repo);
if (options.Wants("streams")) await StreamsSection.Run(options, report, repo);

File.WriteAllText(options.Out, report.ToString());
Console.WriteLine(report.ToString());
Console.WriteLine($"written to {options.Out}");

namespace JexSim.Benchmarks
{
    public sealed class Options
    {
        public string Out { get; private set; } = "benchmark-results.md";
        public string? NodeModules { get; private set; }
        /// <summary>A published server folder (run.sh publishes with the Dockerfile's command): what start-up measures.</summary>
        public string? Published { get; private set; }
        public bool Quick { get; private set; }
        /// <summary>Every section in seconds (CI): tiny sizes, one run each. Implies <see cref="Quick"/>.</summary>
        public bool Smoke { get; private set; }
        public HashSet<string>? Only { get; private set; }

        public bool Wants(string section) => Only is null || Only.Contains(section);

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--out": o.Out = args[++i]; break;
                    case "--node-modules": o.NodeModules = args[++i]; break;
                    case "--published": o.Published = args[++i]; break;
                    case "--quick": o.Quick = true; break;
                    case "--smoke": o.Smoke = o.Quick = true; break;
                    case "--only": o.Only = args[++i].Split(',').ToHashSet(); break;
                    default: throw new ArgumentException($"unknown argument {args[i]}");
                }
            }
            return o;
        }

        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "JexSim.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("JexSim.sln not found above the benchmark");
        }

        public static string Git(string repo, string arguments) => Run("git", $"-C {repo} {arguments}");

        public static string Run(string file, string arguments)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                string output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return output;
            }
            catch (System.ComponentModel.Win32Exception) { return "?"; }
        }
    }

    public sealed class Report
    {
        private readonly StringBuilder _md = new();
        public void Line(string text = "") { _md.AppendLine(text); Console.WriteLine(text); }
        public void Table(string[] header, IEnumerable<string[]> rows)
        {
            Line("| " + string.Join(" | ", header) + " |");
            Line("|" + string.Concat(header.Select(_ => "---|")));
            foreach (var r in rows) Line("| " + string.Join(" | ", r) + " |");
            Line();
        }
        public override string ToString() => _md.ToString();
        public static string F(double v, string format = "N0") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);
    }
}
