# Fails when a component reads a clock other than the node's (issue: one
# clock for the whole node). Components read actors/node_clock.hpp; the
# files below are the only exceptions, each for the reason given.
# Run: cmake -DSOURCE_DIR=<checkout> -P clock_check.cmake
cmake_minimum_required(VERSION 3.21)
set(pattern "system_clock|steady_clock|high_resolution_clock|gettimeofday|clock_gettime|time\\(nullptr\\)|std::time\\(|clock\\(\\)\\.now\\(\\)")
# file: why it may read another clock
set(allowed
  "actors/node_clock.cpp"              # the node clock itself: the system clock, the actor clock
  "adapters/replay/replay_client.cpp"  # paces delivery on the actor clock (wall time, speed N)
  "node/run_monitor.cpp"               # status lines count events per second of the actor clock
  "node/cli.cpp"                       # --duration of a command is wall time
  "node/remote/remote_commands.cpp"    # --duration of monitor is wall time
  "node/backtest.cpp"                  # measures the backtest's wall time
)
set(violations "")
foreach(folder messages actors adapters strategies node)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${folder}/*.hpp" "${SOURCE_DIR}/${folder}/*.cpp")
  foreach(file ${files})
    file(RELATIVE_PATH shown "${SOURCE_DIR}" "${file}")
    if(shown IN_LIST allowed)
      continue()
    endif()
    file(STRINGS "${file}" lines REGEX "${pattern}")
    foreach(line ${lines})
      string(STRIP "${line}" line)
      string(APPEND violations "\n  ${shown}: ${line}")
    endforeach()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "A component reads a clock other than the node's "
          "(use actors/node_clock.hpp):${violations}")
endif()
message(STATUS "One clock: no component reads the system or actor clock directly")
