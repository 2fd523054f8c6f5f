# SPDX-License-Identifier: MIT
# The install test (tests/install.cmake registers it as install_consumer):
#  1. cmake --install the build tree into a staging prefix, then MOVE the
#     prefix elsewhere (so only relocatable packaging passes);
#  2. check the installed layout;
#  3. build tests/install as an outside project with find_package(libeas)
#     and run it;
#  4. compile consumer.c with `pkg-config --cflags --libs libeas` and run it;
#     validate every .pc file and its version;
#  5. build a policy plugin with pkg-config, linked and unlinked, and run
#     it with the installed eas.
# Inputs: BUILD_DIR SRC OUT CC GENERATOR CONFIG LIBDIR VERSION PKG_CONFIG
#         [SANITIZE=address,undefined] [MAKE_PROGRAM]
cmake_minimum_required(VERSION 3.16)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " c "${ARGV}")
    message(FATAL_ERROR "failed (${rc}): ${c}\n${out}\n${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(stage ${OUT}/stage)
set(prefix ${OUT}/moved-prefix)

# 1. install, then relocate
set(cfg)
if(CONFIG)
  set(cfg --config ${CONFIG})
endif()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${stage} ${cfg})
file(RENAME ${stage} ${prefix})
message(STATUS "installed to ${stage}, moved to ${prefix}")

# 2. layout
set(libdir ${prefix}/${LIBDIR})
foreach(f include/libeas/common.h include/libeas/platform.h
    include/libeas/em.h ${LIBDIR}/pkgconfig/libeas.pc
    ${LIBDIR}/cmake/libeas/libeasConfig.cmake
    ${LIBDIR}/cmake/libeas/libeasConfigVersion.cmake)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB corelib ${libdir}/libeas.a ${libdir}/libeas.so)
if(NOT corelib)
  message(FATAL_ERROR "libeas.a / libeas.so not installed in ${libdir}")
endif()
list(GET corelib 0 corelib)
file(GLOB jsonlib ${libdir}/libeas-json.a ${libdir}/libeas-json.so)

# What the installed libraries define decides how much the consumer tries
# (the core is being written while this test exists).
function(defines lib sym var)
  set(${var} OFF PARENT_SCOPE)
  if(lib)
    execute_process(COMMAND ${NM} --defined-only ${lib} OUTPUT_VARIABLE o
      ERROR_QUIET)
    if(NOT ${NM} STREQUAL "" AND o MATCHES " T ${sym}\n")
      set(${var} ON PARENT_SCOPE)
    endif()
  endif()
endfunction()
set(full ON)
foreach(s eas_platform_size eas_platform_build eas_em_cpu_energy eas_em_pd_energy
    eas_select_task_rq_fair)
  defines("${corelib}" ${s} have)
  if(NOT have)
    set(full OFF)
    message(STATUS "NOTE: installed core lacks ${s}: consumer checks the version/error API only")
  endif()
endforeach()
defines("${jsonlib}" eas_json_platform_load have_json)
set(defs)
set(pcdefs)
if(NOT full)
  set(defs -DEAS_CONSUMER_CORE_ONLY=ON)
  set(pcdefs -DEAS_CONSUMER_CORE_ONLY)
endif()
if(have_json)
  list(APPEND defs -DEAS_CONSUMER_JSON=ON)
endif()

set(san_c)
set(san_flags)
if(SANITIZE)
  set(san_c "-fsanitize=${SANITIZE}")
  set(san_flags "-DCMAKE_C_FLAGS=${san_c}" "-DCMAKE_EXE_LINKER_FLAGS=${san_c}")
endif()

# The installed command runs from the moved prefix (shared builds: RPATH
# $ORIGIN-relative) and reports the version of version.h.
if(EXISTS ${prefix}/bin/eas)
  run(${prefix}/bin/eas --version)
  if(NOT run_out MATCHES "${VERSION}")
    message(FATAL_ERROR "installed eas --version says '${run_out}', expected ${VERSION}")
  endif()
  string(STRIP "${run_out}" v)
  message(STATUS "installed bin/eas --version: ${v}")
