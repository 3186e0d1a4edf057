using System.Text.Json;
using System.Text.Json.Serialization;

namespace JexSim.Server.Api;

/// <summary>JSON answers in the venue's shape.</summary>
public static class JexResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Json);

    public static readonly object EmptyObject = new { };

    public static IResult Empty() => TypedResults.Json(EmptyObject, Json);

    public static IResult Error(JexError error) => TypedResults.Json(new ErrorBody(error.Code, error.Msg), Json, statusCode: error.Status);

    public sealed record ErrorBody(int Code, string Msg);
}
