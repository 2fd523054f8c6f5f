# SPDX-License-Identifier: MIT
# Cross-build the freestanding core (libeas.a only) for Cortex-M4:
#   cmake -S . -B build-m4 \
#     -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-none-eabi-cortex-m4.cmake
#   cmake --build build-m4 && cmake --install build-m4 --prefix <sysroot>
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_AR arm-none-eabi-ar CACHE FILEPATH "")
set(CMAKE_RANLIB arm-none-eabi-ranlib CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_RELEASE_INIT "-Os")
set(CMAKE_C_FLAGS_RELWITHDEBINFO_INIT "-Os -g")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Only the core exists for a bare-metal target.
set(EAS_WITH_JSON OFF CACHE BOOL "")
set(EAS_WITH_SIM OFF CACHE BOOL "")
set(EAS_BUILD_TESTS OFF CACHE BOOL "")
set(EAS_BUILD_BENCH OFF CACHE BOOL "")
set(EAS_BUILD_EXAMPLES OFF CACHE BOOL "")
