# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Finds libxxhash (Debian's libxxhash-dev ships no CMake config).
find_path(XxHash_INCLUDE_DIR xxhash.h)
find_library(XxHash_LIBRARY NAMES xxhash)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XxHash DEFAULT_MSG XxHash_LIBRARY XxHash_INCLUDE_DIR)
if(XxHash_FOUND AND NOT TARGET XxHash::XxHash)
    add_library(XxHash::XxHash UNKNOWN IMPORTED)
    set_target_properties(XxHash::XxHash PROPERTIES
        IMPORTED_LOCATION "${XxHash_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${XxHash_INCLUDE_DIR}")
endif()
