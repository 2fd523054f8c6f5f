# SPDX-License-Identifier: MIT
# Install rules, CMake package config and pkg-config files (owned by the
# build/packaging work; see issue "Foundation").
install(DIRECTORY include/libeas DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
