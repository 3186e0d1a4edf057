using System.Globalization;
using System.Text;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;

namespace JexSim.Benchmarks;

public enum OpKind : byte { Gtc, Ioc, Cancel, Move }

/// <summary>
/// One engine command of the benchmark stream. Prices are in ticks and quantities in lots, so the same stream feeds
/// JexSim's engine (scaled) and nodejs-order-book (plain numbers). Orders are named by stream ids (the n-th placement),
/// which each runner maps to its engine's own ids. A move is a cancel followed by a GTC placement of a new order.
/// </summary>
public readonly record struct Op(OpKind Kind, int Id, int NewId, byte Side, long Account, long Price, long Qty);

/// <summary>
/// Generates exchange-core's benchmark mix (9% GTC, 3% IOC, 6% cancel, 82% move) around a fixed mid price. It runs
/// JexSim's engine while generating, so cancels and moves only ever name orders that are still resting: the stream
/// is valid for any price-time-priority book fed the same commands.
/// </summary>
public static class CommandStream
{
    public const long TickScaled = 1_000_000;  // 0.01
    public const long LotScaled = 100_000;     // 0.001
    public const int Accounts = 1000;

    public static (AssetSpec[] Assets, SymbolSpec Symbol) Market()
    {
        var b = new AssetSpec(0, "BASE");
        var q = new AssetSpec(1, "QUOTE");
        var s = new SymbolSpec
        {
            Id = 0, Name = "BASEQUOTE", Market = MarketType.Spot, Base = b, Quote = q,
            TickSize = TickScaled, MinPrice = TickScaled, MaxPrice = 10_000_000 * TickScaled,
            StepSize = LotScaled, MinQty = LotScaled, MaxQty = 1_000_000 * LotScaled,
            MinNotional = 0, MakerFeeRate = 80_000, TakerFeeRate = 100_000,
        };
        return ([b, q], s);
    }

    /// <summary>A fresh engine with funded accounts 1..<see cref="Accounts"/> (fee account 0).</summary>
    public static ExchangeCore NewEngine()
    {
        var (assets, symbol) = Market();
        var core = new ExchangeCore(assets, [symbol], 0, new OrderLimits { MaxOpenOrdersPerSymbol = int.MaxValue });
        for (long a = 1; a <= Accounts; a++)
        {
            core.CreateAccount(a);
            core.AdjustBalance(a, 0, 1_000_000_000L * 100_000_000L / 1000);  // 1M base
            core.AdjustBalance(a, 1, 1_000_000L * 100_000_000L);  // 1M quote (the venue-wide supply of an asset is capped at the fixed-point range)
        }
        core.Output.Clear();
        return core;
    }

