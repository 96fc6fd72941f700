#!/usr/bin/env python3
"""Writes examples/data/BTCUSDT-{quotes,trades}.csv.gz: 60 s of a seeded random
walk in Tardis.dev's CSV formats (timestamps in microseconds), for the replay
example. The files in the repository were made with this script; run it again
to change them."""
import gzip
import random

random.seed(7)
start_us = 1_700_000_000_000_000
mid = 3_700_000  # in cents: 37000.00
quotes = ["exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount"]
trades = ["exchange,symbol,timestamp,local_timestamp,id,side,price,amount"]
t = start_us
trade_id = 1
while t < start_us + 60_000_000:
    t += random.randint(20_000, 80_000)
    mid += random.randint(-3, 3)
    bid, ask = mid - 1, mid + 1
    fmt = lambda cents: f"{cents // 100}.{cents % 100:02d}"
    quotes.append(f"sample,BTCUSDT,{t},{t + 150},{random.randint(1, 40) / 10:.3f},"
                  f"{fmt(ask)},{fmt(bid)},{random.randint(1, 40) / 10:.3f}")
    if random.random() < 0.3:
        buy = random.random() < 0.5
        # A trade through the touch now and then: resting orders fill passively.
        px = ask + random.randint(0, 3) if buy else bid - random.randint(0, 3)
        trades.append(f"sample,BTCUSDT,{t + 1},{t + 151},{trade_id},{'buy' if buy else 'sell'},"
                      f"{fmt(px)},{random.randint(1, 20) / 100:.3f}")
        trade_id += 1
for name, lines in (("quotes", quotes), ("trades", trades)):
    with gzip.open(f"examples/data/BTCUSDT-{name}.csv.gz", "wt") as out:
        out.write("\n".join(lines) + "\n")
    print(f"examples/data/BTCUSDT-{name}.csv.gz: {len(lines) - 1} rows")
