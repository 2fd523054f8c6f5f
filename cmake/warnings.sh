# SPDX-License-Identifier: MIT
# The project's warning flags: the one list that cmake/EasWarnings.cmake,
# the build checks (tests/buildcheck/*.cmake) and cmake/cross-build.sh all
# read, so they cannot drift apart. Shell syntax (cross-build.sh sources
# it); CMake parses the two assignments.
EAS_WARNINGS="-Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes -Wshadow -Wvla -Wdouble-promotion -Wformat=2 -Wundef"
# Added for the freestanding core (lib/core), where conversions bite.
EAS_CORE_WARNINGS="-Wconversion -Wsign-conversion"
