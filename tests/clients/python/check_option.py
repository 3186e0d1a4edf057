"""Checks the option market the way a new user of a Binance-style client would: through /api/v1/option/<path>.

It discovers the options from GET /api/v1/optionInfo (filters from exchangeInfo's optionSymbols) and picks one that is
trading and has asks on its book. When none has, it issues tokens on an option that can be issued (option/release) and
offers one itself, so there is always an ask to buy. Then: depth, a buy that fills, trades, klines, the 24h ticker, a
bid that rests (placed, found by its id, listed in openOrders, cancelled) and the position the buy left.
Usage: check_option.py [base_url]  (key and secret from JEXSIM_API_KEY / JEXSIM_API_SECRET, default: the README's alice)
"""

import asyncio
import os
import sys
import time
from decimal import Decimal

from jex_async_client import AsyncClient, JexAPIException
from checks import Checks, demo_credentials, on_grid


async def main(base_url):
    key, secret = demo_credentials()
    client = await AsyncClient.create(base_url, key, secret)
    check = Checks("option")
    try:
        now = (await client.get_server_time())["serverTime"]
        options = [o for o in await client._get("optionInfo") if o["status"] == "TRADING" and o["exertionTime"] > now]
        check.that("optionInfo lists a trading option", options, options)
        info = await client.get_exchange_info()
        filters = {s["symbol"]: {f["filterType"]: f for f in s["filters"]} for s in info["optionSymbols"]}

        symbol = None
        for o in options:
            depth = await client._get("option/depth", symbol=o["symbol"], limit=5)
            if depth["asks"]:
                symbol = o["symbol"]
                print(f"  note  option: {symbol} has a ladder; buying from it")
                break
        f = None
        if symbol is None:
            # No ladder anywhere: issue tokens and offer one, so the checks below have an ask to buy.
            issuable = next(o for o in options if o["canRelease"])
            symbol = issuable["symbol"]
            f = filters[symbol]
            lot = Decimal(f["LOT_SIZE"]["minQty"])
            amount = int(on_grid(lot * 2, Decimal(1)))  # release takes whole tokens
            await client._post("option/release", True, symbol=symbol, amount=amount)
            offer = on_grid(max(Decimal(f["PRICE_FILTER"]["minPrice"]) * 100, Decimal(f.get("MIN_NOTIONAL", {}).get("minNotional", "1")) / lot * 10),
                            Decimal(f["PRICE_FILTER"]["tickSize"]))
            await client._post("option/order", True, symbol=symbol, side="SELL", type="LIMIT", quantity=str(lot), price=str(offer))
            print(f"  note  option: no option had a ladder; issued {amount} {symbol} and offered {lot} at {offer}")
        f = filters[symbol]
        tick = Decimal(f["PRICE_FILTER"]["tickSize"])
        lot = Decimal(f["LOT_SIZE"]["minQty"])
        min_notional = Decimal(f.get("MIN_NOTIONAL", {}).get("minNotional", "0"))

        depth = await client._get("option/depth", symbol=symbol, limit=5)
        check.that(f"{symbol} depth has asks", depth["asks"], depth)
        best_ask = Decimal(depth["asks"][0][0])

        bought = await client._post("option/order", True, symbol=symbol, side="BUY", type="LIMIT", quantity=str(lot),
                                    price=str(best_ask), newOrderRespType="RESULT")
        check.equal("a buy at the best ask fills", bought["status"], "FILLED")
        trades = await client._get("option/trades", symbol=symbol)
        check.that("trades list the fill", any(Decimal(t["price"]) == best_ask for t in trades), trades)
        klines = await client._get("option/klines", symbol=symbol, interval="1m", limit=5)
        check.that("klines have the current candle", klines and Decimal(klines[-1][5]) >= lot, klines)
        ticker = await client._get("option/ticker/24hr", symbol=symbol)
        check.equal("24h ticker's last price", Decimal(ticker["lastPrice"]), best_ask)

        # A bid that rests below the book: the lowest price the filters allow for one lot.
        bid_price = on_grid(max(Decimal(f["PRICE_FILTER"]["minPrice"]), min_notional / lot), tick)
        if depth["bids"]:
            check.that("the resting bid is below the best bid", bid_price <= Decimal(depth["bids"][0][0]), (bid_price, depth["bids"][0]))
        resting = await client._post("option/order", True, symbol=symbol, side="BUY", type="LIMIT", quantity=str(lot),
                                     price=str(bid_price), newOrderRespType="RESULT")
        # The spec's examples write this id as a number in POST order's answer and as a string in the queries; a client
        # passes it back as received and compares it as text.
        order_id = str(resting["orderId"])
        check.equal("the bid rests", resting["status"], "NEW")
        status = await client._get("option/order", True, symbol=symbol, orderId=order_id)
        check.equal("order status finds it by its id", (str(status["orderId"]), status["status"]), (order_id, "NEW"))
        open_orders = await client._get("option/openOrders", True, symbol=symbol)
        check.that("openOrders lists it", any(str(o["orderId"]) == order_id for o in open_orders), open_orders)
        cancelled = await client._delete("option/order", True, symbol=symbol, orderId=order_id)
        check.equal("cancel answers the order, cancelled", (str(cancelled["orderId"]), cancelled["status"]), (order_id, "CANCELED"))
        open_orders = await client._get("option/openOrders", True, symbol=symbol)
        check.that("openOrders no longer lists it", all(str(o["orderId"]) != order_id for o in open_orders), open_orders)
        try:
            await client._get("option/order", True, symbol=symbol, orderId=10**15)
            check.that("an unknown order is refused", False, "accepted")
        except JexAPIException as e:
            check.that("an unknown order is refused with a JEX code", e.code is not None and e.code < 0, e)

        positions = await client._get("option/position", True, symbol=symbol)
        position = next((p for p in positions if p["name"] == symbol), None)
        check.that("the position holds the bought token", position is not None and Decimal(position["amount"]) > 0, positions)
    finally:
        await client.close_connection()
    return check.finish()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("JEXSIM_URL", "http://127.0.0.1:8080"))))