endif()

# 3. find_package(libeas)
set(mk)
if(MAKE_PROGRAM)
  set(mk -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
run(${CMAKE_COMMAND} -S ${SRC}/tests/install -B ${OUT}/cmake-build
  -G ${GENERATOR} ${mk} -DCMAKE_C_COMPILER=${CC} -DCMAKE_BUILD_TYPE=Release
  -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  -DLIBEAS_VERSION=${VERSION}
  ${san_flags} ${defs})
run(${CMAKE_COMMAND} --build ${OUT}/cmake-build)
run(${OUT}/cmake-build/consumer)
message(STATUS "find_package(libeas): ${run_out}")
if(have_json)
  run(${OUT}/cmake-build/consumer_json)
  message(STATUS "find_package(libeas COMPONENTS json): ${run_out}")
endif()

# 4. pkg-config
set(env ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${libdir}/pkgconfig)
file(GLOB pcs ${libdir}/pkgconfig/*.pc)
foreach(pc ${pcs})
  get_filename_component(m ${pc} NAME_WE)
  run(${env} ${PKG_CONFIG} --validate ${m})
  run(${env} ${PKG_CONFIG} --modversion ${m})
  string(STRIP "${run_out}" v)
  if(NOT v STREQUAL VERSION)
    message(FATAL_ERROR "${m}.pc says version ${v}, expected ${VERSION}")
  endif()
endforeach()
run(${env} ${PKG_CONFIG} --cflags libeas)
string(STRIP "${run_out}" cflags)
run(${env} ${PKG_CONFIG} --libs libeas)
string(STRIP "${run_out}" libs)
if(NOT cflags MATCHES "moved-prefix")
  message(FATAL_ERROR "libeas.pc is not relocatable: --cflags gives '${cflags}'")
endif()
separate_arguments(cflags UNIX_COMMAND "${cflags}")
separate_arguments(libs UNIX_COMMAND "${libs}")
run(${CC} -std=c11 ${san_c} ${cflags} ${pcdefs} ${SRC}/tests/install/consumer.c
  ${libs} -o ${OUT}/consumer-pkgconfig)
if(corelib MATCHES "\\.so$")
  set(runenv ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${libdir})
else()
  set(runenv)
endif()
run(${runenv} ${OUT}/consumer-pkgconfig)
message(STATUS "pkg-config libeas: ${run_out}")
if(have_json)
  # Static archives need --static (json-c is Requires.private).
  run(${env} ${PKG_CONFIG} --static --cflags --libs libeas-json)
  string(STRIP "${run_out}" jl)
  separate_arguments(jl UNIX_COMMAND "${jl}")
  run(${CC} -std=c11 ${san_c} ${SRC}/tests/install/consumer_json.c ${jl}
    -o ${OUT}/consumer-json-pkgconfig)
  run(${runenv} ${OUT}/consumer-json-pkgconfig)
  message(STATUS "pkg-config --static libeas-json: ${run_out}")
endif()
# 5. A placement-policy plugin (docs/policy.md) built with pkg-config both
#    ways, linked against libeas and left to resolve libeas from the
#    installed eas, reproduces the built-in eas run byte for byte.
if(EXISTS ${prefix}/bin/eas)
  run(${runenv} ${prefix}/bin/eas simulate --json)
  set(eas_json "${run_out}")
  foreach(how linked unlinked)
    set(l ${libs})
    if(how STREQUAL "unlinked")
      set(l)
    endif()
    run(${CC} -std=c11 -shared -fPIC ${san_c} ${cflags}
      ${SRC}/tests/policy/wrap.c ${l} -o ${OUT}/wrap_${how}.so)
    run(${runenv} ${prefix}/bin/eas simulate --json
      --policy ${OUT}/wrap_${how}.so)
    if(NOT run_out STREQUAL eas_json)
      message(FATAL_ERROR "the ${how} wrapper plugin's run differs from eas's")
    endif()
    message(STATUS "pkg-config plugin (${how}): same --json as eas")
  endforeach()
endif()
message(STATUS "install test passed")