    /// <param name="resting">Orders resting when the measured ops start.</param>
    /// <param name="halfSpreadTicks">Resting prices lie within mid ± this many ticks (levels ≈ 2 × this).</param>
    public static (Op[] Setup, Op[] Ops) Generate(int resting, int halfSpreadTicks, int ops, int seed)
    {
        var random = new Random(seed);
        const long mid = 1_000_000;
        var core = NewEngine();
        var streamToEngine = new List<long>();
        var live = new List<int>();                // stream ids resting
        var liveIndex = new Dictionary<int, int>();  // stream id -> index in live
        var sideOf = new List<byte>();
        var accountOf = new List<long>();
        var engineToStream = new Dictionary<long, int>();

        void Remove(int id)
        {
            int i = liveIndex[id];
            int last = live[^1];
            live[i] = last; liveIndex[last] = i;
            live.RemoveAt(live.Count - 1); liveIndex.Remove(id); engineToStream.Remove(streamToEngine[id]);
        }
        int Place(Op op)
        {
            var r = core.Place(new PlaceOrder(op.Account, 0, (Side)op.Side, OrderType.Limit, op.Kind == OpKind.Ioc ? TimeInForce.Ioc : TimeInForce.Gtc,
                op.Price * TickScaled, op.Qty * LotScaled), 0);
            if (!r.Accepted) throw new InvalidOperationException($"generator order rejected: {r.Reject}");
            int id = op.Kind == OpKind.Move ? op.NewId : op.Id;
            while (streamToEngine.Count <= id) { streamToEngine.Add(0); sideOf.Add(0); accountOf.Add(0); }
            streamToEngine[id] = r.Order.Id; sideOf[id] = op.Side; accountOf[id] = op.Account;
            if (r.Order.Status.IsOpen()) { liveIndex[id] = live.Count; live.Add(id); engineToStream[r.Order.Id] = id; }
            // Drop the makers this order filled: only resting orders may be named later.
            foreach (var o in core.Output.Orders)
                if (!o.Status.IsOpen() && engineToStream.Remove(o.Id, out int filled) && filled != id) Remove(filled);
            core.Output.Clear();
            return id;
        }
        int next = 0;
        long RestingPrice(byte side) => side == 0 ? mid - 1 - random.Next(halfSpreadTicks) : mid + 1 + random.Next(halfSpreadTicks);

        var setup = new Op[resting];
        for (int i = 0; i < resting; i++)
        {
            byte side = (byte)(i & 1);
            var op = new Op(OpKind.Gtc, next++, 0, side, 1 + random.Next(Accounts), RestingPrice(side), 1 + random.Next(10));
            setup[i] = op;
            Place(op);
        }

        var result = new Op[ops];
        for (int n = 0; n < ops; n++)
        {
            int r = random.Next(100);
            Op op;
            if (live.Count < 2 || r < 9)
            {
                byte side = (byte)random.Next(2);
                // Mostly passive, sometimes marketable by a few ticks (exchange-core's GTC orders also take liquidity).
                long price = random.Next(10) == 0 ? (side == 0 ? mid + random.Next(3) : mid - random.Next(3)) : RestingPrice(side);
                op = new Op(OpKind.Gtc, next++, 0, side, 1 + random.Next(Accounts), price, 1 + random.Next(10));
                Place(op);
            }
            else if (r < 12)
            {
                byte side = (byte)random.Next(2);
                long price = side == 0 ? mid + halfSpreadTicks / 50 + 1 : mid - halfSpreadTicks / 50 - 1;
                op = new Op(OpKind.Ioc, next++, 0, side, 1 + random.Next(Accounts), price, 1 + random.Next(20));
                Place(op);
            }
            else if (r < 18)
            {
                int id = live[random.Next(live.Count)];
                op = new Op(OpKind.Cancel, id, 0, sideOf[id], accountOf[id], 0, 0);
                core.Cancel(accountOf[id], 0, streamToEngine[id], 0);
                core.Output.Clear();
                Remove(id);
            }
            else
            {
                int id = live[random.Next(live.Count)];
                byte side = sideOf[id];
                op = new Op(OpKind.Move, id, next++, side, accountOf[id], RestingPrice(side), 1 + random.Next(10));
                core.Cancel(accountOf[id], 0, streamToEngine[id], 0);
                core.Output.Clear();
                Remove(id);
                Place(op);
            }
            result[n] = op;
        }
        return (setup, result);
    }

    /// <summary>Text form for the node runner: one command per line.</summary>
    public static void Write(string path, Op[] setup, Op[] ops)
    {
        var sb = new StringBuilder();
        void Line(Op o)
        {
            sb.Append(o.Kind switch { OpKind.Gtc => 'G', OpKind.Ioc => 'I', OpKind.Cancel => 'C', _ => 'M' }).Append(' ')
              .Append(o.Id).Append(' ').Append(o.NewId).Append(' ').Append(o.Side).Append(' ')
              .Append(o.Price.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(o.Qty.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        sb.Append("setup ").Append(setup.Length).Append('\n');
        foreach (var o in setup) Line(o);
        sb.Append("ops ").Append(ops.Length).Append('\n');
        foreach (var o in ops) Line(o);
        File.WriteAllText(path, sb.ToString());
    }
}
