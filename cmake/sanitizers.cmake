# TRADENODE_SANITIZERS: a comma-separated list handed to -fsanitize=, e.g.
# "address,undefined". Applies to every target defined after this file.
set(TRADENODE_SANITIZERS "" CACHE STRING
    "Comma-separated sanitizers to build with (e.g. address,undefined)")
if(TRADENODE_SANITIZERS)
  add_compile_options(-fsanitize=${TRADENODE_SANITIZERS} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${TRADENODE_SANITIZERS})
endif()
