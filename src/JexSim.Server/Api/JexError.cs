namespace JexSim.Server.Api;

/// <summary>A JEX error: the code and message of errors_CN.md, and the HTTP status JexSim answers with.</summary>
public sealed record JexError(int Code, string Msg, int Status = StatusCodes.Status400BadRequest);

/// <summary>Thrown anywhere in request handling to answer with a JEX error.</summary>
public sealed class JexException(JexError error) : Exception(error.Msg)
{
    public JexError Error { get; } = error;
}

/// <summary>The catalogue of errors JexSim answers with (codes and messages from errors_CN.md, Binance wording where it is silent).</summary>
public static class JexErrors
{
    public static JexError Unknown(string msg) => new(-1000, msg, StatusCodes.Status500InternalServerError);
    public static JexError Disconnected(string msg = "Internal error; unable to process your request. Please try again.") => new(-1001, msg, StatusCodes.Status503ServiceUnavailable);
    public static JexError Unauthorized(string msg = "You are not authorized to execute this request.") => new(-1002, msg, StatusCodes.Status401Unauthorized);
    public static JexError UnsupportedOperation(string msg) => new(-1020, msg, StatusCodes.Status404NotFound);
    public static JexError MethodNotAllowed(string method, string path) => new(-6, $"Method {method} is not allowed for {path}.", StatusCodes.Status405MethodNotAllowed);

    public static JexError TimestampOutsideWindow(long timestamp, long serverTime, long recvWindow) =>
        new(-1021, $"Timestamp for this request is outside of the recvWindow. (timestamp {timestamp}, server time {serverTime}, recvWindow {recvWindow})");
    public static JexError TimestampAhead(long timestamp, long serverTime) =>
        new(-1021, $"Timestamp for this request was 1000ms ahead of the server's time. (timestamp {timestamp}, server time {serverTime})");
    public static readonly JexError BadSignature = new(-1022, "Signature for this request is not valid.", StatusCodes.Status401Unauthorized);

    public static JexError RequestWeightExceeded(int limit) =>
        new(-1003, $"Too much request weight used; current limit is {limit} request weight per 1 MINUTE. Please use the websocket for live updates to avoid polling the API.", StatusCodes.Status429TooManyRequests);
    public static JexError RawRequestsExceeded(int limit) =>
        new(-1003, $"Too many requests; current limit is {limit} requests per 5 MINUTE. Please use the websocket for live updates to avoid polling the API.", StatusCodes.Status429TooManyRequests);
    public static JexError IpBanned(long until) =>
        new(-1003, $"Way too much request weight used; IP banned until {until}. Please use the websocket for live updates to avoid bans.", StatusCodes.Status418ImATeapot);
    public static JexError RouteCallsExceeded(string route) =>
        new(-1003, $"Too many requests; {route} allows 1 call per SECOND per account.", StatusCodes.Status429TooManyRequests);
    public static JexError TooManyOrders(int limit, string interval) =>
        new(-1015, $"Too many new orders; current limit is {limit} orders per {interval}.", StatusCodes.Status429TooManyRequests);

