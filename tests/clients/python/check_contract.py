"""Checks the contract market the way a new user of a Binance-style client would: through /api/v1/contract/<path>.

Market data (depth, trades, klines, ticker), an order that fills and one that rests (placed, found by its id, listed in
openOrders, cancelled), the position the fill opened and a leverage change. Order ids are 19-digit strings: they are
used exactly as received, so a client that turned them into floats would be caught by the status query.
Usage: check_contract.py [base_url]  (key and secret from JEXSIM_API_KEY / JEXSIM_API_SECRET, default: the README's alice)
"""

import asyncio
import os
import sys
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from jex_async_client import AsyncClient, JexAPIException
from checks import Checks, demo_credentials, on_grid

SYMBOL = "BTCUSDT"


async def main(base_url):
    key, secret = demo_credentials()
    client = await AsyncClient.create(base_url, key, secret)
    check = Checks("contract")
    try:
        info = await client.get_exchange_info()
        spec = next(s for s in info["contractSymbols"] if s["symbol"] == SYMBOL)
        filters = {f["filterType"]: f for f in spec["filters"]}
        tick = Decimal(filters["PRICE_FILTER"]["tickSize"])
        step = Decimal(filters["LOT_SIZE"]["stepSize"])
        min_notional = Decimal(filters.get("MIN_NOTIONAL", {}).get("minNotional", "0"))

        depth = await client._get("contract/depth", symbol=SYMBOL, limit=5)
        check.that("depth has bids and asks", depth["bids"] and depth["asks"], depth)
        best_bid, best_ask = Decimal(depth["bids"][0][0]), Decimal(depth["asks"][0][0])
        check.that("depth is not crossed", best_bid < best_ask, (best_bid, best_ask))

        # An order that fills: the smallest lot worth the minimum notional, at the best ask.
        quantity = max(step, on_grid(min_notional / best_ask * 2, step, ROUND_UP))
        filled = await client._post("contract/order", True, symbol=SYMBOL, side="BUY", type="LIMIT",
                                    quantity=str(quantity), price=str(best_ask), newOrderRespType="RESULT")
        check.that("order id is a 19-digit string", isinstance(filled["orderId"], str) and len(filled["orderId"]) == 19, filled)
        check.equal("crossing order fills", filled["status"], "filled")
        check.equal("executed quantity", Decimal(filled["executedQty"]), quantity)

        trades = await client._get("contract/trades", symbol=SYMBOL)
        check.that("trades list the fill", any(Decimal(t["price"]) == best_ask for t in trades), trades)
        klines = await client._get("contract/klines", symbol=SYMBOL, interval="1m", limit=5)
        check.that("klines have the current candle", klines and Decimal(klines[-1][5]) >= quantity, klines)
        ticker = await client._get("contract/ticker/24hr", symbol=SYMBOL)
        check.equal("24h ticker's last price", Decimal(ticker["lastPrice"]), best_ask)
        check.that("24h ticker's volume", Decimal(ticker["volume"]) >= quantity, ticker)

        # An order that rests well below the book.
        rest_price = on_grid(best_bid * Decimal("0.9"), tick, ROUND_DOWN)
        resting = await client._post("contract/order", True, symbol=SYMBOL, side="BUY", type="LIMIT",
                                     quantity=str(quantity), price=str(rest_price), newOrderRespType="RESULT")
        order_id = resting["orderId"]
        check.equal("resting order is entrusted", resting["status"], "entrusted")
        status = await client._get("contract/order", True, symbol=SYMBOL, orderId=order_id)
        check.equal("order status finds it by its id", (status["orderId"], status["status"]), (order_id, "ENTRUSTED"))
        open_orders = await client._get("contract/openOrders", True, symbol=SYMBOL)
        check.that("openOrders lists it", any(o["orderId"] == order_id for o in open_orders), open_orders)
        cancelled = await client._delete("contract/order", True, symbol=SYMBOL, orderId=order_id)
        check.equal("cancel answers the order, cancelled", (cancelled["orderId"], cancelled["status"]), (order_id, "cancel"))
        status = await client._get("contract/order", True, symbol=SYMBOL, orderId=order_id)
        check.equal("status after cancel", status["status"], "CANCEL")
        open_orders = await client._get("contract/openOrders", True, symbol=SYMBOL)
        check.that("openOrders no longer lists it", all(o["orderId"] != order_id for o in open_orders), open_orders)
        try:
            await client._delete("contract/order", True, symbol=SYMBOL, orderId=order_id)
            check.that("a second cancel is refused", False, "accepted")
        except JexAPIException as e:
            check.that("a second cancel is refused with a JEX code", e.code is not None and e.code < 0, e)

        positions = await client._get("contract/position", True, symbol=SYMBOL)
        position = next((p for p in positions if p["symbol"] == SYMBOL), None)
        check.that("the fill opened a long position", position is not None and position["direction"] == "longs"
                   and Decimal(position["currentQuantity"]) >= quantity, positions)

        await client._post("contract/position/leverage", True, symbol=SYMBOL, leverage=20)
        position = next(p for p in await client._get("contract/position", True, symbol=SYMBOL) if p["symbol"] == SYMBOL)
        check.equal("leverage after position/leverage", position["leverage"], "20.00")
        try:
            await client._post("contract/position/leverage", True, symbol=SYMBOL, leverage=100000)
            check.that("leverage above the maximum is refused", False, "accepted")
        except JexAPIException as e:
            check.that("leverage above the maximum is refused with a JEX code", e.code is not None and e.code < 0, e)
    finally:
        await client.close_connection()
    return check.finish()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("JEXSIM_URL", "http://127.0.0.1:8080"))))
