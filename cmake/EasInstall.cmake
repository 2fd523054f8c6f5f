# SPDX-License-Identifier: MIT
# Install rules, CMake package config and pkg-config files.
#
#   include/libeas/*.h                 public headers (EAS_JSON_HEADERS and
#                                      EAS_SIM_HEADERS, see CMakeLists.txt,
#                                      only with their layer)
#   <libdir>/libeas{,-json,-sim}.{a,so}
#   <bindir>/eas                       the command (with json + sim)
#   <libdir>/pkgconfig/libeas{,-json,-sim}.pc   relocatable (${pcfiledir})
#   <libdir>/cmake/libeas/             libeasConfig.cmake, ...ConfigVersion,
#                                      libeasTargets*.cmake (libeas::eas,
#                                      libeas::json, libeas::sim)
include(CMakePackageConfigHelpers)

set(EAS_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/libeas
  CACHE STRING "Where libeasConfig.cmake is installed (relative to prefix)")
set(EAS_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  CACHE STRING "Where the .pc files are installed (relative to prefix)")
mark_as_advanced(EAS_INSTALL_CMAKEDIR EAS_INSTALL_PKGCONFIGDIR)

# Headers: the hosted layers' headers only when those layers are built.
set(_eas_hdr_excludes)
if(NOT TARGET eas_json)
  foreach(_h ${EAS_JSON_HEADERS})
    list(APPEND _eas_hdr_excludes PATTERN ${_h} EXCLUDE)
  endforeach()
endif()
if(NOT TARGET eas_sim)
  foreach(_h ${EAS_SIM_HEADERS})
    list(APPEND _eas_hdr_excludes PATTERN ${_h} EXCLUDE)
  endforeach()
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/libeas
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" ${_eas_hdr_excludes})

set(_eas_targets eas_core)
set(EAS_HAVE_JSON OFF)
set(EAS_HAVE_SIM OFF)
if(TARGET eas_json)
  list(APPEND _eas_targets eas_json)
  set(EAS_HAVE_JSON ON)
endif()
if(TARGET eas_sim)
  list(APPEND _eas_targets eas_sim)
  set(EAS_HAVE_SIM ON)
endif()
install(TARGETS ${_eas_targets} EXPORT libeasTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT libeasTargets NAMESPACE libeas::
  DESTINATION ${EAS_INSTALL_CMAKEDIR})

if(BUILD_SHARED_LIBS)
  set(EAS_STATIC OFF)
else()
  set(EAS_STATIC ON)
endif()
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/libeasConfig.cmake.in
  ${PROJECT_BINARY_DIR}/libeasConfig.cmake
  INSTALL_DESTINATION ${EAS_INSTALL_CMAKEDIR})
# 0.x: every minor release may change the ABI (see version.h).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/libeasConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/libeasConfig.cmake
  ${PROJECT_BINARY_DIR}/libeasConfigVersion.cmake
  DESTINATION ${EAS_INSTALL_CMAKEDIR})

# pkg-config: prefix is found from the .pc file's own location, so the
# installed tree can be moved (DESTDIR, tarballs, Yocto sysroots).
file(RELATIVE_PATH EAS_PC_TO_PREFIX
  ${CMAKE_INSTALL_PREFIX}/${EAS_INSTALL_PKGCONFIGDIR} ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" EAS_PC_TO_PREFIX "${EAS_PC_TO_PREFIX}")
foreach(_d INCLUDEDIR LIBDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_d}}")
    set(EAS_PC_${_d} "${CMAKE_INSTALL_${_d}}")
  else()
    set(EAS_PC_${_d} "\${prefix}/${CMAKE_INSTALL_${_d}}")
  endif()
endforeach()
if(EAS_STATIC)
  set(EAS_PC_CFLAGS_EXTRA " -DEAS_STATIC_DEFINE")
else()
  set(EAS_PC_CFLAGS_EXTRA "")
endif()
set(_eas_pcs libeas)
if(EAS_HAVE_JSON)
  list(APPEND _eas_pcs libeas-json)
endif()
if(EAS_HAVE_SIM)
  list(APPEND _eas_pcs libeas-sim)
endif()
foreach(_pc ${_eas_pcs})
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${_pc}.pc.in
    ${PROJECT_BINARY_DIR}/${_pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${_pc}.pc
    DESTINATION ${EAS_INSTALL_PKGCONFIGDIR})
endforeach()
