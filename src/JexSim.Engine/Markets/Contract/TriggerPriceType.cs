namespace JexSim.Engine.Markets.Contract;

/// <summary>The price a stop or take-profit order watches (the API's triggerType).</summary>
public enum TriggerPriceType : byte
{
    LastPrice = 0,
    MarkPrice = 1,
    IndexPrice = 2,
}
