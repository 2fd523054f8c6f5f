# SPDX-License-Identifier: MIT
# eas_warnings(target): the project's warning set, PRIVATE to the target.
# The flags live in cmake/warnings.sh (shared with the build checks and
# cmake/cross-build.sh); eas_read_warnings() reads them.

# eas_read_warnings(<file> <common-var> <core-var>): the two flag lists.
function(eas_read_warnings file common_var core_var)
  file(READ ${file} _w)
  string(REGEX MATCH "\nEAS_WARNINGS=\"([^\"]*)\"" _m "${_w}")
  separate_arguments(_common UNIX_COMMAND "${CMAKE_MATCH_1}")
  string(REGEX MATCH "\nEAS_CORE_WARNINGS=\"([^\"]*)\"" _m "${_w}")
  separate_arguments(_core UNIX_COMMAND "${CMAKE_MATCH_1}")
  if(NOT _common OR NOT _core)
    message(FATAL_ERROR "cmake/warnings.sh: EAS_WARNINGS / EAS_CORE_WARNINGS not found")
  endif()
  set(${common_var} ${_common} PARENT_SCOPE)
  set(${core_var} ${_core} PARENT_SCOPE)
endfunction()

# EAS_WARNING_FLAGS: every target; EAS_CORE_WARNING_FLAGS: added for the
# core. (Also usable from cmake -P scripts that include this file.)
eas_read_warnings(${CMAKE_CURRENT_LIST_DIR}/warnings.sh
  EAS_WARNING_FLAGS EAS_CORE_WARNING_FLAGS)

function(eas_warnings tgt)
  target_compile_options(${tgt} PRIVATE ${EAS_WARNING_FLAGS})
  if(EAS_WERROR)
    target_compile_options(${tgt} PRIVATE -Werror)
  endif()
endfunction()
