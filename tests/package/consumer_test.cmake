# Installs the tradenode build tree into a scratch prefix, then configures,
# builds and runs tests/package/consumer against it with find_package().
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result
                  OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "step failed (${result}): ${ARGN}\n${output}")
  endif()
  message(STATUS "${output}")
endfunction()

run_step(${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${prefix}")
run_step(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/package/consumer"
         -B "${WORK_DIR}/build" "-DCMAKE_PREFIX_PATH=${prefix}"
         "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
run_step(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run_step("${WORK_DIR}/build/consumer")

# A plugin built against the installed tradenode (examples/plugin, on its own
# as a user builds it), run by the installed CLI with no main of its own.
run_step(${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples/plugin" -B "${WORK_DIR}/plugin"
         "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
run_step(${CMAKE_COMMAND} --build "${WORK_DIR}/plugin")
set(examples "${SOURCE_DIR}/examples")
file(WRITE "${WORK_DIR}/plugin.json" "{
  \"trader_id\": \"TRADER-001\",
  \"plugins\": [\"plugin/libexample_strategies.so\"],
  \"data_clients\": {\"REPLAY\": {\"factory\": \"replay\", \"settings\": {
    \"files\": [\"${examples}/data/BTCUSDT-quotes.csv.gz\"],
    \"instruments_file\": \"${examples}/instruments.json\"}}},
  \"exec_clients\": {\"SIM\": {\"factory\": \"sandbox\",
    \"settings\": {\"balances\": [\"1000000 USDT\", \"10 BTC\"]}}},
  \"strategies\": [{\"type\": \"bollinger_reversion\", \"id\": \"Reversion-001\",
    \"settings\": {\"instrument_id\": \"BTCUSDT.SIM\", \"trade_size\": \"0.010\"}}]
}")
execute_process(COMMAND "${prefix}/bin/tradenode" backtest --config "${WORK_DIR}/plugin.json"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0 OR NOT output MATCHES "plugin example_strategies .* loaded"
   OR NOT output MATCHES "fills")
  message(FATAL_ERROR "the installed CLI did not backtest the plugin (${result}):\n${output}")
endif()
string(REGEX MATCH "Run report: [^\n]*" summary "${output}")
message(STATUS "plugin backtest: ${summary}")
