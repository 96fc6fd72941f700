#pragma once

/// The version of tradenode these headers belong to (the CMake project's
/// version; the build checks that they agree). A plugin records the version
/// it was built against, and the node refuses one built against another.
#define TRADENODE_VERSION "0.1.0"
