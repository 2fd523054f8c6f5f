# SPDX-License-Identifier: MIT
# install_consumer: install this build into a temporary prefix, move it,
# and build tests/install/consumer.c against it with find_package(libeas)
# and with pkg-config (see tests/install/run.cmake). Label "install".
set(_eas_san "")
if(EAS_SANITIZE)
  string(REPLACE ";" "," _eas_san "${EAS_SANITIZE}")
endif()
add_test(NAME install_consumer COMMAND ${CMAKE_COMMAND}
  -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSRC=${PROJECT_SOURCE_DIR}
  -DOUT=${CMAKE_CURRENT_BINARY_DIR}/install-test
  -DCC=${CMAKE_C_COMPILER} "-DGENERATOR=${CMAKE_GENERATOR}"
  -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
  -DCONFIG=$<CONFIG> -DLIBDIR=${CMAKE_INSTALL_LIBDIR}
  -DVERSION=${PROJECT_VERSION} -DPKG_CONFIG=${PKG_CONFIG_EXECUTABLE}
  -DNM=${CMAKE_NM} -DSANITIZE=${_eas_san}
  -P ${CMAKE_CURRENT_SOURCE_DIR}/install/run.cmake)
set_tests_properties(install_consumer PROPERTIES LABELS install TIMEOUT 300)
