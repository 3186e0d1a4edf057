namespace JexSim.Server.Fixtures;

/// <summary>A market described in JSON: symbols, accounts with keys and balances, and resting orders to start with.</summary>
public sealed record Fixture
{
    public string Name { get; init; } = "unnamed";
    public string? Description { get; init; }
    public long Seed { get; init; }

    /// <summary>Where virtual time starts (ISO-8601); JexSim:ClockStart overrides it.</summary>
    public DateTimeOffset? StartTime { get; init; }
    public long FeeAccountId { get; init; }
    public List<SymbolFixture> SpotSymbols { get; init; } = new();
    public List<OptionSymbolFixture> OptionSymbols { get; init; } = new();
    public List<ContractSymbolFixture> ContractSymbols { get; init; } = new();
    public List<AccountFixture> Accounts { get; init; } = new();
    /// <summary>Options issued at seeding (before the resting orders, which may sell the tokens).</summary>
    public List<ReleaseFixture> Releases { get; init; } = new();
    public List<OrderFixture> Orders { get; init; } = new();
    /// <summary>Resting contract orders (contract and spot symbols share names, so they have a list of their own).</summary>
    public List<OrderFixture> ContractOrders { get; init; } = new();
    public List<FeedFixture> Feeds { get; init; } = new();
    public List<AgentFixture> Agents { get; init; } = new();
}

/// <summary>A reference-price source for one symbol: a seeded random walk or the replay of a CSV.</summary>
public sealed record FeedFixture
{
    public required string Symbol { get; init; }

    /// <summary>"randomWalk" (geometric Brownian motion) or "replay" (CSV of trades or klines).</summary>
    public required string Type { get; init; }

    // randomWalk
    public decimal? StartPrice { get; init; }
    /// <summary>Annualised drift (mu) of the random walk, e.g. 0.05 for +5% a year.</summary>
    public double Drift { get; init; }
    /// <summary>Annualised volatility (sigma), e.g. 0.8 for 80% a year.</summary>
    public double Volatility { get; init; } = 0.5;
    /// <summary>Milliseconds of venue time between two ticks of the random walk.</summary>
    public long IntervalMs { get; init; } = 1000;

    // replay
    /// <summary>CSV file, relative to the fixture's folder.</summary>
    public string? File { get; init; }
    /// <summary>"trades" (time,price[,quantity]) or "klines" (openTime,open,high,low,close[,...]).</summary>
    public string Format { get; init; } = "trades";
    /// <summary>Replay speed: 1 = as recorded, 60 = an hour of data per venue minute.</summary>
    public double Speed { get; init; } = 1;
    /// <summary>Start over at the end of the file.</summary>
    public bool Loop { get; init; } = true;
}

/// <summary>A liquidity agent: an ordinary account trading one symbol through the engine.</summary>
public sealed record AgentFixture
{
    /// <summary>"marketMaker" or "noiseTaker".</summary>
    public required string Type { get; init; }
    public required string Symbol { get; init; }
    public required long Account { get; init; }

    /// <summary>
    /// "spot" (the default) or "contract": which market's <see cref="Symbol"/> it trades. A contract agent trades with its
    /// contract balance, around the index price: the reference price of the spot symbol of the same name.
    /// </summary>
    public string Market { get; init; } = "spot";

    // marketMaker
    /// <summary>Distance between the best bid and the best ask, in basis points of the reference price.</summary>
    public decimal SpreadBps { get; init; } = 10;
    /// <summary>Price levels quoted on each side.</summary>
    public int Levels { get; init; } = 5;
    /// <summary>Distance between two quoted levels, in basis points.</summary>
    public decimal LevelStepBps { get; init; } = 5;
    /// <summary>Quantity of each quote (marketMaker).</summary>
    public decimal Quantity { get; init; }
    /// <summary>How often the maker looks at its quotes, in venue ms.</summary>
    public long RefreshMs { get; init; } = 1000;
    /// <summary>Re-quote when the reference moved by at least this many basis points (or a quote was hit).</summary>
    public decimal RequoteBps { get; init; } = 2;

    // noiseTaker
    /// <summary>Mean venue ms between two market orders (exponential waiting times: a Poisson process).</summary>
    public long IntervalMs { get; init; } = 5000;
    public decimal MinQuantity { get; init; }
    public decimal MaxQuantity { get; init; }
    /// <summary>
    /// noiseTaker on a contract: how far from the index price its IOC limit order may fill, in basis points (contract
    /// orders are LIMIT; this stands in for a market order's reach).
    /// </summary>
    public decimal SlippageBps { get; init; } = 100;
}

public record SymbolFixture
{
    public required string Symbol { get; init; }
    public required string BaseAsset { get; init; }
    public required string QuoteAsset { get; init; }
    public required decimal TickSize { get; init; }
    public decimal? MinPrice { get; init; }
    public required decimal MaxPrice { get; init; }
    public required decimal StepSize { get; init; }
    public decimal? MinQty { get; init; }
    public required decimal MaxQty { get; init; }
    public decimal MinNotional { get; init; }
    public decimal MakerFee { get; init; }
    public decimal TakerFee { get; init; }
    public bool MarketOrders { get; init; } = true;
    public string Status { get; init; } = "TRADING";
}

public sealed record AccountFixture
{
    public required long Id { get; init; }
    public string? Name { get; init; }
    public required string ApiKey { get; init; }
    public required string SecretKey { get; init; }
    public List<string> Permissions { get; init; } = new() { "read", "trade", "withdraw" };
    public Dictionary<string, decimal> Balances { get; init; } = new();
    /// <summary>Contract-account balances by margin asset (GET account's contractBalances free).</summary>
    public Dictionary<string, decimal> ContractBalances { get; init; } = new();
}

public sealed record OrderFixture
{
    public required long Account { get; init; }
    public required string Symbol { get; init; }
    public required string Side { get; init; }
    public required decimal Price { get; init; }
    public required decimal Quantity { get; init; }
}
