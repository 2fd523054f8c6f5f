# SPDX-License-Identifier: MIT
# Freestanding proof and build hygiene (label "buildcheck"). Each check
# re-globs the tree when it runs, so new lib/core/*.c and include/libeas/*.h
# are covered without editing this file.
#
#   buildcheck_core_symbols   the built core archive: undefined symbols only
#                             mem*; no writable data (registered only in
#                             static, unsanitized builds: a shared or
#                             sanitized archive is not the firmware one, and
#                             buildcheck_freestanding covers those builds)
#   buildcheck_freestanding   lib/core/*.c with -ffreestanding -nostdlib
#                             -mgeneral-regs-only (x86-64/arm64 gcc), only
#                             freestanding headers, linked alone, then the
#                             same symbol check
#   buildcheck_freestanding_clang  the same with clang (if installed)
#   buildcheck_headers        every public header compiles alone (C11 gcc,
#                             clang if present, C++11 if g++ present); the
#                             umbrella libeas/libeas.h includes every core
#                             header and no hosted one
#   buildcheck_shared_exports a shared core (and in shared builds json and
#                             sim) exports only eas_* symbols and its SONAME
#                             is lib<name>.so.<EAS_SOVERSION> (0.x: 0.<minor>)
#   buildcheck_no_machine_paths no absolute path of a developer machine
#   buildcheck_cross          cmake/cross-build.sh: Cortex-M4 and RV32
#                             archives, size and stack tables (registered
#                             when a cross compiler is installed)
set(_bc ${CMAKE_CURRENT_SOURCE_DIR}/buildcheck)
set(_bc_out ${CMAKE_CURRENT_BINARY_DIR}/buildcheck)
find_program(EAS_OBJDUMP NAMES ${CMAKE_OBJDUMP} objdump)
mark_as_advanced(EAS_OBJDUMP)

get_target_property(_core_type eas_core TYPE)
if(_core_type STREQUAL "STATIC_LIBRARY" AND NOT EAS_SANITIZE)
  add_test(NAME buildcheck_core_symbols COMMAND ${CMAKE_COMMAND}
    -DARCHIVE=$<TARGET_FILE:eas_core> -DNM=${CMAKE_NM}
    -DOBJDUMP=${EAS_OBJDUMP}
    # Some distributions enable -fstack-protector by default; that is
    # hardening of the hosted build, not a dependency of the core.
    "-DEXTRA_ALLOWED=__stack_chk_fail\;__stack_chk_guard"
    -P ${_bc}/check_symbols.cmake)
endif()

set(_gro OFF)
if(CMAKE_C_COMPILER_ID STREQUAL "GNU"
    AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|aarch64|arm64)$")
  set(_gro ON)
endif()
add_test(NAME buildcheck_freestanding COMMAND ${CMAKE_COMMAND}
  -DCC=${CMAKE_C_COMPILER} -DSRC=${PROJECT_SOURCE_DIR}
  -DOUT=${_bc_out}/freestanding -DNM=${CMAKE_NM} -DOBJDUMP=${EAS_OBJDUMP}
  -DAR=${CMAKE_AR} -DGENERAL_REGS_ONLY=${_gro}
  -P ${_bc}/freestanding.cmake)

find_program(EAS_CXX_FOR_CHECK NAMES g++ c++ clang++)
find_program(EAS_CLANG_FOR_CHECK NAMES clang)
mark_as_advanced(EAS_CXX_FOR_CHECK EAS_CLANG_FOR_CHECK)

