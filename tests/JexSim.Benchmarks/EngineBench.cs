using System.Diagnostics;
using JexSim.Engine;
using JexSim.Engine.Matching;

namespace JexSim.Benchmarks;

public sealed record LatencyStats(long Ops, double Seconds, double P50Us, double P99Us, double P999Us, double BytesPerOp)
{
    public double OpsPerSecond => Ops / Seconds;

    public static LatencyStats From(long[] ticks, int count, double seconds, double bytesPerOp)
    {
        Array.Sort(ticks, 0, count);
        double us(double q) => ticks[Math.Min(count - 1, (int)(q * count))] * 1_000_000.0 / Stopwatch.Frequency;
        return new LatencyStats(count, seconds, us(0.50), us(0.99), us(0.999), bytesPerOp);
    }
}

/// <summary>Replays a command stream on a fresh JexSim engine, one command at a time, as the sequencer would.</summary>
public sealed class EngineRunner
{
    private readonly ExchangeCore _core = CommandStream.NewEngine();
    private long[] _ids;

    /// <param name="streamIds">How many stream ids the run will name (sized up front: no resizing while measuring).</param>
    public EngineRunner(int streamIds) => _ids = new long[Math.Max(1, streamIds)];

    public ExchangeCore Core => _core;

    public void Apply(in Op op)
    {
        switch (op.Kind)
        {
            case OpKind.Gtc:
            case OpKind.Ioc:
                Place(op, op.Id);
                break;
            case OpKind.Cancel:
                _core.Apply(EngineCommand.Cancel(op.Account, 0, _ids[op.Id]), 0);
                break;
            default:
                _core.Apply(EngineCommand.Cancel(op.Account, 0, _ids[op.Id]), 0);
                Place(op, op.NewId);
                break;
        }
        _core.Output.Clear();
    }

    private void Place(in Op op, int streamId)
    {
        var r = _core.Apply(EngineCommand.Place(new PlaceOrder(op.Account, 0, (Side)op.Side, OrderType.Limit, op.Kind == OpKind.Ioc ? TimeInForce.Ioc : TimeInForce.Gtc,
            op.Price * CommandStream.TickScaled, op.Qty * CommandStream.LotScaled)), 0);
        if (streamId >= _ids.Length) Array.Resize(ref _ids, Math.Max(streamId + 1, _ids.Length * 2));
        _ids[streamId] = r.Order.Id;
    }

    public void Setup(Op[] setup)
    {
        foreach (var op in setup) Apply(op);
    }

    /// <summary>Runs <paramref name="ops"/> timing each one; allocation is measured over the whole run on this thread.</summary>
    public LatencyStats Measure(Op[] ops)
    {
        var ticks = new long[ops.Length];
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < ops.Length; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Apply(ops[i]);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)ops.Length;
        return LatencyStats.From(ticks, ops.Length, seconds, bytes);
    }

    /// <summary>Throughput without per-op timestamps (the timer itself costs ~20-40 ns per op).</summary>
    public double Throughput(Op[] ops)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < ops.Length; i++) Apply(ops[i]);
        return ops.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
