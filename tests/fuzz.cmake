# SPDX-License-Identifier: MIT
# Fuzz targets (see tests/fuzz/README.md): every tests/fuzz/fuzz_<t>.c
#  - always: <name>_regress = target + regression_driver.c, and a ctest entry
#    <name> replaying tests/fuzz/corpus/<t>/ (label "fuzz");
#  - with -DEAS_BUILD_FUZZERS=ON and clang: a libFuzzer binary <name> built
#    with -fsanitize=fuzzer,address,undefined over instrumented copies of
#    the library sources.
set(_fz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
file(GLOB EAS_FUZZ_TARGETS CONFIGURE_DEPENDS ${_fz_dir}/fuzz_*.c)
set(_fz_incs ${_fz_dir} ${PROJECT_SOURCE_DIR}/include
  ${PROJECT_SOURCE_DIR}/lib/core ${PROJECT_SOURCE_DIR}/lib/json
  ${PROJECT_SOURCE_DIR}/lib/hosted ${PROJECT_SOURCE_DIR}/lib/sim)
set(_fz_libs)
foreach(_l eas_sim eas_json eas_core)
  if(TARGET ${_l})
    list(APPEND _fz_libs ${_l})
  endif()
endforeach()
if(TARGET PkgConfig::JSONC)
  list(APPEND _fz_libs PkgConfig::JSONC)
endif()

# Targets that exercise the eas command's own code link those tools/*.c
# (tools/ is on their include path): _fz_extra_<name>.
set(_fz_extra_fuzz_debugfs ${PROJECT_SOURCE_DIR}/tools/cmd_import_debugfs.c
  ${PROJECT_SOURCE_DIR}/tools/cli_util.c)

foreach(src ${EAS_FUZZ_TARGETS})
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" corpus ${name})
  add_executable(${name}_regress ${src} ${_fz_dir}/regression_driver.c
    ${_fz_extra_${name}})
  target_include_directories(${name}_regress PRIVATE ${_fz_incs}
    ${PROJECT_SOURCE_DIR}/tools)
  target_link_libraries(${name}_regress PRIVATE ${_fz_libs} m)
  eas_warnings(${name}_regress)
  add_test(NAME ${name} COMMAND ${name}_regress ${_fz_dir}/corpus/${corpus})
  set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT 600)
endforeach()

if(EAS_BUILD_FUZZERS)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "EAS_BUILD_FUZZERS needs clang (CC=clang)")
  endif()
  file(GLOB _fz_lib_sources CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/lib/core/*.c ${PROJECT_SOURCE_DIR}/lib/json/*.c
    ${PROJECT_SOURCE_DIR}/lib/hosted/*.c ${PROJECT_SOURCE_DIR}/lib/sim/*.c)
  set(_fz_flags -fsanitize=fuzzer-no-link,address,undefined
    -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_library(eas_fuzz_objs OBJECT ${_fz_lib_sources})
  target_include_directories(eas_fuzz_objs PRIVATE ${_fz_incs})
  target_compile_definitions(eas_fuzz_objs PRIVATE EAS_STATIC_DEFINE)
  target_compile_options(eas_fuzz_objs PRIVATE ${_fz_flags})
  if(TARGET PkgConfig::JSONC)
    target_link_libraries(eas_fuzz_objs PRIVATE PkgConfig::JSONC)
  endif()
  foreach(src ${EAS_FUZZ_TARGETS})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src} ${_fz_extra_${name}}
      $<TARGET_OBJECTS:eas_fuzz_objs>)
    target_include_directories(${name} PRIVATE ${_fz_incs}
      ${PROJECT_SOURCE_DIR}/tools)
    target_compile_definitions(${name} PRIVATE EAS_STATIC_DEFINE)
    target_compile_options(${name} PRIVATE
      -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    if(TARGET PkgConfig::JSONC)
      target_link_libraries(${name} PRIVATE PkgConfig::JSONC m)
    endif()
  endforeach()
endif()
