#pragma once

// The indicators a strategy can use: each a small class updated with a
// quote (its mid), a trade or a bar (handle) or a plain value (update).
#include "tradenode/strategies/indicators/atr.hpp"
#include "tradenode/strategies/indicators/bollinger_bands.hpp"
#include "tradenode/strategies/indicators/ema.hpp"
#include "tradenode/strategies/indicators/macd.hpp"
#include "tradenode/strategies/indicators/rolling_std.hpp"
#include "tradenode/strategies/indicators/rsi.hpp"
#include "tradenode/strategies/indicators/sma.hpp"
#include "tradenode/strategies/indicators/vwap.hpp"
