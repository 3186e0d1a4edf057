using System.Text;

namespace JexSim.Server.Api.Catalogue;

/// <summary>README's endpoint table, generated from the catalogue (see the README drift test and --print-endpoint-table).</summary>
public static class EndpointTable
{
    public const string StartMarker = "<!-- endpoint-table:start -->";
    public const string EndMarker = "<!-- endpoint-table:end -->";

    public static string Markdown(IEnumerable<JexEndpoint> endpoints)
    {
        var sb = new StringBuilder();
        sb.Append("| Method | Path | Security | Weight | Parameters (mandatory in **bold**) | Rules | Summary |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var e in endpoints)
        {
            string security = e.Security.ToSpec() + (e.Security.IsSigned() ? " (signed)" : "");
            string weight = e.Weight.WithoutSymbol > 0 ? $"{e.Weight.Value}; {e.Weight.WithoutSymbol} without symbol" : e.Weight.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (e.PlacesOrder) weight += "; 1 ORDER";
            string parameters = e.Parameters.Count == 0 ? "—" : string.Join(", ", e.Parameters.Select(Describe));
            string rules = e.Rules.Count == 0 ? "—" : string.Join("; ", e.Rules);
            sb.Append($"| {e.Method} | `{e.Path}` | {security} | {weight} | {parameters} | {Escape(rules)} | {Escape(e.Summary)} |\n");
        }
        return sb.ToString();
    }

    private static string Describe(ParamSpec p)
    {
        string name = p.Mandatory ? $"**{p.Name}**" : p.Name;
        string? range = p.Kind switch
        {
            ParamKind.Enum => string.Join("/", p.Allowed ?? []),
            ParamKind.Int or ParamKind.Long when p.Allowed is { } a => string.Join("/", a),
            ParamKind.Int or ParamKind.Long when p.Max is not null => $"{p.Min}–{p.Max}",
            _ => null,
        };
        string def = p.Default is { } d ? $", default {d}" : "";
        return range is null && def.Length == 0 ? name : $"{name} ({range}{(range is null ? def.TrimStart(',', ' ') : def)})";
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