# The same with clang when the build uses another compiler (firmware is
# often built with LLVM). clang does not reject floating point under
# -mgeneral-regs-only on x86-64, so that part stays gcc's.
if(EAS_CLANG_FOR_CHECK AND NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  add_test(NAME buildcheck_freestanding_clang COMMAND ${CMAKE_COMMAND}
    -DCC=${EAS_CLANG_FOR_CHECK} -DSRC=${PROJECT_SOURCE_DIR}
    -DOUT=${_bc_out}/freestanding-clang -DNM=${CMAKE_NM}
    -DOBJDUMP=${EAS_OBJDUMP} -DAR=${CMAKE_AR} -DGENERAL_REGS_ONLY=OFF
    -P ${_bc}/freestanding.cmake)
endif()
set(_hc_args -DCC=${CMAKE_C_COMPILER})
if(EAS_CXX_FOR_CHECK)
  list(APPEND _hc_args -DCXX=${EAS_CXX_FOR_CHECK})
endif()
if(EAS_CLANG_FOR_CHECK AND NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  list(APPEND _hc_args -DCLANG=${EAS_CLANG_FOR_CHECK})
endif()
string(REPLACE ";" "|" _hosted_hdrs "${EAS_JSON_HEADERS};${EAS_SIM_HEADERS}")
add_test(NAME buildcheck_headers COMMAND ${CMAKE_COMMAND} ${_hc_args}
  -DSRC=${PROJECT_SOURCE_DIR} -DOUT=${_bc_out}/headers
  "-DHOSTED_HEADERS=${_hosted_hdrs}"
  -P ${_bc}/headers.cmake)

if(NOT EAS_SANITIZE)
  if(BUILD_SHARED_LIBS)
    set(_so $<TARGET_FILE:eas_core>)
    if(TARGET eas_json)
      list(APPEND _so $<TARGET_FILE:eas_json>)
    endif()
    if(TARGET eas_sim)
      list(APPEND _so $<TARGET_FILE:eas_sim>)
    endif()
  else()
    # A shared twin of the static core, built only for this check.
    file(GLOB _core_src CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/lib/core/*.c)
    add_library(eas_core_shared_check SHARED ${_core_src})
    target_include_directories(eas_core_shared_check PRIVATE
      ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/lib/core)
    target_compile_options(eas_core_shared_check PRIVATE
      -ffreestanding -fno-builtin ${EAS_CORE_WARNING_FLAGS})
    eas_warnings(eas_core_shared_check)
    set_target_properties(eas_core_shared_check PROPERTIES
      OUTPUT_NAME eas-shared-check
      VERSION ${PROJECT_VERSION} SOVERSION ${EAS_SOVERSION}
      LIBRARY_OUTPUT_DIRECTORY ${_bc_out})
    set(_so $<TARGET_FILE:eas_core_shared_check>)
  endif()
  string(REPLACE ";" "|" _so "${_so}")
  add_test(NAME buildcheck_shared_exports COMMAND ${CMAKE_COMMAND}
    "-DLIBS=${_so}" -DNM=${CMAKE_NM} -DOBJDUMP=${EAS_OBJDUMP}
    -DSOVERSION=${EAS_SOVERSION} -P ${_bc}/shared_exports.cmake)
endif()

# Registered only where a cross compiler is installed (EAS_ARM_GCC,
# EAS_RISCV_GCC: the top-level CMakeLists.txt), so that it never reports a
# skip as a pass.
if(EAS_ARM_GCC OR EAS_RISCV_GCC)
  add_test(NAME buildcheck_cross COMMAND bash
    ${PROJECT_SOURCE_DIR}/cmake/cross-build.sh --out ${_bc_out}/cross)
endif()

set(_bc_tests buildcheck_freestanding buildcheck_headers)
foreach(t buildcheck_core_symbols buildcheck_shared_exports
    buildcheck_freestanding_clang buildcheck_cross)
  if(TEST ${t})
    list(APPEND _bc_tests ${t})
  endif()
endforeach()
set_tests_properties(${_bc_tests} PROPERTIES LABELS buildcheck TIMEOUT 300)

# Sanitizer builds: UBSan findings must be fatal.
if(EAS_SANITIZE MATCHES "undefined")
  add_executable(buildcheck_ubsan_fatal ${_bc}/ubsan_fatal.c)
  eas_warnings(buildcheck_ubsan_fatal)
  add_test(NAME buildcheck_ubsan_fatal COMMAND ${CMAKE_COMMAND}
    -DPROG=$<TARGET_FILE:buildcheck_ubsan_fatal>
    "-DPATTERN=runtime error: signed integer overflow"
    -P ${_bc}/expect_fatal.cmake)
  set_tests_properties(buildcheck_ubsan_fatal PROPERTIES LABELS buildcheck)
endif()

# Every EAS_API function of a public header is defined by its layer.
string(REPLACE ";" "|" _jh "${EAS_JSON_HEADERS}")
string(REPLACE ";" "|" _sh "${EAS_SIM_HEADERS}")
set(_api_args -DCORE_LIB=$<TARGET_FILE:eas_core>)
if(TARGET eas_json)
  list(APPEND _api_args -DJSON_LIB=$<TARGET_FILE:eas_json>)
endif()
if(TARGET eas_sim)
  list(APPEND _api_args -DSIM_LIB=$<TARGET_FILE:eas_sim>)
endif()
add_test(NAME buildcheck_api_defined COMMAND ${CMAKE_COMMAND}
  -DSRC=${PROJECT_SOURCE_DIR} -DNM=${CMAKE_NM} ${_api_args}
  "-DJSON_HEADERS=${_jh}" "-DSIM_HEADERS=${_sh}"
  -P ${_bc}/api_defined.cmake)
set_tests_properties(buildcheck_api_defined PROPERTIES LABELS buildcheck)

add_test(NAME buildcheck_no_machine_paths COMMAND ${CMAKE_COMMAND}
  -DSRC=${PROJECT_SOURCE_DIR} -P ${_bc}/no_machine_paths.cmake)
set_tests_properties(buildcheck_no_machine_paths PROPERTIES LABELS buildcheck)
