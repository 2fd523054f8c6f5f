# SPDX-License-Identifier: MIT
# Cross-build the freestanding core (libeas.a only) for RV32IMAC (ilp32):
#   cmake -S . -B build-rv32 \
#     -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv32-unknown-elf.cmake
#   cmake --build build-rv32 && cmake --install build-rv32 --prefix <sysroot>
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_AR riscv64-unknown-elf-ar CACHE FILEPATH "")
set(CMAKE_RANLIB riscv64-unknown-elf-ranlib CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-march=rv32imac -mabi=ilp32 -ffunction-sections -fdata-sections")
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
