# Warnings for tradenode's own targets. -Werror only when tradenode is the
# top-level project, so that a newer compiler never breaks an embedder's build.
function(tradenode_set_warnings target)
  set(_warnings
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND _warnings -Wmisleading-indentation -Wduplicated-cond -Wlogical-op)
  endif()
  if(PROJECT_IS_TOP_LEVEL AND TRADENODE_WARNINGS_AS_ERRORS)
    list(APPEND _warnings -Werror)
  endif()
  target_compile_options(${target} PRIVATE ${_warnings})
endfunction()
