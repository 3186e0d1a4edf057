namespace JexSim.Server.Fixtures;

/// <summary>A market described in JSON: symbols, accounts with keys and balances, and resting orders to start with.</summary>
public sealed record Fixture
{
    public string Name { get; init; } = "unnamed";
    public string? Description { get; init; }
    public long Seed { get; init; }
    public long FeeAccountId { get; init; }
    public List<SymbolFixture> SpotSymbols { get; init; } = new();
    public List<SymbolFixture> OptionSymbols { get; init; } = new();
    public List<SymbolFixture> ContractSymbols { get; init; } = new();
    public List<AccountFixture> Accounts { get; init; } = new();
    public List<OrderFixture> Orders { get; init; } = new();
}

public sealed record SymbolFixture
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
}

public sealed record OrderFixture
{
    public required long Account { get; init; }
    public required string Symbol { get; init; }
    public required string Side { get; init; }
    public required decimal Price { get; init; }
    public required decimal Quantity { get; init; }
}