    public static readonly JexError IllegalCharactersInParameter = new(-1100, "Illegal characters found in a parameter.");
    public static JexError IllegalCharacters(string name, string legal) => new(-1100, $"Illegal characters found in parameter '{name}'; legal range is '{legal}'.");
    public static JexError IllegalValue(string name, string value) => new(-1100, $"Illegal characters found in parameter '{name}' value '{value}'.");
    public static readonly JexError DuplicateParameter = new(-1101, "Duplicate values for a parameter detected.");
    public static readonly JexError TooManyParametersSent = new(-1101, "Too many parameters sent for this endpoint.");
    public static JexError TooManyParameters(int expected, int received) => new(-1101, $"Too many parameters; expected '{expected}' and received '{received}'.");
    public static JexError MandatoryMissing(string name) => new(-1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");
    public static JexError UnknownParameter(string name) => new(-1103, $"An unknown parameter was sent: '{name}'.");
    public static JexError NotAllRead(int read, int sent) => new(-1104, $"Not all sent parameters were read; read '{read}' parameter(s) but was sent '{sent}'.");
    public static JexError EmptyParameter(string name) => new(-1105, $"Parameter '{name}' was empty.");
    public static JexError NotRequired(string name) => new(-1106, $"Parameter '{name}' sent when not required.");
    public static readonly JexError TimeInForceNotRequired = new(-1114, "TimeInForce parameter sent when not required.");
    public static readonly JexError PrecisionTooHigh = new(-1111, "Precision is over the maximum defined for this asset.");
    public static readonly JexError InvalidTimeInForce = new(-1115, "Invalid timeInForce.");
    public static readonly JexError InvalidOrderType = new(-1116, "Invalid orderType.");
    public static readonly JexError InvalidSide = new(-1117, "Invalid side.");
    public static readonly JexError InvalidInterval = new(-1120, "Invalid interval.");
    public static readonly JexError InvalidSymbol = new(-1121, "Invalid symbol.");
    public static readonly JexError InvalidListenKey = new(-1125, "This listenKey does not exist.");
    public static readonly JexError StartAfterEnd = new(-1127, "endTime befor startTime");
    public static JexError TimeRangeTooLong(TimeSpan max) => new(-1127, $"More than '{Describe(max)}' between startTime and endTime.");
    public static readonly JexError InvalidCombination = new(-1128, "Combination of optional parameters invalid.");
    public static JexError ScaleTooHigh(string name, int scale) => new(-1129, $"error  scale  in parameter '{name}',should be  scale no more than '{scale}'");

    public static JexError OrderRejected(string msg) => new(-2010, msg);
    public static JexError CancelRejected(string msg = "Unknown order sent.") => new(-2011, msg);
    public static readonly JexError OrderDoesNotExist = new(-2013, "Order does not exist.");
    public static readonly JexError ApiKeyFormat = new(-2014, "API-key format invalid.", StatusCodes.Status401Unauthorized);
    public static readonly JexError InvalidApiKey = new(-2015, "Invalid API-key, IP, or permissions for action.", StatusCodes.Status401Unauthorized);
    public static readonly JexError PermissionDenied = new(-2015, "Invalid API-key, IP, or permissions for action.", StatusCodes.Status403Forbidden);
    public static JexError MaxOrders(int max) => new(-2019, $"has reach max order number {max}");
    public static JexError FilterFailure(string filter) => new(-9000, $"Filter failure: {filter}");

    /// <summary>
    /// The HTTP status and message JexSim answers a code with when nothing more specific is known (fault injection):
    /// the wording of errors_CN.md, Binance's where it only names the error; null for a code JEX does not define.
    /// </summary>
    public static JexError? Canonical(int code) => code switch
    {
        -1000 => Unknown("An unknown error occurred while processing the request."),
        -1001 => Disconnected(),
        -1002 => Unauthorized(),
        -1003 => new(-1003, "Too many requests; please use the websocket for live updates.", StatusCodes.Status429TooManyRequests),
        -1006 => new(-1006, "An unexpected response was received from the message bus. Execution status unknown.", StatusCodes.Status503ServiceUnavailable),
        -1007 => new(-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.", StatusCodes.Status503ServiceUnavailable),
        -1014 => new(-1014, "Unsupported order combination."),
        -1015 => new(-1015, "Too many new orders.", StatusCodes.Status429TooManyRequests),
        -1016 => new(-1016, "This service is no longer available.", StatusCodes.Status503ServiceUnavailable),
        -1020 => UnsupportedOperation("This operation is not supported."),
        -1021 => new(-1021, "Timestamp for this request is outside of the recvWindow."),
        -1022 => BadSignature,
        -1100 => IllegalCharactersInParameter,
        -1101 => TooManyParametersSent,
        -1102 => new(-1102, "A mandatory parameter was not sent, was empty/null, or malformed."),
        -1103 => new(-1103, "An unknown parameter was sent."),
        -1104 => new(-1104, "Not all sent parameters were read."),
        -1105 => new(-1105, "A parameter was empty."),
        -1106 => new(-1106, "A parameter was sent when not required."),
        -1111 => PrecisionTooHigh,
        -1112 => new(-1112, "No orders on book for symbol."),
        -1114 => TimeInForceNotRequired,
        -1115 => InvalidTimeInForce,
        -1116 => InvalidOrderType,
        -1117 => InvalidSide,
        -1118 => new(-1118, "New client order ID was empty."),
        -1119 => new(-1119, "Original client order ID was empty."),
        -1120 => InvalidInterval,
        -1121 => InvalidSymbol,
        -1125 => InvalidListenKey,
        -1127 => StartAfterEnd,
        -1128 => InvalidCombination,
        -2010 => OrderRejected("NEW_ORDER_REJECTED"),
        -2011 => CancelRejected("CANCEL_REJECTED"),
        -2012 or -2013 => new(code, "Order does not exist."),
        -2014 => ApiKeyFormat,
        -2015 => InvalidApiKey,
        -2016 => new(-2016, "No trading window could be found for the symbol. Try ticker/24hrs instead."),
        -2019 => MaxOrders(200),
        // Options (errors_CN.md -70xx, the codes the option market answers with).
        -7007 => new(-7007, "asset not enough"),
        -7012 => new(-7012, "option not exist"),
        -7013 => OptionExpired,
        -7014 => NoReleaseOption,
        -7015 => BackExceedsRelease,
        // Withdrawals (errors_CN.md -8xxx, the codes the wallet answers with).
        -8000 => new(-8000, "withdraw amount error"),
        -8001 => new(-8001, "withdraw is forbidden", StatusCodes.Status403Forbidden),
        -8003 => new(-8003, "withdraw address error"),
        -8004 => new(-8004, "your balance is not enough"),
        -8006 => new(-8006, "withdraw asset error"),
        _ => null,
    };

    // Options (errors_CN.md -7007, -7012..-7015).
    public static JexError AssetNotEnough(string msg) => new(-7007, $"asset not enough: {msg}");
    public static JexError OptionNotExist(string msg) => new(-7012, $"option not exist: {msg}");
    public static readonly JexError OptionExpired = new(-7013, "passed option exercise time");
    public static readonly JexError NoReleaseOption = new(-7014, "no release option");
    public static readonly JexError BackExceedsRelease = new(-7015, "back amount greater than release amount");

    /// <summary>An option route given a symbol that is no option.</summary>
    public static readonly JexError UnknownOption = OptionNotExist("no option has that symbol.");

    // Wallet (errors_CN.md -8000, -8001, -8003, -8004, -8006).
    public static JexError WithdrawAmountError(string msg) => new(-8000, $"withdraw amount error: {msg}");
    public static JexError WithdrawForbidden(string msg) => new(-8001, $"withdraw is forbidden: {msg}", StatusCodes.Status403Forbidden);
    public static JexError WithdrawAddressError(string msg) => new(-8003, $"withdraw address error: {msg}");
    public static JexError BalanceNotEnough(string msg) => new(-8004, $"your balance is not enough: {msg}");
    public static JexError WithdrawAssetError(string msg) => new(-8006, $"withdraw asset error: {msg}");

    /// <summary>A span as the -1127 message states it ("24 hours", "90 minutes", "3 days").</summary>
    public static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 && span.TotalDays != 1 ? $"{span.TotalDays:0} days"
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0} hours"
        : span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalMilliseconds:0} ms";
}
