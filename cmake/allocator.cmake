# TRADENODE_ALLOCATOR: the malloc the executables we ship link (the tradenode
# CLI, the bench): "system" (glibc's), "mimalloc" or "jemalloc". Actors free
# on one thread what another allocated all the time; glibc's arenas take a
# lock for that, the other two do not (docs/performance.md#allocator). The
# library never picks one: a program that embeds the node keeps its own.
# Under the sanitizers it is always "system": they bring their own malloc.
set(TRADENODE_ALLOCATOR "system" CACHE STRING
    "malloc of the tradenode CLI and the bench: system, mimalloc or jemalloc")
set_property(CACHE TRADENODE_ALLOCATOR PROPERTY STRINGS system mimalloc jemalloc)

if(TRADENODE_SANITIZERS AND NOT TRADENODE_ALLOCATOR STREQUAL "system")
  message(STATUS "tradenode: TRADENODE_ALLOCATOR=${TRADENODE_ALLOCATOR} ignored under the sanitizers")
  set(TRADENODE_ALLOCATOR "system")
endif()

if(TRADENODE_ALLOCATOR STREQUAL "mimalloc")
  # Linking the shared library replaces malloc and free for the whole process.
  find_package(mimalloc 2.0 REQUIRED)
  set(TRADENODE_ALLOCATOR_LIBRARY mimalloc)
elseif(TRADENODE_ALLOCATOR STREQUAL "jemalloc")
  find_library(TRADENODE_JEMALLOC_LIBRARY jemalloc REQUIRED)
  set(TRADENODE_ALLOCATOR_LIBRARY "${TRADENODE_JEMALLOC_LIBRARY}")
elseif(NOT TRADENODE_ALLOCATOR STREQUAL "system")
  message(FATAL_ERROR "TRADENODE_ALLOCATOR must be system, mimalloc or jemalloc, "
                      "not \"${TRADENODE_ALLOCATOR}\"")
endif()

# Links the chosen allocator into executable `target` (nothing for "system").
function(tradenode_link_allocator target)
  if(TRADENODE_ALLOCATOR_LIBRARY)
    target_link_libraries(${target} PRIVATE ${TRADENODE_ALLOCATOR_LIBRARY})
  endif()
endfunction()
