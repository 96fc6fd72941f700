# Runs every `tradenode` command the README shows (in its ```sh blocks), with
# the CLI under test in place of build/release/bin/tradenode, from the
# checkout, and fails naming the first that does not exit 0.
# Run: cmake -DSOURCE_DIR=<checkout> -DCLI=<tradenode binary> -P readme_commands.cmake
cmake_minimum_required(VERSION 3.21)
file(STRINGS "${SOURCE_DIR}/README.md" lines)
set(in_sh FALSE)
set(count 0)
foreach(line IN LISTS lines)
  if(line MATCHES "^```sh")
    set(in_sh TRUE)
    continue()
  elseif(line MATCHES "^```")
    set(in_sh FALSE)
    continue()
  endif()
  if(NOT in_sh OR NOT line MATCHES "build/release/bin/tradenode( [^#]*)")
    continue()
  endif()
  string(STRIP "${CMAKE_MATCH_1}" arguments)
  separate_arguments(arguments UNIX_COMMAND "${arguments}")
  message(STATUS "README: tradenode ${arguments}")
  execute_process(COMMAND "${CLI}" ${arguments}
                  WORKING_DIRECTORY "${SOURCE_DIR}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out
                  TIMEOUT 120)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "README command `tradenode ${arguments}` ended with ${result}:\n${out}")
  endif()
  math(EXPR count "${count} + 1")
endforeach()
if(count LESS 4)
  message(FATAL_ERROR "found only ${count} tradenode commands in the README")
endif()
message(STATUS "every one of the README's ${count} tradenode commands exited 0")
