# Fails when a file includes a folder above its own in the layering
# messages < actors < adapters, strategies < node (DESIGN.md section 2):
# each folder may include only the folders listed for it below.
# Run: cmake -DSOURCE_DIR=<checkout> -P layering_check.cmake
cmake_minimum_required(VERSION 3.21)
set(allowed_messages "messages")
set(allowed_actors "messages;actors")
set(allowed_adapters "messages;actors;adapters")
set(allowed_strategies "messages;actors;strategies")
set(layers messages actors adapters strategies node)

set(violations "")
foreach(folder messages actors adapters strategies)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${folder}/*.hpp" "${SOURCE_DIR}/${folder}/*.cpp")
  foreach(file ${files})
    file(STRINGS "${file}" lines REGEX "#include \"tradenode/[a-z_]+/")
    foreach(line ${lines})
      string(REGEX MATCH "tradenode/([a-z_]+)/" _ "${line}")
      set(target "${CMAKE_MATCH_1}")
      if(target IN_LIST layers AND NOT target IN_LIST allowed_${folder})
        file(RELATIVE_PATH shown "${SOURCE_DIR}" "${file}")
        string(STRIP "${line}" line)
        string(APPEND violations "\n  ${shown}: ${line} (${folder}/ may include only: "
               "${allowed_${folder}})")
      endif()
    endforeach()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "Layering broken:${violations}")
endif()
message(STATUS "Layering kept: messages < actors < adapters, strategies < node")
